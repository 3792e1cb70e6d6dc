"""Load benchmark: simulated people talking to the real servers over HTTP, beside a minimal
Rasa assistant under the same load, so that the cost of our pipeline is visible.

    make load                                      # 20 people, 2 s think time, about 8 minutes
    .venv/bin/python benchmarks/load.py --quick    # shorter loads, about 5 minutes
    .venv/bin/python benchmarks/load.py --help     # people, think time, lengths, no minimal

Each person holds whole conversations to the assessment (a custom payload of type
"assessment"), in Dutch or English, typing some answers and pressing buttons for others,
with a think time between messages; then a new person takes their place. Two loads run
against each assistant: that one (paced), and the same people without think time
(saturation: the most messages per second). Printed per load: messages/s, latency per
message (p50/p95/p99), errors, conversations that reached their assessment, peak memory
(RSS, with children) and CPU time per message of each server, and how much CPU other
processes took meanwhile (this machine is shared, so figures move with it).
Targets (issue 6, 2 cores): paced p95 under 300 ms without errors; saturation at least
0.7x the minimal assistant's messages/s.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot.serve import BIN, free_port, servers, stop, wait_for  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024

# What people type. A question without a typed answer here is answered by a button.
OPENINGS = {
    "en": ["hello", "hi, I need some help please", "I'm 17, from Eritrea, I ran away last month",
           "Hello, I am from Nigeria and I left two months ago", "good morning, I have a few questions"],
    "nl": ["hallo", "hoi, ik heb hulp nodig", "ik kom uit Roemenië", "Ik ben 24 en kom uit Nigeria",
           "goedemorgen, ik heb een paar vragen"],
}
TYPED = {
    "en": {"in_danger": ["no", "no, I'm safe now"], "nationality": ["I'm from Nigeria", "Vietnam", "I am from Syria"],
           "age": ["I'm 24", "17", "I am 30 years old"], "months_since_exit": ["two months ago", "last month"],
           "reported": ["no", "yes"]},
    "nl": {"in_danger": ["nee", "nee, ik ben nu veilig"], "nationality": ["ik kom uit Nigeria", "Vietnam", "uit Syrië"],
           "age": ["ik ben 24", "17", "ik ben 30 jaar"], "months_since_exit": ["twee maanden geleden", "vorige maand"],
           "reported": ["nee", "ja"]},
}
MAX_TURNS = 30          # a conversation without its assessment by then counts as an error


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)   # seconds, one per message answered
    errors: dict[str, int] = field(default_factory=dict)
    conversations: int = 0     # finished, with their assessment
    started: int = 0

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


class Person:
    """One person at a time on one client slot: a conversation to its assessment."""

    def __init__(self, session: aiohttp.ClientSession, url: str, rng: random.Random, tally: Tally, minimal: bool):
        self.session, self.url, self.rng, self.tally, self.minimal = session, url, rng, tally, minimal

    async def say(self, sender: str, text: str, language: str) -> list[dict] | None:
        body = {"sender": sender, "message": text, "metadata": {"language": language}}
        start = time.perf_counter()
        try:
            async with self.session.post(self.url, json=body) as reply:
                messages = await reply.json() if reply.status == 200 else None
                status = reply.status
        except (aiohttp.ClientError, asyncio.TimeoutError) as failure:
            self.tally.error(type(failure).__name__)
            return None
        if status != 200:
            self.tally.error(f"HTTP {status}")
            return None
        self.tally.latencies.append(time.perf_counter() - start)
        if not messages:
            self.tally.error("empty reply")
            return None
        return messages

    async def converse(self, think: float, deadline: float) -> None:
        language = self.rng.choice(["nl", "en"])
        sender = f"load-{uuid.uuid4().hex}"   # a new person: never a conversation of an earlier load
        text = self.rng.choice(OPENINGS[language])
        self.tally.started += 1
        # the minimal assistant's conversations are as long as ours (about 6 to 12 messages)
        for _ in range(self.rng.randint(6, 12) if self.minimal else MAX_TURNS):
            if time.monotonic() >= deadline:
                return
            reply = await self.say(sender, text, language)
            if reply is None:
                return
            if self.minimal:      # one response to everything: any text reply will do
                if not any(m.get("text") for m in reply):
                    self.tally.error("no text")
                text = self.rng.choice(OPENINGS[language] + sum(TYPED[language].values(), []))
            else:
                if payload(reply, "assessment"):
                    self.tally.conversations += 1
                    return
                question = payload(reply, "question")
                if not question:   # the kinds of messages it got instead, never their text
                    kinds = sorted({(m.get("custom") or {}).get("type", "custom") if "custom" in m else "text"
                                    for m in reply})
                    self.tally.error(f"neither question nor assessment: {'+'.join(kinds)}")
                    return
                text = self.answer(question, language)
            await pause(think, self.rng, deadline)
        if not self.minimal:
            self.tally.error("no assessment")

    def answer(self, question: dict, language: str) -> str:
        fact, typed = question["fact"], TYPED[language].get(question["fact"])
        if typed and self.rng.random() < 0.5:
            return self.rng.choice(typed)
        buttons = [option["payload"] for option in question["options"]]
        if fact == "in_danger":   # "yes" gets 112 and ends the questions: kept out of the load
            buttons = ["/deny"]
        return self.rng.choice(buttons)


async def pause(think: float, rng: random.Random, deadline: float) -> None:
    """A person's think time (0.5 to 1.5 times the mean), cut short by the end of the load."""
    await asyncio.sleep(max(0.0, min(think * rng.uniform(0.5, 1.5), deadline - time.monotonic())))


def payload(reply: list[dict], kind: str) -> dict | None:
    return next((m["custom"] for m in reply if (m.get("custom") or {}).get("type") == kind), None)


async def load(url: str, people: int, think: float, seconds: float, minimal: bool, seed: int) -> tuple[Tally, float]:
    """`people` client slots, each holding conversations one after another until `seconds` pass."""
    tally = Tally()
    deadline = time.monotonic() + seconds

    async def slot(number: int, session: aiohttp.ClientSession) -> None:
        rng = random.Random(seed * 1000 + number)
        person = Person(session, url, rng, tally, minimal)
        await asyncio.sleep(rng.uniform(0, think))   # people do not all arrive at once
        while time.monotonic() < deadline:
            await person.converse(think, deadline)
            await pause(think, rng, deadline)

    connector = aiohttp.TCPConnector(limit=people)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        start = time.monotonic()
        await asyncio.gather(*(slot(number, session) for number in range(people)))
        return tally, time.monotonic() - start


# What the servers use, from /proc: memory of a process and its children, CPU time.

def tree(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                queue += [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                pass
    return found


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KB
        except (OSError, IndexError):
            pass
    return total / 1024


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(value) for value in fields[11:15])   # utime stime cutime cstime
        except (OSError, IndexError):
            pass
    return total / TICKS


def machine_busy_seconds() -> float:
    fields = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]          # idle, iowait
    return (sum(fields[:8]) - idle) / TICKS


class Watch:
    """Samples the servers' memory while a load runs; CPU from the start to the end."""

    def __init__(self, processes: dict[str, int]):
        self.processes = processes
        self.peak = {name: 0.0 for name in processes}
        self.running = True
        self.cpu = {name: cpu_seconds(tree(pid)) for name, pid in processes.items()}
        self.own, self.busy = sum(os.times()[:2]), machine_busy_seconds()
        self.sampler = threading.Thread(target=self.sample, daemon=True)
        self.sampler.start()

    def sample(self) -> None:
        while self.running:
            for name, pid in self.processes.items():
                self.peak[name] = max(self.peak[name], rss_mb(tree(pid)))
            time.sleep(0.25)

    def finish(self) -> dict:
        self.running = False
        self.sampler.join()
        cpu = {name: cpu_seconds(tree(pid)) - self.cpu[name] for name, pid in self.processes.items()}
        client = sum(os.times()[:2]) - self.own
        others = machine_busy_seconds() - self.busy - sum(cpu.values()) - client
        return {"peak_mb": dict(self.peak), "cpu": cpu, "client_cpu": client, "others_cpu": max(others, 0.0)}


def measure(url: str, processes: dict[str, int], people: int, think: float, seconds: float,
            minimal: bool, seed: int) -> dict:
    watch = Watch(processes)
    tally, elapsed = asyncio.run(load(url, people, think, seconds, minimal, seed))
    used = watch.finish()
    latencies = sorted(tally.latencies)
    count = len(latencies)

    def percentile(p: float) -> float:
        return latencies[min(count - 1, int(p / 100 * count))] * 1000 if count else float("nan")

    return {"messages": count, "per_second": count / elapsed, "p50": percentile(50), "p95": percentile(95),
            "p99": percentile(99), "errors": dict(tally.errors), "conversations": tally.conversations,
            "started": tally.started, "elapsed": elapsed, **used}


def warm_up(url: str, processes: dict[str, int], minimal: bool) -> None:
    """One conversation per language before measuring (first calls load what is lazy)."""
    measure(url, processes, 2, 0.0, 5.0, minimal, seed=999)


def minimal_model(folder: Path, log) -> Path:
    """A minimal Rasa assistant in `folder`: one response, rules, Rasa's REST channel, the
    in-memory tracker store; the same built-in NLU components as ours, none of our own."""
    files = {
        "config.yml": """recipe: default.v1
assistant_id: minimal
language: en
pipeline:
  - name: WhitespaceTokenizer
  - name: LexicalSyntacticFeaturizer
  - name: CountVectorsFeaturizer
  - name: CountVectorsFeaturizer
    analyzer: char_wb
    min_ngram: 2
    max_ngram: 4
  - name: DIETClassifier
    epochs: 60
    random_seed: 1
policies:
  - name: RulePolicy
""",
        "domain.yml": """version: "3.1"
intents: [greet, goodbye]
responses:
  utter_greet:
    - text: "Hello!"
session_config:
  session_expiration_time: 30
  carry_over_slots_to_new_session: false
""",
        # DIET trains only with two intents or more (with one it is skipped and nothing is
        # classified): the second intent is there for that; every message gets the response.
        "data/nlu.yml": 'version: "3.1"\nnlu:\n' + "".join(
            f"- intent: {intent}\n  examples: |\n" + "".join(f"    - {text}\n" for text in examples)
            for intent, examples in {"greet": ["hi", "hello", "hallo", "hoi", "good morning", "goedemorgen",
                                               "hey there", "hello, anyone here?"],
                                     "goodbye": ["bye", "goodbye", "doei", "tot ziens", "see you later"]}.items()),
        "data/rules.yml": """version: "3.1"
rules:
  - rule: greet
    steps:
      - intent: greet
      - action: utter_greet
  - rule: goodbye
    steps:
      - intent: goodbye
      - action: utter_greet
""",
        "credentials.yml": "rest:\n",
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    subprocess.run([str(BIN / "rasa"), "train", "--config", "config.yml", "--domain", "domain.yml", "--data", "data",
                    "--out", "models", "--fixed-model-name", "minimal"], cwd=folder, check=True, stdout=log, stderr=log)
    return folder / "models" / "minimal.tar.gz"


def run_minimal(loads: list[tuple], seed: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="minimal-rasa-") as scratch:
        folder = Path(scratch)
        with open(folder / "rasa.log", "wb") as log:
            print("training the minimal assistant ...", flush=True)
            model = minimal_model(folder, log)
            port = free_port()
            rasa = subprocess.Popen([str(BIN / "rasa"), "run", "--model", str(model), "--credentials", "credentials.yml",
                                     "--interface", "127.0.0.1", "--port", str(port)], cwd=folder,
                                    env={**os.environ, "SANIC_HOST": "127.0.0.1"}, stdout=log, stderr=log)
            try:
                wait_for(port, rasa, 300)
                url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
                processes = {"rasa": rasa.pid}
                warm_up(url, processes, minimal=True)
                return {name: measure(url, processes, people, think, seconds, True, seed)
                        for name, people, think, seconds in loads}
            finally:
                stop(rasa)


def run_ours(loads: list[tuple], seed: int, server_log: str) -> dict:
    with open(server_log, "wb") as log, servers(output=log) as running:
        url = f"{running.rasa_url}/webhooks/rest/webhook"
        processes = {"rasa": running.rasa.pid, "actions": running.actions.pid}
        warm_up(url, processes, minimal=False)
        return {name: measure(url, processes, people, think, seconds, False, seed)
                for name, people, think, seconds in loads}


def report(name: str, ours: dict, minimal: dict | None) -> None:
    messages = ours["messages"] or 1
    print(f"\n{name}: {ours['messages']} messages in {ours['elapsed']:.0f} s, "
          f"{ours['conversations']} of {ours['started']} conversations reached their assessment")
    rows = [("messages/s", "per_second", "{:.1f}"), ("p50 ms", "p50", "{:.0f}"), ("p95 ms", "p95", "{:.0f}"),
            ("p99 ms", "p99", "{:.0f}")]
    print(f"  {'':26s}{'Wegwijzer':>12s}{'minimal':>12s}{'ratio':>9s}")
    for label, key, form in rows:
        mine = form.format(ours[key])
        if minimal:
            print(f"  {label:26s}{mine:>12s}{form.format(minimal[key]):>12s}{ours[key] / minimal[key]:>8.2f}x")
        else:
            print(f"  {label:26s}{mine:>12s}")
    for server in ("rasa", "actions"):
        peak, cpu = ours["peak_mb"][server], ours["cpu"][server] / messages * 1000
        line = f"  {server + ' peak RSS MB':26s}{peak:>12.0f}"
        line_cpu = f"  {server + ' CPU ms/message':26s}{cpu:>12.1f}"
        if minimal and server in minimal["peak_mb"]:
            base_cpu = minimal["cpu"][server] / (minimal["messages"] or 1) * 1000
            line += f"{minimal['peak_mb'][server]:>12.0f}{peak / minimal['peak_mb'][server]:>8.2f}x"
            line_cpu += f"{base_cpu:>12.1f}{cpu / base_cpu:>8.2f}x"
        print(line + "\n" + line_cpu)
    print(f"  {'errors':26s}{sum(ours['errors'].values()):>12d}"
          + (f"{sum(minimal['errors'].values()):>12d}" if minimal else "")
          + (f"   {ours['errors']}" if ours["errors"] else ""))
    seconds = ours["elapsed"]
    print(f"  {'other processes, cores':26s}{ours['others_cpu'] / seconds:>12.2f}"
          + (f"{minimal['others_cpu'] / minimal['elapsed']:>12.2f}" if minimal else "")
          + f"   (the load client itself: {ours['client_cpu'] / seconds:.2f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=20, help="people talking at once (default 20)")
    parser.add_argument("--think", type=float, default=2.0, help="mean think time between messages, s (default 2)")
    parser.add_argument("--seconds", type=float, default=90, help="length of the paced load, s (default 90)")
    parser.add_argument("--saturation-seconds", type=float, default=45, help="length of the saturation load (default 45)")
    parser.add_argument("--quick", action="store_true", help="30 s paced, 20 s saturation")
    parser.add_argument("--no-minimal", action="store_true", help="skip the minimal assistant (no ratios)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--server-log", default=os.devnull, help="write our servers' output to this file")
    options = parser.parse_args()
    if options.quick:
        options.seconds, options.saturation_seconds = 30, 20
    loads = [(f"paced: {options.people} people, {options.think:g} s think time", options.people, options.think,
              options.seconds),
             (f"saturation: {options.people} people, no think time", options.people, 0.0, options.saturation_seconds)]
    print(f"load: {os.cpu_count()} cores, load average before: {os.getloadavg()[0]:.2f}", flush=True)
    ours = run_ours(loads, options.seed, options.server_log)
    minimal = None if options.no_minimal else run_minimal(loads, options.seed)
    for name, *_ in loads:
        report(name, ours[name], minimal and minimal[name])
    paced, saturated = (ours[name] for name, *_ in loads)
    print("\ntargets:")
    print(f"  paced p95 {paced['p95']:.0f} ms < 300 ms, no errors: "
          f"{'met' if paced['p95'] < 300 and not paced['errors'] else 'NOT met'}")
    if minimal:
        ratio = saturated["per_second"] / minimal[loads[1][0]]["per_second"]
        print(f"  saturation {ratio:.2f}x the minimal assistant >= 0.7x: {'met' if ratio >= 0.7 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

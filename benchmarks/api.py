"""The summary and POST /api/assess: how long they take.

In process: markdown() and html() for every case of tests/rules_cases.yml in every language
and audience. Over HTTP: the real Rasa server (bot.serve.servers, started here, about a
minute), N requests one after another, then N with 4 at a time. Prints medians and p95.

    .venv/bin/python benchmarks/api.py [N]
"""
import datetime
import json
import statistics
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BODY = json.dumps({"facts": {"nationality": "ER", "age": 17, "dublin": True, "reported": False,
                             "wants_to_report": "undecided"}, "language": "en", "on": "2026-01-01"}).encode()


def figures(name: str, milliseconds: list[float]) -> None:
    ordered = sorted(milliseconds)
    print(f"{name:44s} median {statistics.median(ordered):7.2f} ms   p95 {ordered[int(len(ordered) * .95)]:7.2f} ms"
          f"   ({len(ordered)} runs)")


def in_process() -> None:
    from bot.rules import assess
    from bot.summary import html, markdown
    from bot.texts import AUDIENCES, languages

    cases = yaml.safe_load((ROOT / "tests" / "rules_cases.yml").read_text(encoding="utf-8"))
    assessments = [assess(case["facts"], case.get("date", datetime.date(2026, 1, 1))) for case in cases]
    for form in (markdown, html):
        form(assessments[0], "en", "victim")   # load the locale files first
        times, sizes = [], []
        for assessment in assessments:
            for language in languages():
                for audience in AUDIENCES:
                    start = time.perf_counter()
                    sizes.append(len(form(assessment, language, audience).encode()))
                    times.append((time.perf_counter() - start) * 1000)
        figures(f"summary.{form.__name__}() in process", times)
        print(f"{'':44s} size median {statistics.median(sizes) / 1024:.1f} KB, largest {max(sizes) / 1024:.1f} KB")


def post(url: str) -> float:
    request = urllib.request.Request(url, data=BODY, method="POST", headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as reply:
        reply.read()
        assert reply.status == 200
    return (time.perf_counter() - start) * 1000


def over_http(runs: int) -> None:
    from bot.serve import servers

    with open("/dev/null", "wb") as quiet, servers(output=quiet) as running:
        url = running.rasa_url + "/api/assess"
        post(url)
        figures("POST /api/assess, one at a time", [post(url) for _ in range(runs)])
        with ThreadPoolExecutor(4) as pool:
            start = time.perf_counter()
            times = list(pool.map(lambda _: post(url), range(runs)))
            elapsed = time.perf_counter() - start
        figures("POST /api/assess, 4 at a time", times)
        print(f"{'':44s} {runs / elapsed:.0f} requests/s")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    in_process()
    over_http(int(sys.argv[1]) if len(sys.argv) > 1 else 200)

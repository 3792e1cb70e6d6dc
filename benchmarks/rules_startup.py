"""How fast the rules answer from a cold start: `python -m bot.rules` and `wegwijzer assess`
(its texts, the handout and the summary page).

Prints the median and the slowest of N runs, each a fresh process (start-up included).
Target (issue 2): the rules alone answer in under 50 ms.

    .venv/bin/python benchmarks/rules_startup.py [N]
"""
import statistics
import subprocess
import sys
import time
from pathlib import Path

FACTS = ["--fact", "nationality=NG", "--fact", "wants_to_report=undecided", "--fact", "age=17"]
COMMANDS = {
    "python -m bot.rules": [sys.executable, "-m", "bot.rules", *FACTS],
    "wegwijzer assess --lang en": [str(Path(sys.executable).parent / "wegwijzer"), "assess", *FACTS, "--lang", "en"],
    "wegwijzer assess --handout en": [str(Path(sys.executable).parent / "wegwijzer"), "assess", *FACTS,
                                      "--handout", "en"],
    "wegwijzer assess --markdown --html": [str(Path(sys.executable).parent / "wegwijzer"), "assess", *FACTS,
                                           "--markdown", "--html"],
    "python -c pass (interpreter alone)": [sys.executable, "-c", "pass"],
}


def main(runs: int) -> None:
    for name, command in COMMANDS.items():
        subprocess.run(command, check=True, capture_output=True)  # warm the file cache
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{name:40s} median {statistics.median(times):6.1f} ms   max {max(times):6.1f} ms   ({runs} runs)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)

"""python -m bot.rules --fact nationality=NG [--on 2022-01-01]: the assessment as JSON.

The rules alone, without texts: the fastest way to check a case.
"""
from __future__ import annotations

import argparse
import datetime
import json
import sys

from bot.rules import InvalidFacts, assess
from bot.rules.facts import parse_pairs


def parse_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise InvalidFacts("on", f"must be a date as YYYY-MM-DD, not {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.rules", description=__doc__.splitlines()[0])
    parser.add_argument("--fact", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--on", metavar="YYYY-MM-DD", help="the rules as they stood on this date (default: today)")
    args = parser.parse_args(argv)
    try:
        on = parse_date(args.on) if args.on else None
        assessment = assess(parse_pairs(args.fact), on)
    except InvalidFacts as error:
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(assessment.to_dict(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

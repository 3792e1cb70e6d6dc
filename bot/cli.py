"""wegwijzer assess: triage on the command line for lawyers and hotline staff.

    wegwijzer assess --fact nationality=NG --fact wants_to_report=undecided --lang en [--json]
    wegwijzer assess --fact nationality=ER --fact age=17 --handout en [--html]   # the person's handout
    wegwijzer assess --fact nationality=ER --fact age=17 --markdown [--html]     # the lawyer's summary
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.rules import FACTS, InvalidFacts, assess
from bot.rules.__main__ import parse_date
from bot.rules.facts import parse_pairs
from bot.texts import AUDIENCES, UnsupportedLanguage, languages, t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wegwijzer", description="Wegwijzer: information, not a decision.")
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser("assess", help="assess a case from its facts")
    cmd.add_argument("--fact", action="append", default=[], metavar="NAME=VALUE",
                     help=f"a fact of RULES.md; repeat for more. Facts: {', '.join(FACTS)}")
    cmd.add_argument("--lang", default="nl", help=f"language of the texts: {', '.join(languages())} (default nl)")
    cmd.add_argument("--audience", default="professional", choices=AUDIENCES)
    cmd.add_argument("--on", metavar="YYYY-MM-DD", help="the rules as they stood on this date (default: today)")
    formats = cmd.add_mutually_exclusive_group()
    formats.add_argument("--json", action="store_true", help="print the assessment and its texts as JSON")
    formats.add_argument("--handout", metavar="LANG",
                        help="print the person's handout (plain language, no legal references) in LANG, "
                             "whatever --lang is")
    formats.add_argument("--markdown", action="store_true",
                        help="print the professional summary (with the legal basis) as Markdown, in --lang")
    cmd.add_argument("--html", action="store_true",
                     help="with --handout or --markdown: a printable HTML page instead of Markdown")
    args = parser.parse_args(argv)
    if args.html and not (args.handout or args.markdown):
        parser.error("--html goes with --handout or --markdown")

    from bot.render import render  # after argument errors, which need no texts

    try:
        assessment = assess(parse_pairs(args.fact), parse_date(args.on) if args.on else None)
        if args.handout or args.markdown:
            from bot import summary

            language, audience = (args.handout, "victim") if args.handout else (args.lang, "professional")
            output = (summary.html if args.html else summary.markdown)(assessment, language, audience)
        else:
            texts = render(assessment, args.lang, args.audience)
            output = (json.dumps({**assessment.to_dict(), "texts": texts}, ensure_ascii=False, indent=2)
                      if args.json else as_text(texts))
    except (InvalidFacts, UnsupportedLanguage) as error:
        print(f"wegwijzer: error: {error}", file=sys.stderr)
        return 2
    print(output.rstrip("\n"))
    return 0


def as_text(texts: dict[str, Any]) -> str:
    language = texts["language"]
    lines = [t("cli.heading", language, date=texts["on"]), ""]
    for number, route in enumerate(texts["routes"], 1):
        lines.append(f"{number}. {route['title']}: {route['status_text']}")
        lines.append(f"   {route['text']}")
        for label, items in (("reasons", route["reasons"]), ("missing", route["missing"]),
                             ("sources", [source["label"] for source in route["sources"]])):
            if items:
                lines.append(f"   {t('cli.' + label, language)}: {(' ' if label == 'reasons' else '; ').join(items)}")
        lines.append("")
    if texts["missing"]:
        lines += [f"{t('cli.still_missing', language)}: {'; '.join(texts['missing'])}", ""]
    lines.append(texts["disclaimer"])
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

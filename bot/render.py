"""render(assessment, language, audience): the texts of an assessment in one language.

Python holds no prose: every string comes from bot/locales.
"""
from __future__ import annotations

import datetime
import re
from typing import Any

from bot.rules import Assessment
from bot.rules.data import load
from bot.texts import AUDIENCES, check_language, t


def render(assessment: Assessment, language: str, audience: str = "victim") -> dict[str, Any]:
    if audience not in AUDIENCES:
        raise ValueError(f"audience: {audience!r} is not one of {', '.join(AUDIENCES)}")
    check_language(language)
    since = reason_dates(language)
    routes = []
    for route in assessment.routes:
        routes.append({
            "code": route.code,
            "status": route.status,
            "title": t(f"route.{route.code}.title", language),
            "status_text": t(f"status.{route.status}.{audience}", language),
            "text": t(f"route.{route.code}.{audience}", language),
            "reasons": [t(f"reason.{key}.{audience}", language, since=since.get(key, "")) for key in route.reasons],
            "missing": [t(f"fact.{fact}.{audience}", language) for fact in route.missing],
            "sources": sources(route.sources, language),
        })
    return {
        "language": language,
        "audience": audience,
        "on": assessment.on.isoformat(),
        "routes": routes,
        "missing": [t(f"fact.{fact}.{audience}", language) for fact in assessment.missing],
        "disclaimer": t(f"{assessment.disclaimer_key}.{audience}", language),
    }


def reason_dates(language: str) -> dict[str, str]:
    """The date from which each amendment's reason holds, written in `language`."""
    return {a["add_reason"]: long_date(a["valid_from"], language) for a in load("amendments")["amendments"]}


def sources(cites: Any, language: str) -> list[dict[str, str]]:
    """The citations in `language`: the machine `cite` (as in an assessment), the `label`
    and `title` to show (bot/locales/source.*.yml), and the official `url` where there is one."""
    urls = load("citations")["sources"]
    return [{"cite": cite, "label": t(f"source.{source_key(cite)}.cite", language),
             "title": t(f"source.{source_key(cite)}.title", language),
             **({"url": urls[cite]["url"]} if "url" in urls[cite] else {})} for cite in cites]


def source_key(cite: str) -> str:
    """The locale key of a cite: "Dir. 2004/81/EC" -> "dir_2004_81_ec"."""
    return re.sub(r"[^0-9a-z]+", "_", cite.lower()).strip("_")


def long_date(day: datetime.date, language: str) -> str:
    from babel.dates import format_date  # only needed for dates shown

    return format_date(day, format="long", locale=language)

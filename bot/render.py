"""render(assessment, language, audience): the texts of an assessment in one language.

Python holds no prose: every string comes from bot/locales.
"""
from __future__ import annotations

import datetime
from typing import Any

from bot.rules import Assessment
from bot.rules.data import load
from bot.texts import AUDIENCES, check_language, t


def render(assessment: Assessment, language: str, audience: str = "victim") -> dict[str, Any]:
    if audience not in AUDIENCES:
        raise ValueError(f"audience: {audience!r} is not one of {', '.join(AUDIENCES)}")
    check_language(language)
    since = reason_dates(language)
    citations = load("citations")["sources"]
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
            "sources": [{"cite": cite, **citations[cite]} for cite in route.sources],
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
    return {a["add_reason"]: _date(a["valid_from"], language) for a in load("amendments")["amendments"]}


def _date(day: datetime.date, language: str) -> str:
    from babel.dates import format_date  # only needed for dated amendments

    return format_date(day, format="long", locale=language)

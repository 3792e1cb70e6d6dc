"""The rules of RULES.md as a pure module (CONTRACT.md §1).

    from bot.rules import assess
    assessment = assess({"nationality": "NG", "wants_to_report": "undecided"})
    assessment.routes        # ordered Route(code, status, reasons, sources, missing)
    assessment.to_dict()
"""
from __future__ import annotations

import datetime
from typing import Any, Mapping

from bot.rules import engine
from bot.rules.engine import Assessment, Route
from bot.rules.facts import FACTS, InvalidFacts, parse_fact
from bot.rules.routes import STATUSES

__all__ = ["assess", "Assessment", "Route", "InvalidFacts", "FACTS", "STATUSES", "parse_fact"]


def assess(facts: Mapping[str, Any], on: datetime.date | None = None) -> Assessment:
    """The routes open to a person with these facts, under the rules in force on `on`.

    `on` defaults to today: the clock is read here, once, at the boundary; the rules
    themselves (engine.assess) only ever see the date they are given.
    """
    return engine.assess(facts, datetime.date.today() if on is None else on)

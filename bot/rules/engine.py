"""assess(facts, on): the routes open to a person on a date. Pure: no clock, no I/O but
reading the rule data, no language."""
from __future__ import annotations

import datetime
from typing import Any, Mapping, NamedTuple

from bot.rules.data import load
from bot.rules.facts import FACTS, InvalidFacts, normalise
from bot.rules.routes import APPLIES, TABLE, UNKNOWN, RouteRules


class Route(NamedTuple):
    code: str
    status: str
    reasons: tuple[str, ...]
    sources: tuple[str, ...]
    missing: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "status": self.status, "reasons": list(self.reasons),
                "sources": list(self.sources), "missing": list(self.missing)}


class Assessment(NamedTuple):
    facts: Mapping[str, Any]    # all facts, unknown ones None, citizenship derived
    routes: tuple[Route, ...]
    on: datetime.date           # the date whose rules were applied
    disclaimer_key: str

    @property
    def missing(self) -> tuple[str, ...]:
        """Every unknown fact that would change some route, in the order of RULES.md."""
        wanted = {fact for route in self.routes for fact in route.missing}
        return tuple(fact for fact in FACTS if fact in wanted)

    def route(self, code: str) -> Route:
        return next(route for route in self.routes if route.code == code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "facts": {name: value for name, value in self.facts.items() if value is not None},
            "routes": [route.to_dict() for route in self.routes],
            "missing": list(self.missing),
            "on": self.on.isoformat(),
            "disclaimer_key": self.disclaimer_key,
        }


def letter_date() -> datetime.date:
    return load("citations")["letter"]["date"]


def assess(facts: Mapping[str, Any], on: datetime.date) -> Assessment:
    if type(on) is not datetime.date:
        raise InvalidFacts("on", f"must be a date, not {on!r}")
    if on < letter_date():
        raise InvalidFacts("on", f"{on.isoformat()} is before the letter of {letter_date().isoformat()}; "
                                 "these rules did not exist then")
    known = normalise(facts, on)
    table = load("routes")
    sources = {entry["code"]: tuple(entry["sources"]) for entry in table["routes"]}
    routes = [_amend(_decide(TABLE[code], known, sources[code]), known, on) for code in sources]
    rank = {status: index for index, status in enumerate(table["status_order"])}
    order = {code: index for index, code in enumerate(sources)}
    routes.sort(key=lambda r: (not (r.code == "emergency" and r.status == APPLIES), rank[r.status], order[r.code]))
    return Assessment(known, tuple(routes), on, table["disclaimer_key"])


def _decide(route: RouteRules, facts: Mapping[str, Any], sources: tuple[str, ...]) -> Route:
    for rule in route.rules:
        outcome = rule.when(facts)
        if outcome.value is None:
            return Route(route.code, route.unknown_status, (), sources, _in_fact_order(outcome.missing))
        if outcome.value:
            notes = [reason for note in map(lambda n: n(facts), rule.notes) if note.value for reason in note.reasons]
            reasons = tuple(dict.fromkeys((*outcome.reasons, *rule.reasons, *notes)))
            return Route(route.code, rule.status, reasons, sources, ())
    return Route(route.code, route.otherwise, (), sources, ())


def _amend(route: Route, facts: Mapping[str, Any], on: datetime.date) -> Route:
    """Apply the later amendments in force on `on` (data/amendments.toml)."""
    for amendment in load("amendments")["amendments"]:
        applies = (amendment["route"] == route.code and on >= amendment["valid_from"]
                   and all(facts[fact] == value for fact, value in amendment["when"].items()))
        if applies:
            route = Route(route.code, route.status, (*route.reasons, amendment["add_reason"]),
                          (*route.sources, amendment["source"]), route.missing)
    return route


def _in_fact_order(facts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fact for fact in FACTS if fact in facts)

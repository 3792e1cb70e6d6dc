"""The facts of RULES.md: their types, their ranges, and strict validation.

Validation never coerces: a value of the wrong type or outside its range is refused
with `InvalidFacts` naming the fact, so that a caller's mistake cannot change an answer.
"""
from __future__ import annotations

import math
from typing import Any, Mapping, NamedTuple

from bot.rules.countries import citizenship_of, is_known_code


class InvalidFacts(ValueError):
    """A fact (or the date `on`) is not valid; `fact` names it."""

    def __init__(self, fact: str, message: str):
        super().__init__(f"{fact}: {message}")
        self.fact = fact
        self.message = message


class FactType(NamedTuple):
    kind: str                      # "bool", "int", "number", "enum", "country"
    values: tuple[str, ...] = ()   # for "enum"
    low: float = 0
    high: float = math.inf


# In the order of RULES.md, which is also the order in which `missing` facts are listed.
FACTS: dict[str, FactType] = {
    "in_danger": FactType("bool"),
    "age": FactType("int", low=0, high=120),
    "nationality": FactType("country"),
    "citizenship": FactType("enum", ("dutch", "eu", "non_eu")),
    "still_in_situation": FactType("bool"),
    "months_since_exit": FactType("number", high=1440),
    "reported": FactType("bool"),
    "wants_to_report": FactType("enum", ("yes", "no", "undecided")),
    "cannot_cooperate": FactType("enum", ("medical", "threat", "none")),
    "case_status": FactType("enum", ("none", "investigation", "prosecution", "dismissed", "convicted")),
    "case_years": FactType("number", high=120),
    "permit_years": FactType("number", high=120),
    "threat_continues": FactType("bool"),
    "asylum": FactType("enum", ("no", "considering", "applied")),
    "return_risks": FactType("bool"),
    "dublin": FactType("bool"),
}


def check_fact(name: str, value: Any) -> None:
    """Raise InvalidFacts unless `value` is a valid value of the fact `name`."""
    if name not in FACTS:
        raise InvalidFacts(str(name), f"unknown fact; known facts: {', '.join(FACTS)}")
    spec = FACTS[name]
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise InvalidFacts(name, f"must be true or false, not {value!r}")
    elif spec.kind in ("int", "number"):
        allowed = (int,) if spec.kind == "int" else (int, float)
        if isinstance(value, bool) or not isinstance(value, allowed):
            what = "a whole number" if spec.kind == "int" else "a number"
            raise InvalidFacts(name, f"must be {what}, not {value!r}")
        # An int is compared exactly (math.isfinite would overflow on a huge JSON integer).
        if not ((isinstance(value, int) or math.isfinite(value)) and spec.low <= value <= spec.high):
            raise InvalidFacts(name, f"must be between {spec.low:g} and {spec.high:g}, not {value!r}")
    elif spec.kind == "enum":
        if value not in spec.values:
            raise InvalidFacts(name, f"must be one of {', '.join(spec.values)}, not {value!r}")
    elif spec.kind == "country":
        if not (isinstance(value, str) and len(value) == 2 and value.isascii() and value.isupper()):
            raise InvalidFacts(name, f"must be an ISO 3166-1 alpha-2 code in capitals (e.g. NG) or XX, not {value!r}")
        if not is_known_code(value):
            raise InvalidFacts(name, f"{value!r} is not an ISO 3166-1 alpha-2 country code (use XX for stateless)")


def normalise(facts: Mapping[str, Any], on) -> dict[str, Any]:
    """Validate `facts` and return all of them, unknown ones as None, with `citizenship`
    derived from `nationality` as it stood on the date `on`."""
    if not isinstance(facts, Mapping):
        raise InvalidFacts("facts", f"must be a mapping of fact names to values, not {type(facts).__name__}")
    for name, value in facts.items():
        if name not in FACTS:
            raise InvalidFacts(str(name), f"unknown fact; known facts: {', '.join(FACTS)}")
        if value is not None:
            check_fact(name, value)
    result = {name: facts.get(name) for name in FACTS}
    if result["nationality"] is not None:
        derived = citizenship_of(result["nationality"], on)
        if result["citizenship"] not in (None, derived):
            raise InvalidFacts(
                "citizenship",
                f"{result['citizenship']!r} disagrees with nationality {result['nationality']!r}, which is {derived!r}",
            )
        result["citizenship"] = derived
    return result


_TRUE, _FALSE = ("true", "yes"), ("false", "no")


def parse_fact(name: str, text: str) -> Any:
    """Turn a fact written as text (command line, forms) into its typed value, strictly."""
    if name not in FACTS:
        raise InvalidFacts(name, f"unknown fact; known facts: {', '.join(FACTS)}")
    spec, raw = FACTS[name], text.strip()
    if raw.lower() in ("", "unknown"):
        return None
    if spec.kind == "bool":
        if raw.lower() in _TRUE:
            value: Any = True
        elif raw.lower() in _FALSE:
            value = False
        else:
            raise InvalidFacts(name, f"must be true or false, not {text!r}")
    elif spec.kind in ("int", "number"):
        try:
            value = int(raw)
        except ValueError:
            if spec.kind == "int":
                raise InvalidFacts(name, f"must be a whole number, not {text!r}") from None
            try:
                value = float(raw)
            except ValueError:
                raise InvalidFacts(name, f"must be a number, not {text!r}") from None
    else:
        value = raw
    check_fact(name, value)
    return value


def parse_pairs(pairs: list[str]) -> dict[str, Any]:
    """Facts from `name=value` strings (command line); a fact given twice is an error."""
    facts: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        name = name.strip()
        if not sep:
            raise InvalidFacts(name or pair, "write facts as name=value")
        if name in facts:
            raise InvalidFacts(name, "given more than once")
        facts[name] = parse_fact(name, text)
    return facts

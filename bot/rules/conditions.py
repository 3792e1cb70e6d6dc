"""Conditions over facts in three-valued logic: true, false, or unknown.

A condition on a fact that is not known yet is unknown, and says which fact it needs.
`any_of`/`all_of` follow Kleene's logic, so a known fact can settle a condition even when
another is unknown (true OR unknown is true; false AND unknown is false). Each simple
condition carries a reason key; the keys of the simple conditions that made a condition
true are the `reasons` an assessment shows.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping, NamedTuple, Optional

Facts = Mapping[str, Any]


class Outcome(NamedTuple):
    value: Optional[bool]               # None: unknown
    reasons: tuple[str, ...] = ()       # keys of what made it true
    missing: tuple[str, ...] = ()       # facts that would settle it, when unknown


Condition = Callable[[Facts], Outcome]


# NamedTuples rather than dataclasses: the dataclasses module alone costs 5 ms of start-up.
class Test(NamedTuple):
    """`test(value)` on one fact; unknown while the fact is unknown."""

    fact: str
    test: Callable[[Any], bool]
    reason: str

    def __call__(self, facts: Facts) -> Outcome:
        value = facts[self.fact]
        if value is None:
            return Outcome(None, missing=(self.fact,))
        return Outcome(True, (self.reason,)) if self.test(value) else Outcome(False)


def equals(fact: str, expected: Any, reason: str) -> Test:
    return Test(fact, lambda value: value == expected, reason)


def one_of(fact: str, expected: set[str], reason: str) -> Test:
    return Test(fact, lambda value: value in expected, reason)


def more_than(fact: str, bound: float, reason: str) -> Test:
    return Test(fact, lambda value: value > bound, reason)


def at_least(fact: str, bound: float, reason: str) -> Test:
    return Test(fact, lambda value: value >= bound, reason)


def less_than(fact: str, bound: float, reason: str) -> Test:
    return Test(fact, lambda value: value < bound, reason)


class Only(NamedTuple):
    """`condition`, but false instead of unknown while `unless_false` is known to be false.

    For facts that only exist after another: there is no criminal case of the person's
    own to ask about before the person has reported (RULES.md: no case status before a report).
    """

    condition: Condition
    unless_false: str

    def __call__(self, facts: Facts) -> Outcome:
        outcome = self.condition(facts)
        if outcome.value is None and facts[self.unless_false] is False:
            return Outcome(False)
        if outcome.value is None and facts[self.unless_false] is None:
            return Outcome(None, missing=(self.unless_false,))
        return outcome


class AnyOf(NamedTuple):
    parts: tuple[Condition, ...]

    def __call__(self, facts: Facts) -> Outcome:
        outcomes = [part(facts) for part in self.parts]
        true = [o for o in outcomes if o.value is True]
        if true:
            return Outcome(True, _join(o.reasons for o in true))
        unknown = [o for o in outcomes if o.value is None]
        if unknown:
            return Outcome(None, missing=_join(o.missing for o in unknown))
        return Outcome(False)


class AllOf(NamedTuple):
    parts: tuple[Condition, ...]

    def __call__(self, facts: Facts) -> Outcome:
        outcomes = [part(facts) for part in self.parts]
        if any(o.value is False for o in outcomes):
            return Outcome(False)
        unknown = [o for o in outcomes if o.value is None]
        if unknown:
            return Outcome(None, missing=_join(o.missing for o in unknown))
        return Outcome(True, _join(o.reasons for o in outcomes))


def any_of(*parts: Condition) -> AnyOf:
    return AnyOf(parts)


def all_of(*parts: Condition) -> AllOf:
    return AllOf(parts)


def _join(groups) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for group in groups for item in group))

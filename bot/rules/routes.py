"""The route table of RULES.md, one entry per route, each rule citing its paragraph.

A route is decided by its first rule whose condition holds, in the order written (the
order RULES.md says "Decided in this order"). A condition that cannot be settled because a
fact is unknown makes the route `unknown`, naming that fact; no fact is ever guessed.
Sources per route and the order of the table are data: data/routes.toml.
"""
from __future__ import annotations

from typing import NamedTuple

from bot.rules.conditions import (
    AllOf, AnyOf, Condition, Only, Test, all_of, any_of, at_least, equals, less_than, more_than,
)

APPLIES, POSSIBLE, NOT_YET = "applies", "possible", "not_yet"
NOT_NEEDED, NOT_APPLICABLE, UNKNOWN = "not_needed", "not_applicable", "unknown"
STATUSES = (APPLIES, POSSIBLE, NOT_YET, NOT_NEEDED, NOT_APPLICABLE, UNKNOWN)


class Rule(NamedTuple):
    when: Condition
    status: str
    reasons: tuple[str, ...] = ()      # added whenever this rule decides
    notes: tuple[Condition, ...] = ()  # add their reason when true; never change the status


class RouteRules(NamedTuple):
    code: str
    rules: tuple[Rule, ...]
    otherwise: str = UNKNOWN           # when no rule holds
    unknown_status: str = UNKNOWN      # when a rule cannot be settled


# Citizenship, derived from nationality (data/countries.toml).
DUTCH = equals("citizenship", "dutch", "dutch_national")
EU = equals("citizenship", "eu", "eu_citizen")
NON_EU = equals("citizenship", "non_eu", "non_eu_national")

REPORTED = equals("reported", True, "already_reported")
CANNOT_COOPERATE = any_of(
    equals("cannot_cooperate", "medical", "medical_limitation"),
    equals("cannot_cooperate", "threat", "serious_threat"),
)


def own_case(condition: Condition) -> Condition:
    """A condition on the person's criminal case: there is none before a report."""
    return Only(condition, unless_false="reported")


TABLE: dict[str, RouteRules] = {route.code: route for route in (
    # Call 112. RULES.md: applies when in_danger, otherwise not_applicable.
    RouteRules("emergency", (
        Rule(equals("in_danger", True, "in_danger"), APPLIES),
    ), otherwise=NOT_APPLICABLE, unknown_status=NOT_APPLICABLE),

    # Bedenktijd. §0: offered by the police at the slightest indication of trafficking.
    # §3: not shortened, and still offered to those out of the situation for over three
    # months. §4: a transitional year for EU citizens. CETS 197 art. 13.
    RouteRules("reflection_period", (
        Rule(DUTCH, NOT_APPLICABLE),
        Rule(any_of(REPORTED, more_than("permit_years", 0, "permit_held")), NOT_NEEDED),
        Rule(EU, POSSIBLE, ("eu_transitional",)),
        Rule(NON_EU, APPLIES, notes=(more_than("months_since_exit", 3, "offered_however_long_ago"),)),
    )),

    # B8.3 permit for reporting or cooperating, as long as the criminal proceedings (§0).
    RouteRules("b83_cooperation", (
        Rule(DUTCH, NOT_APPLICABLE),
        Rule(EU, NOT_NEEDED, ("eu_transitional",)),
        Rule(own_case(equals("case_status", "dismissed", "case_dismissed")), NOT_APPLICABLE),
        Rule(own_case(equals("case_status", "convicted", "proceedings_ended")), NOT_NEEDED),
        Rule(any_of(REPORTED, equals("wants_to_report", "yes", "wants_to_report")), APPLIES),
        Rule(equals("wants_to_report", "undecided", "undecided_about_reporting"), POSSIBLE),
        Rule(equals("wants_to_report", "no", "does_not_want_to_report"), NOT_APPLICABLE),
    )),

    # One-year permit without cooperation: serious medical limitation or threat (§0, §2).
    RouteRules("b83_cannot_cooperate", (
        Rule(DUTCH, NOT_APPLICABLE),
        Rule(EU, NOT_NEEDED),
        Rule(all_of(NON_EU, CANNOT_COOPERATE), POSSIBLE),
        Rule(equals("cannot_cooperate", "none", "can_cooperate"), NOT_APPLICABLE),
    )),

    # Non-temporary humanitarian grounds, on application (§0).
    RouteRules("humanitarian", (
        Rule(DUTCH, NOT_APPLICABLE),
        Rule(EU, NOT_NEEDED),
        Rule(all_of(NON_EU, any_of(
            own_case(equals("case_status", "convicted", "case_convicted")),
            all_of(own_case(more_than("case_years", 3, "case_over_three_years")),
                   at_least("permit_years", 3, "permit_three_years")),
            all_of(CANNOT_COOPERATE, at_least("permit_years", 1, "permit_one_year"),
                   equals("threat_continues", True, "threat_continues")),
        )), APPLIES),
        Rule(all_of(NON_EU, own_case(equals("case_status", "dismissed", "case_dismissed"))), POSSIBLE,
             ("special_individual_circumstances",)),
    ), otherwise=NOT_YET),

    # Asylum as an alternative to B8.3 (§6).
    RouteRules("asylum", (
        Rule(DUTCH, NOT_APPLICABLE),
        Rule(EU, NOT_APPLICABLE),
        Rule(NON_EU, POSSIBLE, ("reporting_stays_possible",), notes=(
            equals("return_risks", True, "other_return_risks"),
            equals("asylum", "applied", "asylum_applied"),
        )),
    )),

    # Help through the municipality: Wmo 2015, Jeugdwet for minors (§4).
    RouteRules("municipal_support", (
        Rule(any_of(EU, DUTCH), APPLIES),
        Rule(NON_EU, NOT_APPLICABLE),
    )),

    # Protected reception and a Nidos guardian for minors (§5).
    RouteRules("minor_protection", (
        Rule(at_least("age", 18, "adult"), NOT_APPLICABLE),
        Rule(all_of(less_than("age", 18, "minor"), NON_EU), APPLIES),
        Rule(all_of(less_than("age", 18, "minor"), any_of(EU, DUTCH)), POSSIBLE, ("youth_care_municipality",)),
    )),
)}


def reason_keys() -> set[str]:
    """Every reason key the table can give (the locale files must explain each)."""
    def walk(condition: Condition) -> set[str]:
        if isinstance(condition, Test):
            return {condition.reason}
        if isinstance(condition, Only):
            return walk(condition.condition)
        assert isinstance(condition, (AnyOf, AllOf))
        return set().union(*(walk(part) for part in condition.parts))

    keys: set[str] = set()
    for route in TABLE.values():
        for rule in route.rules:
            keys |= walk(rule.when) | set(rule.reasons)
            for note in rule.notes:
                keys |= walk(note)
    return keys

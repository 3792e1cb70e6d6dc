"""Every kind of invalid input gives InvalidFacts naming the fact; nothing is coerced."""
import datetime

import pytest

from bot.rules import InvalidFacts, assess, parse_fact
from bot.rules.facts import parse_pairs

BAD_FACTS = [
    ({"nationalty": "NG"}, "nationalty"),                    # unknown name
    ({"in_danger": "yes"}, "in_danger"),                     # wrong type
    ({"in_danger": 1}, "in_danger"),                         # an int is not a bool
    ({"age": 17.5}, "age"),                                  # not whole
    ({"age": True}, "age"),                                  # a bool is not an int
    ({"age": "17"}, "age"),
    ({"age": -1}, "age"),                                    # out of range
    ({"age": 121}, "age"),
    ({"months_since_exit": -0.5}, "months_since_exit"),
    ({"months_since_exit": float("nan")}, "months_since_exit"),
    ({"case_years": float("inf")}, "case_years"),
    ({"case_years": 10 ** 400}, "case_years"),              # too large for a float (JSON allows it)
    ({"age": -10 ** 400}, "age"),
    ({"permit_years": "3"}, "permit_years"),
    ({"wants_to_report": "maybe"}, "wants_to_report"),        # unknown enum value
    ({"wants_to_report": True}, "wants_to_report"),
    ({"case_status": "closed"}, "case_status"),
    ({"cannot_cooperate": "fear"}, "cannot_cooperate"),
    ({"asylum": "yes"}, "asylum"),
    ({"citizenship": "EU"}, "citizenship"),
    ({"nationality": "ng"}, "nationality"),                  # not capitals: not coerced
    ({"nationality": "NGA"}, "nationality"),                 # alpha-3
    ({"nationality": "ZZ"}, "nationality"),                  # not assigned
    ({"nationality": "UK"}, "nationality"),                  # reserved, GB is the code
    ({"nationality": "Nigeria"}, "nationality"),
    ({"nationality": 56}, "nationality"),
    ({"nationality": "NG", "citizenship": "eu"}, "citizenship"),   # disagree
    ({"nationality": "RO", "citizenship": "non_eu"}, "citizenship"),
    ({"nationality": "NL", "citizenship": "eu"}, "citizenship"),
]


@pytest.mark.parametrize("facts,fact", BAD_FACTS, ids=[repr(f) for f, _ in BAD_FACTS])
def test_invalid_fact_is_named(facts, fact):
    with pytest.raises(InvalidFacts) as error:
        assess(facts, datetime.date(2026, 1, 1))
    assert error.value.fact == fact
    assert str(error.value).startswith(f"{fact}: ")


def test_facts_must_be_a_mapping():
    with pytest.raises(InvalidFacts) as error:
        assess([("age", 17)], datetime.date(2026, 1, 1))
    assert error.value.fact == "facts"


def test_before_the_letter_is_refused():
    assess({}, datetime.date(2014, 6, 23))
    with pytest.raises(InvalidFacts) as error:
        assess({}, datetime.date(2014, 6, 22))
    assert error.value.fact == "on"


@pytest.mark.parametrize("on", ["2020-01-01", datetime.datetime(2020, 1, 1, 12, 0), 20200101])
def test_on_must_be_a_date(on):
    with pytest.raises(InvalidFacts) as error:
        assess({}, on)
    assert error.value.fact == "on"


def test_the_input_is_not_changed():
    facts = {"nationality": "NG", "age": 17}
    assess(facts, datetime.date(2026, 1, 1))
    assert facts == {"nationality": "NG", "age": 17}


def test_citizenship_is_derived_in_the_output():
    assessment = assess({"nationality": "RO"}, datetime.date(2026, 1, 1))
    assert assessment.to_dict()["facts"] == {"nationality": "RO", "citizenship": "eu"}


@pytest.mark.parametrize("name,text,value", [
    ("in_danger", "true", True), ("in_danger", "no", False), ("age", "17", 17),
    ("months_since_exit", "1.5", 1.5), ("case_years", "4", 4), ("nationality", "NG", "NG"),
    ("case_status", "none", "none"), ("wants_to_report", "undecided", "undecided"), ("age", "unknown", None),
])
def test_parse_fact(name, text, value):
    assert parse_fact(name, text) == value


@pytest.mark.parametrize("pairs,fact", [
    (["age=17.5"], "age"), (["age=seventeen"], "age"), (["in_danger=maybe"], "in_danger"),
    (["months_since_exit=two"], "months_since_exit"), (["nationality=ng"], "nationality"),
    (["age"], "age"), (["age=17", "age=18"], "age"), (["colour=red"], "colour"),
])
def test_parse_pairs_errors_name_the_fact(pairs, fact):
    with pytest.raises(InvalidFacts) as error:
        parse_pairs(pairs)
    assert error.value.fact == fact

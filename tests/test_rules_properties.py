"""Properties that hold for every valid combination of facts (hypothesis)."""
import datetime

from hypothesis import given, settings, strategies as st

from bot.rules import FACTS, STATUSES, assess
from bot.rules.data import load

NATIONALITIES = ["NL", "RO", "BG", "NO", "CH", "GB", "NG", "ER", "XX", "XK", "CW", "VN"]


def value_of(name):
    spec = FACTS[name]
    if spec.kind == "bool":
        values = st.booleans()
    elif spec.kind == "int":
        values = st.integers(int(spec.low), int(spec.high))
    elif spec.kind == "number":
        values = st.one_of(st.integers(0, 10), st.floats(0, spec.high, allow_nan=False))
    elif spec.kind == "enum":
        values = st.sampled_from(spec.values)
    else:
        values = st.sampled_from(NATIONALITIES)
    return st.one_of(st.none(), values)


facts_strategy = st.fixed_dictionaries({name: value_of(name) for name in FACTS if name != "citizenship"},
                                       optional={"citizenship": value_of("citizenship")})
dates = st.dates(datetime.date(2014, 6, 23), datetime.date(2040, 12, 31))


def consistent(facts, on):
    """Drop a citizenship that disagrees with the nationality (that is an error, tested elsewhere)."""
    if facts.get("nationality") and facts.get("citizenship"):
        facts = dict(facts, citizenship=assess({"nationality": facts["nationality"]}, on).facts["citizenship"])
    return facts


@settings(max_examples=400, deadline=None)
@given(facts_strategy, dates)
def test_assessment_invariants(raw, on):
    facts = consistent(raw, on)
    assessment = assess(facts, on)
    routes = assessment.routes

    assert assess(dict(facts), on) == assessment, "deterministic"
    assert sorted(route.code for route in routes) == sorted(entry["code"] for entry in load("routes")["routes"])
    assert all(route.status in STATUSES for route in routes)

    if facts.get("in_danger") is True:
        assert routes[0].code == "emergency" and routes[0].status == "applies"

    order = load("routes")["status_order"]
    rest = [route for route in routes if not (route.code == "emergency" and route.status == "applies")]
    ranks = [order.index(route.status) for route in rest]
    assert ranks == sorted(ranks), "statuses ordered"

    for route in routes:
        assert route.sources or route.code == "emergency", "every route but 112 cites its basis"
        if route.status == "unknown":
            assert route.missing, "unknown names a missing fact"
            assert all(facts.get(fact) is None for fact in route.missing), "missing facts are unknown"

    assert assessment.disclaimer_key == "disclaimer.information_not_decision"
    as_dict = assessment.to_dict()
    assert as_dict["disclaimer_key"] and len(as_dict["routes"]) == len(routes)


@settings(max_examples=200, deadline=None)
@given(facts_strategy, dates)
def test_learning_a_missing_fact_moves_the_route_on(raw, on):
    """A fact named in `missing` matters: once known, the route is decided or needs another
    fact, so a dialogue that asks the missing facts never asks the same one twice."""
    facts = consistent(raw, on)
    for route in assess(facts, on).routes:
        if route.status != "unknown":
            continue
        fact = route.missing[0]
        spec = FACTS[fact]
        candidates = {"bool": [True, False], "int": [0, 17, 18, 60], "number": [0, 0.5, 1, 3, 3.5, 10],
                      "enum": list(spec.values), "country": ["NL", "RO", "NG"]}[spec.kind]
        if fact == "nationality" or (fact == "citizenship" and facts.get("nationality")):
            continue
        for value in candidates:
            after = assess({**facts, fact: value}, on).route(route.code)
            assert after.status != "unknown" or fact not in after.missing, (route, fact, value, after)

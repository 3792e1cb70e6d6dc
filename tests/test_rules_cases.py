"""The rules against cases written from RULES.md (rules_cases.yml)."""
import datetime
from pathlib import Path

import pytest
import yaml

from bot.rules import assess

CASES = yaml.safe_load((Path(__file__).parent / "rules_cases.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case(case):
    assessment = assess(case["facts"], on=case.get("date", datetime.date(2026, 1, 1)))
    routes = {route.code: route for route in assessment.routes}
    assert {code: routes[code].status for code in case["expect"]} == case["expect"]
    for code, keys in case.get("reasons", {}).items():
        assert set(keys) <= set(routes[code].reasons), routes[code]
    for code, keys in case.get("absent_reasons", {}).items():
        assert not set(keys) & set(routes[code].reasons), routes[code]
    for code, facts in case.get("missing", {}).items():
        assert list(routes[code].missing) == facts, routes[code]
    if "first" in case:
        assert assessment.routes[0].code == case["first"]


def test_every_route_is_covered_by_a_case():
    covered = {code for case in CASES for code in case["expect"]}
    assert covered == {route.code for route in assess({}).routes}

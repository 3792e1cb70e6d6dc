"""Every text exists in every language, for both audiences, with the same placeholders."""
import re
from pathlib import Path

import pytest
import yaml

from bot.render import render, source_key
from bot.rules import FACTS, STATUSES, assess
from bot.rules.data import load
from bot.rules.routes import TABLE, reason_keys
from bot.texts import AUDIENCES, LOCALES, languages

AMENDMENT_REASONS = {a["add_reason"] for a in load("amendments")["amendments"]}
REQUIRED = {
    "route": {f"{code}.{part}" for code in TABLE for part in ("title", *AUDIENCES)},
    "status": {f"{status}.{part}" for status in STATUSES for part in (*AUDIENCES, "short")},
    "reason": {f"{key}.{audience}" for key in reason_keys() | AMENDMENT_REASONS for audience in AUDIENCES},
    "fact": {f"{fact}.{audience}" for fact in FACTS for audience in AUDIENCES},
    "disclaimer": {f"{load('routes')['disclaimer_key'].split('.', 1)[1]}.{audience}" for audience in AUDIENCES},
    "source": {f"{source_key(cite)}.{part}" for cite in load("citations")["sources"] for part in ("cite", "title")},
}


def flatten(tree, prefix=""):
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def texts(namespace, language):
    path = LOCALES / f"{namespace}.{language}.yml"
    tree = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(tree) == [language], f"{path.name} must have the locale as its only root key"
    return dict(flatten(tree[language]))


def test_dutch_and_english_are_there():
    assert {"nl", "en"} <= set(languages())


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize("namespace", sorted(REQUIRED))
def test_locale_is_complete(namespace, language):
    found = texts(namespace, language)
    assert set(found) >= REQUIRED[namespace], f"missing: {sorted(REQUIRED[namespace] - set(found))}"
    assert set(found) == REQUIRED[namespace], f"not used: {sorted(set(found) - REQUIRED[namespace])}"
    assert all(isinstance(text, str) and text.strip() for text in found.values())


@pytest.mark.parametrize("language", languages())
def test_every_file_of_a_language_has_the_same_keys_and_placeholders_as_english(language):
    for path in sorted(LOCALES.glob("*.en.yml")):
        namespace = path.name.split(".")[0]
        english, other = texts(namespace, "en"), texts(namespace, language)
        assert set(other) == set(english), namespace
        for key, text in english.items():
            assert placeholders(other[key]) == placeholders(text), f"{namespace}.{key}"


def placeholders(text):
    return sorted(re.findall(r"%\{(\w+)\}", text))


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize("audience", AUDIENCES)
def test_render_gives_every_route_and_the_disclaimer(language, audience):
    import datetime
    facts = {"nationality": "NG", "dublin": True, "reported": True, "case_status": "investigation", "in_danger": True}
    assessment = assess(facts, datetime.date(2026, 1, 1))
    rendered = render(assessment, language, audience)
    assert [route["code"] for route in rendered["routes"]] == [route.code for route in assessment.routes]
    assert rendered["disclaimer"] == texts("disclaimer", language)[f"information_not_decision.{audience}"]
    dublin = next(r for r in rendered["routes"] if r["code"] == "reflection_period")["reasons"]
    assert any("2023" in reason for reason in dublin), "the amendment's date is named"
    for route in rendered["routes"]:
        assert route["title"] and route["text"] and route["status_text"]
        assert all(source["title"] for source in route["sources"])


def test_render_refuses_unknown_language_and_audience():
    from bot.texts import UnsupportedLanguage
    assessment = assess({})
    with pytest.raises(UnsupportedLanguage):
        render(assessment, "xx")
    with pytest.raises(ValueError):
        render(assessment, "en", "judge")

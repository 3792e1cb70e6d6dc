"""The summary to keep (bot/summary.py): every route, the date, the sources and the
disclaimer, in the language asked for and in no other; the handout without legal references;
the page well-formed, escaped and self-contained."""
import base64
import datetime
import hashlib
import re
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path

import pytest
import yaml

from bot.render import long_date, render
from bot.replies import contact_list, fact_value
from bot.rules import assess
from bot.rules.data import load
from bot.rules.routes import reason_keys
from bot.summary import CONTENT_SECURITY_POLICY, html, markdown
from bot.texts import AUDIENCES, LOCALES, languages, t

CASES = yaml.safe_load((Path(__file__).parent / "rules_cases.yml").read_text(encoding="utf-8"))
FORMATS = {"markdown": markdown, "html": html}
CITATIONS = load("citations")["sources"]
CONDITION_KEYS = reason_keys() | {a["add_reason"] for a in load("amendments")["amendments"]}
SHORTEST = 12   # shorter strings are labels or names that languages may share ("Fier", "Jeugdwet")


def assessed(case):
    return assess(case["facts"], on=case.get("date", datetime.date(2026, 1, 1)))


def shown_text(output, form):
    """What a reader sees: the page's text (entities decoded), or the Markdown without its
    marks for bold, code and links."""
    if form == "markdown":
        return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", output).replace("**", "").replace("`", "")
    return "".join(ET.fromstring(output).find("body").itertext())


def strings(language):
    """Every text of a language's locale files, by namespace and key."""
    found = {}
    for path in LOCALES.glob(f"*.{language}.yml"):
        namespace = path.name.split(".")[0]

        def walk(tree, prefix):
            for key, value in tree.items():
                if isinstance(value, dict):
                    walk(value, f"{prefix}{key}.")
                else:
                    found[f"{prefix}{key}"] = value
        walk(yaml.safe_load(path.read_text(encoding="utf-8"))[language], f"{namespace}.")
    return found


def foreign_fragments(language):
    """Texts of the other languages that this language does not share: each text cut at its
    placeholders, long pieces only, and none that occurs inside a text of this language
    (a Dutch name quoted in an English title, say)."""
    own = strings(language)
    pieces = set()
    for other in languages():
        if other == language:
            continue
        for key, text in strings(other).items():
            if own.get(key) != text:
                pieces |= {piece.strip() for piece in re.split(r"%\{\w+\}", text) if len(piece.strip()) >= SHORTEST}
    return {piece for piece in pieces if not any(piece in text for text in own.values())}


FOREIGN = {language: foreign_fragments(language) for language in languages()}


def test_the_purity_check_has_something_to_check():
    assert len(FOREIGN["en"]) > 300 and len(FOREIGN["nl"]) > 300
    assert "Government letter «Doorlichting Verblijfsregeling Mensenhandel», 23 June 2014, §3: " \
           "the three months' reflection period" in FOREIGN["nl"]


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("language", languages())
def test_every_route_the_date_and_the_disclaimer_in_the_language_asked_for(language, audience, form):
    for case in CASES:
        assessment = assessed(case)
        text = shown_text(FORMATS[form](assessment, language, audience), form)
        rendered = render(assessment, language, audience)
        for route in rendered["routes"]:
            assert route["title"] in text, (case["name"], route["code"])
            if not (audience == "victim" and route["code"] == "emergency" and route["status"] != "applies"):
                assert route["status_text"] in text, (case["name"], route["code"])
        assert rendered["disclaimer"] in text
        assert long_date(assessment.on, language) in text, case["name"]
        for name, value in assessment.to_dict()["facts"].items():
            assert fact_value(name, value, language) in text, (case["name"], name)
        contacts = contact_list(language)
        assert contacts[0]["phone"] == "112" and text.index(contacts[0]["name"]) < text.index(contacts[1]["name"])
        leaked = [piece for piece in FOREIGN[language] if piece in text]
        assert not leaked, (case["name"], leaked[:3])


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize("language", languages())
def test_the_handout_has_no_legal_references_and_no_condition_keys(language, form):
    cites = set(CITATIONS) | {text for key, text in strings(language).items()
                              if key.startswith("source.") and key.endswith(".cite")}
    for case in CASES:
        assessment = assessed(case)
        output = FORMATS[form](assessment, language, "victim")
        text = shown_text(output, form)
        assert not [cite for cite in cites if cite in text], case["name"]
        assert "§" not in text and "`" not in output and "<code>" not in output
        for key in CONDITION_KEYS | {route.code for route in assessment.routes}:
            if "_" in key:   # keys without one are plain words ("asylum", "minor")
                assert key not in text, (case["name"], key)


@pytest.mark.parametrize("language", languages())
def test_the_handout_is_short_on_routes_that_do_not_fit(language):
    assessment = assess({"nationality": "NL", "age": 30, "in_danger": False}, datetime.date(2026, 1, 1))
    text = markdown(assessment, language, "victim")
    quiet = [r for r in assessment.routes if r.status in ("not_needed", "not_applicable") and r.code != "emergency"]
    assert len(quiet) >= 5
    for route in quiet:
        assert t(f"route.{route.code}.title", language) in text
        assert t(f"route.{route.code}.victim", language) not in text
    assert t("route.municipal_support.victim", language) in text     # it applies: in full


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize("language", languages())
def test_the_professional_summary_keeps_sources_reasons_and_condition_keys(language, form):
    for case in CASES:
        assessment = assessed(case)
        text = shown_text(FORMATS[form](assessment, language, "professional"), form)
        rendered = render(assessment, language, "professional")
        for route, shown in zip(assessment.routes, rendered["routes"]):
            for source in shown["sources"]:
                assert f"{source['label']}: {source['title']}" in text, (case["name"], source["cite"])
            for reason, key in zip(shown["reasons"], route.reasons):
                assert f"{reason} {key}" in text, (case["name"], key)
            for missing in shown["missing"]:
                assert missing in text
        for missing in rendered["missing"]:
            assert missing in text


def test_a_summary_can_be_in_another_language_than_the_facts_were_given_in():
    assessment = assess({"nationality": "DE", "age": 16}, datetime.date(2026, 1, 1))
    assert "Germany" in markdown(assessment, "en", "victim") and "Duitsland" in markdown(assessment, "nl", "victim")


def test_unknown_language_or_audience_is_refused():
    from bot.texts import UnsupportedLanguage
    assessment = assess({}, datetime.date(2026, 1, 1))
    with pytest.raises(UnsupportedLanguage):
        markdown(assessment, "fr", "victim")
    with pytest.raises(ValueError):
        html(assessment, "en", "judge")


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("language", languages())
def test_the_page_is_well_formed_escaped_and_self_contained(language, audience):
    assessment = assess({"nationality": "NG", "age": 17, "dublin": True, "reported": False,
                         "wants_to_report": "undecided"}, datetime.date(2026, 1, 1))
    page = html(assessment, language, audience)
    assert page.startswith("<!DOCTYPE html>\n")
    root = ET.fromstring(page)              # well-formed: it parses as XML
    assert root.tag == "html" and root.get("lang") == language
    allowed = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "ul", "li",
               "strong", "code", "a", "br"}
    for element in root.iter():
        assert element.tag in allowed, element.tag
        assert set(element.attrib) <= {"lang", "charset", "name", "content", "class", "href"}
        if "href" in element.attrib:
            assert element.tag == "a" and element.get("href").startswith("https://")
    style = root.find("head/style").text
    assert "url(" not in style and "@import" not in style
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in CONTENT_SECURITY_POLICY and "script" not in CONTENT_SECURITY_POLICY
    # Escaped: texts with quotes come out as the reader should see them, not as markup.
    shown = "".join(root.find("body").itertext())
    for contact in contact_list(language):
        assert contact["what"] in shown
        assert escape(contact["what"]) in page
    assert "'" not in re.sub(r"<[^>]*>", "", page.split("</head>")[1])

"""The bot's messages: every text they use exists, in every language, and CONTRACT.md §2."""
import datetime

import pytest

from bot import replies
from bot.dialogue import QUESTION_ORDER
from bot.rules import assess
from bot.texts import AUDIENCES, languages

ON = datetime.date(2026, 1, 1)


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_question_has_its_text_and_options(language, audience):
    for fact in QUESTION_ORDER:
        text, payload = replies.question(fact, language, audience)
        assert text["text"] and text["buttons"] == payload["custom"]["options"]
        assert payload["custom"]["type"] == "question" and payload["custom"]["fact"] == fact
        assert all(option["title"] and option["payload"].startswith("/") for option in text["buttons"])


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_answer_and_fixed_text_exists(language, audience):
    for intent in replies.ANSWERS:
        assert replies.answer(intent, language, audience)[0]["text"]
    for key in ("welcome", "emergency", "not_understood", "declined_ok", "assessment_intro", "assessment_more",
                "anything_else", "forgotten", "start_over", "facts_intro", "facts_none"):
        assert replies.text(key, language, audience)["text"]
    assert replies.text("language_changed", language)["text"]
    assert replies.text("professional_mode", language)["text"]
    assert replies.text("unavailable", language)["text"]
    assert replies.contacts(language, audience=audience)["text"].count("\n") == len(replies.CONTACTS)


@pytest.mark.parametrize("language", languages())
def test_contacts_never_show_an_unconfirmed_number(language):
    listing = replies.contacts(language)["text"]
    assert listing.splitlines()[0].split(":")[1].strip().startswith("112"), "112 first"
    for contact in replies.CONTACTS:
        assert contact["id"] in ("emergency", "police", "comensha", "meld_misdaad_anoniem", "slachtofferhulp",
                                 "arbeidsinspectie") or "phone" not in contact
    urgent = replies.contacts(language, urgent_only=True)["text"]
    assert "112" in urgent and "0900 8844" in urgent and "0800 7000" not in urgent


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_assessment_message_follows_the_contract(language, audience):
    result = assess({"nationality": "NG", "age": 17, "in_danger": True, "reported": False}, ON)
    messages = replies.assessment(result, language, audience)
    payload = next(m["custom"] for m in messages if "custom" in m)
    assert payload["type"] == "assessment"
    assert [r["code"] for r in payload["routes"]] == [r.code for r in result.routes]
    assert payload["routes"][0]["code"] == "emergency"
    for route in payload["routes"]:
        assert {"code", "status", "reasons", "sources", "missing"} <= set(route)
    assert payload["disclaimer"] and messages[-2]["text"] == payload["disclaimer"]
    assert payload["facts"]["citizenship"] == "non_eu"


def test_cards_carry_everything_and_are_not_repeated_in_text():
    result = assess({"nationality": "ER", "age": 17}, ON)
    plain = replies.assessment(result, "en", "victim")
    cards = replies.assessment(result, "en", "victim", cards=True)
    payload = next(m["custom"] for m in cards if "custom" in m)
    assert len(cards) == 3 and len(plain) > len(cards)
    assert payload["contacts"][0]["phone"] == "112"
    assert all(route["title"] and route["text"] for route in payload["routes"])


@pytest.mark.parametrize("language,expected", [
    ("en", ["Nigeria", "yes", "2 months", "3.5 years", "The case was dropped"]),
    ("nl", ["Nigeria", "ja", "2 maanden", "3.5 jaar"]),
])
def test_facts_are_shown_in_words(language, expected):
    facts = {"nationality": "NG", "reported": True, "months_since_exit": 2.0, "case_years": 3.5,
             "case_status": "dismissed"}
    shown = replies.facts_known(facts, language, "victim")[1]["text"]
    for words in expected:
        assert words in shown
    assert "NG" not in shown

"""How messages become facts, and which question comes next (bot.dialogue)."""
import datetime

import pytest

from bot.dialogue import QUESTION_ORDER, Change, changes, merge, next_question, questions, read_message
from bot.rules import FACTS, assess

ON = datetime.date(2026, 1, 1)


def ent(entity, value):
    return {"entity": entity, "value": value}


def test_several_facts_in_one_message():
    reading = read_message("inform", [ent("age", 17), ent("country", "ER"), ent("situation", "left"),
                                      ent("duration", 1.0)], "I'm 17, from Eritrea, I ran away last month", None)
    assert reading.facts == {"age": 17, "nationality": "ER", "still_in_situation": False, "months_since_exit": 1.0}


@pytest.mark.parametrize("requested,intent,fact,value", [
    ("in_danger", "affirm", "in_danger", True), ("in_danger", "deny", "in_danger", False),
    ("reported", "affirm", "reported", True), ("dublin", "deny", "dublin", False),
    ("wants_to_report", "affirm", "wants_to_report", "yes"), ("wants_to_report", "deny", "wants_to_report", "no"),
    ("wants_to_report", "dont_know", "wants_to_report", "undecided"),
    ("cannot_cooperate", "deny", "cannot_cooperate", "none"), ("asylum", "affirm", "asylum", "applied"),
    ("permit_years", "deny", "permit_years", 0), ("case_status", "deny", "case_status", "none"),
])
def test_yes_and_no_answer_the_question_asked(requested, intent, fact, value):
    assert read_message(intent, [], "yes", requested).facts == {fact: value}


def test_a_learnt_entity_means_its_role():
    entities = [{"entity": "report", "value": "went to the police", "role": "reported"},
                {"entity": "case", "value": "dropped", "role": "dismissed"}]
    assert read_message("inform", entities, "...", None).facts == {"reported": True, "case_status": "dismissed"}


def test_yes_without_a_question_says_nothing():
    assert read_message("affirm", [], "yes", None).facts == {}
    assert read_message("affirm", [], "yes", "nationality").facts == {}


@pytest.mark.parametrize("intent", ["dont_know", "rather_not_say"])
def test_dont_know_and_rather_not_say_decline_the_question(intent):
    reading = read_message(intent, [], "geen idee", "age")
    assert reading.facts == {} and reading.declined == ("age",)


def test_danger_at_any_moment():
    assert read_message("in_danger", [], "he is coming", "age").facts == {"in_danger": True}
    assert read_message("safe_now", [], "I'm safe now", None).facts == {"in_danger": False}


@pytest.mark.parametrize("requested,months,fact,value", [
    ("months_since_exit", 2, "months_since_exit", 2), ("case_years", 42, "case_years", 3.5),
    ("permit_years", 6, "permit_years", 0.5),
])
def test_a_duration_answers_the_question_asked(requested, months, fact, value):
    assert read_message("inform", [ent("duration", months)], "...", requested).facts == {fact: value}


def test_only_the_persons_own_country_is_the_nationality():
    entities = [ent("country", "NG"), {"entity": "country", "value": "IT", "role": "elsewhere"}, ent("dublin", "yes")]
    assert read_message("inform", entities, "Nigerian, fingerprinted in Italy", None).facts == {
        "nationality": "NG", "dublin": True}
    only_elsewhere = [{"entity": "country", "value": "IT", "role": "elsewhere"}]
    assert read_message("inform", only_elsewhere, "registered in Italy", None).facts == {}
    assert read_message("choose_language", [ent("country", "GB"), ent("language", "en")], "English", None).facts == {}


def test_a_duration_without_context_is_not_guessed():
    assert read_message("inform", [ent("duration", 24)], "since 2 years", "reported").facts == {}


@pytest.mark.parametrize("requested,text,value", [("age", "17", 17), ("age", " 16 ", 16),
                                                   ("case_years", "4", 4), ("months_since_exit", "2,5", 2.5)])
def test_a_bare_number_answers_the_question_asked(requested, text, value):
    assert read_message("inform", [], text, requested).facts == {requested: value}


def test_misread_values_are_dropped_not_passed_on():
    assert read_message("inform", [ent("age", 150), ent("country", "Narnia")], "...", None).facts == {}
    assert read_message("inform", [], "999", "age").facts == {}


def test_language_choice_and_professional_role():
    assert read_message("choose_language", [ent("language", "en")], "English please", None).language == "en"
    assert read_message("i_am_professional", [], "I'm a lawyer", None).professional
    # a case description that says who writes it (bot/nlp/data/professional.yml)
    assert read_message("inform", [], "I'm a lawyer. My client is 24", None).professional
    assert read_message("inform", [], "Mijn cliënte is 17 en komt uit Eritrea", None).professional
    assert not read_message("ask_help_contacts", [], "I need a lawyer", None).professional
    assert not read_message("inform", [], "ik ben 24 en kom uit Nigeria", None).professional


def test_corrections_replace_and_a_new_nationality_drops_a_given_citizenship():
    assert merge({"age": 18, "nationality": "NG"}, {"age": 17}) == {"age": 17, "nationality": "NG"}
    assert merge({"citizenship": "eu"}, {"nationality": "NG"}) == {"nationality": "NG"}


def ask(facts, declined=()):
    result = assess(facts, ON)
    return next_question(result.facts, declined, result.missing)


def test_the_first_question_is_about_danger_then_nationality():
    assert ask({}) == "in_danger"
    assert ask({"in_danger": False}) == "nationality"


def test_citizenship_only_when_the_nationality_is_not_given():
    assert ask({"in_danger": False}, declined=["nationality"]) == "citizenship"


def test_no_case_status_before_a_report():
    facts = {"in_danger": False, "nationality": "NG", "age": 30, "still_in_situation": False,
             "months_since_exit": 1, "reported": False}
    assert ask(facts) == "wants_to_report"
    assert ask({**facts, "reported": True}) == "case_status"


def test_no_cannot_cooperate_for_someone_who_wants_to_report():
    facts = {"in_danger": False, "nationality": "NG", "age": 30, "still_in_situation": True,
             "reported": False, "wants_to_report": "yes", "permit_years": 0}
    asked = []
    while (fact := ask(facts)) is not None:
        asked.append(fact)
        facts[fact] = {"bool": False, "enum": FACTS[fact].values[-1] if FACTS[fact].values else None,
                       "number": 0, "int": 30}.get(FACTS[fact].kind)
    assert "cannot_cooperate" not in asked and "threat_continues" not in asked


def test_no_asylum_or_dublin_for_an_eu_citizen():
    facts = {"in_danger": False, "nationality": "RO", "age": 30, "still_in_situation": True,
             "reported": False, "permit_years": 0}
    assert ask(facts) is None


def test_declined_facts_are_not_asked_again_and_the_dialogue_ends():
    facts, declined = {}, []
    for _ in range(len(QUESTION_ORDER) + 1):
        fact = ask(facts, declined)
        if fact is None:
            break
        declined.append(fact)
    assert fact is None and len(declined) == len(set(declined))


def spanned(entity, value, start, role=None):
    return {"entity": entity, "value": value, "start": start, **({"role": role} if role else {})}


def test_time_spans_are_read_by_what_they_follow():
    text = "B8.3 permit for 3 years, the case has been running for 4 years, she left 2 months ago"
    entities = [spanned("permit", "B8.3 permit", 0, "held"), spanned("duration", 36, 16),
                spanned("case", "the case has been running", 25, "prosecution"), spanned("duration", 48, 55),
                spanned("situation", "she left", 64, "left"), spanned("duration", 2, 73)]
    facts = read_message("inform", entities, text, None).facts
    assert facts["permit_years"] == 3 and facts["case_years"] == 4 and facts["months_since_exit"] == 2


def test_a_dismissal_is_no_anchor_for_a_time_span():
    entities = [spanned("case", "dismissed", 0, "dismissed"), spanned("duration", 2, 20)]
    assert "case_years" not in read_message("inform", entities, "dismissed two months ago", None).facts


def test_permit_and_safety_in_words():
    facts = read_message("inform", [ent("permit", "none"), ent("safety", "safe")], "no permit, safe now", None).facts
    assert facts == {"permit_years": 0, "in_danger": False}


def test_a_professional_gets_every_question_at_once_in_order():
    result = assess({"nationality": "NG"}, ON)
    asked = questions(result.facts, [], result.missing)
    assert asked[0] == "in_danger" and next_question(result.facts, [], result.missing) == asked[0]
    assert asked == sorted(asked, key=QUESTION_ORDER.index)
    assert {"dublin", "asylum", "return_risks"} <= set(asked) and "nationality" not in asked
    assert questions(result.facts, asked, result.missing) == []


def test_changes_name_exactly_the_routes_that_differ():
    before = assess({"nationality": "NG", "age": 30, "reported": False, "wants_to_report": "undecided"}, ON)
    after = assess({"nationality": "NG", "age": 30, "reported": False, "wants_to_report": "yes"}, ON)
    assert changes(before, after) == [Change("b83_cooperation", "possible", "applies", ("wants_to_report",),
                                             ("undecided_about_reporting",))]
    assert changes(before, before) == []


@pytest.mark.parametrize("intent", ["ask_police", "ask_asylum_vs_b83", "ask_b83", "ask_summary"])
def test_a_question_gives_who_the_person_is_not_what_it_supposes(intent):
    entities = [ent("country", "NG"), ent("age", 24), {"entity": "report", "value": "if I report", "role": "wants"},
                {"entity": "asylum", "value": "asylum", "role": "applied"}, ent("duration", 2)]
    assert read_message(intent, entities, "I'm 24, from Nigeria: what if I report?", "months_since_exit").facts \
        == {"nationality": "NG", "age": 24}
    assert read_message("inform", entities, "...", None).facts["wants_to_report"] == "yes", "a statement gives them"

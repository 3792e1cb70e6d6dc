"""The custom actions over HTTP against the real action server, as Rasa calls them."""
import itertools

import pytest

from bot.texts import t
from tests.conftest import post_json

_ids = itertools.count()


class Conversation:
    """Plays Rasa's part: sends the tracker to an action and keeps the slots it sets."""

    def __init__(self, action_url, metadata=None):
        self.url = f"{action_url}/webhook"
        self.slots = {"session_started_metadata": metadata or {}}
        self.metadata = metadata or {}

    def run(self, action, intent, text="", entities=()):
        tracker = {
            "sender_id": f"test-{next(_ids)}", "slots": dict(self.slots), "events": [], "paused": False,
            "followup_action": None, "active_loop": {}, "latest_action_name": "action_listen",
            "latest_message": {"intent": {"name": intent, "confidence": 1.0}, "entities": list(entities),
                               "text": text, "metadata": self.metadata},
        }
        status, reply = post_json(self.url, {"next_action": action, "sender_id": tracker["sender_id"],
                                             "tracker": tracker, "domain": {}, "version": "3.6.2"})
        assert status == 200
        for event in reply["events"]:
            if event["event"] == "slot":
                self.slots[event["name"]] = event["value"]
            elif event["event"] == "restart":
                self.slots = {"session_started_metadata": self.metadata}
        return reply["responses"]

    def say(self, intent, text="", entities=()):
        return self.run("action_next_step", intent, text, entities)


def texts(responses):
    return [r["text"] for r in responses if r.get("text")]


def custom(responses, kind):
    return [r["custom"] for r in responses if (r.get("custom") or {}).get("type") == kind]


@pytest.fixture(scope="module")
def action_url(assistant):
    return assistant.action_url


def test_a_conversation_in_english_reaches_the_assessment(action_url):
    talk = Conversation(action_url, {"language": "en"})
    first = talk.say("greet", "hello")
    assert custom(first, "question")[0]["fact"] == "in_danger"
    assert talk.slots["language"] == "en"
    talk.say("deny", "no")
    reply = talk.say("inform", "I'm 17 and from Eritrea, I ran away last month",
                     [{"entity": "age", "value": 17}, {"entity": "country", "value": "ER"},
                      {"entity": "situation", "value": "left"}, {"entity": "duration", "value": 1.0}])
    assert talk.slots["facts"] == {"in_danger": False, "age": 17, "nationality": "ER",
                                   "still_in_situation": False, "months_since_exit": 1.0}
    asked = [custom(reply, "question")[0]["fact"]]
    for _ in range(20):
        reply = talk.say("dont_know", "I don't know")
        questions = custom(reply, "question")
        if not questions:
            break
        asked.append(questions[0]["fact"])
    assert "nationality" not in asked and "age" not in asked, "the form skips what it knows"
    assert len(asked) == len(set(asked)), "no question twice"
    assessment = custom(reply, "assessment")[0]
    statuses = {route["code"]: route["status"] for route in assessment["routes"]}
    assert statuses["minor_protection"] == "applies"
    assert statuses["reflection_period"] == "unknown"
    assert assessment["disclaimer"].startswith("This is information")
    assert assessment["facts"]["citizenship"] == "non_eu"


def test_danger_in_the_middle_gets_112_first(action_url):
    talk = Conversation(action_url, {"language": "nl"})
    talk.say("greet", "hoi")
    reply = talk.say("in_danger", "hij komt eraan")
    assert "112" in texts(reply)[0]
    assert not custom(reply, "question")


def test_a_question_in_the_middle_is_answered_and_the_question_comes_back(action_url):
    talk = Conversation(action_url, {"language": "nl"})
    talk.say("greet", "hoi")
    talk.say("deny", "nee")
    answer = talk.run("action_answer", "ask_reflection_period", "wat is bedenktijd?")
    assert texts(answer) and custom(answer, "sources")[0]["sources"]
    again = talk.say("ask_reflection_period", "wat is bedenktijd?")
    assert custom(again, "question")[0]["fact"] == "nationality"


def test_corrections_give_a_new_assessment(action_url):
    talk = Conversation(action_url, {"language": "en", "role": "professional"})
    talk.say("inform", "", [{"entity": "country", "value": "RO"}, {"entity": "age", "value": 30}])
    reply = talk.say("dont_know", "no idea")
    before = {r["code"]: r["status"] for r in custom(reply, "assessment")[0]["routes"]}
    assert before["minor_protection"] == "not_applicable"
    reply = talk.say("inform", "actually I'm 17", [{"entity": "age", "value": 17}])
    after = {r["code"]: r["status"] for r in custom(reply, "assessment")[0]["routes"]}
    assert after["minor_protection"] == "possible"


def test_stop_forgets(action_url):
    talk = Conversation(action_url, {"language": "en"})
    talk.say("inform", "", [{"entity": "country", "value": "NG"}])
    reply = talk.run("action_forget", "stop", "stop")
    assert texts(reply) and "facts" not in talk.slots


def test_an_answer_not_understood_twice_is_taken_as_dont_know(action_url):
    talk = Conversation(action_url, {"language": "en"})
    talk.say("greet", "hi")
    talk.say("deny", "no")
    first = talk.say("inform", "blue")
    assert custom(first, "question")[0]["fact"] == "nationality", "asked again once"
    second = talk.say("inform", "purple")
    assert custom(second, "question")[0]["fact"] == "citizenship", "then moved on"
    assert talk.slots["declined"] == ["nationality"]


@pytest.mark.parametrize("language, unsure", [("en", "not sure"), ("nl", "weet ik niet")])
def test_one_unsure_about_danger_gets_112_before_the_next_question(action_url, language, unsure):
    talk = Conversation(action_url, {"language": language})
    talk.say("greet", "hi")
    reply = talk.say("dont_know", unsure)
    said = texts(reply)
    assert said[0] == t("dialogue.danger_unsure.victim", language) and "112" in said[0]
    assert "112" in said[1], "the urgent contacts, one tap away"
    assert t("dialogue.declined_ok.victim", language) not in said
    assert custom(reply, "question")[0]["fact"] == "nationality"
    assert talk.slots["declined"] == ["in_danger"] and "in_danger" not in talk.slots["facts"]
    later = texts(talk.say("dont_know", unsure))
    assert later[0] == t("dialogue.declined_ok.victim", language), "once, not after every unknown"


def test_danger_not_understood_twice_gets_112_before_moving_on(action_url):
    talk = Conversation(action_url, {"language": "en"})
    talk.say("greet", "hi")
    talk.say("inform", "blue")
    said = texts(talk.say("inform", "purple"))
    assert said[0] == t("dialogue.danger_unsure.victim", "en")


def test_a_professional_leaving_danger_open_gets_112(action_url):
    talk = Conversation(action_url, {"language": "en", "role": "professional"})
    talk.say("greet", "hello")
    reply = talk.say("inform", "she is from Nigeria", [{"entity": "country", "value": "NG"}])
    assert texts(reply)[0] == t("dialogue.danger_unsure.professional", "en")
    assert "in_danger" in talk.slots["declined"]
    answered = talk.say("inform", "she is safe now", [{"entity": "safety", "value": "safe"}])
    assert t("dialogue.danger_unsure.professional", "en") not in texts(answered)


def test_language_detected_from_the_first_message_when_no_metadata(action_url):
    talk = Conversation(action_url, {})
    talk.say("greet", "hello, I need some help please")
    assert talk.slots["language"] == "en"
    dutch = Conversation(action_url, {})
    dutch.say("greet", "hallo, ik heb hulp nodig")
    assert dutch.slots["language"] == "nl"


def test_explicit_language_choice_switches_and_is_said(action_url):
    talk = Conversation(action_url, {})
    talk.say("greet", "hallo, ik heb hulp nodig")
    reply = talk.say("choose_language", "English please", [{"entity": "language", "value": "en"}])
    assert talk.slots["language"] == "en"
    assert "English" in texts(reply)[0]


def test_the_role_comes_from_the_conversation(action_url):
    talk = Conversation(action_url, {"language": "en"})
    talk.say("greet", "hi")
    reply = talk.say("i_am_professional", "I'm a lawyer")
    assert talk.slots["role"] == "professional"
    assert any("professional" in line.lower() for line in texts(reply))


def test_a_professional_introduction_in_a_case_description_keeps_the_role(action_url):
    """The session began as a victim's (metadata); a lawyer's case description says
    otherwise, and the role stays professional for the turns after it."""
    talk = Conversation(action_url, {"language": "en", "role": "victim"})
    reply = talk.say("inform", "I'm a lawyer. My client is 24 and from Nigeria",
                     [{"entity": "age", "value": 24}, {"entity": "country", "value": "NG"}])
    assert talk.slots["role"] == "professional"
    assert len(custom(reply, "question")) > 1, "a professional gets the questions at once"
    talk.metadata = {"language": "en"}   # later messages name no role
    talk.say("inform", "no report so far", [{"entity": "report", "role": "not_reported"}])
    assert talk.slots["role"] == "professional"


def entity(name, value):
    return [{"entity": name, "value": value}]


# How a person answers each question: (intent, entities), as the buttons send them.
YES, NO = ("affirm", []), ("deny", [])
ROUTE_CASES = {
    "reflection_period applies": (
        {"nationality": ("inform", entity("country", "NG")), "age": ("inform", entity("age", 30)),
         "still_in_situation": NO, "months_since_exit": ("inform", entity("duration", 2)),
         "reported": NO, "wants_to_report": ("inform", entity("report", "undecided")),
         "cannot_cooperate": ("inform", entity("obstacle", "none")), "permit_years": NO, "in_danger": NO},
        {"reflection_period": "applies", "b83_cooperation": "possible"}),
    "b83_cooperation applies": (
        {"nationality": ("inform", entity("country", "VN")), "in_danger": NO, "reported": NO,
         "wants_to_report": ("inform", entity("report", "wants")), "permit_years": NO},
        {"b83_cooperation": "applies"}),
    "b83_cannot_cooperate possible": (
        {"nationality": ("inform", entity("country", "ER")), "in_danger": NO, "reported": NO,
         "wants_to_report": ("inform", entity("report", "does_not_want")),
         "cannot_cooperate": ("inform", entity("obstacle", "threat")), "permit_years": NO},
        {"b83_cannot_cooperate": "possible", "b83_cooperation": "not_applicable"}),
    "humanitarian applies": (
        {"nationality": ("inform", entity("country", "NG")), "in_danger": NO, "reported": YES,
         "case_status": ("inform", entity("case", "convicted"))},
        {"humanitarian": "applies", "b83_cooperation": "not_needed"}),
    "asylum possible": (
        {"nationality": ("inform", entity("country", "SY")), "in_danger": NO,
         "asylum": ("inform", entity("asylum", "considering")), "return_risks": YES},
        {"asylum": "possible"}),
    "municipal_support applies": (
        {"nationality": ("inform", entity("country", "BG")), "in_danger": NO, "age": ("inform", entity("age", 22))},
        {"municipal_support": "applies", "asylum": "not_applicable", "minor_protection": "not_applicable"}),
    "minor_protection applies": (
        {"nationality": ("inform", entity("country", "ER")), "in_danger": NO, "age": ("inform", entity("age", 16))},
        {"minor_protection": "applies"}),
}
DISCLAIMER_START = {("nl", "victim"): "Dit is informatie", ("en", "victim"): "This is information",
                    ("nl", "professional"): "Informatie, geen beslissing", ("en", "professional"): "Information, not"}


# A yes or a no in words, as a professional writes it among other facts ("no permit").
IN_WORDS = {("in_danger", "deny"): entity("safety", "safe"), ("permit_years", "deny"): entity("permit", "none"),
            ("reported", "affirm"): entity("report", "reported"), ("reported", "deny"): entity("report", "not_reported"),
            ("still_in_situation", "deny"): entity("situation", "left"),
            ("return_risks", "affirm"): entity("return_risk", "yes")}


def answer_all(talk, facts, answers):
    """A professional answers every question asked at once in one message."""
    entities = [e for fact in facts if fact in answers
                for e in IN_WORDS.get((fact, answers[fact][0]), answers[fact][1])]
    return talk.say("inform", "", entities)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("role", ["victim", "professional"])
@pytest.mark.parametrize("case", list(ROUTE_CASES))
def test_each_route_in_each_language_for_both_audiences(action_url, case, language, role):
    answers, expected = ROUTE_CASES[case]
    talk = Conversation(action_url, {"language": language, "role": role})
    reply = talk.say("greet", "hallo" if language == "nl" else "hello")
    asked = []
    for _ in range(20):
        if custom(reply, "assessment"):
            break
        facts = [question["fact"] for question in custom(reply, "question")]
        asked += facts
        if role == "professional":
            reply = answer_all(talk, facts, answers)
        else:
            assert len(facts) == 1, "a person is asked one thing at a time"
            intent, entities = answers.get(facts[0], ("dont_know", []))
            reply = talk.say(intent, "", entities)
    assessment = custom(reply, "assessment")[0]
    statuses = {route["code"]: route["status"] for route in assessment["routes"]}
    assert {code: statuses[code] for code in expected} == expected, asked
    assert assessment["disclaimer"].startswith(DISCLAIMER_START[language, role])
    assert len(asked) == len(set(asked))


# --- professionals: everything at once, what-if, summaries -------------------------------

BASE = [entity("country", "NG")[0], entity("age", 25)[0], entity("safety", "safe")[0],
        entity("situation", "left")[0], entity("report", "not_reported")[0], entity("report", "undecided")[0],
        entity("obstacle", "none")[0], entity("permit", "none")[0], entity("dublin", "no")[0],
        entity("asylum", "no")[0]]


def described(action_url, language="en", facts=BASE):
    """A professional who gave the whole case in one message and then said "that's all"."""
    talk = Conversation(action_url, {"language": language, "role": "professional"})
    reply = talk.say("inform", "", facts)
    if not custom(reply, "assessment"):
        reply = talk.say("dont_know", "")
    assert custom(reply, "assessment")
    return talk


def test_a_professional_is_asked_every_missing_fact_at_once(action_url):
    talk = Conversation(action_url, {"language": "en", "role": "professional"})
    reply = talk.say("inform", "", [entity("country", "NG")[0], entity("age", 17)[0]])
    asked = [question["fact"] for question in custom(reply, "question")]
    assert asked[0] == "in_danger", "safety first"
    assert {"still_in_situation", "reported", "dublin", "asylum"} <= set(asked)
    assert "nationality" not in asked and "age" not in asked
    assert len(asked) == len(set(asked)) > 3
    listing = texts(reply)[-1]
    assert all(f"\n{number}. " in listing for number in range(1, len(asked) + 1))
    # The answer gives some facts; what it leaves out stays unknown, and is not asked again.
    reply = talk.say("inform", "", [entity("safety", "safe")[0], entity("report", "reported")[0]])
    more = [question["fact"] for question in custom(reply, "question")]
    assert not set(more) & set(asked), "nothing is asked twice"
    assert "case_status" in more, "a report makes the state of the case matter"
    reply = talk.say("inform", "", entity("case", "investigation"))
    assessment = custom(reply, "assessment")[0]
    statuses = {route["code"]: route["status"] for route in assessment["routes"]}
    assert statuses["b83_cooperation"] == "applies" and statuses["minor_protection"] == "applies"
    assert "still_in_situation" in talk.slots["declined"]


# Each what-if against the case in BASE (a Nigerian adult, out of the situation, undecided
# about reporting, no permit): exactly these routes change, to these statuses (RULES.md).
WHAT_IF = {
    "she reports": (entity("report", "wants"), {"b83_cooperation": ("possible", "applies")}),
    "she turns 17": (entity("age", 17), {"minor_protection": ("not_applicable", "applies")}),
    "Romanian": (entity("country", "RO"), {
        "municipal_support": ("not_applicable", "applies"), "reflection_period": ("applies", "possible"),
        "b83_cooperation": ("possible", "not_needed"), "b83_cannot_cooperate": ("not_applicable", "not_needed"),
        "humanitarian": ("not_yet", "not_needed"), "asylum": ("possible", "not_applicable")}),
    "Dublin": (entity("dublin", "yes"), {"reflection_period": ("applies", "applies"),
                                         "b83_cooperation": ("possible", "possible")}),
    "threatened": (entity("obstacle", "threat"), {"b83_cannot_cooperate": ("not_applicable", "possible")}),
    "asylum applied": (entity("asylum", "applied"), {"asylum": ("possible", "possible")}),
    "the same": (entity("country", "NG"), {}),
}


@pytest.mark.parametrize("case", list(WHAT_IF))
def test_what_if_shows_exactly_what_changes_and_keeps_the_facts(action_url, case):
    supposed, expected = WHAT_IF[case]
    talk = described(action_url)
    facts = dict(talk.slots["facts"])
    reply = talk.run("action_what_if", "what_if", "", supposed)
    found = custom(reply, "what_if")
    changes = {change["code"]: (change["before"], change["after"]) for change in found[0]["changes"]} if found else {}
    assert changes == expected
    assert talk.slots["facts"] == facts, "the facts on record stay as they were"
    assert texts(reply)


def test_what_if_with_a_dismissed_case_after_a_report(action_url):
    talk = described(action_url, "nl", [*BASE[:4], entity("report", "reported")[0], entity("case", "investigation")[0],
                                        entity("permit", "none")[0]])
    reply = talk.run("action_what_if", "what_if", "", entity("case", "dismissed"))
    changes = {c["code"]: (c["before"], c["after"], c["reasons_added"]) for c in custom(reply, "what_if")[0]["changes"]}
    assert changes["humanitarian"][:2] == ("not_yet", "possible")
    assert changes["b83_cooperation"] == ("applies", "not_applicable", ["case_dismissed"])
    assert texts(reply)[0].startswith("Hypothese: ") and "gestopt" in texts(reply)[0]


def test_what_if_without_a_fact_asks_which_fact(action_url):
    talk = described(action_url)
    reply = talk.run("action_what_if", "what_if", "what if?")
    assert not custom(reply, "what_if") and "what if" in texts(reply)[0].lower()


@pytest.mark.parametrize("intent, named, language, audience", [
    ("ask_summary", None, "en", "professional"),
    ("ask_summary", "nl", "nl", "professional"),
    ("ask_handout", "en", "en", "victim"),
    ("ask_handout", "nl", "nl", "victim"),
])
def test_a_summary_in_the_language_asked_for(action_url, intent, named, language, audience):
    talk = described(action_url, "en")
    reply = talk.run("action_summary", intent, "", entity("language", named) if named else [])
    summary = custom(reply, "summary")[0]
    assert (summary["language"], summary["audience"]) == (language, audience)
    assert summary["markdown"] in texts(reply), "as text too, for clients that do not draw it"
    assert talk.slots["language"] == "en", "the conversation keeps its language"
    legal = "Kamerstuk 28 638 nr. 121" in summary["markdown"]
    assert legal == (audience == "professional"), "the handout has no legal references"


def test_a_summary_in_a_language_we_do_not_have_says_so(action_url):
    talk = described(action_url, "en")
    reply = talk.run("action_summary", "ask_handout", "", entity("language", "fr"))
    assert custom(reply, "summary")[0]["language"] == "en"
    assert "not available" in texts(reply)[0]

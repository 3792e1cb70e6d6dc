"""How the trained model reads what people write: intent, then the facts the dialogue
takes from it (bot.dialogue.read_message), in Dutch and English."""
import asyncio
import logging
import re

import pytest

from bot.dialogue import read_message
from bot.serve import MODEL
from tests.conftest import lexicon_tables, training_examples


@pytest.fixture(scope="module")
def parse():
    from rasa.core.agent import Agent
    logging.getLogger("rasa").setLevel(logging.WARNING)
    agent = Agent.load(str(MODEL))

    def parsed(text):
        return asyncio.run(agent.parse_message(text))
    return parsed


CASES = [
    # several facts in one message
    ("I'm 17, from Eritrea, I ran away last month and I'm afraid of the police", "inform",
     {"age": 17, "nationality": "ER", "still_in_situation": False, "months_since_exit": 1.0}),
    ("Ik ben 17, kom uit Eritrea en ben vorige maand weggelopen", "inform",
     {"age": 17, "nationality": "ER", "still_in_situation": False, "months_since_exit": 1.0}),
    ("Client is a 24-year-old Nigerian woman, out of the situation for two weeks, she has not reported yet",
     "inform", {"age": 24, "nationality": "NG", "still_in_situation": False, "months_since_exit": 0.5,
                "reported": False}),
    ("Cliënte is 16, uit Nigeria, heeft aangifte gedaan en de zaak is geseponeerd", "inform",
     {"age": 16, "nationality": "NG", "reported": True, "case_status": "dismissed"}),
    # countries in every form, and countries that are not the nationality
    ("ik kom uit Roemenië", "inform", {"nationality": "RO"}),
    ("Roemeense", "inform", {"nationality": "RO"}),
    ("I am British", "inform", {"nationality": "GB"}),
    ("I'm from Ivory Coast", "inform", {"nationality": "CI"}),
    ("my fingerprints were taken in Spain", "inform", {"dublin": True}),
    # single facts in new words
    ("I already reported to the police", "inform", {"reported": True}),
    ("I went to the police and told them everything", "inform", {"reported": True}),
    ("hij is veroordeeld", "inform", {"case_status": "convicted"}),
    ("I don't know if I want to report", "inform", {"wants_to_report": "undecided"}),
    ("ik heb aangifte gedaan bij de politie", "inform", {"reported": True}),
    ("the case was dropped last year", "inform", {"case_status": "dismissed"}),
    ("they threaten my mother if I talk", "inform", {"cannot_cooperate": "threat"}),
    ("ik heb asiel aangevraagd", "inform", {"asylum": "applied"}),
    # set phrases (bot/nlp/statements.py) in long descriptions, and a time span measured by
    # the permit held
    ("Moroccan man, 35, he has severe PTSD and cannot cooperate with the police, no report, no permit",
     "inform", {"nationality": "MA", "age": 35, "cannot_cooperate": "medical", "reported": False,
                "permit_years": 0}),
    ("Roemeense vrouw, ze wil niet naar de politie en heeft nog geen aangifte gedaan", "inform",
     {"nationality": "RO", "wants_to_report": "no", "reported": False}),
    ("Client has held the B8.3 permit for 3 years, the criminal case has been running for 4 years",
     "inform", {"permit_years": 3.0, "case_status": "prosecution", "case_years": 4.0}),
]


# Intents after which the dialogue takes in the facts of a message (data/rules/): a message
# the model is unsure of (nlu_fallback) still gives its entities.
TAKES_FACTS = {"inform", "nlu_fallback", "affirm", "deny", "greet"}


@pytest.mark.parametrize("text,intent,facts", CASES, ids=[case[0][:40] for case in CASES])
def test_messages_become_facts(parse, text, intent, facts):
    parsed = parse(text)
    assert parsed["intent"]["name"] in TAKES_FACTS
    assert read_message(parsed["intent"]["name"], parsed["entities"], text, None).facts == facts


@pytest.mark.parametrize("text,facts", [
    ("wat vraagt de politie als ik aangifte doe?", {}),
    ("if i ask for asylum, can i still get the b8.3 permit?", {}),
    ("can i get shelter if i don't want to report?", {}),
    ("I'm 19 and from Ghana, will the police deport me if I report?", {"age": 19, "nationality": "GH"}),
])
def test_a_question_gives_no_fact_it_supposes(parse, text, facts):
    """"If I report" in a question is a supposition, not a report (bot.dialogue.FACTS_IN_QUESTIONS)."""
    parsed = parse(text)
    assert parsed["intent"]["name"].startswith("ask_")
    assert read_message(parsed["intent"]["name"], parsed["entities"], text, None).facts == facts


@pytest.mark.parametrize("text,intent", [
    ("help he is coming", "in_danger"), ("ze staan voor de deur", "in_danger"),
    ("I'm scared he will hurt me tonight", "in_danger"), ("ik ben nu veilig", "safe_now"),
    ("stop", "stop"), ("vergeet dit gesprek", "stop"), ("English please", "choose_language"),
    ("what is the reflection period?", "ask_reflection_period"), ("wat is bedenktijd?", "ask_reflection_period"),
    ("is this chat anonymous?", "ask_confidential"), ("wie kan mij helpen?", "ask_help_contacts"),
    ("I'm a lawyer", "i_am_professional"), ("ik werk bij een hulplijn", "i_am_professional"),
    ("yes", "affirm"), ("nee", "deny"), ("geen idee", "dont_know"), ("I'd rather not say", "rather_not_say"),
])
def test_intents(parse, text, intent):
    assert parse(text)["intent"]["name"] == intent


@pytest.mark.parametrize("text,word,intent", [
    ("ttyl", "ttyl", "goodbye"), ("goede nacht", "goede nacht", "goodbye"),
    ("geen benul", "geen benul", "dont_know"), ("weetikveel", "weetikveel", "dont_know"),
    ("mischien", "mischien", "dont_know"),
    ("who will win the champions league", "champions league", "out_of_scope"),
    ("is this gdpr proof", "gdpr", "ask_confidential"),
])
def test_words_only_the_lexicon_knows(parse, text, word, intent):
    # The word is in no training example, so only the lexicon (data/nlu/lexicon_*.yml) tells
    # the model what it means; the model trained before the lexicon misread each message.
    assert any(word in words for words in lexicon_tables().values())
    assert not any(re.search(rf"\b{re.escape(word)}\b", example.lower()) for _, example in training_examples())
    assert parse(text)["intent"]["name"] == intent


@pytest.mark.parametrize("text", [
    "kom snel", "112", "ik word bedreigd nu", "they are hitting me", "help now", "HEEELP!!",
    "i'm not in danger but he is coming", "ze laten me niet gaan", "I don't feel safe here",
])
def test_danger_phrases_get_in_danger_whatever_the_model_says(parse, text):
    """The keyword safety net (bot/nlp/danger.py) runs last in the trained pipeline."""
    assert parse(text)["intent"] == {"name": "in_danger", "confidence": 1.0}


@pytest.mark.parametrize("text", ["ik ben veilig", "I'm not in danger", "I am safe now", "geen gevaar nu"])
def test_being_safe_is_not_danger(parse, text):
    assert parse(text)["intent"]["name"] == "safe_now"


@pytest.fixture
def model_reads(monkeypatch):
    """The texts DIET reads (bot.nlp.component.TypedTextDIET), in order."""
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier
    read, predict = [], DIETClassifier._predict

    def counted(self, message):
        read.append(message.get("text"))
        return predict(self, message)
    monkeypatch.setattr(DIETClassifier, "_predict", counted)
    return read


@pytest.mark.parametrize("payload,intent,entity", [
    ("/deny", "deny", None), ("/dont_know", "dont_know", None),
    ('/inform{"report":"wants"}', "inform", ("report", "wants")), ('/inform{"duration":36}', "inform", ("duration", 36)),
])
def test_button_payloads_are_read_as_they_say_without_the_model(parse, model_reads, payload, intent, entity):
    parsed = parse(payload)
    assert parsed["intent"] == {"name": intent, "confidence": 1.0}
    assert [(e["entity"], e["value"]) for e in parsed["entities"]] == ([entity] if entity else [])
    assert model_reads == []
    parse("nee")   # typed text still goes to the model
    assert model_reads == ["nee"]


def test_a_payload_of_no_known_intent_is_read_by_the_model(parse, model_reads):
    parsed = parse("/no_such_intent")
    assert model_reads == ["/no_such_intent"]
    assert parsed["intent"]["name"] != "no_such_intent"

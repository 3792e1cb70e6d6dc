"""How set phrases become entities (bot/nlp/phrases.py, bot/nlp/statements.py), on phrase
data of the test's own; the shipped phrases are tested in test_nlp_statement_phrases.py."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlp.phrases import Normaliser, same_words
from bot.nlp.statements import StatementPhrases

DATA = {
    "en": {
        "report": {"reported": ["has reported", "(she|he) reported"],
                   "not_reported": ["no report", "has not (yet )?reported"],
                   "does_not_want": ["will not report"]},
        "safety": {"safe": ["is safe( now)?", "safe now"]},
        "permit": {"none": ["no (b8 3 )?permit"]},
        "not": ["not safe", "is (this|the) chat safe", "what if (she|he) reports"],
    },
    "nl": {"report": {"not_reported": ["geen aangifte"], "does_not_want": ["wil niet naar de politie"]}},
}


@pytest.fixture(scope="module")
def phrases():
    return StatementPhrases({"same_words": same_words(), **DATA})


def said(phrases, text):
    return [(e["entity"], e["role"], e["value"]) for e in phrases.find(text)]


def test_offsets_point_into_the_message_as_written(phrases):
    text = "Client (Eritrea):  NO   report!! She’s SAFE — now; no B8.3 permit."
    found = phrases.find(text)
    assert [(e["entity"], e["role"]) for e in found] == [("report", "not_reported"), ("safety", "safe"),
                                                       ("permit", "none")]
    assert all(text[e["start"]:e["end"]] == e["value"] for e in found)
    # "She’s" is one word, "she is", of which "is safe now" takes a part: the whole word
    assert [e["value"] for e in found] == ["NO   report", "She’s SAFE — now", "no B8.3 permit"]


def test_contractions_and_every_language_at_once(phrases):
    assert said(phrases, "she won't report, geen aangifte") == [
        ("report", "does_not_want", "won't report"), ("report", "not_reported", "geen aangifte")]
    assert said(phrases, "Ze wil niet naar de politie") == [("report", "does_not_want", "wil niet naar de politie")]


def test_the_longer_phrase_over_the_same_words_wins(phrases):
    assert said(phrases, "she has not yet reported") == [("report", "not_reported", "has not yet reported")]
    assert said(phrases, "she has reported") == [("report", "reported", "has reported")]


def test_one_fact_with_two_values_in_separate_places_is_not_read(phrases):
    assert said(phrases, "He reported. She has not reported.") == []
    # two facts of one entity are no contradiction
    assert said(phrases, "no report, and she will not report") == [
        ("report", "not_reported", "no report"), ("report", "does_not_want", "will not report")]


def test_masked_words_state_nothing(phrases):
    assert said(phrases, "she is not safe") == []
    assert said(phrases, "Is this chat safe?") == []
    assert said(phrases, "what if she reports?") == []
    assert said(phrases, "she is not safe yet, but he is safe now") == [("safety", "safe", "is safe now")]


def test_nothing_in_nothing(phrases):
    for text in ["", "   ", "!!!", "🙂🙂", "<b></b>", "ميرا نام", "x" * 10_000]:
        assert phrases.find(text) == []


def test_bad_phrase_data_fails_at_load_time():
    with pytest.raises(ValueError, match="report:reported phrase"):
        StatementPhrases({"en": {"report": {"reported": ["has rep.*ed"]}}})
    with pytest.raises(ValueError, match="report:sent: no fact"):
        StatementPhrases({"en": {"report": {"sent": ["sent a report"]}}})


def test_normalised_words_keep_their_place():
    words = Normaliser({"im": "i am"}).words("I'm  HEEELP, Roemenië!")
    assert words.text == "i am help roemenie"
    assert [words.original(*span[:2]) for span in words.spans] == [(0, 3), (5, 11), (13, 21)]


def test_the_component_adds_sure_entities_beside_the_models():
    from bot.nlp.component import StatementExtractor
    message = Message(data={"text": "Nigerian woman, no report so far", "entities": [
        {"entity": "country", "value": "NG", "start": 0, "end": 8}]})
    StatementExtractor({}).process([message])
    entities = message.get("entities")
    assert entities[0]["entity"] == "country"
    added = [e for e in entities if e.get("extractor") == "StatementExtractor"]
    assert [(e["entity"], e["role"], e["confidence_entity"], e["confidence_role"]) for e in added] == [
        ("report", "not_reported", 1.0, 1.0)]

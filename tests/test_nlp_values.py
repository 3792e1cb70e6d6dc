"""The filter that keeps only meaningful entity values (bot.nlp.values)."""
from rasa.shared.nlu.training_data.message import Message

from bot.nlp.values import EntityValueFilter, meaningful


def test_meaningful_values():
    assert meaningful({"entity": "report", "value": "reported"})            # from a button
    assert meaningful({"entity": "report", "value": "aangifte gedaan", "role": "reported"})   # from DIET
    assert meaningful({"entity": "country", "value": "NG"})
    assert meaningful({"entity": "country", "value": "IT", "role": "elsewhere"})
    assert meaningful({"entity": "language", "value": "en"})
    assert not meaningful({"entity": "report", "value": "she"})
    assert not meaningful({"entity": "report", "value": "x", "role": "maybe"})
    assert not meaningful({"entity": "language", "value": "klingon"})
    assert not meaningful({"entity": "country", "value": "GB", "role": "language"})
    assert not meaningful({"entity": "colour", "value": "blue"})


def test_the_component_filters_message_entities():
    message = Message(data={"text": "English please", "entities": [
        {"entity": "country", "value": "GB", "role": "language", "start": 0, "end": 7},
        {"entity": "language", "value": "en", "start": 0, "end": 7}]})
    EntityValueFilter({}).process([message])
    assert message.get("entities") == [{"entity": "language", "value": "en", "start": 0, "end": 7}]


def test_unsure_and_conflicting_meanings_are_dropped():
    from bot.nlp.values import kept
    entities = [
        {"entity": "situation", "value": "i ran away", "role": "left", "confidence_role": 0.98},
        {"entity": "report", "value": "I'm", "role": "does_not_want", "confidence_role": 0.24},
        {"entity": "report", "value": "the", "role": "reported", "confidence_role": 0.22},
        {"entity": "report", "value": "told", "role": "reported", "confidence_role": 0.94},
        {"entity": "report", "value": "won't", "role": "does_not_want", "confidence_role": 0.80},
        {"entity": "report", "value": "everything", "role": "reported", "confidence_role": 0.73},
        {"entity": "age", "value": 17},
        {"entity": "report", "value": "wants"},   # a button: no role, sure by definition
    ]
    # "told" (reported) and "won't" (does not want to) speak of two facts: both kept
    assert [e["value"] for e in kept(entities, 0.7)] == ["i ran away", "told", "won't", "everything", 17, "wants"]


def test_of_two_values_for_one_fact_the_surer_and_a_set_phrase_on_a_tie():
    from bot.nlp.values import kept
    model = {"entity": "report", "value": "reported", "role": "reported", "confidence_role": 1.0,
             "extractor": "DIETClassifier"}
    phrase = {"entity": "report", "value": "not reported", "role": "not_reported", "confidence_role": 1.0,
              "extractor": "StatementExtractor"}
    unsure = {**model, "confidence_role": 0.9}
    assert kept([model, phrase], 0.7) == [phrase]
    assert kept([phrase, model], 0.7) == [phrase]
    assert kept([unsure, {**phrase, "confidence_role": 0.95, "extractor": "DIETClassifier"}], 0.7)[0]["role"] == \
        "not_reported"


def test_a_time_span_anchor_is_kept_and_conflicts_with_its_opposite():
    from bot.nlp.values import kept
    held = {"entity": "permit", "value": "has held the B8.3 permit", "role": "held", "confidence_role": 0.9}
    none = {"entity": "permit", "value": "no permit", "role": "none", "confidence_role": 0.8}
    assert meaningful(held)
    assert kept([held], 0.7) == [held]
    assert kept([none, held], 0.7) == [held], "no permit and a permit held: one of them"

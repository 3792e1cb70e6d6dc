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
    assert [e["value"] for e in kept(entities, 0.7)] == ["i ran away", "told", "everything", 17, "wants"]

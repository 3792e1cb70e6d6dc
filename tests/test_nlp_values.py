"""The filter that keeps only meaningful entity values (bot.nlp.values)."""
from rasa.shared.nlu.training_data.message import Message

from bot.nlp.values import EntityValueFilter, meaningful


def test_meaningful_values():
    assert meaningful({"entity": "report", "value": "reported"})
    assert meaningful({"entity": "country", "value": "NG"})
    assert meaningful({"entity": "country", "value": "IT", "role": "elsewhere"})
    assert meaningful({"entity": "language", "value": "en"})
    assert not meaningful({"entity": "report", "value": "she"})
    assert not meaningful({"entity": "language", "value": "klingon"})
    assert not meaningful({"entity": "country", "value": "GB", "role": "language"})
    assert not meaningful({"entity": "colour", "value": "blue"})


def test_the_component_filters_message_entities():
    message = Message(data={"text": "English please", "entities": [
        {"entity": "country", "value": "GB", "role": "language", "start": 0, "end": 7},
        {"entity": "language", "value": "en", "start": 0, "end": 7}]})
    EntityValueFilter().process([message])
    assert message.get("entities") == [{"entity": "language", "value": "en", "start": 0, "end": 7}]

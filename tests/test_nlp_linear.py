"""The linear intent vote (bot/nlp/linear.py): trained, stored and loaded as Rasa does, and
averaged with the ranking DIET leaves."""
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlp.linear import LinearIntentVote

EXAMPLES = {
    "greet": ["hello", "hi there", "good morning", "hallo", "goedemorgen", "hey"],
    "ask_police": ["will the police arrest me", "what do the police do", "gaat de politie mij oppakken",
                   "is the police safe", "wat doet de politie", "can I trust the police"],
}


@pytest.fixture
def trained(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("vote")
    context = ExecutionContext(GraphSchema({}), "test")
    component = LinearIntentVote.create({"weight": 0.25}, storage, resource, context)
    data = TrainingData([Message(data={"text": text, "intent": intent})
                         for intent, texts in EXAMPLES.items() for text in texts])
    component.train(data)
    return LinearIntentVote.load({"weight": 0.25}, storage, resource, context)


def parsed(text, ranking):
    message = Message(data={"text": text})
    message.set("intent_ranking", [{"name": name, "confidence": c} for name, c in ranking])
    message.set("intent", {"name": ranking[0][0], "confidence": ranking[0][1]})
    return message


def test_the_vote_is_the_weighted_average_of_the_ranking_before_and_the_linear_model(trained):
    alone = trained._model.predict_proba(["will the police help me"])[0]
    linear = dict(zip(trained._model.classes_, alone))
    assert linear["ask_police"] > 0.5, "the stored model was loaded and reads the message"
    message = trained.process([parsed("will the police help me", [("greet", 0.9), ("ask_police", 0.1)])])[0]
    ranking = {r["name"]: r["confidence"] for r in message.get("intent_ranking")}
    assert ranking["greet"] == pytest.approx(0.25 * 0.9 + 0.75 * linear["greet"])
    assert ranking["ask_police"] == pytest.approx(0.25 * 0.1 + 0.75 * linear["ask_police"])
    assert message.get("intent") == {"name": "ask_police", "confidence": ranking["ask_police"]}
    assert [r["name"] for r in message.get("intent_ranking")] == ["ask_police", "greet"]


def test_an_intent_the_ranking_before_left_out_counts_as_zero(trained):
    linear = dict(zip(trained._model.classes_, trained._model.predict_proba(["hello"])[0]))
    message = trained.process([parsed("hello", [("ask_police", 1.0)])])[0]
    ranking = {r["name"]: r["confidence"] for r in message.get("intent_ranking")}
    assert ranking["greet"] == pytest.approx(0.75 * linear["greet"])
    assert ranking["ask_police"] == pytest.approx(0.25 + 0.75 * linear["ask_police"])
    assert sum(ranking.values()) == pytest.approx(1.0)


@pytest.mark.parametrize("text", ["/greet", '/inform{"age": 17}', "", None])
def test_button_payloads_and_messages_without_text_are_left_alone(trained, text):
    message = Message(data={"text": text} if text is not None else {})
    message.set("intent", {"name": "deny", "confidence": 1.0})
    trained.process([message])
    assert message.get("intent") == {"name": "deny", "confidence": 1.0}


def test_a_word_only_the_lexicon_knows_carries_its_concept(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("vote")
    component = LinearIntentVote.create({}, storage, resource, ExecutionContext(GraphSchema({}), "test"))
    examples = {"goodbye": ["bye", "bye bye", "ok bye now", "doei", "doei doei"],
                "greet": ["hello", "hello there", "hallo", "hallo daar", "hi"]}
    data = TrainingData([Message(data={"text": text, "intent": intent}) for intent, texts in examples.items()
                         for text in texts],
                        lookup_tables=[{"name": "farewell", "elements": ["bye", "doei", "ttyl", "ajuus"]}])
    component.train(data)
    words = component._model.steps[0][1]
    assert words.transform(["TTYL!", "hello"]) == ["TTYL! conceptfarewell", "hello"]
    for text in ("ttyl", "ajuus"):
        assert component._model.predict([text])[0] == "goodbye"

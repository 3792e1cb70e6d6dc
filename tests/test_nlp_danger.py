"""The keyword safety net for danger (bot/nlp/danger.py, bot/nlp/data/danger.yml): on its
own, as the Rasa component (with its safe counterpart), and against the training data."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlp.component import DangerSafetyNet, StatementExtractor
from bot.nlp import statements
from bot.nlp.danger import DangerPhrases, signals_danger
from tests.conftest import training_examples

DANGER = [
    # English: plain, short, typos, no punctuation, stretched letters, professionals
    "he is coming", "He's coming!!", "hes coming", "they are coming for me", "help now", "HELP NOW",
    "help me now please", "heeeelp", "help", "Help!", "help me please", "pls help", "sos", "SOS!!!",
    "112", "call 112", "please call the police for me", "emergency", "they are hitting me",
    "he is beating me", "he hits me", "someone is following me", "they are outside my door",
    "he is at the door", "they're here", "i'm locked in", "I am locked in the room", "i am trapped",
    "i'm in danger", "im in danger now", "my client is in danger right now", "i am not safe",
    "I don't feel safe here", "they won't let me leave", "i cant get out", "he has a knife",
    "they found me", "he is going to kill me", "he will kill me tonight", "i'm hiding",
    "she is being held against her will", "i'm scared he will hurt me tonight", "come quick",
    "i need help right now", "i'm not in danger but he is coming back", "they threaten me right now",
    "help me get out of here", "the boss is waiting outside for me",
    # Dutch
    "hij komt eraan", "ze komen me halen", "ik word bedreigd nu", "ik word nu bedreigd",
    "ik word geslagen", "kom snel", "Kom snel!!", "help", "hulp", "help mij nu", "hulp nodig nu!!",
    "ik heb nu hulp nodig", "hij slaat mij", "ze slaan me", "ze staan voor de deur",
    "hij staat voor mijn deur", "ik zit opgesloten", "ik ben opgesloten in een kamer",
    "ik ben in gevaar", "ik ben nu in groot gevaar", "ik ben niet veilig", "ik voel me niet veilig",
    "ze laten me niet gaan", "ik kan niet weg", "hij heeft een mes", "ze hebben me gevonden",
    "hij dreigt me te vermoorden", "hij gaat me vermoorden", "iemand volgt mij", "noodgeval",
    "bel 112", "112!!", "mijn cliënte is op dit moment in gevaar", "er is acuut gevaar",
    "ze wordt op dit moment tegen haar wil vastgehouden", "ik ben bang voor mijn leven",
    "HELP IK BEN BANG", "ik verstop me",
]

SAFE = [
    # being safe, and danger denied
    "I am safe now", "i'm safe", "not in danger", "I'm not in danger", "i am not in danger now",
    "no danger", "no immediate danger", "she is out of danger", "nobody is threatening me right now",
    "ik ben veilig", "ik ben nu veilig", "ik ben niet in gevaar", "geen gevaar nu",
    "ik ben nu niet meer in gevaar", "het slachtoffer verkeert niet in acuut gevaar",
    "ik ben veilig, je hoeft geen 112 te bellen", "I'm safe, no need to call 112",
    "het is hier veilig", "niemand volgt me",
    # the same words, not immediate danger
    "he is not coming", "who can help me", "can you help me with my homework", "is there help for victims",
    "wie kan mij helpen", "ik zoek hulp bij mijn aanvraag", "I was in danger last year",
    "ik was in gevaar toen ik daar werkte", "I was locked in for two years", "what is the reflection period",
    "ik kom uit Nigeria", "I came to the Netherlands 2 years ago", "I reported to the police",
    "they threaten my family if I talk", "they will kill me if i go back", "my country is not safe for me",
    "het is niet veilig om terug te gaan", "ze vermoorden me als ik terugga", "my kids are in danger if i speak",
    "he was hitting me for years", "ik ben vorig jaar weggegaan", "I want to report",
]


@pytest.mark.parametrize("text", DANGER)
def test_danger_is_signalled(text):
    assert signals_danger(text)


@pytest.mark.parametrize("text", SAFE)
def test_no_danger_is_not_signalled(text):
    assert not signals_danger(text)


def test_a_safe_phrase_masks_only_its_own_words():
    phrases = DangerPhrases({"en": {"anywhere": ["in danger", "he is coming"], "not": ["not in danger"]}})
    assert not phrases.signals("I am not in danger")
    assert phrases.signals("I am not in danger, but he is coming")
    assert phrases.signals("my friend is in danger")


def test_whole_message_phrases_only_match_the_whole_message():
    phrases = DangerPhrases({"en": {"whole": ["help"]}})
    assert phrases.signals("Help!!") and phrases.signals("heeelp")
    assert not phrases.signals("who can help")


def test_normalising():
    phrases = DangerPhrases({"same_words": {"im": "i am", "mij": "me"}})
    assert phrases.normalise("I'm SCAAARED!!  Help mij, Roemenië") == "i am scared help me roemenie"


def test_phrases_are_words_and_alternatives_only():
    with pytest.raises(ValueError, match="only words"):
        DangerPhrases({"en": {"anywhere": ["he.*coming"]}})


def test_the_training_data_agrees_with_the_safety_net():
    """No message the data gives another intent signals danger: a phrase that did would
    show 112 to someone telling their story (`in_danger` examples may be missed: DIET
    learns those)."""
    wrong = [f"{intent}: {text}" for intent, text in training_examples()
             if intent != "in_danger" and signals_danger(text)]
    assert not wrong, "\n".join(wrong)


def test_the_component_makes_the_intent_in_danger_and_keeps_the_ranking(tmp_path):
    net = DangerSafetyNet.create(DangerSafetyNet.get_default_config(), LocalModelStorage(tmp_path),
                                 Resource("danger"), ExecutionContext(GraphSchema({}), "test"))
    ranking = [{"name": "inform", "confidence": 0.6}, {"name": "in_danger", "confidence": 0.3}]
    danger = Message(data={TEXT: "ik word bedreigd nu", INTENT: ranking[0], INTENT_RANKING_KEY: ranking})
    safe = Message(data={TEXT: "ik ben veilig", INTENT: {"name": "safe_now", "confidence": 0.9}})
    net.process([danger, safe])
    assert danger.get(INTENT) == {"name": "in_danger", "confidence": 1.0}
    assert [r["name"] for r in danger.get(INTENT_RANKING_KEY)] == ["in_danger", "inform"]
    assert safe.get(INTENT)["name"] == "safe_now"


def _states_safety(text):
    return any((s["entity"], s["role"]) == ("safety", "safe") for s in statements.find(text))


def test_no_danger_example_only_states_safety():
    """The component below turns `in_danger` into `safe_now` on a message that states
    safety and has no danger phrase; no `in_danger` example of the data may be such a one."""
    wrong = [text for intent, text in training_examples()
             if intent == "in_danger" and _states_safety(text) and not signals_danger(text)]
    assert not wrong, "\n".join(wrong)


def _message(tmp_path, text, intent):
    """A message as the pipeline hands it to the net: the model's intent, the set phrases' entities."""
    extractor = StatementExtractor.create({}, LocalModelStorage(tmp_path), Resource("statements"),
                                          ExecutionContext(GraphSchema({}), "test"))
    ranking = [{"name": intent, "confidence": 0.7}, {"name": "inform", "confidence": 0.2}]
    message = Message(data={TEXT: text, INTENT: ranking[0], INTENT_RANKING_KEY: ranking})
    return extractor.process([message])[0]


@pytest.mark.parametrize("text,intent,becomes", [
    # stated safety and no danger phrase: the model's danger reading goes
    ("Ze is nu veilig en heeft geen vergunning", "in_danger", "safe_now"),
    ("I'm not in danger", "in_danger", "safe_now"),
    ("my client is safe at the moment, she reported last week", "in_danger", "safe_now"),
    # a danger phrase beside it: danger
    ("i'm not in danger but he is coming back", "safe_now", "in_danger"),
    ("ik ben nu veilig maar ze hebben me gevonden", "in_danger", "in_danger"),
    # no stated safety (or safety denied, asked or supposed): the model's reading stays
    ("ik ben niet veilig", "in_danger", "in_danger"),
    ("I'm scared of him", "in_danger", "in_danger"),
    ("what if she is safe?", "in_danger", "in_danger"),
    # stated safety under another intent: left alone
    ("ik ben veilig, wat is B8.3?", "ask_b83", "ask_b83"),
])
def test_the_component_reads_stated_safety_against_a_danger_reading(tmp_path, text, intent, becomes):
    net = DangerSafetyNet.create(DangerSafetyNet.get_default_config(), LocalModelStorage(tmp_path),
                                 Resource("danger"), ExecutionContext(GraphSchema({}), "test"))
    message = net.process([_message(tmp_path, text, intent)])[0]
    assert message.get(INTENT)["name"] == becomes
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == becomes

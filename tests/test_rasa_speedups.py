"""Two Rasa hot spots done once (bot/rasa_speedups.py): the check of action-server replies
accepts what Rasa accepts and refuses what Rasa refuses, with Rasa's own error; the event
lookup gives the classes Rasa's gives, and refuses what it refuses."""
import pytest
from hypothesis import given, settings, strategies as st
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event, deserialise_events
from rasa.shared.utils.common import all_subclasses
from rasa_sdk.events import ActionExecuted, Restarted, SessionStarted, SlotSet

import bot.channels  # noqa: F401  what the Rasa server imports (credentials.yml); installs both
from bot import rasa_speedups

ACTION = RemoteAction("action_next_step", None)
SCHEMA = RemoteAction.action_response_format_spec()

VALID = [
    {"events": [], "responses": []},
    {"events": [SlotSet("language", "en"), SlotSet("facts", {"age": 17, "nationality": "ER"}),
                SlotSet("declined", ["nationality"]), SlotSet("requested_fact", None)],
     "responses": [{"text": "Are you safe now?", "buttons": [{"title": "Yes", "payload": "/affirm"}]},
                   {"custom": {"type": "question", "fact": "in_danger", "options": []}}]},
    {"events": [SessionStarted(), SlotSet("language", "nl"), ActionExecuted("action_listen")], "responses": []},
    {"events": [Restarted()], "responses": [{"text": "Alles is gewist."}]},
]
INVALID = [
    [],
    {"events": {"event": "slot"}},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot", "value": "en"}]},                 # a slot event without its name
    {"events": [{"event": "action", "name": 42}]},
    {"events": [], "responses": ["plain text instead of an object"]},
    {"events": [], "responses": {"text": "not a list"}},
]


def test_the_rasa_server_uses_both():
    assert RemoteAction._validate_action_result is rasa_speedups.validate_action_result
    assert Event.resolve_by_type is rasa_speedups.resolve_by_type


@pytest.mark.parametrize("reply", VALID)
def test_valid_replies_pass_as_they_do_in_rasa(reply):
    validate(reply, SCHEMA)
    assert ACTION._validate_action_result(reply) is True


@pytest.mark.parametrize("reply", INVALID)
def test_invalid_replies_are_refused_with_rasas_error(reply):
    with pytest.raises(ValidationError) as plain:
        validate(reply, SCHEMA)
    with pytest.raises(ValidationError) as refused:
        ACTION._validate_action_result(reply)
    assert refused.value.message.startswith(plain.value.message)
    assert "Failed to validate Action server response" in refused.value.message
    assert list(refused.value.absolute_path) == list(plain.value.absolute_path)


@pytest.mark.parametrize("event_class", all_subclasses(Event), ids=lambda cls: cls.type_name)
def test_every_event_name_gives_rasas_class(event_class):
    rasas = rasa_speedups._rasas_event_lookup(event_class.type_name)
    assert Event.resolve_by_type(event_class.type_name) is rasas
    assert Event.resolve_by_type(event_class.type_name) is rasas, "and again, from what was kept"


def test_unknown_event_names_are_refused_or_get_the_default_as_in_rasa():
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", default=NotAnEvent) is NotAnEvent
    assert Event.resolve_by_type("topic") is None


class NotAnEvent:
    pass


def test_a_conversation_reads_back_as_it_was_written():
    written = [SessionStarted(), SlotSet("language", "en"), ActionExecuted("action_listen"),
               {"event": "user", "text": "I'm 17", "parse_data": {"intent": {"name": "inform", "confidence": 0.9},
                                                                 "entities": [{"entity": "age", "value": 17}]}},
               SlotSet("facts", {"age": 17}), {"event": "bot", "text": "Where are you from?"}, Restarted()]
    events = deserialise_events(written)
    assert [event.as_dict()["event"] for event in events] == [event["event"] for event in written]
    assert events[4].value == {"age": 17} and events[3].text == "I'm 17"


def _rasa_accepts(reply):
    try:
        validate(reply, SCHEMA)
        return True
    except ValidationError:
        return False


def _we_accept(reply):
    try:
        return ACTION._validate_action_result(reply)
    except ValidationError:
        return False


EVENT_NAMES = sorted(one["properties"]["event"]["const"] for one in SCHEMA["properties"]["events"]["items"]["oneOf"])
VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5),
                   st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
EVENTS = st.builds(lambda name, extra: {"event": name, **extra},
                   st.sampled_from(EVENT_NAMES + ["no_such_event"]),
                   st.dictionaries(st.sampled_from(["name", "value", "text", "timestamp", "entities", "parse_data",
                                                    "policy", "confidence", "data", "metadata", "action_text"]),
                                   VALUES, max_size=4))


@settings(max_examples=500, deadline=None)
@given(events=st.lists(EVENTS, max_size=4))
def test_each_event_checked_by_its_own_schema_accepts_what_rasas_oneof_accepts(events):
    reply = {"events": events, "responses": []}
    assert _we_accept(reply) == _rasa_accepts(reply)

"""The Rasa server's check of action-server replies (bot/action_check.py): built once, it
accepts what Rasa accepts and refuses what Rasa refuses, with Rasa's own error."""
import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction
from rasa_sdk.events import ActionExecuted, Restarted, SessionStarted, SlotSet

import bot.channels  # noqa: F401  what the Rasa server imports (credentials.yml); installs the check
from bot import action_check

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


def test_the_rasa_server_uses_the_check_built_once():
    assert RemoteAction._validate_action_result is action_check.validate_action_result


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

"""Two Rasa 3.6 hot spots, found by profiling the Rasa server under load
(benchmarks/load.py, README "Measured"), each replaced by the same work done once.

- The check of each action-server reply: Rasa runs `jsonschema.validate(reply, schema)`
  (`RemoteAction._validate_action_result`), which checks the schema itself against the
  JSON Schema meta-schema and builds a new validator on every call: about 27 ms of a
  65 ms turn, for a schema that never changes. Here the validators are built once per
  action class, and each event is checked against the schema of its own name only (the
  same check as Rasa's `oneOf` of 23: 2.4 -> 0.55 ms for a reply of ours of 12 events). A reply that is not
  valid goes on to Rasa's own check, so it is refused exactly as before (the same
  `ValidationError`, the same message).
- The event class of each stored event: Rasa finds it by walking every subclass of
  `Event` (`Event.resolve_by_type`, 19 us a lookup), for every event of the conversation,
  each time a tracker is read, about 140 events a message here. Here the class found for
  a name is kept; a name not found yet still goes to Rasa's lookup (which raises for an
  unknown name or gives the default, as before).

- Full garbage collections: the loaded model is about 2 GB of Python objects that live as
  long as the server, and every full collection walks them all (0.6 to 3.3 s each, the
  tail of the latency under load). `freeze_when_started` moves what exists once the server
  has started (model loaded) out of the collector's reach (`gc.freeze()`).

`install()` is called by bot/channels/__init__.py, which the Rasa server imports for our
channels (credentials.yml). Installing twice changes nothing.
"""
from __future__ import annotations

import gc
from functools import lru_cache
from typing import Any

from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event

_rasas_action_check = RemoteAction._validate_action_result
_rasas_event_lookup = Event.resolve_by_type
_event_classes: dict[str, type[Event]] = {}


def _compiled(schema: dict[str, Any]) -> Any:
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@lru_cache(maxsize=None)
def _reply_checks(action_class: type[RemoteAction]) -> tuple[Any, dict[str, Any]]:
    """The reply schema with its events checked one by one: Rasa's event schema is a `oneOf`
    over 23 event schemas, each fixing `event` to its own name, so an event is valid exactly
    when it passes the common part and the one schema of its name. Checking that one alone
    is the same check, without trying the other 22."""
    schema = action_class.action_response_format_spec()
    events = schema["properties"]["events"]
    event = events["items"]
    common = {key: value for key, value in event.items() if key != "oneOf"}
    reply = {**schema, "properties": {**schema["properties"], "events": {**events, "items": {"type": "object"}}}}
    by_name = {one["properties"]["event"]["const"]: _compiled({"allOf": [common, one]}) for one in event["oneOf"]}
    return _compiled(reply), by_name


def validate_action_result(action: RemoteAction, result: dict[str, Any]) -> bool:
    reply, by_name = _reply_checks(type(action))
    if reply.is_valid(result) and all(
            isinstance(event, dict) and event.get("event") in by_name and by_name[event["event"]].is_valid(event)
            for event in (result.get("events") or [])):
        return True
    return _rasas_action_check(action, result)   # raises Rasa's ValidationError, message included


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    found = _event_classes.get(type_name)
    if found is None:
        found = _rasas_event_lookup(type_name, default)
        if found is not None and found is not default:
            _event_classes[type_name] = found
    return found


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_by_type)


def freeze_when_started(blueprint: Any) -> None:
    """Freeze the objects that exist once the server has started (the model is loaded
    before then), so that garbage collections no longer walk them."""
    @blueprint.listener("after_server_start")
    async def freeze(app: Any, loop: Any) -> None:
        gc.collect()
        gc.freeze()

"""The Rasa server's check of each action-server reply, with a validator built once.

Rasa 3.6 checks every reply of the action server with `jsonschema.validate(reply, schema)`
(`RemoteAction._validate_action_result`), which first checks the schema itself against the
JSON Schema meta-schema and builds a new validator, on every call. For Rasa's event schema
that took 27 ms of the 65 ms of a turn with one custom action (benchmarks/load.py, the
README's "Measured"), for a schema that never changes. Here the validator is built (and the
schema checked) once per action class; a valid reply costs about 1 ms.

A reply that is not valid goes to Rasa's own check, so it is refused exactly as before: the
same `ValidationError`, with the same message. Imported by the Rasa server with our channels
(bot/channels/__init__.py); installing twice changes nothing.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction

_rasas_check = RemoteAction._validate_action_result


@lru_cache(maxsize=None)
def _validator(action_class: type[RemoteAction]) -> Any:
    schema = action_class.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(action: RemoteAction, result: dict[str, Any]) -> bool:
    if _validator(type(action)).is_valid(result):
        return True
    return _rasas_check(action, result)   # raises Rasa's ValidationError, message included


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result

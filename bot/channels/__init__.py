"""Input channels of the Rasa server: the bounded REST channel and the web chat.

Both check every request before the model sees it (bad input gets a clear 4xx naming the
field), keep message text out of the logs, and answer with the help contacts when a part
of the assistant fails instead of staying silent.
"""
from __future__ import annotations

import asyncio
import logging
import re
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import response
from sanic.request import Request

from bot import rasa_speedups
from bot.logs import exception_types

logger = logging.getLogger(__name__)

# The Rasa server imports this module for our channels (credentials.yml): from then on it
# runs without two of its hot spots (bot/rasa_speedups.py), and Python's warnings go to the
# `py.warnings` logger, which config/logging.yml keeps out of the log: Rasa warns quoting
# the line a person typed when it starts with "/" and names no intent.
rasa_speedups.install()
logging.captureWarnings(True)

MAX_CHARS = 2000          # longer messages are refused (413) before parsing
REPLY_SECONDS = 10.0      # a turn not done by then gets the fallback (Rasa waits 5 minutes for an action)
METADATA = {"language": re.compile(r"^[a-z]{2}$"), "role": re.compile(r"^(victim|professional)$")}


class BadInput(Exception):
    def __init__(self, status: int, field: str, message: str, fact: str | None = None):
        super().__init__(message)
        self.status, self.field, self.message, self.fact = status, field, message, fact


def error(status: int, field: str, message: str) -> response.HTTPResponse:
    return response.json({"error": {"field": field, "message": message}}, status=status)


def json_body(request: Request) -> dict[str, Any]:
    if "application/json" not in (request.content_type or ""):
        raise BadInput(415, "content-type", "send JSON with Content-Type: application/json")
    try:
        body = request.json
    except Exception:  # sanic raises its own error type for malformed JSON
        raise BadInput(400, "body", "the body is not valid JSON") from None
    if not isinstance(body, dict):
        raise BadInput(400, "body", "the body must be a JSON object")
    return body


def message_of(body: dict[str, Any], max_chars: int) -> tuple[str, dict[str, str]]:
    """The text and the (known, well-formed) metadata of a message."""
    text, metadata = body.get("message"), body.get("metadata") or {}
    if not isinstance(text, str):
        raise BadInput(400, "message", "message must be a string")
    if len(text) > max_chars:
        raise BadInput(413, "message", f"message is longer than {max_chars} characters")
    if not isinstance(metadata, dict):
        raise BadInput(400, "metadata", "metadata must be a JSON object")
    return text, {key: value for key, value in metadata.items()
                  if key in METADATA and isinstance(value, str) and METADATA[key].match(value)}


async def converse(on_new_message: Callable[[UserMessage], Awaitable[Any]], text: str, sender: str,
                   channel: str, metadata: dict[str, Any], tracker_store: Any,
                   seconds: float = REPLY_SECONDS) -> list[dict[str, Any]]:
    collector = CollectingOutputChannel()
    try:
        # A slow part (an action server that hangs) must not leave the person waiting in
        # silence: the turn is cancelled, its lock released, and the message not kept.
        await asyncio.wait_for(on_new_message(UserMessage(text, collector, sender, input_channel=channel,
                                                          metadata=metadata)), seconds)
        tracker = await tracker_store.retrieve(sender)
        if tracker is not None and tracker.get_slot("forget_me"):   # set by action_forget ("stop")
            await forget_conversation(tracker_store, sender)
    except asyncio.TimeoutError:
        logger.error("message failed: no reply within %.0f s", seconds)
        collector.messages.clear()   # a partial turn would read as a whole one
    except Exception as failure:  # log the kind of failure, never the text or the locals
        logger.error("message failed: %s", exception_types(failure))
    # Every turn of the dialogue says something; silence means a part failed (the action
    # server is down, say): the person still gets an answer and the help contacts.
    return collector.messages or unavailable(metadata.get("language") or await language_of(tracker_store, sender))


async def language_of(tracker_store: Any, sender: str) -> str | None:
    """The language the conversation was held in, if the store can still tell."""
    try:
        tracker = await tracker_store.retrieve(sender)
    except Exception:   # the store is what failed
        return None
    return tracker.get_slot("language") if tracker is not None else None


def unavailable(language: str | None) -> list[dict[str, Any]]:
    from bot import replies
    from bot.language import DEFAULT, supported

    language = supported(language) or DEFAULT
    return [replies.text("unavailable", language), replies.contacts(language)]


async def forget_conversation(store: Any, sender: str) -> None:
    """Delete a conversation from the tracker store and any store it wraps (Rasa has no
    delete): the in-memory dict, or the Redis key (which also expires by itself)."""
    for inner in ("_tracker_store", "_fallback_tracker_store"):
        if getattr(store, inner, None) is not None:
            await forget_conversation(getattr(store, inner), sender)
    if isinstance(getattr(store, "store", None), dict):
        store.store.pop(sender, None)
    elif hasattr(store, "red"):
        store.red.delete(store.key_prefix + sender)

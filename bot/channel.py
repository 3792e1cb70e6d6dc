"""The REST channel, bounded: POST /webhooks/rest/webhook, as Rasa's own REST channel
(CONTRACT.md §2), but every input is checked before the model sees it.

Why not Rasa's RestInput: it passes any text on (DIET takes 11 s on 50,000 characters and
blocks the server), lets a missing sender become the shared id "default", and logs the
full text of a message that fails. Here bad input gets a clear 4xx, and nothing a person
wrote reaches a log.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

logger = logging.getLogger(__name__)

MAX_CHARS = 2000          # longer messages are refused (413) before parsing
SENDER = re.compile(r"^[A-Za-z0-9_-]{8,128}$")
METADATA_KEYS = {"language": re.compile(r"^[a-z]{2}$"), "role": re.compile(r"^(victim|professional)$")}


class BadInput(Exception):
    def __init__(self, status: int, field: str, message: str):
        super().__init__(message)
        self.status, self.field, self.message = status, field, message


def error(status: int, field: str, message: str) -> response.HTTPResponse:
    return response.json({"error": {"field": field, "message": message}}, status=status)


def read_body(request: Request, max_chars: int) -> tuple[str, str, dict[str, str]]:
    """The sender, the text and the metadata of a request, or BadInput saying what is wrong."""
    if "application/json" not in (request.content_type or ""):
        raise BadInput(415, "content-type", "send JSON with Content-Type: application/json")
    try:
        body = request.json
    except Exception:  # sanic raises its own error type for malformed JSON
        raise BadInput(400, "body", "the body is not valid JSON") from None
    if not isinstance(body, dict):
        raise BadInput(400, "body", "the body must be a JSON object")
    sender, text, metadata = body.get("sender"), body.get("message"), body.get("metadata") or {}
    if not isinstance(sender, str) or not SENDER.match(sender):
        raise BadInput(400, "sender", "sender must be 8 to 128 letters, digits, - or _")
    if not isinstance(text, str):
        raise BadInput(400, "message", "message must be a string")
    if len(text) > max_chars:
        raise BadInput(413, "message", f"message is longer than {max_chars} characters")
    if not isinstance(metadata, dict):
        raise BadInput(400, "metadata", "metadata must be a JSON object")
    kept = {key: value for key, value in metadata.items()
            if key in METADATA_KEYS and isinstance(value, str) and METADATA_KEYS[key].match(value)}
    return sender, text, kept


class RestChannel(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "RestChannel":
        return cls(int((credentials or {}).get("max_chars", MAX_CHARS)))

    def __init__(self, max_chars: int = MAX_CHARS):
        self.max_chars = max_chars

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("wegwijzer_rest", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            try:
                sender, text, metadata = read_body(request, self.max_chars)
            except BadInput as bad:
                return error(bad.status, bad.field, bad.message)
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(text, collector, sender, input_channel=self.name(),
                                                 metadata=metadata))
            except Exception as failure:  # log the kind of failure, never the text or the locals
                logger.error("message failed: %s", type(failure).__name__)
            # Every turn of the dialogue says something; silence means a part failed (the
            # action server is down, say): the person still gets an answer and the contacts.
            return response.json(collector.messages or unavailable(metadata.get("language")))

        return webhook


def unavailable(language: str | None) -> list[dict[str, Any]]:
    from bot import replies
    from bot.language import DEFAULT, supported

    language = supported(language) or DEFAULT
    return [replies.text("unavailable", language), replies.contacts(language)]

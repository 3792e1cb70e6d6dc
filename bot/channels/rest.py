"""The REST channel, bounded: POST /webhooks/rest/webhook, as Rasa's own REST channel
(CONTRACT.md §2), for programs and tests; people use the web chat (bot/channels/webchat.py).

Why not Rasa's RestInput: it passes any text on (DIET takes 11 s on 50,000 characters and
blocks the server), lets a missing sender become the shared id "default", and logs the
full text of a message that fails.
"""
from __future__ import annotations

import re
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from bot import rasa_speedups
from bot.channels import MAX_CHARS, REPLY_SECONDS, BadInput, converse, error, json_body, message_of

SENDER = re.compile(r"^[A-Za-z0-9_-]{8,128}$")


class RestChannel(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "RestChannel":
        credentials = credentials or {}
        return cls(int(credentials.get("max_chars", MAX_CHARS)), float(credentials.get("reply_seconds", REPLY_SECONDS)))

    def __init__(self, max_chars: int = MAX_CHARS, reply_seconds: float = REPLY_SECONDS):
        self.max_chars, self.reply_seconds = max_chars, reply_seconds

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("wegwijzer_rest", __name__)
        rasa_speedups.freeze_when_started(webhook)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            try:
                body = json_body(request)
                sender = body.get("sender")
                if not isinstance(sender, str) or not SENDER.match(sender):
                    raise BadInput(400, "sender", "sender must be 8 to 128 letters, digits, - or _")
                text, metadata = message_of(body, self.max_chars)
            except BadInput as bad:
                return error(bad.status, bad.field, bad.message)
            return response.json(await converse(on_new_message, text, sender, self.name(), metadata,
                                                request.app.ctx.agent.tracker_store, self.reply_seconds))

        return webhook

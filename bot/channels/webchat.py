"""The web chat: the page at http://localhost:5005/ and its endpoints under /chat, served
by the Rasa server itself. Nothing is loaded from anywhere else.

    GET  /                  the page (Rasa's "Hello from Rasa: <version>" greeting is replaced)
    GET  /chat/static/NAME  its script and style sheet
    GET  /chat/texts        the page's texts in every language, the help contacts, the limits
    POST /chat/start        a new conversation id, issued by the server
    POST /chat/message      {"conversation_id", "message", "metadata"} -> {"messages": [...]}
    POST /chat/forget       {"conversation_id"}: the conversation is deleted at once

Conversation ids are issued here and signed (HMAC), so nobody can read on in a
conversation by guessing or choosing its id, as Rasa's REST channel allows. Servers that
share conversations (Redis) share the key through WEGWIJZER_SECRET.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from bot import rasa_speedups
from bot.channels import (MAX_CHARS, REPLY_SECONDS, BadInput, converse, error, forget_conversation, json_body,
                          message_of)

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
FILES = {"chat.js": "text/javascript", "chat.css": "text/css"}   # everything the page loads
ID = re.compile(r"^([0-9a-f]{32})-([0-9a-f]{32})$")

HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def secured(reply: response.HTTPResponse) -> response.HTTPResponse:
    reply.headers.update(HEADERS)
    return reply


class WebChat(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "chat"

    def url_prefix(self) -> str:
        return "/chat"   # joined to Rasa's "/webhooks/" as an absolute path: /chat

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "WebChat":
        credentials = credentials or {}
        return cls(int(credentials.get("max_chars", MAX_CHARS)), credentials.get("exit_url"),
                   float(credentials.get("reply_seconds", REPLY_SECONDS)))

    def __init__(self, max_chars: int = MAX_CHARS, exit_url: str | None = None, reply_seconds: float = REPLY_SECONDS):
        self.max_chars, self.reply_seconds = max_chars, reply_seconds
        self.exit_url = exit_url or "https://www.buienradar.nl/"
        secret = os.environ.get("WEGWIJZER_SECRET")
        self.key = secret.encode() if secret else secrets.token_bytes(32)

    def new_id(self) -> str:
        token = secrets.token_hex(16)
        return f"{token}-{self._sign(token)}"

    def check_id(self, body: dict[str, Any]) -> str:
        found = ID.match(str(body.get("conversation_id", "")))
        if not found or not hmac.compare_digest(found.group(2), self._sign(found.group(1))):
            raise BadInput(400, "conversation_id", "unknown conversation; start a new one")
        return found.group(0)

    def _sign(self, token: str) -> str:
        return hmac.new(self.key, token.encode(), hashlib.sha256).hexdigest()[:32]

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        chat = Blueprint("wegwijzer_webchat", __name__)
        rasa_speedups.freeze_when_started(chat)

        @chat.listener("before_server_start")
        async def serve_page_at_root(app, loop) -> None:
            # Rasa answers GET / with its name and version; the page takes its place.
            for route in app.router.routes:
                if route.path == "" and "GET" in route.methods:
                    route.handler = page

        async def page(request: Request) -> response.HTTPResponse:
            return secured(response.html(_file("index.html")))

        chat.add_route(page, "/", methods=["GET"], name="page")

        @chat.route("/static/<name>", methods=["GET"])
        async def static(request: Request, name: str) -> response.HTTPResponse:
            if name not in FILES:
                return secured(error(404, "name", "no such file"))
            return secured(response.text(_file(name), content_type=f"{FILES[name]}; charset=utf-8"))

        @chat.route("/texts", methods=["GET"])
        async def texts(request: Request) -> response.HTTPResponse:
            return secured(response.json({**page_texts(), "max_chars": self.max_chars, "exit_url": self.exit_url}))

        @chat.route("/start", methods=["POST"])
        async def start(request: Request) -> response.HTTPResponse:
            return secured(response.json({"conversation_id": self.new_id()}))

        @chat.route("/message", methods=["POST"])
        async def message(request: Request) -> response.HTTPResponse:
            try:
                body = json_body(request)
                sender = self.check_id(body)
                text, metadata = message_of(body, self.max_chars)
            except BadInput as bad:
                return secured(error(bad.status, bad.field, bad.message))
            messages = await converse(on_new_message, text, sender, self.name(), {**metadata, "client": "webchat"},
                                      request.app.ctx.agent.tracker_store, self.reply_seconds)
            return secured(response.json({"messages": messages}))

        @chat.route("/forget", methods=["POST"])
        async def forget(request: Request) -> response.HTTPResponse:
            try:
                sender = self.check_id(json_body(request))
            except BadInput as bad:
                return secured(error(bad.status, bad.field, bad.message))
            await forget_conversation(request.app.ctx.agent.tracker_store, sender)
            return secured(response.json({"forgotten": True}))

        return chat


@lru_cache(maxsize=None)
def _file(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def page_texts() -> dict[str, Any]:
    """The page's own texts (bot/locales/webchat.*.yml) and the help contacts, per language."""
    from bot import replies
    from bot.texts import languages, t

    return {
        "languages": [{"code": code, "name": t("webchat.language_name", code)} for code in languages()],
        "texts": {code: _tree(f"webchat", code) for code in languages()},
        "contacts": {code: replies.contact_list(code) for code in languages()},
    }


def _tree(namespace: str, language: str) -> dict[str, Any]:
    import yaml

    with open(Path(__file__).parent.parent / "locales" / f"{namespace}.{language}.yml", encoding="utf-8") as file:
        return yaml.safe_load(file)[language]

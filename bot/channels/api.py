"""POST /api/assess: the assessment of a case in one request, for case-management systems
(CONTRACT.md §3), served by the Rasa server itself. No conversation, nothing stored.

    {"facts": {"nationality": "NG", "age": 17}, "language": "en"}           required
    "audience": "professional" | "victim" (default professional)           optional
    "on": "YYYY-MM-DD", the rules as they stood then (default today)       optional

    200  the assessment (CONTRACT.md §1, `to_dict()`), its texts in that language (`texts`,
         bot/render.py) and the summary as Markdown (`markdown`, bot/summary.py)
    400  {"error": {"fact": "<fact or null>", "field": "<field of the body>", "message": "..."}}
    413  a body over 16 KB;  415  not JSON;  503  a failure of ours

Never a 500: an unexpected failure is logged by its kind only and answered with a generic
503 that repeats nothing of the request (it is no fault of the input).
"""
from __future__ import annotations

import datetime
import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from bot.channels import BadInput, json_body
from bot.channels.webchat import secured
from bot.render import render
from bot.rules import InvalidFacts, assess
from bot.summary import markdown
from bot.texts import AUDIENCES, UnsupportedLanguage, check_language

logger = logging.getLogger(__name__)

MAX_BYTES = 16 * 1024   # the facts of a case take a few hundred bytes
FIELDS = ("facts", "language", "audience", "on")


class AssessApi(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "api"

    def url_prefix(self) -> str:
        return "/api"   # joined to Rasa's "/webhooks/" as an absolute path: /api

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "AssessApi":
        return cls(int((credentials or {}).get("max_bytes", MAX_BYTES)))

    def __init__(self, max_bytes: int = MAX_BYTES):
        self.max_bytes = max_bytes

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        api = Blueprint("wegwijzer_api", __name__)

        @api.route("/assess", methods=["POST"])
        async def assess_case(request: Request) -> response.HTTPResponse:
            return self.respond(request)

        return api

    def respond(self, request: Request) -> response.HTTPResponse:
        try:
            return secured(response.json(self.answer(request)))
        except BadInput as bad:
            return problem(bad)
        except Exception as failure:  # the kind of failure only: never the input
            # not the client's fault, so no 4xx that would send them to mend their input
            logger.error("assessment failed: %s", type(failure).__name__)
            return problem(BadInput(503, "body", "the assessment failed on the server; nothing of the request "
                                                 "was kept; try again later"))

    def answer(self, request: Request) -> dict[str, Any]:
        declared = request.headers.get("content-length", "0")
        if (declared.isdigit() and int(declared) > self.max_bytes) or len(request.body or b"") > self.max_bytes:
            raise BadInput(413, "body", f"the body is larger than {self.max_bytes} bytes")
        body = json_body(request)
        unknown = [key for key in body if key not in FIELDS]
        if unknown:
            raise BadInput(400, "body", f"unknown field {unknown[0]!r}; fields: {', '.join(FIELDS)}")
        if "facts" not in body or not isinstance(body["facts"], dict):
            raise BadInput(400, "facts", "facts must be a JSON object of fact names (RULES.md) and values")
        facts, audience = body["facts"], body.get("audience", "professional")
        try:
            language = check_language(body.get("language"))
        except UnsupportedLanguage as error:
            raise BadInput(400, "language", str(error)) from None
        if audience not in AUDIENCES:
            raise BadInput(400, "audience", f"audience must be one of {', '.join(AUDIENCES)}")
        on = day(body.get("on"))
        try:
            assessment = assess(facts, on)
        except InvalidFacts as bad:
            if bad.fact == "on" and "on" not in facts:   # the date is before the letter
                raise BadInput(400, "on", bad.message) from None
            raise BadInput(400, "facts", bad.message, fact=bad.fact if bad.fact in facts else None) from None
        return {**assessment.to_dict(), "texts": render(assessment, language, audience),
                "markdown": markdown(assessment, language, audience)}


def day(value: Any) -> datetime.date | None:
    """The date `on` (None: today); only YYYY-MM-DD."""
    if value is None:
        return None
    try:
        if isinstance(value, str) and len(value) == 10:
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    raise BadInput(400, "on", "on must be a date as YYYY-MM-DD, from 2014-06-23 (the letter) on")


def problem(bad: BadInput) -> response.HTTPResponse:
    return secured(response.json({"error": {"fact": bad.fact, "field": bad.field, "message": bad.message}},
                                 status=bad.status))

"""The web chat's endpoints over HTTP against the real server (no browser)."""
import json
import urllib.error
import urllib.request

import pytest

SECURITY = {"content-security-policy", "x-content-type-options", "referrer-policy", "permissions-policy"}


def call(assistant, path, body=None, method=None, content_type="application/json"):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(assistant.rasa_url + path, data=data, method=method or ("POST" if data else "GET"),
                                     headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, {k.lower(): v for k, v in reply.headers.items()}, reply.read()
    except urllib.error.HTTPError as failure:
        return failure.code, {k.lower(): v for k, v in failure.headers.items()}, failure.read()


def test_the_page_replaces_rasas_greeting_with_strict_headers(assistant):
    status, headers, body = call(assistant, "/")
    assert status == 200 and b"Hello from Rasa" not in body and b"<html" in body.lower()
    assert SECURITY <= set(headers)
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert headers["referrer-policy"] == "no-referrer" and headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/chat/static/chat.js", "/chat/static/chat.css", "/chat/texts",
                                  "/chat/static/..%2F..%2Fserve.py", "/chat/static/nope.js"])
def test_every_channel_response_has_the_security_headers(assistant, path):
    status, headers, _ = call(assistant, path)
    assert status in (200, 404) and SECURITY <= set(headers)


def test_the_page_loads_nothing_from_elsewhere(assistant):
    for path in ("/", "/chat/static/chat.js", "/chat/static/chat.css"):
        _, _, body = call(assistant, path)
        text = body.decode()
        for marker in ("http://", "//cdn", "googleapis", "<script>", "style=\""):
            assert marker not in text.replace("http://www.w3.org/2000/svg", ""), (path, marker)


def test_texts_list_the_languages_and_contacts_with_112_first(assistant):
    _, _, body = call(assistant, "/chat/texts")
    texts = json.loads(body)
    assert {lang["code"] for lang in texts["languages"]} >= {"nl", "en"}
    assert texts["contacts"]["nl"][0]["phone"] == "112" and texts["max_chars"] == 2000


def start(assistant):
    status, _, body = call(assistant, "/chat/start", {})
    assert status == 200
    return json.loads(body)["conversation_id"]


def say(assistant, conversation, text, language="en"):
    return call(assistant, "/chat/message", {"conversation_id": conversation, "message": text,
                                             "metadata": {"language": language}})


def test_ids_are_issued_by_the_server_and_unguessable(assistant):
    first, second = start(assistant), start(assistant)
    assert first != second and len(first) == 65
    for forged in ("default", "a" * 32 + "-" + "b" * 32, first[:-1] + ("0" if first[-1] != "0" else "1")):
        status, _, body = say(assistant, forged, "hi")
        assert status == 400 and json.loads(body)["error"]["field"] == "conversation_id"


def test_forget_deletes_the_conversation_at_once(assistant):
    conversation = start(assistant)
    status, _, body = say(assistant, conversation, "hello")
    first = json.loads(body)["messages"]
    welcome = first[0]["text"]
    _, _, body = say(assistant, conversation, "/deny")
    assert json.loads(body)["messages"][0]["text"] != welcome, "the welcome comes once"
    status, _, body = call(assistant, "/chat/forget", {"conversation_id": conversation})
    assert status == 200 and json.loads(body) == {"forgotten": True}
    _, _, body = say(assistant, conversation, "hello")
    assert json.loads(body)["messages"][0]["text"] == welcome, "a forgotten conversation starts anew"


def test_the_web_chat_gets_cards_not_repeated_text(assistant):
    conversation = start(assistant)
    reply = None
    for text in ["hello", "/deny", "I'm from Romania", "I'm 30", "/deny", "/deny", "/deny", "/deny", "/deny"]:
        _, _, body = say(assistant, conversation, text)
        reply = json.loads(body)["messages"]
        if any((m.get("custom") or {}).get("type") == "assessment" for m in reply):
            break
    assessment = next(m["custom"] for m in reply if (m.get("custom") or {}).get("type") == "assessment")
    assert assessment["contacts"][0]["phone"] == "112" and assessment["disclaimer"]
    assert len([m for m in reply if m.get("text")]) == 2, "intro and what-next only"


@pytest.mark.parametrize("body,content_type,status,field", [
    (b"{", "application/json", 400, "body"),
    (b'{"conversation_id": 1}', "application/json", 400, "conversation_id"),
    (b"hello", "text/plain", 415, "content-type"),
])
def test_bad_requests_get_a_clear_4xx(assistant, body, content_type, status, field):
    got, _, reply = call(assistant, "/chat/message", body, content_type=content_type)
    assert got == status and json.loads(reply)["error"]["field"] == field


def test_long_messages_are_refused(assistant):
    status, _, body = say(assistant, start(assistant), "x" * 2001)
    assert status == 413 and json.loads(body)["error"]["field"] == "message"

"""Bad input over HTTP on both message endpoints (REST and the web chat): a clear 4xx or a
polite answer, never a 500. Adds to tests/test_server.py and tests/test_webchat_http.py,
which cover the fields one by one; here, what neither does, and a fuzz run."""
import json
import urllib.error
import urllib.request

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import start_chat

ODD_TEXTS = ["\u0000\u0001\u001b[31m", "🙂" * 300, "ik kom uit Нигерия und suis né à نيجيريا 🇳🇬",
             "<img src=x onerror=alert(1)>", "\u202eevil\u202c", "a\u200bb\u200cc\ufeff", "\ud800 lone surrogate",
             "\r\n\t", "' OR 1=1 --", "{{7*7}} ${7*7} %s%n", "/restart", "/stop", "/nlu_fallback{\"x\": 1}"]


def post(url, body, content_type="application/json"):
    headers = {"Content-Type": content_type} if content_type is not None else {}
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as failure:
        return failure.code, failure.read()


@pytest.fixture(scope="module")
def endpoints(assistant):
    """Each message endpoint, and a well-formed body for it around a given text."""
    conversation = start_chat(assistant.rasa_url)
    return {
        "rest": (assistant.rasa_url + "/webhooks/rest/webhook",
                 lambda text: {"sender": "bad-input-test", "message": text, "metadata": {"language": "en"}}),
        "chat": (assistant.rasa_url + "/chat/message",
                 lambda text: {"conversation_id": conversation, "message": text, "metadata": {"language": "en"}}),
    }


def messages_of(body: bytes):
    reply = json.loads(body)
    return reply["messages"] if isinstance(reply, dict) else reply


@pytest.mark.parametrize("channel", ["rest", "chat"])
@pytest.mark.parametrize("body,content_type", [
    (b"", "application/json"),
    (b"\xff\xfe\x00\x01binary", "application/json"),
    (b"null", "application/json"),
    (b'"just a string"', "application/json"),
    (b"[" * 20_000 + b"]" * 20_000, "application/json"),      # nesting deeper than the parser's
    (b'{"message": "hi"}', None),                               # no content type at all
    (b'{"message": "hi"}', "application/jsonp"),
])
def test_malformed_bodies_get_a_clear_4xx(endpoints, channel, body, content_type):
    status, reply = post(endpoints[channel][0], body, content_type)
    assert 400 <= status < 500, (status, reply[:200])
    assert json.loads(reply)["error"]["field"] in ("body", "content-type", "sender", "conversation_id")


@pytest.mark.parametrize("channel", ["rest", "chat"])
@pytest.mark.parametrize("text", ODD_TEXTS)
def test_odd_texts_get_a_polite_answer(endpoints, channel, text):
    url, body = endpoints[channel]
    status, reply = post(url, json.dumps(body(text)).encode(), "application/json; charset=utf-8")
    assert status == 200, reply[:200]
    messages = messages_of(reply)
    assert messages and all(message.get("text") or message.get("custom") for message in messages)


def test_the_web_chat_refuses_metadata_that_is_not_an_object(endpoints):
    url, body = endpoints["chat"]
    status, reply = post(url, json.dumps({**body("hi"), "metadata": "en"}).encode())
    assert status == 400 and json.loads(reply)["error"]["field"] == "metadata"


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                    max_leaves=12)


@st.composite
def requests(draw, make_body):
    """Mostly well-formed messages around fuzzed text, metadata and extra fields, so that
    the model sees them; otherwise any JSON, or any bytes, with any content type."""
    kind = draw(st.sampled_from(["message", "message", "json", "bytes"]))
    content_type = draw(st.sampled_from(["application/json"] * 4 + ["text/plain", "application/json; charset=latin-1"]))
    if kind == "bytes":
        return draw(st.binary(max_size=200)), content_type
    if kind == "json":
        return json.dumps(draw(JSON)).encode(), content_type
    body = make_body(draw(st.text(max_size=300)))
    body["metadata"] = draw(st.one_of(st.just(body["metadata"]), JSON))
    body.update(draw(st.dictionaries(st.sampled_from(["sender", "conversation_id", "message", "extra"]), JSON,
                                     max_size=1)))
    return json.dumps(body).encode(), content_type


@pytest.mark.parametrize("channel", ["rest", "chat"])
def test_fuzzed_requests_never_get_a_500(endpoints, channel):
    url, make_body = endpoints[channel]

    @settings(max_examples=60, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(requests(make_body))
    def check(request):
        body, content_type = request
        status, reply = post(url, body, content_type)
        assert status < 500, (status, body[:200], reply[:200])
        if status == 200:
            assert messages_of(reply)
        else:
            assert json.loads(reply)["error"]["message"]

    check()

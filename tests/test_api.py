"""POST /api/assess (CONTRACT.md §3) against the real Rasa server: the assessment and its
texts for good input, a clear 4xx naming the fact or field for every kind of bad input, and
never a 500 (hypothesis sends random JSON and random bytes)."""
import datetime
import json
import urllib.error
import urllib.request

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from bot.render import render
from bot.rules import FACTS, assess
from bot.summary import markdown

SECURITY = {"content-security-policy", "x-content-type-options", "referrer-policy", "cache-control"}


def send(assistant, body, content_type="application/json", method="POST"):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(assistant.rasa_url + "/api/assess", data=data, method=method,
                                     headers={"Content-Type": content_type} if content_type else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, {k.lower(): v for k, v in reply.headers.items()}, reply.read()
    except urllib.error.HTTPError as failure:
        return failure.code, {k.lower(): v for k, v in failure.headers.items()}, failure.read()


GOOD = [
    ({"nationality": "NG", "reported": False, "wants_to_report": "undecided", "months_since_exit": 2}, "en",
     "professional", "2026-01-01"),
    ({"nationality": "ER", "age": 17, "dublin": True, "reported": False}, "nl", "victim", "2026-01-01"),
    ({"nationality": "RO", "age": 30, "in_danger": True}, "nl", "professional", "2026-01-01"),
    ({"nationality": "NL", "age": 16}, "en", "victim", "2026-01-01"),
    ({"citizenship": "non_eu", "reported": True, "case_status": "dismissed"}, "en", "professional", "2024-03-01"),
    ({"nationality": "VN", "cannot_cooperate": "threat", "permit_years": 1.5, "threat_continues": True}, "nl",
     "professional", "2019-07-31"),
    ({"nationality": "GB"}, "en", "professional", "2020-06-01"),    # still EU then
    ({}, "nl", "victim", "2014-06-23"),                              # the letter's own date
]


@pytest.mark.parametrize("facts,language,audience,on", GOOD)
def test_good_input_gives_the_assessment_its_texts_and_the_summary(assistant, facts, language, audience, on):
    status, headers, body = send(assistant, {"facts": facts, "language": language, "audience": audience, "on": on})
    assert status == 200, body
    assert headers["content-type"].startswith("application/json") and SECURITY <= set(headers)
    assert "access-control-allow-origin" not in headers, "CORS stays off"
    data = json.loads(body)
    expected = assess(facts, datetime.date.fromisoformat(on))
    assert {key: data[key] for key in expected.to_dict()} == expected.to_dict()
    assert data["texts"] == render(expected, language, audience)
    assert data["markdown"] == markdown(expected, language, audience)


def test_language_alone_gives_the_professional_texts_under_todays_rules(assistant):
    status, _, body = send(assistant, {"facts": {"nationality": "NG"}, "language": "en"})
    data = json.loads(body)
    assert status == 200 and data["texts"]["audience"] == "professional" and data["texts"]["language"] == "en"
    assert data["on"] in {(datetime.date.today() + datetime.timedelta(days=d)).isoformat() for d in (-1, 0)}


HUGE = b'{"facts": {"case_years": 1' + b"0" * 400 + b'}, "language": "en"}'
BAD = [
    # (body, field, fact)
    ({"facts": {"hobby": "chess"}, "language": "en"}, "facts", "hobby"),                     # unknown fact
    ({"facts": {"age": "17"}, "language": "en"}, "facts", "age"),                           # wrong type
    ({"facts": {"age": 17.5}, "language": "en"}, "facts", "age"),
    ({"facts": {"in_danger": "yes"}, "language": "nl"}, "facts", "in_danger"),
    ({"facts": {"wants_to_report": "maybe"}, "language": "nl"}, "facts", "wants_to_report"),
    ({"facts": {"nationality": "Nigeria"}, "language": "en"}, "facts", "nationality"),
    ({"facts": {"age": 121}, "language": "en"}, "facts", "age"),                            # out of range
    ({"facts": {"months_since_exit": -1}, "language": "en"}, "facts", "months_since_exit"),
    (HUGE, "facts", "case_years"),
    (b'{"facts": {"months_since_exit": NaN}, "language": "en"}', "facts", "months_since_exit"),
    ({"facts": {"nationality": "NG", "citizenship": "eu"}, "language": "en"}, "facts", "citizenship"),
    ({"facts": {"on": "2020-01-01"}, "language": "en"}, "facts", "on"),                     # a fact named "on"
    ({"facts": {}, "language": "fr"}, "language", None),                                    # unknown language
    ({"facts": {}, "language": ["en"]}, "language", None),
    ({"facts": {}}, "language", None),
    ({"facts": {}, "language": "en", "audience": "judge"}, "audience", None),
    ({"facts": {}, "language": "en", "client": "x"}, "body", None),                         # unknown top-level key
    ({"facts": [["age", 17]], "language": "en"}, "facts", None),                            # not an object
    ({"facts": "age=17", "language": "en"}, "facts", None),
    ({"language": "en"}, "facts", None),
    ({"facts": {}, "language": "en", "on": "2014-06-22"}, "on", None),                      # before the letter
    ({"facts": {}, "language": "en", "on": "2020-1-1"}, "on", None),                        # malformed dates
    ({"facts": {}, "language": "en", "on": "2020-02-30"}, "on", None),
    ({"facts": {}, "language": "en", "on": "yesterday"}, "on", None),
    ({"facts": {}, "language": "en", "on": 20200101}, "on", None),
    (b"[]", "body", None),                                                                  # not an object
    (b"null", "body", None),
    (b'"facts"', "body", None),
    (b'{"facts": {', "body", None),                                                         # malformed JSON
    (b"", "body", None),                                                                    # empty
    (b"\xff\xfe\x00\x01\x80binary", "body", None),                                          # binary
]


@pytest.mark.parametrize("body,field,fact", BAD, ids=[str(body)[:60] for body, _, _ in BAD])
def test_bad_input_is_a_400_naming_the_fact_or_field(assistant, body, field, fact):
    status, headers, reply = send(assistant, body)
    assert status == 400, reply
    error = json.loads(reply)["error"]
    assert (error["field"], error["fact"]) == (field, fact), error
    assert error["message"] and SECURITY <= set(headers)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_not_json_is_a_415(assistant, content_type):
    status, _, reply = send(assistant, {"facts": {}, "language": "en"}, content_type=content_type)
    assert status == 415 and json.loads(reply)["error"]["field"] == "content-type"


@pytest.mark.parametrize("size", [16 * 1024 + 1, 40 * 1024])
def test_a_body_over_16_kb_is_a_413(assistant, size):
    body = json.dumps({"facts": {}, "language": "en", "on": ""}).encode()
    body = body.replace(b'"on": ""', b'"on": "' + b"x" * (size - len(body)) + b'"')
    assert len(body) == size
    status, _, reply = send(assistant, body)
    assert status == 413 and json.loads(reply)["error"]["field"] == "body"


def test_a_body_over_the_servers_limit_is_refused_before_it_is_read(assistant):
    try:
        status, _, _ = send(assistant, b"{" + b" " * (1024 * 1024) + b"}")
    except (ConnectionError, urllib.error.URLError):   # the server may close while the client still sends
        return
    assert status == 413


def test_nothing_of_the_request_reaches_the_logs(assistant, server_log):
    marker = "MarkerFactXq7"
    send(assistant, {"facts": {marker: "secret value"}, "language": "en"})
    send(assistant, {"facts": {"nationality": "KE"}, "language": "en", "on": "2021-03-04"})
    log = server_log.read_text(errors="replace")
    assert marker not in log and "secret value" not in log and "2021-03-04" not in log


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                       max_size=4), max_leaves=12)
fact_names = st.sampled_from(list(FACTS)) | st.text(max_size=12)
bodies = st.one_of(
    json_values,
    st.fixed_dictionaries({"facts": st.dictionaries(fact_names, json_values, max_size=6),
                           "language": st.sampled_from(["nl", "en", "fr", ""]) | json_values},
                          optional={"audience": st.sampled_from(["victim", "professional"]) | json_values,
                                    "on": st.dates().map(datetime.date.isoformat) | json_values,
                                    "other": json_values}))
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(body=bodies)
def test_fuzz_random_json_gets_only_200_or_a_clear_400(assistant, body):
    status, _, reply = send(assistant, body)
    assert status in (200, 400), (status, body)
    data = json.loads(reply)
    assert "routes" in data if status == 200 else set(data["error"]) == {"fact", "field", "message"}


@FUZZ
@given(body=st.binary(max_size=20_000), content_type=st.sampled_from(["application/json", "text/plain", ""]))
def test_fuzz_random_bytes_get_only_4xx(assistant, body, content_type):
    status, _, _ = send(assistant, body, content_type=content_type or None)
    assert status in (400, 413, 415), (status, body[:40])


def test_a_failure_of_ours_is_a_503_that_repeats_nothing(caplog):
    """Not a 400 (the input may be fine) and never a 500; the log names the kind only."""
    from bot.channels.api import AssessApi

    class Failing(AssessApi):
        def answer(self, request):
            raise RuntimeError("secret-words-of-the-case")

    reply = Failing().respond(request=None)
    body = json.loads(reply.body)
    assert reply.status == 503 and body["error"]["field"] == "body" and body["error"]["fact"] is None
    assert "secret" not in reply.body.decode() and "secret" not in caplog.text
    assert "RuntimeError" in caplog.text
    assert SECURITY <= {k.lower() for k in reply.headers}

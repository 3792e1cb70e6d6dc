"""Whole conversations with the real Rasa server over HTTP (REST channel), to the assessment."""
import json
import uuid

import pytest

from tests.conftest import post_json


class Person:
    def __init__(self, assistant, language, role="victim"):
        self.url = f"{assistant.rasa_url}/webhooks/rest/webhook"
        self.sender = f"http-test-{uuid.uuid4().hex}"   # unique also when another module imports Person
        self.metadata = {"language": language, "role": role}

    def say(self, text):
        status, reply = post_json(self.url, {"sender": self.sender, "message": text, "metadata": self.metadata})
        assert status == 200
        return reply

    def answer_until_assessment(self, first_reply, answers, limit=20):
        """Answer each question from `answers` (fact → message), "/dont_know" otherwise."""
        reply = first_reply
        asked = []
        for _ in range(limit):
            assessment = find(reply, "assessment")
            if assessment:
                return asked, assessment
            question = find(reply, "question")
            assert question, f"neither a question nor an assessment: {reply}"
            asked.append(question["fact"])
            reply = self.say(answers.get(question["fact"], "/dont_know"))
        pytest.fail(f"no assessment after {limit} turns; asked {asked}")


def find(reply, kind):
    return next((m["custom"] for m in reply if (m.get("custom") or {}).get("type") == kind), None)


def statuses(assessment):
    return {route["code"]: route["status"] for route in assessment["routes"]}


def test_english_victim_with_several_facts_in_one_message(assistant):
    person = Person(assistant, "en")
    person.say("hello")
    reply = person.say("I'm 17, from Eritrea, I ran away last month and I'm afraid of the police")
    asked, assessment = person.answer_until_assessment(reply, {"in_danger": "/deny", "reported": "/deny",
                                                               "wants_to_report": "/deny"})
    assert not {"age", "nationality"} & set(asked), asked
    assert assessment["facts"]["age"] == 17 and assessment["facts"]["nationality"] == "ER"
    result = statuses(assessment)
    assert result["minor_protection"] == "applies" and result["asylum"] == "possible"
    assert result["b83_cooperation"] == "not_applicable"
    assert "IND" in assessment["disclaimer"]


def test_dutch_victim_from_romania(assistant):
    person = Person(assistant, "nl")
    reply = person.say("hallo")
    reply = person.say("/deny")                      # not in danger
    reply = person.say("ik kom uit Roemenië")
    asked, assessment = person.answer_until_assessment(reply, {"age": "ik ben 24", "reported": "/deny"})
    assert "asylum" not in asked and "dublin" not in asked, "no asylum questions for an EU citizen"
    result = statuses(assessment)
    assert result["municipal_support"] == "applies" and result["asylum"] == "not_applicable"
    assert assessment["disclaimer"].startswith("Dit is informatie")


def test_danger_at_any_moment_gets_112_first(assistant):
    person = Person(assistant, "en")
    person.say("hi")
    reply = person.say("help he is coming back, I'm scared")
    assert "112" in reply[0]["text"]


def test_bad_input_gets_a_polite_answer_not_an_error(assistant):
    person = Person(assistant, "en")
    for text in ["", "   ", "🙂🙂🙂", "<script>alert(1)</script>", "Привет, мне нужна помощь",
                 "ik ben 17 🇳🇬 from نيجيريا", "\u0000\u0007 control", "x" * 2000]:
        reply = person.say(text)
        assert reply and all(message.get("text") or message.get("custom") for message in reply), text


URL = "/webhooks/rest/webhook"


def raw_post(assistant, body: bytes, content_type="application/json"):
    import urllib.error
    import urllib.request
    request = urllib.request.Request(assistant.rasa_url + URL, data=body, method="POST",
                                     headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as failure:
        body = failure.read()
        try:
            return failure.code, json.loads(body or b"null")
        except ValueError:   # sanic's own error page, e.g. for a body over its size limit
            return failure.code, body


@pytest.mark.parametrize("body,content_type,status,field", [
    (b"{not json", "application/json", 400, "body"),
    (b"[1, 2]", "application/json", 400, "body"),
    (b'{"message": "hi"}', "application/json", 400, "sender"),
    (b'{"sender": "default", "message": "hi"}', "application/json", 400, "sender"),
    (b'{"sender": "abcdefgh12", "message": 42}', "application/json", 400, "message"),
    (b'{"sender": "abcdefgh12", "message": "hi", "metadata": [1]}', "application/json", 400, "metadata"),
    (b"sender=abc&message=hi", "application/x-www-form-urlencoded", 415, "content-type"),
    (b"\x00\xff\xfe binary", "application/octet-stream", 415, "content-type"),
    (json.dumps({"sender": "abcdefgh12", "message": "x" * 2001}).encode(), "application/json", 413, "message"),
])
def test_malformed_requests_get_a_clear_4xx(assistant, body, content_type, status, field):
    got, reply = raw_post(assistant, body, content_type)
    assert got == status and reply["error"]["field"] == field


def test_the_assessment_survives_odd_metadata(assistant):
    status, reply = raw_post(assistant, json.dumps({"sender": "abcdefgh13", "message": "hi",
                                                    "metadata": {"language": "<b>", "role": "admin"}}).encode())
    assert status == 200 and reply


def test_huge_bodies_are_refused_with_413(assistant):
    status, _ = raw_post(assistant, json.dumps({"sender": "abcdefgh14", "message": "x" * 200_000}).encode())
    assert status == 413

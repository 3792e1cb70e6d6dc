"""Resilience with real processes: two Rasa servers sharing one Redis (no persistence), a
separate action server; parts of it killed, stopped and restarted under a conversation."""
import json
import signal
import threading
import time

import pytest
import redis
import yaml

from bot.channels import REPLY_SECONDS
from bot.serve import CONFIG, servers
from bot.texts import t
from tests.conftest import chat, distinctive_words, rest, start_chat

RECORD_EXP = 20   # seconds; longer than any pause inside one test below


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cluster")
    endpoints = yaml.safe_load((CONFIG / "endpoints.redis.yml").read_text())
    endpoints["tracker_store"]["record_exp"] = RECORD_EXP
    (folder / "endpoints.yml").write_text(yaml.safe_dump(endpoints))
    log = folder / "servers.log"
    with open(log, "wb") as output, servers(endpoints=folder / "endpoints.yml", rasa_servers=2, redis=True,
                                            output=output) as running:
        running.log = log
        yield running


def texts(reply):
    return " ".join(message.get("text") or "" for message in reply)


def is_fallback(reply, language):
    return texts(reply).startswith(t("dialogue.unavailable", language)) and "112" in texts(reply)


def tracker(cluster, sender):
    stored = redis.Redis(port=cluster.redis_port).get("tracker:" + sender)
    return json.loads(stored) if stored else None


def test_a_conversation_goes_on_whichever_server_gets_the_message(cluster):
    first, second = cluster.rasa_urls
    conversation = start_chat(first)
    welcome = texts(chat(first, conversation, "hello"))
    chat(second, conversation, "/deny")                       # not in danger
    chat(first, conversation, "I'm from Romania")
    reply = chat(second, conversation, "/show_facts")
    assert "Roman" in texts(reply) or "RO" in json.dumps(reply), reply
    assert welcome not in texts(chat(first, conversation, "hello")), "not a new conversation"


def test_messages_sent_at_once_through_both_servers_keep_their_order(cluster):
    sender = "order-" + distinctive_words(1)[0].lower()
    rest(cluster.rasa_urls[0], sender, "hello")
    count, replies = 8, {}

    def send(number):
        time.sleep(number * 0.2)   # sent in this order, faster than they are answered
        replies[number] = rest(cluster.rasa_urls[number % 2], sender, f"message number {number} /dont_know")

    threads = [threading.Thread(target=send, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(replies[n] and not is_fallback(replies[n], "en") for n in range(count)), replies
    events = tracker(cluster, sender)["events"]
    turns = [event["text"] for event in events if event["event"] == "user"][1:]
    assert turns == [f"message number {n} /dont_know" for n in range(count)]
    kinds = [event["event"] for event in events if event["event"] in ("user", "bot")]
    assert "user,user" not in ",".join(kinds), "each message answered before the next is handled"


def test_a_conversation_expires_after_record_exp(cluster):
    conversation = start_chat(cluster.rasa_urls[0])
    welcome = texts(chat(cluster.rasa_urls[0], conversation, "hello"))
    chat(cluster.rasa_urls[1], conversation, "/deny")
    sender = conversation
    assert 0 < redis.Redis(port=cluster.redis_port).ttl("tracker:" + sender) <= RECORD_EXP
    time.sleep(RECORD_EXP + 1)
    assert tracker(cluster, sender) is None
    assert texts(chat(cluster.rasa_urls[1], conversation, "hello")) == welcome, "it starts anew"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_killed_action_server_gets_the_fallback_then_the_conversation_goes_on(cluster, language):
    sender = f"killed-{language}-" + distinctive_words(1)[0].lower()
    rest(cluster.rasa_urls[0], sender, "hallo" if language == "nl" else "hello", language)
    question = rest(cluster.rasa_urls[1], sender, "/deny", language=None)   # the language is the conversation's
    cluster.actions.send_signal(signal.SIGKILL)
    cluster.actions.wait()
    try:
        assert is_fallback(rest(cluster.rasa_urls[0], sender, "/deny", language=None), language)
    finally:
        cluster.restart_actions()
    reply = rest(cluster.rasa_urls[1], sender, "/dont_know", language=None)
    assert reply and not is_fallback(reply, language) and reply != question, "the next question"


def test_a_hanging_action_server_gets_the_fallback_within_the_reply_time(cluster):
    sender = "hanging-" + distinctive_words(1)[0].lower()
    rest(cluster.rasa_urls[0], sender, "hello")
    cluster.actions.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        reply = rest(cluster.rasa_urls[1], sender, "/deny")
        waited = time.monotonic() - started
    finally:
        cluster.actions.send_signal(signal.SIGCONT)
    assert is_fallback(reply, "en") and REPLY_SECONDS - 1 < waited < REPLY_SECONDS + 5, waited
    reply = rest(cluster.rasa_urls[0], sender, "/deny")
    assert reply and not is_fallback(reply, "en")


def test_redis_stopped_gets_the_fallback_and_a_report_then_it_recovers(cluster):
    word = distinctive_words(1)[0]
    sender = "redis-" + word.lower()
    rest(cluster.rasa_urls[0], sender, "hello")
    cluster.redis.terminate()
    cluster.redis.wait()
    try:
        for url in cluster.rasa_urls:
            assert is_fallback(rest(url, sender, f"{word} is my name"), "en")
    finally:
        cluster.restart_redis()        # empty: Redis keeps nothing, so the conversation starts anew
    for url in cluster.rasa_urls:
        reply = rest(url, sender, "hello")
        assert reply and not is_fallback(reply, "en")
    time.sleep(1)
    log = cluster.log.read_text(errors="replace")
    assert "message failed: LockError <- ConnectionError" in log, "reported, by type"
    assert word not in log and "my name" not in log

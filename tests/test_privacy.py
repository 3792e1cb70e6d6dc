"""No message text, entity value or slot value in the logs at the default level."""
import time

from tests.conftest import chat, distinctive_words, post_json, rest, start_chat

SECRET_WORDS = ["Zorblaxian", "Quillfeather", "Mirthwood"]


def test_nothing_a_person_writes_reaches_the_logs(assistant, server_log):
    url = f"{assistant.rasa_url}/webhooks/rest/webhook"
    messages = [f"Hello, my name is {SECRET_WORDS[0]}", f"I'm 17 and from Eritrea, {SECRET_WORDS[1]} hurt me",
                "/deny", f"I live at {SECRET_WORDS[2]} street", "<script>x</script>", "/dont_know", "stop"]
    for text in messages:
        status, reply = post_json(url, {"sender": "privacy-test-1", "message": text, "metadata": {"language": "en"}})
        assert status == 200 and reply
    time.sleep(1)   # let the servers flush
    log = server_log.read_text(errors="replace")
    assert "Rasa server is up and running" in log, "the log is captured"
    assert "Eritrea" not in log and " ER" not in log
    for word in SECRET_WORDS:
        assert word not in log


def test_nor_through_the_web_chat_to_the_assessment_and_a_failing_action_server(assistant, server_log):
    words = distinctive_words(4)
    conversation = start_chat(assistant.rasa_url)
    for text in [f"hi, {words[0]} here", "/deny", f"I'm from Nigeria, {words[1]} brought me", "I am 19"]:
        assert chat(assistant.rasa_url, conversation, text)
    sender = f"privacy-{words[2].lower()}"
    rest(assistant.rasa_url, sender, f"hello from {words[2]}")
    assistant.actions.kill()                      # the action server fails mid-conversation
    assistant.actions.wait()
    try:
        for reply in (chat(assistant.rasa_url, conversation, f"my boss {words[3]} has my passport"),
                      rest(assistant.rasa_url, sender, f"{words[3]} is in Utrecht")):
            assert "112" in " ".join(message.get("text", "") for message in reply)
    finally:
        assistant.restart_actions()
    reply = []
    for _ in range(20):                           # the conversation goes on to the assessment
        reply = chat(assistant.rasa_url, conversation, "/dont_know")
        if any((message.get("custom") or {}).get("type") == "assessment" for message in reply):
            break
    assessment = next(m["custom"] for m in reply if (m.get("custom") or {}).get("type") == "assessment")
    assert assessment["facts"]["nationality"] == "NG" and assessment["facts"]["age"] == 19
    time.sleep(1)
    log = server_log.read_text(errors="replace")
    assert "Couldn't connect" in log, "the failure is reported"
    assert "Nigeria" not in log and "Utrecht" not in log and "passport" not in log
    for word in words:
        assert word not in log, word


def test_nor_a_message_written_like_a_button_payload(assistant, server_log):
    """Rasa warns, quoting the line, when a "/..." message names no intent of the domain or
    does not parse."""
    url = f"{assistant.rasa_url}/webhooks/rest/webhook"
    words = distinctive_words(4)
    for text in [f"/{words[0]} help me", f'/inform{{"country": "{words[1]}"}}', f"/{words[2]}",
                 f"/inform{{{words[3]}"]:
        status, reply = post_json(url, {"sender": "privacy-test-slash", "message": text, "metadata": {"language": "en"}})
        assert status == 200 and reply
    time.sleep(1)
    log = server_log.read_text(errors="replace")
    assert "Rasa server is up and running" in log, "the log is captured"
    for word in words:
        assert word not in log, word

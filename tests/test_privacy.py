"""No message text, entity value or slot value in the logs at the default level."""
import time

from tests.conftest import post_json

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

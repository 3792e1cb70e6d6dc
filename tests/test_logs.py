"""config/logging.yml as both servers load it: a failure is reported, what it quotes is not."""
import subprocess
import sys

from bot.serve import LOGGING, ROOT

SCRIPT = """
import logging, logging.config, yaml
logging.config.dictConfig(yaml.safe_load(open({config!r})))

class ClientResponseError(Exception): pass
class RasaException(Exception): pass

try:
    try:
        raise ClientResponseError("500, body='{{\\"text\\": \\"Zorblaxian hurt me\\"}}'")
    except ClientResponseError as error:
        raise RasaException("Failed to execute custom action 'action_next_step'") from error
except RasaException:
    logging.getLogger("rasa.core.processor").exception("Encountered an exception while running action")
logging.getLogger("sanic.error").error("Exception occurred while handling uri: %s", "http://x/?q=Quillfeather",
                                       exc_info=ValueError("Mirthwood"))
logging.getLogger("rasa.core.nlg.interpolator").error("Mirthwood in a template")
logging.getLogger("rasa.core.channels.rest").error("Mirthwood failed")
logging.getLogger("rasa.core.processor").info("Loading model")
"""


def test_failures_are_reported_by_type_without_what_they_quote():
    result = subprocess.run([sys.executable, "-c", SCRIPT.format(config=str(LOGGING))], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    log = result.stdout + result.stderr
    assert "Encountered an exception while running action [RasaException <- ClientResponseError]" in log
    assert "sanic.error" in log and "[ValueError]" in log
    assert "Loading model" in log, "ordinary records pass"
    for word in ("Zorblaxian", "Quillfeather", "Mirthwood", "Traceback"):
        assert word not in log, word

"""Shared fixtures: the real servers, started once for the whole test session."""
import json
import re
import urllib.request
from pathlib import Path

import pytest

from bot.serve import servers

NLU_DATA = Path(__file__).resolve().parent.parent / "data" / "nlu"


LOGS = {}


@pytest.fixture(scope="session")
def assistant(tmp_path_factory):
    """The Rasa server with the trained model (built by `make test`) and the action server,
    at their default log level; everything they print goes to one file (`server_log`)."""
    log = tmp_path_factory.mktemp("servers") / "servers.log"
    LOGS["servers"] = log
    with open(log, "wb") as output, servers(output=output) as running:
        yield running


@pytest.fixture
def server_log(assistant):
    return LOGS["servers"]


def post_json(url, body, timeout=60):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, json.loads(response.read() or b"null")


def distinctive_words(count=3):
    """Made-up words, new in each run, so that none is in any source, cache or earlier log."""
    import random
    import string

    return ["Qx" + "".join(random.choices(string.ascii_lowercase, k=9)) for _ in range(count)]


def start_chat(rasa_url):
    return post_json(f"{rasa_url}/chat/start", {})[1]["conversation_id"]


def chat(rasa_url, conversation, text, language="en"):
    """A web chat message; its reply messages."""
    return post_json(f"{rasa_url}/chat/message", {"conversation_id": conversation, "message": text,
                                                  "metadata": {"language": language}})[1]["messages"]


def rest(rasa_url, sender, text, language="en"):
    """A REST channel message; its reply messages."""
    metadata = {"language": language} if language else {}
    return post_json(f"{rasa_url}/webhooks/rest/webhook", {"sender": sender, "message": text, "metadata": metadata})[1]


def training_examples():
    """(intent, text) of every NLU training example, annotations taken out."""
    import yaml
    for path in sorted(NLU_DATA.glob("*/*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in block.get("examples", "").splitlines() if block.get("intent") else ():
                yield block["intent"], re.sub(r"\[([^\]]*)\]\{[^}]*\}", r"\1", line.strip()[2:])


def lexicon_tables() -> dict[str, list[str]]:
    """The lexicon's lookup tables (data/nlu/lexicon_*.yml): name -> words."""
    from rasa.shared.nlu.training_data.loading import load_data
    return {table["name"]: table["elements"]
            for path in sorted(NLU_DATA.glob("lexicon_*.yml")) for table in load_data(str(path)).lookup_tables}

"""Shared fixtures: the real servers, started once for the whole test session."""
import json
import urllib.request

import pytest

from bot.serve import servers


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

"""What the servers expose: no Rasa HTTP API, no CORS, loopback only, bounded requests."""
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest


def request(url, method="GET", body=None, headers=None):
    call = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(call, timeout=60) as reply:
            return reply.status, {k.lower(): v for k, v in reply.headers.items()}
    except urllib.error.HTTPError as failure:
        return failure.code, {k.lower(): v for k, v in failure.headers.items()}


@pytest.mark.parametrize("method,path", [
    ("POST", "/model/parse"), ("GET", "/status"), ("GET", "/version"), ("PUT", "/model"),
    ("GET", "/conversations/privacy-test-1/tracker"), ("POST", "/conversations/privacy-test-1/messages"),
    ("POST", "/conversations/privacy-test-1/trigger_intent"), ("GET", "/domain"), ("POST", "/model/train"),
])
def test_the_rasa_http_api_is_off(assistant, method, path):
    body = b"{}" if method in ("POST", "PUT") else None
    status, _ = request(assistant.rasa_url + path, method, body, {"Content-Type": "application/json"})
    assert status in (404, 405), (path, status)


@pytest.mark.parametrize("server,path", [("rasa", "/webhooks/rest/webhook"), ("rasa", "/chat/message"),
                                         ("actions", "/webhook")])
def test_no_other_site_may_call_the_servers(assistant, server, path):
    url = (assistant.rasa_url if server == "rasa" else assistant.action_url) + path
    status, headers = request(url, "OPTIONS", headers={"Origin": "https://evil.example",
                                                       "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in headers, (status, headers)
    _, headers = request(url, "POST", b"{}", {"Origin": "https://evil.example", "Content-Type": "application/json"})
    assert "access-control-allow-origin" not in headers


def listening_addresses(port):
    """The local addresses of the sockets listening on `port` (from /proc/net/tcp{,6})."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:   # 0A: LISTEN
                found.append(address)
    return found


def test_both_servers_listen_on_loopback_only(assistant):
    for url in (assistant.rasa_url, assistant.action_url):
        addresses = listening_addresses(urlparse(url).port)
        assert addresses and set(addresses) == {"0100007F"}, (url, addresses)   # 127.0.0.1, little-endian


def test_request_bodies_are_limited_on_the_web_chat_too(assistant):
    status, _ = request(assistant.rasa_url + "/chat/message", "POST", b'{"message": "' + b"x" * 100_000 + b'"}',
                        {"Content-Type": "application/json"})
    assert status == 413

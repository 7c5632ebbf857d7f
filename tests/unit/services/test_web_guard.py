"""The loopback guard in front of the web app, driven as an ASGI server would, on a small app that
answers as Flet's does (``Access-Control-Allow-Origin: *``) and accepts every websocket."""

import asyncio

import pytest

from services.addresses import is_loopback
from services.web_guard import LoopbackGuard, host_names

PORT = 8550
OWN = {"host": f"127.0.0.1:{PORT}"}


async def flet_like_app(scope, receive, send):
    """Answers every page with a name and a wildcard CORS header; accepts every websocket."""
    if scope["type"] == "websocket":
        await receive()
        await send({"type": "websocket.accept"})
        await send({"type": "websocket.send", "text": "Camille Durand"})
        return
    headers = [(b"content-type", b"text/plain"), (b"access-control-allow-origin", b"*")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"Camille Durand"})


class Answer:
    def __init__(self, sent):
        start = sent[0]
        self.status_code = start.get("status")
        self.headers = {k.decode(): v.decode() for k, v in start.get("headers", [])}
        self.text = b"".join(m.get("body", b"") for m in sent[1:]).decode()


def call(scope_type, headers):
    """Drives the guard as a server would: one request, every message it sends back."""
    guard = LoopbackGuard(flet_like_app, port=PORT, names=host_names("127.0.0.1"))
    incoming = [{"type": "websocket.connect"} if scope_type == "websocket" else {"type": "http.request"}]
    sent = []

    async def receive():
        return incoming.pop(0) if incoming else {"type": "websocket.disconnect", "code": 1000}

    async def send(message):
        sent.append(message)

    scope = {
        "type": scope_type,
        "path": "/ws" if scope_type == "websocket" else "/",
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
    }
    asyncio.run(guard(scope, receive, send))
    return sent


def get(headers):
    return Answer(call("http", headers))


def test_the_own_page_is_served_without_any_cors_header_and_cannot_be_framed():
    answer = get(OWN)
    assert answer.status_code == 200 and answer.text == "Camille Durand"
    assert not any(name.startswith("access-control-") for name in answer.headers)
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["content-security-policy"] == "frame-ancestors 'none'"


@pytest.mark.parametrize(
    "headers",
    [
        {"host": f"evil.example:{PORT}"},  # DNS rebinding: the attacker's name points to 127.0.0.1
        {"host": "127.0.0.1:9999"},  # not the port served
        {"host": "127.0.0.1"},
        {**OWN, "origin": "http://evil.example"},
        {**OWN, "origin": "http://127.0.0.1:9999"},  # another loopback origin
        {**OWN, "origin": "null"},  # a sandboxed frame, a file:// page
        {**OWN, "sec-fetch-site": "same-site", "sec-fetch-mode": "navigate", "sec-fetch-dest": "iframe"},
        {**OWN, "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors", "sec-fetch-dest": "script"},
    ],
)
def test_a_foreign_host_origin_or_embedding_gets_403_and_no_cors_header(headers):
    answer = get(headers)
    assert answer.status_code == 403 and "Camille" not in answer.text
    assert "access-control-allow-origin" not in answer.headers


def test_a_link_followed_from_another_site_still_opens_the_page():
    headers = {
        **OWN,
        "sec-fetch-site": "cross-site",
        "sec-fetch-mode": "navigate",
        "sec-fetch-dest": "document",
    }
    assert get(headers).status_code == 200


def test_localhost_and_the_same_origin_are_accepted():
    headers = {
        "host": f"localhost:{PORT}",
        "origin": f"http://localhost:{PORT}",
        "sec-fetch-site": "same-origin",
    }
    assert get(headers).status_code == 200


def test_the_websocket_of_the_own_page_is_accepted():
    sent = call("websocket", {**OWN, "origin": f"http://127.0.0.1:{PORT}"})
    assert sent[0]["type"] == "websocket.accept" and sent[1]["text"] == "Camille Durand"


@pytest.mark.parametrize(
    "headers",
    [
        {**OWN, "origin": "http://evil.example"},
        {**OWN, "origin": "http://127.0.0.1:9999"},
        {"host": f"evil.example:{PORT}", "origin": f"http://evil.example:{PORT}"},
        OWN,  # no Origin at all: browsers always send one
    ],
)
def test_a_foreign_websocket_is_closed_before_it_is_accepted(headers):
    sent = call("websocket", headers)
    assert sent == [{"type": "websocket.close", "code": 1008}]  # before accept: the server answers 403


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("::", False),
        ("carnet.example", False),
    ],
)
def test_only_loopback_addresses_count_as_loopback(host, loopback):
    assert is_loopback(host) is loopback

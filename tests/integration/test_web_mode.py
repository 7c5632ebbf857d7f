"""`main.py --web` as served, probed without a browser: a raw websocket client and plain HTTP requests.

The app runs with CARNET_PASSPHRASE set, as in the report of issue 9: that variable is for the headless
commands and must not open any web session.
"""

import http.client
import socket
import subprocess
import sys
import time

import msgpack
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from tests.ui.browser import PASSPHRASE, ROOT, make_demo_vault, served_app

pytestmark = pytest.mark.integration

# What Flet's Flutter client sends first: register, no session yet, the page's size and route.
REGISTER = b"\x00" + msgpack.packb(
    [1, {"session_id": "", "page_name": "", "page": {"route": "/", "width": 1000.0, "height": 800.0}}]
)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    data_dir = make_demo_vault(tmp_path_factory.mktemp("vault"))
    with served_app(data_dir, CARNET_PASSPHRASE=PASSPHRASE) as url:
        yield int(url.rsplit(":", 1)[1].strip("/"))


def websocket(port, *, origin, host=None):
    """A websocket to the app on 127.0.0.1; ``host`` is the name the client believes it reached."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    name = host or f"127.0.0.1:{port}"
    return connect(f"ws://{name}/ws", sock=sock, additional_headers={"Origin": origin}, open_timeout=10)


def test_a_websocket_from_a_foreign_origin_is_refused(app):
    with pytest.raises(InvalidStatus) as refused:
        websocket(app, origin="http://evil.example")
    assert refused.value.response.status_code == 403


def test_a_websocket_from_another_loopback_port_is_refused(app):
    with pytest.raises(InvalidStatus) as refused:
        websocket(app, origin="http://127.0.0.1:1")
    assert refused.value.response.status_code == 403


def test_a_websocket_through_a_rebound_name_is_refused(app):
    """DNS rebinding: evil.example now resolves to 127.0.0.1, and its page is the origin."""
    with pytest.raises(InvalidStatus) as refused:
        websocket(app, origin=f"http://evil.example:{app}", host=f"evil.example:{app}")
    assert refused.value.response.status_code == 403


def test_the_own_origin_gets_only_the_lock_screen_although_carnet_passphrase_is_set(app):
    received = b""
    with websocket(app, origin=f"http://127.0.0.1:{app}") as ws:
        ws.send(REGISTER)
        deadline = time.monotonic() + 30  # a bound, not a wait: the loop ends as soon as the screen is in
        while b"passphrase" not in received and time.monotonic() < deadline:
            received += ws.recv(timeout=30)
    assert b"passphrase" in received  # the lock screen's field
    assert b"Durand" not in received and b"Camille" not in received


def http_get(port, headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/", headers=headers)
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        connection.close()


def test_the_page_is_served_to_its_own_address_without_a_wildcard_cors_header(app):
    status, headers, body = http_get(app, {"Host": f"127.0.0.1:{app}"})
    assert status == 200 and b"flutter" in body.lower()
    assert "access-control-allow-origin" not in headers
    assert headers["content-security-policy"] == "frame-ancestors 'none'"


@pytest.mark.parametrize(
    "headers",
    [
        {"Host": "evil.example:{port}"},
        {"Host": "127.0.0.1:{port}", "Origin": "http://evil.example"},
        {"Host": "127.0.0.1:{port}", "Origin": "http://127.0.0.1:1"},
    ],
)
def test_a_request_with_a_foreign_host_or_origin_gets_403_and_no_cors_header(app, headers):
    status, answered, body = http_get(app, {k: v.format(port=app) for k, v in headers.items()})
    assert status == 403 and "access-control-allow-origin" not in answered
    assert b"flutter" not in body.lower()


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_a_host_other_than_loopback_is_refused_with_one_line(tmp_path, host):
    env = {"CARNET_LANG": "fr", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--web", "--host", host, "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and host in lines[0]
    assert lines[0].startswith("carnet: Le mode web n'écoute que sur cet ordinateur")
    assert not (tmp_path / "d").exists()

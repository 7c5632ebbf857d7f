"""The web mode in headless Chromium, against its two threats: another page of this machine (another
loopback port) reaching the app, and a tab opening the carnet without its passphrase.

The app runs with CARNET_PASSPHRASE set: that variable serves the headless commands, never a web session.
"""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import msgpack
import pytest
from playwright.sync_api import expect, sync_playwright

from .browser import CHROMIUM, CHROMIUM_ARGS, PASSPHRASE, by_id, open_with_semantics, served_app, unlock

pytestmark = pytest.mark.browser

REGISTER = list(
    b"\x00"
    + msgpack.packb(
        [1, {"session_id": "", "page_name": "", "page": {"route": "/", "width": 1000.0, "height": 800.0}}]
    )
)
ATTACKER_PAGE = """<!doctype html><html><body><script>
window.report = {socket: "pending", bytes: 0, text: "", fetch: "pending"};
const ws = new WebSocket("ws://127.0.0.1:APP/ws");
ws.binaryType = "arraybuffer";
ws.onopen = () => { report.socket = "open"; ws.send(new Uint8Array(REGISTER)); };
ws.onmessage = (e) => { report.bytes += e.data.byteLength; report.text += new TextDecoder().decode(e.data); };
ws.onclose = () => { if (report.socket === "pending") report.socket = "refused"; };
fetch("http://127.0.0.1:APP/").then(r => r.text()).then(
    t => { report.fetch = "read: " + t.slice(0, 40); }, () => { report.fetch = "blocked"; });
</script><iframe id="carnet" src="http://127.0.0.1:APP/" width="600" height="400"></iframe></body></html>"""


def attacker_site(app_port):
    """A page served on another loopback port, that tries the app by websocket, fetch and iframe."""
    page = ATTACKER_PAGE.replace("APP", str(app_port)).replace("REGISTER", str(REGISTER)).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_a_page_of_another_loopback_origin_gets_nothing_from_the_app(demo_dir):
    with served_app(demo_dir, CARNET_PASSPHRASE=PASSPHRASE) as url, sync_playwright() as p:
        app_port = int(url.rstrip("/").rsplit(":", 1)[1])
        attacker = attacker_site(app_port)
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            answers = {}
            page.on(
                "response",
                lambda r: answers.setdefault(r.request.resource_type, r.status) if r.url == url else None,
            )
            with page.expect_response(lambda r: r.url == url and r.request.resource_type == "document"):
                page.goto(f"http://127.0.0.1:{attacker.server_address[1]}/")
            page.wait_for_function(
                "report.socket !== 'pending' && report.fetch !== 'pending'", timeout=30_000
            )
            report = page.evaluate("report")
            assert report["socket"] == "refused" and report["bytes"] == 0, report
            assert report["fetch"] == "blocked", report
            assert answers["document"] == 403  # the iframe: neither the app nor a lock screen to click
            frame = page.frame_locator("#carnet")
            expect(frame.locator("flutter-view, flt-glass-pane")).to_have_count(0)
        finally:
            browser.close()
            attacker.shutdown()


def test_every_tab_starts_locked_and_a_lock_in_one_tab_locks_the_other(demo_dir):
    with served_app(demo_dir, CARNET_PASSPHRASE=PASSPHRASE) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            first = open_with_semantics(browser, url)
            expect(by_id(first, "passphrase")).to_be_attached(timeout=60_000)
            expect(first.get_by_text("Camille Durand")).to_have_count(0)
            unlock(first)
            expect(first.get_by_text("Camille Durand")).to_be_attached(timeout=15_000)

            second = open_with_semantics(browser, url)  # unlocking the first tab opened only the first
            expect(by_id(second, "passphrase")).to_be_attached(timeout=60_000)
            unlock(second)
            expect(second.get_by_text("Camille Durand")).to_be_attached(timeout=15_000)

            by_id(second, "nav-lock").click()
            expect(by_id(second, "passphrase")).to_be_attached(timeout=15_000)
            expect(by_id(first, "passphrase")).to_be_attached(timeout=15_000)
            expect(first.get_by_text(re.compile("Durand"))).to_have_count(0)
        finally:
            browser.close()

"""A hostile FHIR server on 127.0.0.1 (http.server in a thread) for the limits of the sync client.

Each behaviour is bounded on the server side too (seconds, bytes, entries), so that even a client that
does not protect itself ends the test instead of hanging it.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


class Hostile:
    """``mode``: drip (body), drip-headers, huge, endless, redirect, poison."""

    def __init__(self, mode: str, *, entries: list[dict[str, Any]] | None = None) -> None:
        self.mode, self.entries = mode, entries or []
        self.hits: list[str] = []  # "METHOD path?query" of every request
        self.bytes_sent = 0
        self.drip_seconds = 20.0  # a drip stops by itself after this
        self.huge_bytes = 64 * 1024 * 1024
        self.page = 20  # entries per page of the endless history, whatever _count says
        self.endless_pages = 500  # then an empty page: "endless" for any client that bounds itself
        self.stopped = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                owner.answer(self)

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                owner.answer(self)

            do_PUT = do_DELETE = do_POST

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/fhir"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.stopped.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- behaviours --------------------------------------------------------------------------------------
    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        self.hits.append(f"{handler.command} {handler.path}")
        try:
            getattr(self, "_" + self.mode.replace("-", "_"))(handler)
        except (BrokenPipeError, ConnectionResetError):
            return  # the client hung up: what it should do

    def _write(self, handler: BaseHTTPRequestHandler, data: bytes) -> None:
        handler.wfile.write(data)
        handler.wfile.flush()
        self.bytes_sent += len(data)

    def _drip(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/fhir+json")
        handler.send_header("Content-Length", "1000000")
        handler.end_headers()
        self._slowly(handler, b" ")

    def _drip_headers(self, handler: BaseHTTPRequestHandler) -> None:
        self._write(handler, b"HTTP/1.1 200 OK\r\n")
        self._slowly(handler, b"X-Slow: a\r\n")

    def _slowly(self, handler: BaseHTTPRequestHandler, piece: bytes) -> None:
        ends = time.monotonic() + self.drip_seconds
        while time.monotonic() < ends and not self.stopped.wait(0.05):
            self._write(handler, piece)

    def _huge(self, handler: BaseHTTPRequestHandler) -> None:
        # No Content-Length: the body ends when the connection closes, so only counting stops the client.
        handler.send_response(200)
        handler.send_header("Content-Type", "application/fhir+json")
        handler.send_header("Connection", "close")
        handler.end_headers()
        self._write(handler, b'{"resourceType": "Bundle", "type": "history", "entry": [')
        block = b" " * 65536
        while self.bytes_sent < self.huge_bytes and not self.stopped.is_set():
            self._write(handler, block)

    def _redirect(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(307)
        handler.send_header("Location", "http://evil.example/fhir" + handler.path)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    def _endless(self, handler: BaseHTTPRequestHandler) -> None:
        offset = int(parse_qs(urlsplit(handler.path).query).get("_offset", ["0"])[0])
        count = self.page if len(self.hits) <= self.endless_pages else 0
        entries = [
            {
                "resource": {"resourceType": "Endless", "id": f"e{offset + i}"},
                "request": {"method": "PUT", "url": f"Endless/e{offset + i}"},
                "response": {"status": "200 OK", "etag": 'W/"1"', "lastModified": "2026-12-01T00:00:00Z"},
            }
            for i in range(count)
        ]
        self._json(handler, {"resourceType": "Bundle", "type": "history", "total": 10**9, "entry": entries})

    def _poison(self, handler: BaseHTTPRequestHandler) -> None:
        path = urlsplit(handler.path).path
        if path.endswith("/_history"):
            entries = self.entries if "_offset=0" in handler.path else []
            body = {"resourceType": "Bundle", "type": "history", "total": len(self.entries), "entry": entries}
            self._json(handler, body)
        else:
            self._json(handler, {"resourceType": "Bundle", "type": "transaction-response", "entry": []})

    def _json(self, handler: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/fhir+json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        self._write(handler, data)


def history_entry(resource: dict[str, Any], version: int = 1, stamp: str = "2026-12-01T10:00:00Z") -> dict:
    return {
        "resource": resource,
        "request": {"method": "PUT", "url": f"{resource['resourceType']}/{resource['id']}"},
        "response": {"status": "200 OK", "etag": f'W/"{version}"', "lastModified": stamp},
    }

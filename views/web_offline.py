"""Offline means offline: Flet's web client, served without a single request to another host.

Flet 1.0.5's client (``flet_web/web``) loads the Rive animation runtime from a CDN at every start
(``https://cdn.jsdelivr.net/npm/@rive-app/flutter-native-wasm@44.0.0/wasm/rive_native.js``), whether or
not the app shows an animation; ``no_cdn=True`` covers CanvasKit, Pyodide and fonts, not that. Carnet shows
no Rive animation: the two builds of the client (main.dart.js, main.dart.wasm) are served with that address
replaced by a loopback path of the same length (the .wasm keeps its string table's offsets), which answers
404, as the CDN does when the computer is offline. While at it, the client's "Working..." (shown while the
page connects) says "Chargement": the first words a user reads are French.

Pure ASGI in front of Flet's app; the files are read and patched once, at the first request of each.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from services.web_guard import ASGIApp, Receive, Scope, Send

CDN = b"https://cdn.jsdelivr.net/npm/@rive-app/flutter-native-wasm@44.0.0/"
LOCAL = b"/no-cdn/" + b"_" * (len(CDN) - len(b"/no-cdn/") - 1) + b"/"  # same length, on this server
WORKING, CHARGEMENT = b"Working...", b"Chargement"  # same length too
PATCHED = {"/main.dart.js": b"text/javascript", "/main.dart.wasm": b"application/wasm"}


def web_dir() -> Path:
    import flet_web

    return Path(flet_web.__file__).resolve().parent / "web"


@cache
def patched(name: str) -> bytes:
    """The client file ``name`` with no CDN address in it; a client without it is served as it is."""
    data = (web_dir() / name.lstrip("/")).read_bytes()
    return data.replace(CDN, LOCAL).replace(WORKING, CHARGEMENT)


class OfflineClient:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD") or path not in PATCHED:
            await self.app(scope, receive, send)
            return
        body = patched(path)
        headers = [
            (b"content-type", PATCHED[path]),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-cache"),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body if scope["method"] == "GET" else b""})

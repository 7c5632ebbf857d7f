"""A guard in front of the web app: only the page this process serves, on loopback, may talk to it.

Pure ASGI, no Flet. It refuses (HTTP 403, or a websocket closed before it is accepted):
- a ``Host`` that is not a loopback name with the port being served: a page of ``evil.example``
  whose name was re-pointed to 127.0.0.1 (DNS rebinding) sends ``Host: evil.example``;
- an ``Origin`` other than the app's own: a page of another site, or of another loopback port,
  that opens a websocket or fetches from the app; a websocket without any ``Origin`` (browsers
  always send one) is refused too;
- a sub-resource or frame that another site or port asks for (``Sec-Fetch-Site``), so no other
  page embeds the app; only a top-level navigation (a link, a typed address) is let in.
Answers carry no ``Access-Control-Allow-*`` header (Flet adds ``Access-Control-Allow-Origin: *``)
and forbid framing.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("carnet.web")
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
SECURITY_HEADERS = (
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)
_REMOVED = {name for name, _ in SECURITY_HEADERS}


def host_names(bind_host: str) -> frozenset[str]:
    """The names a browser may put in ``Host`` for a server bound to ``bind_host``."""
    name = bind_host.strip().lower()
    if ":" in name and not name.startswith("["):
        name = f"[{name}]"  # an IPv6 literal, as it appears in a Host header
    return LOOPBACK_NAMES | {name}


class LoopbackGuard:
    def __init__(self, app: ASGIApp, *, port: int, names: Iterable[str] = LOOPBACK_NAMES) -> None:
        self.app = app
        self.hosts = frozenset(f"{name}:{port}" for name in names)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):  # lifespan: Flet starts its session manager
            await self.app(scope, receive, send)
            return
        reason = self.refusal(scope)
        if reason:
            log.warning("refused %s %s: %s", scope["type"], scope.get("path", ""), reason)
            await _refuse(scope, receive, send)
            return
        await self.app(scope, receive, _with_safe_headers(send) if scope["type"] == "http" else send)

    def refusal(self, scope: Scope) -> str:
        """Why this request is refused, or "" when it comes from the app's own page on loopback."""
        headers = _headers(scope)
        hosts = headers.get("host", [])
        if len(hosts) != 1 or hosts[0].lower() not in self.hosts:
            return f"host {hosts!r}"
        own = f"http://{hosts[0].lower()}"
        origins = headers.get("origin", [])
        if scope["type"] == "websocket" and not origins:
            return "websocket without origin"
        if any(origin.lower() != own for origin in origins):
            return f"origin {origins!r}"
        site = headers.get("sec-fetch-site", [""])[0].lower()
        mode, dest = (headers.get(name, [""])[0].lower() for name in ("sec-fetch-mode", "sec-fetch-dest"))
        if site in ("cross-site", "same-site") and (mode, dest) != ("navigate", "document"):
            return f"{site} {mode} {dest}"
        return ""


def _headers(scope: Scope) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in scope.get("headers", []):
        found.setdefault(name.decode("latin-1").lower(), []).append(value.decode("latin-1"))
    return found


async def _refuse(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "websocket":
        await receive()  # websocket.connect; closing before accepting makes the server answer 403
        await send({"type": "websocket.close", "code": 1008})
        return
    body = b"Forbidden\n"
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _with_safe_headers(send: Send) -> Send:
    async def guarded(message: Message) -> None:
        if message["type"] == "http.response.start":
            kept = [
                (name, value)
                for name, value in message.get("headers", [])
                if not name.lower().startswith(b"access-control-allow-") and name.lower() not in _REMOVED
            ]
            message = {**message, "headers": [*kept, *SECURITY_HEADERS]}
        await send(message)

    return guarded

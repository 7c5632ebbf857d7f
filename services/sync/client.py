"""One HTTP client for a FHIR R4 server: bounded in time and size, retries with backoff, bearer token.

Retried: network errors, 429 and 5xx (Retry-After honoured, capped), and answers that are not JSON where
JSON was due (a proxy's HTML page, a truncated body). Every other answer is returned to the caller,
which knows what a 404, 410 or 412 means for it. TLS is always verified; plain http only for loopback.

Whatever the server does, a round costs at most ``Limits``: each answer is read as a stream and dropped
past ``response_bytes``; each request, from connection to last byte, ends within ``request_seconds``
(httpx's timeouts only bound the pause between two reads, so a server dripping one byte a second would
hold it forever: the request runs on an event loop under an ``anyio.fail_after`` deadline instead); the
round ends within ``round_seconds`` and ``round_bytes`` read. Redirections are never followed: a 3xx is
a temporary failure (changes stay pending), never an answer about them.
"""

from __future__ import annotations

import contextlib
import email.utils
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import anyio
import httpx
from anyio.from_thread import start_blocking_portal

from domain.errors import N_, SyncError, SyncRejectedError, SyncTransientError, ValidationError
from services.addresses import is_loopback

FHIR_JSON = "application/fhir+json"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 30.0
MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """The most one round may cost, whatever the server sends."""

    response_bytes: int = 32 * MB  # one answer: a 20 MB document (27 MB as base64 JSON) still fits
    request_seconds: float = 60.0  # one request, connection to last byte, however the bytes trickle
    round_seconds: float = 180.0  # a whole round, retries and their waits included
    round_bytes: int = 128 * MB  # read in one round: what a pull holds in memory before storing it
    history_pages: int = 50  # _history requests in one round; the next round goes on from there


class ResponseTooLarge(SyncError):
    msgid = N_(
        "The server {url} sent an answer larger than {mb} MB, which was not read; changes stay on this "
        "device and will be sent later."
    )


class RoundLimitReached(SyncError):
    """The round stopped at one of its limits: what it received is kept, the next round goes on."""

    msgid = N_(
        "The synchronisation stopped at its time limit ({seconds} s); what was received is kept and the "
        "next round goes on from there."
    )


class RoundBytesReached(RoundLimitReached):
    msgid = N_(
        "The synchronisation stopped at its download limit ({mb} MB for one round); what was received is "
        "kept and the next round goes on from there."
    )


class TooSlow(SyncTransientError):
    msgid = N_(
        "The server {url} is too slow (no complete answer within {seconds} s); changes stay on this device "
        "and will be sent later."
    )


class Redirected(SyncTransientError):
    msgid = N_(
        "The server {url} answered with a redirection (HTTP {status}), which Carnet does not follow; changes "
        "stay on this device. Check the server address."
    )


def check_server_url(url: str) -> str:
    """The base URL without its trailing slash; https, or plain http for this device only."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError("{url!r} is not a server address (expected https://...).", url=url)
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ValidationError("Only https:// server addresses are accepted (plain http only on this device).")
    return url.strip().rstrip("/")


class FhirClient:
    """``transport=`` lets tests answer with an ``httpx.MockTransport`` instead of a server; ``clock`` and
    ``sleep`` let them spend the round's time budget without waiting."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 15.0,
        retries: int = 4,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        limits: Limits | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = check_server_url(base_url)
        headers = {"Accept": FHIR_JSON, "User-Agent": "Carnet"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.AsyncClient(
            base_url=self.base_url + "/",
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            transport=transport,
            verify=True,
            follow_redirects=False,
        )
        self.retries, self.backoff, self._sleep = retries, backoff, sleep
        self.limits, self._clock = limits or Limits(), clock
        self._started = clock()
        self.requests = 0  # every HTTP request sent, retries included (the bench counts them)
        self.bytes_read = 0
        # The requests run on an event loop of their own, so that a deadline can cancel them anywhere.
        self._exit = contextlib.ExitStack()
        self._portal = self._exit.enter_context(start_blocking_portal())

    def close(self) -> None:
        try:
            self._portal.call(self._http.aclose)
        finally:
            self._exit.close()

    def __enter__(self) -> FhirClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the one request loop --------------------------------------------------------------------
    def call(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, Any] | None, httpx.Headers]:
        """(status, JSON body or None, headers). Raises SyncTransientError once the retries are spent,
        SyncError on a refused token, a redirection or an answer too large, RoundLimitReached when the
        round's budget is spent."""
        content = json.dumps(body, separators=(",", ":")).encode() if body is not None else None
        sent_headers = {**(headers or {}), **({"Content-Type": FHIR_JSON} if content is not None else {})}
        last, last_retry_after = "", None
        for attempt in range(self.retries + 1):
            if attempt:
                self._wait(self._delay(attempt, last_retry_after))
                last_retry_after = None
            try:
                status, raw, answered = self._send(method, path, content, params, sent_headers)
            except httpx.TransportError as exc:
                last = type(exc).__name__
                continue
            if status in RETRY_STATUSES:
                last, last_retry_after = f"HTTP {status}", _retry_after(answered)
                continue
            if status in (401, 403):
                raise SyncError(N_("The server refused the access token (HTTP {status})."), status=status)
            if 300 <= status < 400:
                raise Redirected(url=self.base_url, status=status)
            try:
                return status, _json_of(raw), answered
            except ValueError:
                if status >= 300:  # a web page, not a FHIR server: retrying will not help
                    raise SyncError(
                        N_("No FHIR server answers at {url} (HTTP {status})."),
                        url=self.base_url,
                        status=status,
                    ) from None
                last = "not JSON"
                continue
        raise SyncTransientError(
            N_(
                "The server {url} did not answer properly ({reason}); changes stay on this device and will "
                "be sent later."
            ),
            url=self.base_url,
            reason=last,
        )

    def _remaining(self) -> float:
        """Seconds left in the round; raises once the round's time or download budget is spent."""
        if self.bytes_read >= self.limits.round_bytes:
            raise RoundBytesReached(mb=self.limits.round_bytes // MB)
        left = self.limits.round_seconds - (self._clock() - self._started)
        if left <= 0:
            raise RoundLimitReached(seconds=round(self.limits.round_seconds))
        return left

    def _wait(self, seconds: float) -> None:
        if seconds >= self._remaining():  # waiting would end the round anyway: end it now
            raise RoundLimitReached(seconds=round(self.limits.round_seconds))
        self._sleep(seconds)

    def _send(
        self, method: str, path: str, content: bytes | None, params: Any, headers: dict[str, str]
    ) -> tuple[int, bytes, httpx.Headers]:
        left = self._remaining()
        budget = min(self.limits.request_seconds, left)
        self.requests += 1
        try:
            return self._portal.call(self._bounded, method, path, content, params, headers, budget)
        except TimeoutError:
            if budget < self.limits.request_seconds:
                raise RoundLimitReached(seconds=round(self.limits.round_seconds)) from None
            raise TooSlow(url=self.base_url, seconds=round(self.limits.request_seconds)) from None

    async def _bounded(
        self,
        method: str,
        path: str,
        content: bytes | None,
        params: Any,
        headers: dict[str, str],
        budget: float,
    ) -> tuple[int, bytes, httpx.Headers]:
        cap = self.limits.response_bytes
        with anyio.fail_after(budget):
            request = self._http.stream(method, path, content=content, params=params, headers=headers)
            async with request as response:
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > cap:
                    raise ResponseTooLarge(url=self.base_url, mb=cap // MB)
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body += chunk
                    self.bytes_read += len(chunk)
                    if len(body) > cap:  # stop reading: the rest never reaches memory
                        raise ResponseTooLarge(url=self.base_url, mb=cap // MB)
                return response.status_code, bytes(body), response.headers

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, MAX_RETRY_AFTER)
        # Full jitter: many devices coming back at once do not hammer the server in step.
        return random.uniform(0, min(self.backoff * 2 ** (attempt - 1), MAX_RETRY_AFTER))

    # -- FHIR interactions -------------------------------------------------------------------------
    def transaction(self, bundle: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
        status, body, _ = self.call("POST", "", body=bundle)
        return status, body

    def read(self, resource_type: str, resource_id: str) -> tuple[int, dict[str, Any] | None]:
        status, body, _ = self.call("GET", f"{resource_type}/{resource_id}")
        return status, body

    def history(self, since: str | None, count: int, offset: int) -> dict[str, Any]:
        params = {"_count": str(count), "_offset": str(offset)}
        if since:
            params["_since"] = since
        status, body, _ = self.call("GET", "_history", params=params)
        if status != 200 or not body or body.get("resourceType") != "Bundle":
            raise SyncRejectedError(reason=f"history: HTTP {status}")
        return body


def _json_of(raw: bytes) -> dict[str, Any] | None:
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except RecursionError:  # nested deeper than Python's parser goes: not an answer we can use
        raise ValueError("nested too deeply") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data


def _retry_after(headers: httpx.Headers) -> float | None:
    value = headers.get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())

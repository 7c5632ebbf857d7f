"""One HTTP client for a FHIR R4 server: timeouts, retries with backoff and jitter, bearer token, errors.

Retried: network errors, 429 and 5xx (Retry-After honoured, capped), and answers that are not JSON where
JSON was due (a proxy's HTML page, a truncated body). Every other answer is returned to the caller,
which knows what a 404, 410 or 412 means for it. TLS is always verified; plain http only for loopback.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import random
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx

from domain.errors import N_, SyncError, SyncRejectedError, SyncTransientError, ValidationError

FHIR_JSON = "application/fhir+json"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 30.0


def check_server_url(url: str) -> str:
    """The base URL without its trailing slash; https, or plain http for this device only."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError("{url!r} is not a server address (expected https://...).", url=url)
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ValidationError("Only https:// server addresses are accepted (plain http only on this device).")
    return url.strip().rstrip("/")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class FhirClient:
    """``transport=`` lets tests answer with an ``httpx.MockTransport`` instead of a server."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 15.0,
        retries: int = 4,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = check_server_url(base_url)
        headers = {"Accept": FHIR_JSON, "User-Agent": "Carnet"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.Client(
            base_url=self.base_url + "/",
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            transport=transport,
            verify=True,
        )
        self.retries, self.backoff, self._sleep = retries, backoff, sleep
        self.requests = 0  # every HTTP request sent, retries included (the bench counts them)

    def close(self) -> None:
        self._http.close()

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
        SyncError on a refused token."""
        content = json.dumps(body, separators=(",", ":")).encode() if body is not None else None
        sent_headers = {**(headers or {}), **({"Content-Type": FHIR_JSON} if content is not None else {})}
        last, last_retry_after = "", None
        for attempt in range(self.retries + 1):
            if attempt:
                self._sleep(self._delay(attempt, last_retry_after))
                last_retry_after = None
            try:
                self.requests += 1
                response = self._http.request(
                    method, path, content=content, params=params, headers=sent_headers
                )
            except httpx.TransportError as exc:
                last = type(exc).__name__
                continue
            if response.status_code in RETRY_STATUSES:
                last, last_retry_after = f"HTTP {response.status_code}", _retry_after(response)
                continue
            if response.status_code in (401, 403):
                raise SyncError(
                    N_("The server refused the access token (HTTP {status})."), status=response.status_code
                )
            try:
                return response.status_code, _json_of(response), response.headers
            except ValueError:
                if response.status_code >= 300:  # a web page, not a FHIR server: retrying will not help
                    raise SyncError(
                        N_("No FHIR server answers at {url} (HTTP {status})."),
                        url=self.base_url,
                        status=response.status_code,
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

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, MAX_RETRY_AFTER)
        # Full jitter: many devices coming back at once do not hammer the server in step.
        return random.uniform(0, min(self.backoff * 2 ** (attempt - 1), MAX_RETRY_AFTER))

    # -- FHIR interactions -------------------------------------------------------------------------
    def metadata(self) -> dict[str, Any]:
        status, body, _ = self.call("GET", "metadata")
        if status != 200 or not body or body.get("resourceType") != "CapabilityStatement":
            raise SyncError(N_("No FHIR server answers at {url}."), url=self.base_url)
        return body

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


def _json_of(response: httpx.Response) -> dict[str, Any] | None:
    if not response.content.strip():
        return None
    data = json.loads(response.content)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())

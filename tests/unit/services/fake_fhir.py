"""A hand-written in-memory FHIR server for unit tests, plugged in through ``httpx.MockTransport``.

It knows what the sync uses: transaction/batch Bundles of PUT and DELETE with If-Match (412 on a stale
one), read, and system ``_history`` with ``_since``/``_count``/``_offset`` (newest first).
"""

from __future__ import annotations

import copy
import itertools
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx


class FakeFhir:
    def __init__(self) -> None:
        self.current: dict[tuple[str, str], dict[str, Any] | None] = {}
        self.versions: dict[tuple[str, str], int] = {}
        self.log: list[dict[str, Any]] = []  # history, oldest first
        self.requests: list[httpx.Request] = []
        self.refuse: set[str] = set()  # resource types answered 422
        self.bundles = True  # False: a server that takes no transaction or batch Bundle
        self._clock = itertools.count(1)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    # -- server-side writes (also used by tests to play "another device") ---------------------------------
    def put(self, resource: dict[str, Any]) -> tuple[int, str]:
        key = (resource["resourceType"], resource["id"])
        version = self.versions.get(key, 0) + 1
        stamp = self._stamp()
        meta = resource.get("meta", {}) | {"versionId": str(version), "lastUpdated": stamp}
        stored = copy.deepcopy(resource) | {"meta": meta}
        self.current[key], self.versions[key] = stored, version
        self.log.append({"key": key, "version": version, "stamp": stamp, "resource": stored})
        return (201 if version == 1 else 200), str(version)

    def delete(self, key: tuple[str, str]) -> None:
        if self.current.get(key) is None:
            return
        version = self.versions[key] + 1
        stamp = self._stamp()
        self.current[key], self.versions[key] = None, version
        self.log.append({"key": key, "version": version, "stamp": stamp, "resource": None})

    def _stamp(self) -> str:
        instant = datetime(2026, 12, 1, tzinfo=UTC) + timedelta(milliseconds=next(self._clock))
        return instant.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    # -- HTTP -------------------------------------------------------------------------------------------
    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path.split("/fhir", 1)[-1].strip("/")
        if request.method == "POST" and path == "":
            if not self.bundles:
                return httpx.Response(404, json={"resourceType": "OperationOutcome", "issue": []})
            return self._bundle(json.loads(request.content))
        if request.method in ("PUT", "DELETE"):  # one entry at a time, as a Bundle entry would be
            entry = {"request": {"method": request.method, "url": path}}
            if request.method == "PUT":
                entry["resource"] = json.loads(request.content)
            if "If-Match" in request.headers:
                entry["request"]["ifMatch"] = request.headers["If-Match"]
            answer = self._entry(entry)["response"]
            status = int(answer["status"][:3])
            return httpx.Response(
                status,
                json=answer.get("outcome", {"resourceType": "OperationOutcome"}),
                headers={"ETag": answer.get("etag", "")},
            )
        if path == "_history":
            return self._history(dict(request.url.params))
        rtype, rid = path.split("/")
        found = self.current.get((rtype, rid), "missing")
        if found == "missing":
            return httpx.Response(404, json={"resourceType": "OperationOutcome", "issue": []})
        if found is None:
            return httpx.Response(410, json={"resourceType": "OperationOutcome", "issue": []})
        return httpx.Response(200, json=found)

    def _bundle(self, bundle: dict[str, Any]) -> httpx.Response:
        answers = [self._entry(e) for e in bundle["entry"]]
        failed = [a for a in answers if not a["response"]["status"].startswith("2")]
        if bundle["type"] == "transaction" and failed:
            for entry in reversed(bundle["entry"]):  # all or nothing
                self._undo(entry)
            return httpx.Response(
                int(failed[0]["response"]["status"][:3]), json={"resourceType": "OperationOutcome"}
            )
        return httpx.Response(
            200, json={"resourceType": "Bundle", "type": bundle["type"] + "-response", "entry": answers}
        )

    def _entry(self, entry: dict[str, Any]) -> dict[str, Any]:
        request = entry["request"]
        rtype, rid = request["url"].split("/")
        key = (rtype, rid)
        if request["method"] == "DELETE":
            self.delete(key)
            return {"response": {"status": "204 No Content"}}
        if rtype in self.refuse:
            issue = {
                "severity": "error",
                "code": "business-rule",
                "diagnostics": f"{rtype} not accepted here",
            }
            return {"response": {"status": "422 Unprocessable", "outcome": {"issue": [issue]}}}
        wanted = request.get("ifMatch")
        if wanted and (self.current.get(key) is None or f'W/"{self.versions[key]}"' != wanted):
            return {"response": {"status": "412 Precondition Failed", "outcome": {"issue": []}}}
        entry["_before"] = copy.deepcopy(self.current.get(key, "missing"))
        status, version = self.put(entry["resource"])
        return {"response": {"status": f"{status} OK", "etag": f'W/"{version}"'}}

    def _undo(self, entry: dict[str, Any]) -> None:
        if "_before" not in entry:
            return
        rtype, rid = entry["request"]["url"].split("/")
        key = (rtype, rid)
        self.log.pop()
        self.versions[key] -= 1
        if entry["_before"] == "missing":
            del self.current[key], self.versions[key]
        else:
            self.current[key] = entry["_before"]

    def _history(self, params: dict[str, str]) -> httpx.Response:
        since = params.get("_since", "")
        rows = [row for row in reversed(self.log) if row["stamp"] >= since]
        offset, count = int(params.get("_offset", 0)), int(params.get("_count", 50))
        entries = []
        for row in rows[offset : offset + count]:
            rtype, rid = row["key"]
            entry: dict[str, Any] = {
                "request": {
                    "method": "DELETE" if row["resource"] is None else "PUT",
                    "url": f"{rtype}/{rid}",
                },
                "response": {
                    "status": "200 OK",
                    "etag": f'W/"{row["version"]}"',
                    "lastModified": row["stamp"],
                },
            }
            if row["resource"] is not None:
                entry["resource"] = row["resource"]
            entries.append(entry)
        return httpx.Response(
            200, json={"resourceType": "Bundle", "type": "history", "total": len(rows), "entry": entries}
        )

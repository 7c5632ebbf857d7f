"""Pull: the server's changes since the high-water mark (``_history?_since``, paged), newest version of each
resource only, written without outbox entries.

A pass over the history may take several rounds: a round reads at most ``Limits.history_pages`` pages
(and stops at the round's time and download limits), stores what it read, and keeps a cursor (where it
stopped, and which resources it has already met, newest first) for the next round. The high-water mark
moves only when a pass has reached the end, so it never passes anything not stored; a pass interrupted
(the process killed) is simply read again from the cursor last stored (known versions are skipped).

A row with a pending local change is left alone (the push meets the server's version as a 412 and keeps
both); a row in conflict gets the server's newer version into the conflict. A resource that cannot be
stored, whatever the reason, goes to quarantine with the reason and never touches the vault; the others
are stored. A record met before its Patient (an earlier round of the same pass) waits, set aside, and
is stored when the Patient comes; if the pass ends without it, it is quarantined.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain.errors import N_, CarnetError, SyncError
from services.session import Session
from services.sync.apply import KEPT_TYPES, MissingPatient, apply_resource, instant, owner
from services.sync.client import FhirClient, ResponseTooLarge, RoundLimitReached
from services.sync.push import etag_version
from services.sync.resources import moved_from
from storage.sync_ledger import CONFLICT, QUARANTINE, WAITING, SyncIssue
from storage.uow import UnitOfWork

PAGE = 1000
APPLY_CHUNK = 500
MAX_SEEN = 250_000  # resources remembered by a pass spread over rounds (a family holds far fewer)
MARK = "high_water_mark"
COMPANIONS = frozenset({"Binary", "RelatedPerson"})  # kept aside for the records they go with
CURSOR = "history_cursor"


class HistoryTooLong(SyncError):
    msgid = N_(
        "The server's history since the last synchronisation names more than {n} resources; what was "
        "received is kept, and the next round reads that history again from its start."
    )


@dataclass
class Cursor:
    since: str | None
    offset: int = 0
    count: int = PAGE
    mark: str = ""  # the newest lastModified met in this pass: the next mark once the pass is done
    seen: set[str] = field(default_factory=set)  # "Type/id" already handled in this pass


@dataclass
class Fetched:
    latest: dict[tuple[str, str], Any] = field(default_factory=dict)
    binaries: dict[str, Any] = field(default_factory=dict)
    too_large: list[int] = field(default_factory=list)  # offsets of entries skipped for their size
    done: bool = False
    stopped: SyncError | None = None


def pull(session: Session, client: FhirClient, report: Any, today: date) -> None:
    with session.uow() as uow:
        cursor = _load_cursor(uow)
    fetched = _fetch(client, cursor)
    if not fetched.done and len(cursor.seen) > MAX_SEEN:  # what is read is kept; the pass starts again
        cursor = Cursor(cursor.since, count=PAGE, mark=cursor.since or "")
        fetched.stopped = HistoryTooLong(n=MAX_SEEN)
    _store(session, client, cursor, fetched, report, today)
    report.more = not fetched.done
    if fetched.stopped is not None:
        raise fetched.stopped


def _load_cursor(uow: UnitOfWork) -> Cursor:
    saved = uow.sync_state.get(CURSOR)
    if saved:
        try:
            data = json.loads(saved)
            offset, count, seen = int(data["offset"]), int(data["count"]), set(data["seen"])
            return Cursor(data["since"], offset, count, data["mark"], seen)
        except (ValueError, KeyError, TypeError):
            pass  # a damaged cursor: the pass starts again from the mark, nothing is missed
    since = uow.sync_state.get(MARK) or None
    return Cursor(since, count=PAGE, mark=since or "")


def _save_cursor(uow: UnitOfWork, cursor: Cursor, done: bool) -> None:
    if done:
        if cursor.mark:
            uow.sync_state.set(MARK, cursor.mark)
        uow.sync_state.set(CURSOR, "")
        return
    data = {
        "since": cursor.since,
        "offset": cursor.offset,
        "count": cursor.count,
        "mark": cursor.mark,
        "seen": sorted(cursor.seen),
    }
    uow.sync_state.set(CURSOR, json.dumps(data))


# -- reading the history ---------------------------------------------------------------------------------
def _fetch(client: FhirClient, cursor: Cursor) -> Fetched:
    """Pages from the cursor on, newest version of each resource, until the end or a limit of the round."""
    fetched = Fetched()
    for _ in range(client.limits.history_pages):
        # Our own paging links: a server's "next" link may drop _since (sekmet-fhir 0.1.1 does).
        try:
            bundle = client.history(cursor.since, cursor.count, cursor.offset)
        except ResponseTooLarge:
            if cursor.count > 1:
                cursor.count //= 2  # large documents in this page: smaller pages
            else:
                fetched.too_large.append(cursor.offset)  # one entry alone too large: set aside
                cursor.offset += 1
            continue
        except RoundLimitReached as exc:
            fetched.stopped = exc
            return fetched
        raw = bundle.get("entry")
        entries = raw if isinstance(raw, list) else []
        for entry in entries:
            _take(fetched, cursor, entry)
        cursor.offset += len(entries)
        if _finished(bundle, entries, cursor.offset):
            fetched.done = True
            return fetched
        cursor.count = min(PAGE, cursor.count * 2)
    return fetched


def _take(fetched: Fetched, cursor: Cursor, entry: Any) -> None:
    if not isinstance(entry, dict):
        return
    modified = str(_part(entry, "response").get("lastModified", ""))
    when, mark_time = instant(modified), instant(cursor.mark)
    if when is not None and (mark_time is None or when > mark_time):
        cursor.mark = modified
    key = _key(entry)
    if key is None or key[0] not in KEPT_TYPES | COMPANIONS or f"{key[0]}/{key[1]}" in cursor.seen:
        return  # not kept by Carnet, or (newest first) an older version of a resource already met
    cursor.seen.add(f"{key[0]}/{key[1]}")
    if key[0] == "Binary":
        fetched.binaries[key[1]] = entry.get("resource")
    elif key[0] in COMPANIONS:  # read with the record it goes with (a caregiver's, with the Consent)
        fetched.binaries[f"{key[0]}/{key[1]}"] = entry.get("resource")
    else:
        fetched.latest[key] = entry


def _finished(bundle: dict[str, Any], entries: list[Any], offset: int) -> bool:
    if not entries:
        return True
    total = bundle.get("total")
    if isinstance(total, int) and not isinstance(total, bool):
        return offset >= total
    links = bundle.get("link")
    if not isinstance(links, list):
        return True
    return not any(isinstance(link, dict) and link.get("relation") == "next" for link in links)


def _part(entry: dict[str, Any], name: str) -> dict[str, Any]:
    value = entry.get(name)
    return value if isinstance(value, dict) else {}


def _key(entry: dict[str, Any]) -> tuple[str, str] | None:
    resource = entry.get("resource")
    if isinstance(resource, dict) and resource.get("resourceType") and resource.get("id"):
        return str(resource["resourceType"]), str(resource["id"])
    parts = str(_part(entry, "request").get("url", "")).split("?")[0].split("/")
    return (parts[-2], parts[-1]) if len(parts) >= 2 else None


def _version(entry: dict[str, Any]) -> str:
    resource = entry.get("resource")
    meta = resource.get("meta") if isinstance(resource, dict) else None
    return etag_version(str(_part(entry, "response").get("etag") or "")) or str(
        (meta if isinstance(meta, dict) else {}).get("versionId", "")
    )


# -- storing what was read ---------------------------------------------------------------------------------
def _store(
    session: Session, client: FhirClient, cursor: Cursor, fetched: Fetched, report: Any, today: date
) -> None:
    # Profiles before their records, records before what the server says of them (AuditEvent), and
    # documents before the messages that carry them (a Communication names them).
    rank = {"Patient": 0, "Communication": 2, "AuditEvent": 3}
    ordered = sorted(fetched.latest.items(), key=lambda kv: rank.get(kv[0][0], 1))
    chunks = [ordered[i : i + APPLY_CHUNK] for i in range(0, len(ordered), APPLY_CHUNK)] or [[]]
    for number, chunk in enumerate(chunks, start=1):
        with session.uow(from_server=True) as uow:
            for (rtype, rid), entry in chunk:
                report.pulled += _apply(uow, client, rtype, rid, entry, fetched.binaries, today)
            if number == len(chunks):
                for offset in fetched.too_large:
                    reason = N_("An entry of the server's history was too large to be read (position {n}).")
                    content = {"reason": reason.format(n=offset), "version": "", "resource": None}
                    uow.issues.add(QUARANTINE, None, "", content)
                if fetched.done:  # the pass is over: a Patient that has not come will not come
                    for waiting in uow.issues.list(WAITING, with_content=False):
                        uow.issues.retag(waiting.id, QUARANTINE)
                _save_cursor(uow, cursor, fetched.done)
            uow.commit()


def _apply(
    uow: UnitOfWork,
    client: FhirClient,
    rtype: str,
    rid: str,
    entry: Any,
    binaries: dict[str, Any],
    today: date,
) -> int:
    """1 when the vault changed, 0 otherwise."""
    if rtype not in KEPT_TYPES:
        return 0  # not a kind of resource Carnet keeps
    version = _version(entry)
    if uow.outbox.has(rid) or (uow.remote.version(rid) == version and not moved_from(uow, rtype, rid)):
        return 0
    deleted = _part(entry, "request").get("method") == "DELETE" or not entry.get("resource")
    if deleted and rtype == "Basic" and moved_from(uow, rtype, rid):
        return 0  # the Basic copy of an earlier version, deleted when its Observation replaced it
    resource = None if deleted else entry["resource"]
    conflict = uow.issues.list(CONFLICT, rid)
    if conflict:
        uow.issues.replace_content(conflict[0], {"remote": resource, "version": version})
        return 0
    if any(q.content.get("version") == version for q in _set_aside(uow, rid)):
        return 0
    try:
        with uow.savepoint("pulled"):  # a resource that fails half-way leaves nothing behind
            changed = apply_resource(uow, client, rtype, rid, resource, binaries, today)
    except (SyncError, sqlite3.OperationalError):
        raise  # the server went away mid-pull (a Binary read), or the vault cannot be written: it stops
    except Exception as exc:  # whatever this one resource makes go wrong, it alone is set aside
        _quarantine(uow, rtype, rid, version, resource, exc)
        return 0
    uow.remote.set(rid, owner(uow, rtype, rid), rtype, version)
    for held in _set_aside(uow, rid):
        uow.issues.drop(held.id)  # a valid version came after an invalid one
    if rtype == "Patient" and resource is not None:
        return 1 + _retry_waiting(uow, client, rid, binaries, today)
    return 1 if changed else 0


def _set_aside(uow: UnitOfWork, rid: str) -> list[SyncIssue]:
    return uow.issues.list(QUARANTINE, rid) + uow.issues.list(WAITING, rid)


def _quarantine(uow: UnitOfWork, rtype: str, rid: str, version: str, resource: Any, exc: Exception) -> None:
    reason = exc.render() if isinstance(exc, CarnetError) else f"{type(exc).__name__}: {exc}"
    content = {"reason": reason[:500], "version": version, "resource": resource}
    kind, profile_id = QUARANTINE, owner(uow, rtype, rid)
    if isinstance(exc, MissingPatient):  # found again when that Patient is stored
        kind, profile_id = WAITING, str(exc.params.get("subject", ""))
    uow.issues.add(kind, None, rtype, content, row_id=rid, profile_id=profile_id)


def _retry_waiting(
    uow: UnitOfWork, client: FhirClient, patient_id: str, binaries: dict[str, Any], today: date
) -> int:
    """Records that came before their Patient (an earlier round of the same pass) are stored now."""
    stored = 0
    for held in uow.issues.list(WAITING, profile_id=patient_id):
        resource = held.content.get("resource")
        if not isinstance(resource, dict):
            continue
        uow.issues.drop(held.id)
        entry = {"resource": resource, "response": {"etag": f'W/"{held.content.get("version", "")}"'}}
        stored += _apply(uow, client, held.resource_type, held.row_id, entry, binaries, today)
    return stored

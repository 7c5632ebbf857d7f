"""Push: the outbox, in order, as FHIR transaction Bundles of client-assigned ids (PUT), so a retry or a
crash between the server's commit and ours never duplicates anything.

An update carries If-Match with the server version last seen. A 412 is never overwritten: when the
server already holds exactly our content (our own earlier push, whose answer was lost) it is adopted;
otherwise both versions are kept as a conflict for the user to choose. A change the server refuses for
good goes to the visible "not synced" list with its reason; the outbox entries are removed only then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from domain.errors import N_, CarnetError, NotFoundError, Unsyncable
from services.fhir import mapping as fm
from services.fhir.records import resource_type_of
from services.fhir.validation import invalid_reason
from services.session import Session
from services.sync import trash as sync_trash
from services.sync.client import FhirClient
from services.sync.resources import held_as, outgoing_resources, same_content
from storage.repositories import Change
from storage.sync_ledger import CONFLICT, REJECTED
from storage.uow import UnitOfWork

CHUNK = 100  # changes per transaction Bundle: 1,000 offline changes in 10 requests
CHUNK_BYTES = 8 * 1024 * 1024


@dataclass
class Outgoing:
    change: Change
    resource_type: str
    entries: list[dict[str, Any]] = field(default_factory=list)  # the change's own entry is the last
    resource: dict[str, Any] | None = None


def push(session: Session, client: FhirClient, report: Any) -> None:
    with session.uow() as uow:
        held = sync_trash.held_profiles(uow)  # deleted on another device: they wait for the user's choice
        changes = [c for c in uow.outbox.changes() if c.profile_id not in held]
    for start in range(0, len(changes), CHUNK):
        outgoing = _build(session, changes[start : start + CHUNK], report)
        for batch in _by_size(outgoing):
            _send(session, client, batch, report)


def _by_size(outgoing: list[Outgoing]) -> list[list[Outgoing]]:
    batches: list[list[Outgoing]] = [[]]
    size = 0
    for item in outgoing:
        weight = sum(len(str(e.get("resource", ""))) for e in item.entries)
        if batches[-1] and size + weight > CHUNK_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(item)
        size += weight
    return [b for b in batches if b]


# -- building the entries ----------------------------------------------------------------------------
def _build(session: Session, changes: list[Change], report: Any) -> list[Outgoing]:
    built: list[Outgoing] = []
    refused: list[tuple[Change, CarnetError | None]] = []
    with session.uow() as uow:
        for change in changes:
            try:
                item = _outgoing(uow, change)
            except CarnetError as exc:  # not valid FHIR, a kind without mapping, a damaged record
                refused.append((change, exc))
                continue
            if item is not None:
                built.append(item)
            else:
                refused.append((change, None))
    if refused:
        with session.uow() as uow:
            for change, why in refused:
                if why is not None:  # kept, visible, with its reason; a vanished row is simply done with
                    uow.issues.add(REJECTED, change, "", {"msgid": why.msgid, "params": why.params})
                    report.rejected += 1
                uow.outbox.settle(change.seqs)
            uow.commit()
    return built


def _outgoing(uow: UnitOfWork, change: Change) -> Outgoing | None:
    if change.row_table == "identities":
        item = Outgoing(change, "Patient")
        if change.op == "delete":
            # The profile's records left the vault with it: they leave the server too.
            item.entries = [_delete(t, i) for t, i in uow.remote.rows_of(change.row_id)]
            item.entries += [
                _delete("RelatedPerson", f"{change.row_id}-parent"),
                _delete("Patient", change.row_id),
            ]
            return item
        try:
            profile = uow.profiles.get(change.row_id)
        except NotFoundError:
            return None
        item.resource = fm.patient(profile)
        reason = invalid_reason(item.resource)
        if reason:
            raise Unsyncable(N_("The record is not valid FHIR ({reason})."), reason=reason)
        item.entries = [_put(item.resource, uow.remote.version(change.row_id))]
        holder = next((p for p in uow.profiles.list() if p.role == "holder"), None)
        if profile.role == "child" and holder is not None:  # sent before the child's own Patient entry
            item.entries.insert(0, _put(fm.guardian(profile.id, holder), None))
        return item
    row = uow.records.state(change.row_id)
    if row is None:
        return None  # its profile was deleted: that deletion carries it
    kind, deleted = row
    item = Outgoing(change, resource_type_of(kind))
    known = uow.remote.version(change.row_id)
    held = held_as(uow, change.row_id, kind, item.resource_type) if known else item.resource_type
    if deleted:
        item.entries = [_delete(held, change.row_id)] if known or change.op == "delete" else []
        return item
    resources = outgoing_resources(uow, change.profile_id, change.row_id, with_binary=known is None)
    item.resource = resources[-1]
    item.entries = [_put(r, None) for r in resources[:-1]]
    if held != item.resource_type:
        # Sent as a Basic by an earlier version: that copy leaves (if no one changed it since) and the
        # resource of today is created in the same transaction.
        gone = _delete(held, change.row_id)
        gone["request"]["ifMatch"] = f'W/"{known}"'
        item.entries += [gone, _put(resources[-1], None)]
    else:
        item.entries.append(_put(resources[-1], known))
    return item


def _put(resource: dict[str, Any], version: str | None) -> dict[str, Any]:
    request: dict[str, str] = {"method": "PUT", "url": f"{resource['resourceType']}/{resource['id']}"}
    if version:
        request["ifMatch"] = f'W/"{version}"'
    return {"resource": resource, "request": request}


def _delete(resource_type: str, resource_id: str) -> dict[str, Any]:
    return {"request": {"method": "DELETE", "url": f"{resource_type}/{resource_id}"}}


# -- sending and settling -----------------------------------------------------------------------------
def _send(session: Session, client: FhirClient, batch: list[Outgoing], report: Any) -> None:
    entries = [e for item in batch for e in item.entries]
    if not entries:
        _settle(session, [(item, "ok", "") for item in batch], report)  # nothing the server needs to hear
        return
    status, body = client.transaction({"resourceType": "Bundle", "type": "transaction", "entry": entries})
    answers = (body or {}).get("entry", []) if status == 200 else []
    if status != 200 or len(answers) != len(entries):
        # One stale or refused entry fails a whole transaction: the batch form tells which one.
        status, body = client.transaction({"resourceType": "Bundle", "type": "batch", "entry": entries})
        answers = (body or {}).get("entry", []) if status == 200 else []
        if len(answers) != len(entries):  # a server without Bundles: one request per entry
            answers = [_one(client, entry) for entry in entries]
    outcomes, position = [], 0
    for item in batch:
        mine = answers[position : position + len(item.entries)]
        position += len(item.entries)
        outcomes.append(_outcome(client, item, mine))
    _settle(session, outcomes, report)


def _one(client: FhirClient, entry: dict[str, Any]) -> dict[str, Any]:
    request = entry["request"]
    headers = {"If-Match": request["ifMatch"]} if "ifMatch" in request else None
    status, body, answered = client.call(
        request["method"], request["url"], body=entry.get("resource"), headers=headers
    )
    outcome = body if status >= 400 and body else {}
    return {"response": {"status": str(status), "etag": answered.get("ETag", ""), "outcome": outcome}}


def _code(answer: dict[str, Any]) -> int:
    text = str(answer.get("response", {}).get("status", "0")).split(" ")[0]
    return int(text) if text.isdigit() else 0


def etag_version(etag: str | None) -> str:
    return (etag or "").replace("W/", "").strip('"')


def _outcome(client: FhirClient, item: Outgoing, answers: list[dict[str, Any]]) -> tuple[Outgoing, str, Any]:
    """(item, what happened, detail): "ok" with the new version, "conflict" with the server's
    resource, "retry" (left pending) or "rejected" with the server's diagnostics."""
    codes = [_code(a) for a in answers]
    deleting = item.change.op == "delete" or item.resource is None
    if all(200 <= c < 300 or (deleting and c in (404, 410)) for c in codes):
        return item, "ok", etag_version(answers[-1].get("response", {}).get("etag")) if answers else ""
    if 412 in codes and item.resource is not None:
        status, current = client.read(item.resource_type, item.change.row_id)
        if status == 200 and same_content(current, item.resource):
            return item, "ok", str((current or {}).get("meta", {}).get("versionId", ""))
        return item, "conflict", current if status == 200 else None
    if any(c >= 500 or c in (0, 408, 429) for c in codes):
        return item, "retry", None
    diagnostics = [
        i.get("diagnostics", "")
        for a in answers
        for i in a.get("response", {}).get("outcome", {}).get("issue", [])
    ]
    return item, "rejected", f"HTTP {max(codes)}: {'; '.join(d for d in diagnostics if d)[:500]}"


def _settle(session: Session, outcomes: list[tuple[Outgoing, str, Any]], report: Any) -> None:
    with session.uow() as uow:
        for item, what, detail in outcomes:
            change = item.change
            if what == "retry":
                continue
            for earlier in uow.issues.list(REJECTED, change.row_id):
                uow.issues.drop(earlier.id)  # a newer outcome replaces an older refusal
            if what == "ok":
                report.pushed += 1
                if change.op != "delete" and item.resource is not None:
                    uow.remote.set(change.row_id, change.profile_id, item.resource_type, detail or "1")
            elif what == "conflict":
                _keep_conflict(uow, change, item.resource_type, detail)
                report.conflicts += 1
            else:
                content = {
                    "msgid": N_("The server refused this change: {reason}"),
                    "params": {"reason": detail},
                }
                uow.issues.add(REJECTED, change, item.resource_type, content)
                report.rejected += 1
            uow.outbox.settle(change.seqs)
        uow.commit()


def _keep_conflict(uow: UnitOfWork, change: Change, resource_type: str, remote: Any) -> None:
    """One conflict per record: an edit made while it waits updates the server's side, not a second one."""
    content = {"remote": remote, "version": (remote or {}).get("meta", {}).get("versionId", "")}
    waiting = uow.issues.list(CONFLICT, change.row_id)
    if waiting:
        uow.issues.replace_content(waiting[0], content)
    else:
        uow.issues.add(CONFLICT, change, resource_type, content)

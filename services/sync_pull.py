"""Pull: the server's changes since the high-water mark (``_history?_since``, paged), newest version of each
resource only, written without outbox entries. The mark moves only once everything up to it is stored,
so an interrupted pull is simply done again (already-known versions are skipped).

A row with a pending local change is left alone (the push meets the server's version as a 412 and keeps
both); a row in conflict gets the server's newer version into the conflict. Invalid resources go to
quarantine with the reason and never touch the vault.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from domain.errors import N_, CarnetError, NotFoundError, SyncError
from services import access_log
from services import fhir_mapping as fm
from services import sync_store as st
from services.api_client import FhirClient
from services.sync_push import etag_version
from services.sync_resources import RECORD_TYPES, invalid_reason, record_from, subject_of
from storage import codec
from storage.uow import UnitOfWork, records_of
from storage.vault import Vault

PAGE = 1000
APPLY_CHUNK = 500
MARK = "high_water_mark"


def pull(vault: Vault, client: FhirClient, report: Any) -> None:
    since = st.get_state(vault, MARK) or None
    latest, binaries, mark = _fetch(client, since)
    # Profiles before their records, records before what the server says of them (AuditEvent).
    ordered = sorted(latest.items(), key=lambda kv: {"Patient": 0, "AuditEvent": 2}.get(kv[0][0], 1))
    for start in range(0, max(len(ordered), 1), APPLY_CHUNK):
        with UnitOfWork(vault, from_server=True) as uow:
            for (rtype, rid), entry in ordered[start : start + APPLY_CHUNK]:
                report.pulled += _apply(uow, client, rtype, rid, entry, binaries)
            if start + APPLY_CHUNK >= len(ordered) and mark:
                st.set_state(vault, MARK, mark)
            uow.commit()


def _fetch(client: FhirClient, since: str | None) -> tuple[dict[tuple[str, str], Any], dict[str, Any], str]:
    """Every history entry since ``since``, newest version of each resource, and the new mark."""
    latest: dict[tuple[str, str], Any] = {}
    binaries: dict[str, Any] = {}
    mark, mark_time = since or "", _instant(since)
    offset = 0
    while True:
        # Our own paging links: a server's "next" link may drop _since (sekmet-fhir 0.1.1 does).
        bundle = client.history(since, PAGE, offset)
        entries = bundle.get("entry") or []
        for entry in entries:
            key = _key(entry)
            modified = str(entry.get("response", {}).get("lastModified", ""))
            when = _instant(modified)
            if when is not None and (mark_time is None or when > mark_time):
                mark, mark_time = modified, when
            if key is None or key in latest or key[1] in binaries:
                continue  # newest first: an older version of a resource already seen
            if key[0] == "Binary":
                binaries[key[1]] = entry.get("resource")
            else:
                latest[key] = entry
        offset += len(entries)
        if not entries or offset >= int(bundle.get("total") or 0):
            return latest, binaries, mark


def _instant(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None
    except ValueError:
        return None


def _key(entry: dict[str, Any]) -> tuple[str, str] | None:
    resource = entry.get("resource")
    if isinstance(resource, dict) and resource.get("resourceType") and resource.get("id"):
        return str(resource["resourceType"]), str(resource["id"])
    parts = str(entry.get("request", {}).get("url", "")).split("?")[0].split("/")
    return (parts[-2], parts[-1]) if len(parts) >= 2 else None


def _version(entry: dict[str, Any]) -> str:
    resource = entry.get("resource") or {}
    return etag_version(entry.get("response", {}).get("etag")) or str(
        resource.get("meta", {}).get("versionId", "")
    )


# -- applying one resource ------------------------------------------------------------------------------
def _apply(
    uow: UnitOfWork, client: FhirClient, rtype: str, rid: str, entry: Any, binaries: dict[str, Any]
) -> int:
    """1 when the vault changed, 0 otherwise."""
    if rtype not in ("Patient", "AuditEvent") and rtype not in RECORD_TYPES:
        return 0  # not a kind of resource Carnet keeps
    vault, version = uow.vault, _version(entry)
    if st.remote_version(vault, rid) == version or st.has_pending(vault, rid):
        return 0
    deleted = entry.get("request", {}).get("method") == "DELETE" or not entry.get("resource")
    resource = None if deleted else entry["resource"]
    conflict = st.issues(vault, st.CONFLICT, rid)
    if conflict:
        st.replace_issue_content(vault, conflict[0], {"remote": resource, "version": version})
        return 0
    if any(q.content.get("version") == version for q in st.issues(vault, st.QUARANTINE, rid)):
        return 0
    db = vault.db
    db.execute("SAVEPOINT pulled")  # a resource that fails half-way leaves nothing behind
    try:
        changed = apply_resource(uow, client, rtype, rid, resource, binaries)
        db.execute("RELEASE pulled")
    except SyncError:  # the server went away mid-pull: nothing of this resource is kept, the round stops
        db.execute("ROLLBACK TO pulled")
        db.execute("RELEASE pulled")
        raise
    except (CarnetError, KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        db.execute("ROLLBACK TO pulled")
        db.execute("RELEASE pulled")
        reason = exc.render() if isinstance(exc, CarnetError) else f"{type(exc).__name__}: {exc}"
        content = {"reason": reason[:500], "version": version, "resource": resource}
        st.add_issue(
            vault, st.QUARANTINE, None, rtype, content, row_id=rid, profile_id=_owner(vault, rtype, rid)
        )
        return 0
    st.set_remote(vault, rid, _owner(vault, rtype, rid), rtype, version)
    for held in st.issues(vault, st.QUARANTINE, rid):
        st.drop_issue(vault, held.id)  # a valid version came after an invalid one
    return 1 if changed else 0


def _owner(vault: Vault, rtype: str, rid: str) -> str:
    if rtype == "Patient":
        return rid
    row = vault.db.execute("SELECT profile_id FROM records WHERE id = ?", [rid]).fetchone()
    return str(row[0]) if row else ""


class Quarantined(CarnetError):
    pass


def apply_resource(
    uow: UnitOfWork, client: FhirClient | None, rtype: str, rid: str, resource: Any, binaries: dict[str, Any]
) -> bool:
    """Writes the server's version (None: a deletion) into the vault; raises on anything invalid."""
    if resource is None:
        return _delete_local(uow, rtype, rid)
    reason = invalid_reason(resource)
    if reason:
        raise Quarantined(N_("Invalid FHIR from the server ({reason})."), reason=reason)
    if resource["resourceType"] != rtype or resource.get("id") != rid:
        raise Quarantined(N_("The server sent a resource under another id."))
    if rtype == "AuditEvent":
        return _audit(uow, resource)
    if rtype == "Patient":
        profile = fm.profile_from(resource)
        exists = uow.vault.db.execute("SELECT 1 FROM identities WHERE id = ?", [rid]).fetchone()
        (uow.profiles.update if exists else uow.profiles.add)(profile)
        access_log.append(uow.vault, rid, "sync", "update" if exists else "add", "profile", rid)
        return True
    profile_id = subject_of(resource)
    if not uow.vault.db.execute("SELECT 1 FROM identities WHERE id = ?", [profile_id]).fetchone():
        if st.has_pending(uow.vault, profile_id):
            return False  # a profile deleted here: its deletion, not yet sent, takes the record with it
        raise Quarantined(N_("The resource names a patient this vault does not hold."))
    record = record_from(resource)
    if rtype == "DocumentReference":
        _store_bytes(uow, client, profile_id, record.attachment_id, resource, binaries)
    row = uow.vault.db.execute("SELECT deleted, profile_id FROM records WHERE id = ?", [rid]).fetchone()
    label = getattr(record, "title", "")
    if row is not None and not row[0] and row[1] == profile_id:
        uow.records.update(profile_id, record)
        access_log.append(uow.vault, profile_id, "sync", "update", codec.kind_of(record), rid, label)
        return True
    if row is not None:  # a tombstone the server brought back, or a record moved to another profile
        uow.records.purge(rid)
    uow.records.add(profile_id, record)
    access_log.append(uow.vault, profile_id, "sync", "add", codec.kind_of(record), rid, label)
    return True


AUDIT_ACTIONS = {"C": "add", "R": "read", "U": "update", "D": "delete", "E": "read"}


def _audit(uow: UnitOfWork, event: dict[str, Any]) -> bool:
    """A server's AuditEvent about one of our records or profiles joins that profile's access history."""
    for entity in event.get("entity", []):
        rtype, _, rid = str(entity.get("what", {}).get("reference", "")).rpartition("/")
        profile_id = _owner(uow.vault, rtype.rsplit("/", 1)[-1], rid)
        if (
            not profile_id
            or not uow.vault.db.execute("SELECT 1 FROM keys WHERE id = ?", [profile_id]).fetchone()
        ):
            continue
        agent = (event.get("agent") or [{}])[0]
        who = agent.get("who", {}).get("display") or agent.get("name") or ""
        kind = "profile" if rtype.endswith("Patient") else _kind_of_row(uow.vault, rid)
        at = _instant(event.get("recorded"))
        action = AUDIT_ACTIONS.get(event.get("action", "R"), "read")
        access_log.append(uow.vault, profile_id, "professional", action, kind, rid, who, at=at)
        return True
    return False


def _kind_of_row(vault: Vault, rid: str) -> str:
    return records_of(vault).kind_of(rid)


def _store_bytes(
    uow: UnitOfWork,
    client: FhirClient | None,
    profile_id: str,
    attachment_id: str,
    resource: Any,
    binaries: dict[str, Any],
) -> None:
    attachment = resource["content"][0]["attachment"]
    if attachment.get("data"):
        uow.attachments.put(profile_id, attachment_id, base64.b64decode(attachment["data"]))
        return
    binary = binaries.get(attachment_id)
    if binary is None and client is not None:
        status, binary = client.read("Binary", attachment_id)
        binary = binary if status == 200 else None
    if binary is None or invalid_reason(binary) or not binary.get("data"):
        raise Quarantined(N_("The file of this document is missing on the server."))
    uow.attachments.put(profile_id, attachment_id, base64.b64decode(binary["data"]))


def _delete_local(uow: UnitOfWork, rtype: str, rid: str) -> bool:
    try:
        if rtype == "Patient":
            uow.profiles.delete(rid)
            return True
        row = uow.vault.db.execute(
            "SELECT profile_id FROM records WHERE id = ? AND deleted = 0", [rid]
        ).fetchone()
        if row is None:
            return False
        uow.records.delete(str(row[0]), rid)
        access_log.append(uow.vault, str(row[0]), "sync", "delete", _kind_of_row(uow.vault, rid), rid)
        return True
    except NotFoundError:
        return False

"""One resource from the server written into the vault, or refused (``Quarantined``) with its reason.

Nothing from the server destroys anything here: a record it deleted goes to the Corbeille, a Patient it
deleted only marks the profile until the user chooses (services/sync_trash.py).
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from domain.errors import N_, Quarantined
from domain.models import Document
from services import access_log
from services.fhir import mapping as fm
from services.fhir.records import RECORD_TYPES, record_from, subject_of
from services.fhir.validation import invalid_reason
from services.messaging.inbound import apply_communication, learn_from_document
from services.messaging.mapping import COMMUNICATION
from services.sync import trash as sync_trash
from services.sync.client import FhirClient, ResponseTooLarge
from storage import codec
from storage.uow import UnitOfWork

KEPT_TYPES = frozenset({"Patient", "AuditEvent", *RECORD_TYPES})
RESERVED_IDS = frozenset({"identity"})  # key ids of the vault itself, never a profile's


class MissingPatient(Quarantined):
    """A record whose Patient is not here (yet: it may come later in the same history)."""

    msgid = N_("The resource names a patient this vault does not hold.")


def apply_resource(
    uow: UnitOfWork,
    client: FhirClient | None,
    rtype: str,
    rid: str,
    resource: Any,
    binaries: dict[str, Any],
    today: date,
) -> bool:
    """Writes the server's version (None: a deletion) into the vault; raises on anything invalid.
    True when the vault changed."""
    if resource is None:
        return _deleted_elsewhere(uow, rtype, rid, today)
    if rtype == COMMUNICATION:  # bounded and checked against the vault before any model parses it
        return apply_communication(uow, rid, resource, today)
    reason = invalid_reason(resource)
    if reason:
        raise Quarantined(N_("Invalid FHIR from the server ({reason})."), reason=reason)
    if resource["resourceType"] != rtype or resource.get("id") != rid:
        raise Quarantined(N_("The server sent a resource under another id."))
    if rtype == "AuditEvent":
        return _audit(uow, resource)
    if rtype == "Patient":
        return _patient(uow, rid, resource)
    profile_id = subject_of(resource)
    if not uow.profiles.exists(profile_id):
        if uow.outbox.has(profile_id):
            return False  # a profile deleted here: its deletion, not yet sent, takes the record with it
        raise MissingPatient(subject=profile_id)
    record = record_from(resource, lambda ref: _companion(client, ref, binaries))
    live = uow.records.owner(rid, live=True) == profile_id
    if isinstance(record, Document):
        _check_attachment(uow, profile_id, rid, record, live)
        _store_bytes(uow, client, profile_id, record.attachment_id, resource, binaries)
        learn_from_document(uow, profile_id, resource)  # its authors join the address book
    label = getattr(record, "title", "")
    if live:
        uow.records.update(profile_id, record)
        access_log.append(uow, profile_id, "sync", "update", codec.kind_of(record), rid, label)
        return True
    if uow.records.exists(rid):  # a tombstone the server brought back, or a record moved to another profile
        uow.records.purge(rid)
    uow.records.add(profile_id, record)
    sync_trash.came_back(uow, rid)
    access_log.append(uow, profile_id, "sync", "add", codec.kind_of(record), rid, label)
    return True


def _companion(client: FhirClient | None, ref: str, fetched: dict[str, Any]) -> Any:
    """A resource read with a record (a caregiver's RelatedPerson): from this pass, else from the server."""
    found = fetched.get(ref)
    if found is None and client is not None:
        rtype, _, rid = ref.partition("/")
        status, found = client.read(rtype, rid)
        found = found if status == 200 else None
    if found is not None and invalid_reason(found):
        raise Quarantined(N_("Invalid FHIR from the server ({reason})."), reason=invalid_reason(found))
    return found


def _patient(uow: UnitOfWork, rid: str, resource: dict[str, Any]) -> bool:
    if rid in RESERVED_IDS:
        raise Quarantined(N_("The server sent a patient under an id this vault reserves."))
    profile = fm.profile_from(resource)
    exists = uow.profiles.exists(rid)
    (uow.profiles.update if exists else uow.profiles.add)(profile)
    sync_trash.unmark(uow, rid)  # on the server again: nothing left to ask about it
    access_log.append(uow, rid, "sync", "update" if exists else "add", "profile", rid)
    return True


def _check_attachment(uow: UnitOfWork, profile_id: str, rid: str, record: Document, live: bool) -> None:
    """A document from the server never takes the bytes of another document."""
    own = uow.records.get(profile_id, rid).attachment_id if live else None
    if record.attachment_id == own:
        return
    if uow.attachments.exists(profile_id, record.attachment_id):
        raise Quarantined(N_("The document names the file of another document."))


def owner(uow: UnitOfWork, rtype: str, rid: str) -> str:
    return rid if rtype == "Patient" else uow.records.owner(rid)


AUDIT_ACTIONS = {"C": "add", "R": "read", "U": "update", "D": "delete", "E": "read"}


def _audit(uow: UnitOfWork, event: dict[str, Any]) -> bool:
    """A server's AuditEvent about one of our records or profiles joins that profile's access history."""
    for entity in event.get("entity", []):
        rtype, _, rid = str(entity.get("what", {}).get("reference", "")).rpartition("/")
        profile_id = owner(uow, rtype.rsplit("/", 1)[-1], rid)
        if not profile_id or not uow.profiles.has_key(profile_id):
            continue
        agent = (event.get("agent") or [{}])[0]
        who = agent.get("who", {}).get("display") or agent.get("name") or ""
        kind = "profile" if rtype.endswith("Patient") else uow.records.kind_of(rid)
        at = instant(event.get("recorded"))
        action = AUDIT_ACTIONS.get(event.get("action", "R"), "read")
        access_log.append(uow, profile_id, "professional", action, kind, rid, who, at=at)
        return True
    return False


def instant(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None
    except (ValueError, AttributeError):
        return None


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
        try:
            status, binary = client.read("Binary", attachment_id)
        except ResponseTooLarge as exc:
            too_large = N_("The file of this document is too large ({mb} MB at most).")
            raise Quarantined(too_large, **exc.params) from exc
        binary = binary if status == 200 else None
    if binary is None or invalid_reason(binary) or not binary.get("data"):
        raise Quarantined(N_("The file of this document is missing on the server."))
    uow.attachments.put(profile_id, attachment_id, base64.b64decode(binary["data"]))


def _deleted_elsewhere(uow: UnitOfWork, rtype: str, rid: str, today: date) -> bool:
    """Kept, never destroyed: a profile is marked for the user to choose, a record goes to the Corbeille
    (or stays in place while its profile waits for that choice)."""
    if rtype == "Patient":
        return uow.profiles.exists(rid) and sync_trash.mark_deleted_elsewhere(uow, rid)
    profile_id = uow.records.owner(rid, live=True)
    if not profile_id or rtype == "AuditEvent":
        return False
    if profile_id in sync_trash.held_profiles(uow):
        return False
    sync_trash.move_to_trash(uow, profile_id, rid, today)
    return True

"""A Communication brought by the sync's pull, checked against the vault and stored as a message.

Called by services/sync/apply.py for every Communication, before any FHIR model parses it (a hostile
server may send megabytes): messaging/mapping.py bounds it, validates it with R4B and checks it against
the profile (its Patient, the documents this vault holds, the thread). A refusal raises, so the pull
quarantines the resource with the reason and nothing else changes (the savepoint of sync/pull.py).

The profile is the subject's Patient when this vault holds it. A subject it does not hold waits for that
Patient like any record (MissingPatient), unless the Communication is addressed to (or sent by) one of
this vault's Patients: then it is another person's message sent here, refused at once.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import Any

from domain.errors import N_, Quarantined
from domain.messages import Correspondent, Message
from services import records
from services.fhir.records import subject_of
from services.messaging import store
from services.messaging.mapping import (
    COMMUNICATION,
    Refused,
    correspondents_from_document,
    message_from,
)
from services.messaging.mapping import _check_bounds as check_bounds
from services.sync import trash as sync_trash
from storage.uow import UnitOfWork

DOCUMENT_TYPE = "DocumentReference"


def apply_communication(uow: UnitOfWork, rid: str, resource: Any, today: date) -> bool:
    """Stores the message a Communication of the server stands for; raises (Refused, Quarantined,
    MissingPatient) when it is not one for this vault. True: the vault changed."""
    from services.sync.apply import MissingPatient

    if not isinstance(resource, dict) or resource.get("resourceType") != COMMUNICATION:
        raise Quarantined(N_("The server sent a resource under another id."))
    if resource.get("id") != rid:
        raise Quarantined(N_("The server sent a resource under another id."))
    check_bounds(resource)  # before anything is kept or parsed: a huge one is refused as it is
    subject = subject_of(resource) if isinstance(resource.get("subject"), dict) else ""
    profile_id = subject if subject and uow.profiles.exists(subject) else _party_here(uow, resource)
    if not profile_id:
        if not subject:
            raise Refused(N_("A message from the server was set aside: it does not say whom it is about."))
        raise MissingPatient(subject=subject)
    # Only the messages this one touches are opened (itself, the one it answers): a first pull of a
    # thousand messages must not open every message for each.
    known = {m.id: m for m in (_live_message(uow, profile_id, i) for i in (rid, _answered(resource))) if m}
    book = uow.records.list(profile_id, store.CORRESPONDENT)
    inbound = message_from(
        resource,
        profile_id,
        set(uow.records.ids(profile_id, "document")),
        now=datetime.now(UTC),
        blocked=store.blocked_in(uow, profile_id, book, today),
        known_messages=known,
    )
    _store(uow, profile_id, inbound.message, known.get(rid))
    store.learn(uow, profile_id, [inbound.correspondent])
    return True


def _answered(resource: dict[str, Any]) -> str:
    answered = resource.get("inResponseTo")
    first = answered[0] if isinstance(answered, list) and answered else None
    reference = first.get("reference") if isinstance(first, dict) else None
    return reference.removeprefix(f"{COMMUNICATION}/") if isinstance(reference, str) else ""


def _live_message(uow: UnitOfWork, profile_id: str, message_id: str) -> Message | None:
    if not message_id or uow.records.owner(message_id, live=True) != profile_id:
        return None
    if uow.records.kind_of(message_id) != store.MESSAGE:
        return None
    found = uow.records.get(profile_id, message_id)
    return found if isinstance(found, Message) else None


def _party_here(uow: UnitOfWork, resource: dict[str, Any]) -> str:
    """One of this vault's Patients named as sender or recipient (the subject being someone else)."""
    parties = [resource.get("sender")]
    recipients = resource.get("recipient")
    parties += recipients if isinstance(recipients, list) else []
    for party in parties:
        reference = party.get("reference") if isinstance(party, dict) else None
        if isinstance(reference, str) and reference.startswith("Patient/"):
            candidate = reference.removeprefix("Patient/")
            if candidate and uow.profiles.exists(candidate):
                return candidate
    return ""


def _store(uow: UnitOfWork, profile_id: str, message: Message, old: Message | None) -> None:
    rid = message.id
    if old is not None and uow.records.owner(rid, live=True) == profile_id:
        # A new version from the server: the read flag stays this device's.
        updated = dataclasses.replace(message, read=message.read or old.read)
        records.store(uow, profile_id, updated, "sync", "update")
        return
    if uow.records.owner(rid, live=True):
        raise Quarantined(N_("The server sent a message under the id of another record."))
    if uow.records.exists(rid):  # a tombstone the server brought back
        uow.records.purge(rid)
    records.store(uow, profile_id, message, "sync", "receive" if message.direction == "in" else "send")
    sync_trash.came_back(uow, rid)


def learn_from_document(uow: UnitOfWork, profile_id: str, resource: dict[str, Any]) -> None:
    """The authors of a DocumentReference that can be written to join the profile's address book."""
    found: list[Correspondent] = correspondents_from_document(resource)
    if found:
        store.learn(uow, profile_id, found)

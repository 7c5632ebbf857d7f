"""The write doors: every change of a profile or of a health record goes through this module.

A door checks the record's own rules (``check(today, birth_date)``, domain/models.py), writes it in the
caller's unit of work and logs it in the access history (who, what, which record), in that same unit of
work: no screen or command can store a record unchecked or unlogged. The named use cases (here, and in
medical_profile, documents, pregnancy, child_exams, appointments, reminders, demo, fhir/bundle) build
their records and call these doors; the sync's pull logs what the server brings (services/sync/apply.py).
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from domain.models import Immunization, Measurement, Profile
from services import access_log, backup
from services.session import Session
from storage import codec
from storage.uow import UnitOfWork

# What the access log shows of a record (sealed there): its first field that says what it is.
LABEL_FIELDS = (
    "title",
    "substance",
    "medicine",
    "condition",
    "place",
    "vaccine",
    "professional",
    "code",
    "item_code",
    "correspondent",  # a message: whom it was exchanged with (a reference), never its text
    "name",  # a correspondent of the address book
)
# Who entered an entry (a record's ``entered_by``) from who acted (the access log's actor).
ENTERED_BY = {"me": "me", "professional": "professional", "sync": "service"}


def kind_of(record: Any) -> str:
    """The kind a record is stored as (``measurement``, ``allergy``...)."""
    return codec.kind_of(record)


def label_of(record: Any) -> str:
    if isinstance(record, Profile):
        return ""  # its name stays in the identities table, sealed with the identity key
    if isinstance(record, Measurement):
        return record.kind
    label = getattr(record, "label", "")  # a blood group: "A Rh+"
    if isinstance(label, str) and label:
        return label
    return next((str(v) for n in LABEL_FIELDS if (v := getattr(record, n, ""))), "")


# -- the doors, inside the caller's unit of work ----------------------------------------------------------
def store(
    uow: UnitOfWork,
    profile_id: str,
    record: Any,
    who: str = "me",
    action: str = "add",
    at: datetime | None = None,
) -> Any:
    """Writes a record already checked (an import checks a whole file first) and logs it (``at``: when
    it happened, if not now). ``action``: "add", "restore", "send" or "receive" (a message) add it;
    "update", "mask", "unmask", "read" (a message) replace it."""
    if action in ("add", "restore", "send", "receive"):
        uow.records.add(profile_id, record)
    else:
        uow.records.update(profile_id, record)
    kind, label = codec.kind_of(record), label_of(record)
    access_log.append(uow, profile_id, who, action, kind, record.id, label, at=at)
    return record


def add(
    uow: UnitOfWork, profile: Profile, record: Any, today: date, who: str = "me", action: str = "add"
) -> Any:
    record.check(today, profile.birth_date)
    return store(uow, profile.id, record, who, action)


def update(uow: UnitOfWork, profile: Profile, record: Any, today: date, who: str = "me") -> Any:
    record.check(today, profile.birth_date)
    return store(uow, profile.id, record, who, "update")


def delete(uow: UnitOfWork, profile_id: str, record: Any, who: str = "me") -> None:
    """A tombstone stays for the sync; the log says what went (its label)."""
    uow.records.delete(profile_id, record.id)
    access_log.append(uow, profile_id, who, "delete", codec.kind_of(record), record.id, label_of(record))


def add_profile_in(uow: UnitOfWork, profile: Profile, today: date, who: str = "me") -> Profile:
    uow.profiles.add(profile.check(today))
    access_log.append(uow, profile.id, who, "add", "profile", profile.id)
    return profile


def delete_profile_in(uow: UnitOfWork, profile_id: str, who: str = "me") -> None:
    """The deletion is the chain's last entry of that profile, sealed with the key it then destroys."""
    access_log.append(uow, profile_id, who, "delete", "profile", profile_id)
    uow.profiles.delete(profile_id)


# -- profiles --------------------------------------------------------------------------------------------
def list_profiles(session: Session) -> list[Profile]:
    with session.uow() as uow:
        return uow.profiles.list()


def get_profile(session: Session, profile_id: str) -> Profile:
    with session.uow() as uow:
        return uow.profiles.get(profile_id)


def add_profile(session: Session, today: date, who: str = "me", **fields: Any) -> Profile:
    profile = Profile(**fields).check(today)
    with session.uow() as uow:
        add_profile_in(uow, profile, today, who)
        uow.commit()
    return profile


def update_profile(
    session: Session, profile: Profile, today: date, who: str = "me", **changes: Any
) -> Profile:
    updated = dataclasses.replace(profile, **changes).check(today)
    with session.uow() as uow:
        uow.profiles.update(updated)
        access_log.append(uow, updated.id, who, "update", "profile", updated.id)
        uow.commit()
    return updated


def delete_profile(session: Session, profile_id: str, who: str = "me") -> None:
    """Deletes the profile and destroys its key, after an encrypted safety copy of the whole vault (so an
    accidental deletion can be undone by restoring that copy; Réglages can erase the copies)."""
    backup.safety_copy(session, "profile")
    with session.uow() as uow:
        delete_profile_in(uow, profile_id, who)
        uow.commit()


# -- records ---------------------------------------------------------------------------------------------
def add_record(session: Session, profile_id: str, record: Any, today: date, who: str = "me") -> Any:
    """One new record of any kind, through its door."""
    with session.uow() as uow:
        add(uow, uow.profiles.get(profile_id), record, today, who)
        uow.commit()
    return record


def delete_record(session: Session, profile_id: str, record: Any, who: str = "me") -> None:
    with session.uow() as uow:
        delete(uow, profile_id, record, who)
        uow.commit()


def add_measurement(
    session: Session, profile_id: str, today: date, who: str = "me", **fields: Any
) -> Measurement:
    """A weight, a height, a blood pressure...: from the medical profile, the growth tab or a command."""
    measurement: Measurement = add_record(session, profile_id, Measurement(**fields), today, who)
    return measurement


def record_dose(
    session: Session, profile_id: str, today: date, who: str = "me", **fields: Any
) -> Immunization:
    dose: Immunization = add_record(session, profile_id, Immunization(**fields), today, who)
    return dose


def list_records(session: Session, profile_id: str, kind: str, limit: int | None = None) -> list[Any]:
    with session.uow() as uow:
        return uow.records.list(profile_id, kind, limit)

"""Use cases on profiles and health records. Each runs in one unit of work."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from domain.errors import ValidationError
from domain.models import Document, Immunization, Measurement, Profile, new_id
from services import backup
from services.session import Session

# The first bytes of each accepted file type: the type is read from the content, not the name.
SIGNATURES = {b"%PDF-": "application/pdf", b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def list_profiles(session: Session) -> list[Profile]:
    with session.uow() as uow:
        return uow.profiles.list()


def get_profile(session: Session, profile_id: str) -> Profile:
    with session.uow() as uow:
        return uow.profiles.get(profile_id)


def add_profile(session: Session, today: date, **fields: Any) -> Profile:
    profile = Profile(**fields).check(today)
    with session.uow() as uow:
        uow.profiles.add(profile)
        uow.commit()
    return profile


def update_profile(session: Session, profile: Profile, today: date, **changes: Any) -> Profile:
    updated = dataclasses.replace(profile, **changes).check(today)
    with session.uow() as uow:
        uow.profiles.update(updated)
        uow.commit()
    return updated


def delete_profile(session: Session, profile_id: str) -> None:
    """Deletes the profile and destroys its key, after an encrypted safety copy of the whole vault (so an
    accidental deletion can be undone by restoring that copy; Réglages can erase the copies)."""
    backup.safety_copy(session, "profile")
    with session.uow() as uow:
        uow.profiles.delete(profile_id)
        uow.commit()


def add_measurement(session: Session, profile_id: str, today: date, **fields: Any) -> Measurement:
    measurement = Measurement(**fields)
    if measurement.on > today:
        raise ValidationError("The measurement date {day} is in the future.", day=measurement.on.isoformat())
    return _add(session, profile_id, measurement)


def record_dose(session: Session, profile_id: str, today: date, **fields: Any) -> Immunization:
    dose = Immunization(**fields)
    if dose.on > today:
        raise ValidationError("The vaccination date {day} is in the future.", day=dose.on.isoformat())
    return _add(session, profile_id, dose)


def _add(session: Session, profile_id: str, record: Any) -> Any:
    with session.uow() as uow:
        uow.profiles.get(profile_id)
        uow.records.add(profile_id, record)
        uow.commit()
    return record


def sniff_mime(data: bytes) -> str:
    """The document's type from its first bytes; refuses anything else, whatever its file name."""
    if not data:
        raise ValidationError("The file is empty.")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ValidationError("The file is larger than {mb} MB.", mb=MAX_DOCUMENT_BYTES // (1024 * 1024))
    for signature, mime in SIGNATURES.items():
        if data.startswith(signature):
            return mime
    raise ValidationError("Only PDF, JPEG and PNG files can be added.")


def add_document(session: Session, profile_id: str, data: bytes, **fields: Any) -> Document:
    """Stores a document and its bytes together, or nothing at all."""
    mime = sniff_mime(data)
    document = Document(**fields, mime=mime, size=len(data), attachment_id=new_id())
    with session.uow() as uow:
        uow.profiles.get(profile_id)
        uow.attachments.put(profile_id, document.attachment_id, data)
        uow.records.add(profile_id, document)
        uow.commit()
    return document


def list_records(session: Session, profile_id: str, kind: str, limit: int | None = None) -> list[Any]:
    with session.uow() as uow:
        return uow.records.list(profile_id, kind, limit)


def read_attachment(session: Session, profile_id: str, attachment_id: str) -> bytes:
    with session.uow() as uow:
        return uow.attachments.get(profile_id, attachment_id)

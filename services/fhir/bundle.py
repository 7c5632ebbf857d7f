"""Export the vault as a FHIR R4 Bundle (type collection) and import such a Bundle back.

Every record kind goes through the same mapping as the sync (services/fhir/records.py), documents with
their bytes inline. The export is deterministic (same vault, same bytes), so export -> import -> export
is a fixed point: it holds no local attachment id (the bytes are inline, with no Binary url), so the
fresh attachment ids an import gives do not change it. An unreadable record is left out and named.

An import trusts nothing in the file: every resource must be valid FHIR R4 (fhir.resources.R4B), every
document must carry its bytes and pass the checks of ``add-document`` (type read from the bytes, 20 MB,
truncation, a date not in the future), and its bytes are stored under a fresh attachment id, so that no
id in the file can reach bytes already in the vault. All of it is checked before the vault is opened;
then everything is stored in one transaction, or nothing.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from domain.errors import N_, IntegrityError, NotFoundError, ValidationError
from domain.models import Document, Profile, new_id
from services import records
from services.documents import TEXT_SUFFIX
from services.documents import files as document_files
from services.fhir import mapping as fm
from services.fhir.records import (
    RECORD_KINDS,
    RECORD_TYPES,
    companions_of,
    record_from,
    record_resource,
    subject_of,
)
from services.fhir.validation import invalid_reason
from services.files import read_regular_file
from services.session import Session
from storage import codec
from storage.uow import UnitOfWork

# The import reads the whole file into memory (json), ~3 times its size at the peak. 512 MB holds a
# family's real archive with its documents inline: 200 scans of 1 MB each are ~270 MB once in base64;
# a larger vault is exported profile by profile (export --profile), and export warns past this size.
MAX_BUNDLE_BYTES = 512 * 1024 * 1024
# A FHIR Bundle is ~10 levels deep (entry, resource, content, attachment, nested extensions...).
MAX_DEPTH = 64
MALFORMED = N_("The FHIR file is incomplete or malformed ({error}).")


# -- export ------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Exported:
    bundle: dict[str, Any]
    skipped: tuple[str, ...] = ()  # "<kind> <id>" of each record that could not be read, left out


def export_bundle(session: Session, profile_id: str | None = None) -> dict[str, Any]:
    """The bundle alone, for comparisons; ``export`` also says what was left out."""
    return export(session, profile_id).bundle


def export(session: Session, profile_id: str | None = None) -> Exported:
    entries: list[dict[str, Any]] = []
    skipped: list[str] = []
    with session.uow() as uow:
        profiles = _profiles(uow, profile_id, skipped)
        for profile in profiles:
            entries.append(_entry(fm.patient(profile)))
            for kind in RECORD_KINDS:
                found = uow.records.list(profile.id, kind)
                skipped += [f"{kind} {record_id}" for record_id in uow.records.damaged]
                for record in sorted(found, key=lambda r: r.id):
                    try:
                        entries += [_entry(r) for r in companions_of(profile.id, record)]
                        entries.append(_entry(_resource(uow, profile.id, record)))
                    except (IntegrityError, NotFoundError):  # a document whose bytes cannot be read
                        skipped.append(f"{kind} {record.id}")
    return Exported({"resourceType": "Bundle", "type": "collection", "entry": entries}, tuple(skipped))


def _profiles(uow: UnitOfWork, profile_id: str | None, skipped: list[str]) -> list[Profile]:
    """The readable profiles; a damaged one is named in ``skipped`` with none of its records (they would
    name a patient the bundle does not hold)."""
    if profile_id is None:
        profiles = uow.profiles.list()
        skipped += [f"profile {damaged}" for damaged in uow.profiles.damaged]
        return profiles
    try:
        return [uow.profiles.get(profile_id)]
    except IntegrityError:
        skipped.append(f"profile {profile_id}")
        return []


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}


def _resource(uow: UnitOfWork, profile_id: str, record: Any) -> dict[str, Any]:
    if isinstance(record, Document):  # a collection Bundle carries the bytes inline
        return fm.document_reference(
            profile_id, record, uow.attachments.get(profile_id, record.attachment_id)
        )
    return record_resource(profile_id, record)


# -- reading a file -----------------------------------------------------------------------------------------
def read_bundle_file(path: Path) -> Any:
    """The JSON of a bundle file: a regular file of at most MAX_BUNDLE_BYTES, not absurdly nested."""
    data = read_regular_file(path, MAX_BUNDLE_BYTES)
    try:
        bundle = json.loads(data.decode("utf-8"))
    except RecursionError as exc:
        raise _too_deep() from exc
    except ValueError as exc:
        raise ValidationError("The file {path} cannot be read as JSON.", path=str(path)) from exc
    bundle_resources(bundle)
    return bundle


def bundle_resources(bundle: Any) -> list[dict[str, Any]]:
    """The resources of a FHIR Bundle; a clear ValidationError for anything shaped otherwise."""
    is_bundle = isinstance(bundle, dict) and bundle.get("resourceType") == "Bundle"
    entries = bundle.get("entry", []) if is_bundle else None
    if not isinstance(entries, list):
        raise ValidationError("This file is not a FHIR Bundle.")
    if _depth(bundle) > MAX_DEPTH:
        raise _too_deep()
    resources = [e.get("resource") if isinstance(e, dict) else None for e in entries]
    if not all(isinstance(r, dict) for r in resources):
        raise ValidationError(MALFORMED, error="entry.resource")
    return [r for r in resources if isinstance(r, dict)]


def _too_deep() -> ValidationError:
    return ValidationError("The FHIR file is nested too deeply (more than {depth} levels).", depth=MAX_DEPTH)


def _depth(value: Any) -> int:
    """How deep lists and objects nest, counted without recursion (a hostile file must not crash it)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:
                return depth
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return deepest


# -- import ------------------------------------------------------------------------------------------------
@dataclass
class Incoming:
    """A bundle checked through, ready to be stored: (patient id, record) pairs, documents with bytes."""

    profiles: list[Profile] = field(default_factory=list)
    records: list[tuple[str, Any]] = field(default_factory=list)
    documents: list[tuple[str, Document, bytes, str]] = field(default_factory=list)  # + words of its text
    ignored: int = 0  # resources of other types (Practitioner, RelatedPerson...)
    # Records of a patient the file does not hold: checked against the vault's birth date when stored.
    unchecked: set[str] = field(default_factory=set)


def import_bundle(session: Session, bundle: Any, today: date) -> dict[str, int]:
    """Adds the Bundle's profiles and records, all or nothing. Records already present are skipped."""
    return store_bundle(session, check_bundle(bundle, today), today)


def check_bundle(bundle: Any, today: date) -> Incoming:
    """Every check that needs no vault: FHIR R4 validity, profiles as typed ones, documents as added ones."""
    incoming = Incoming()
    resources = bundle_resources(bundle)
    # Resources read with a record (a caregiver's RelatedPerson with its Consent), by "Type/id".
    aside = {
        f"{r.get('resourceType')}/{r.get('id')}": r
        for r in resources
        if r.get("resourceType") == "RelatedPerson"
    }
    births = _birth_dates(resources)
    for resource in resources:
        reason = invalid_reason(resource)
        if reason:
            raise ValidationError(MALFORMED, error=f"{resource.get('resourceType')}: {reason}")
        try:
            _check_resource(incoming, resource, today, aside, births)
        except (KeyError, TypeError, ValueError, IndexError, StopIteration, AttributeError) as exc:
            raise ValidationError(MALFORMED, error=type(exc).__name__) from exc
    return incoming


def _birth_dates(resources: list[dict[str, Any]]) -> dict[str, date]:
    """The birth date of each Patient of the file: a record's dates (habits, ICOPE) are checked against it."""
    found = {}
    for resource in resources:
        if resource.get("resourceType") == "Patient":
            try:
                found[str(resource["id"])] = date.fromisoformat(str(resource["birthDate"]))
            except (KeyError, ValueError):
                continue  # the Patient itself is refused below, with the reason
    return found


@cache
def _needs_birth_date(kind: str) -> bool:
    """Whether a kind's ``check`` takes the birth date (habits, ICOPE, dated records; not a Consent)."""
    check = getattr(codec.KINDS[kind], "check")  # noqa: B009 - a record class, typed as a plain type
    return "birth_date" in inspect.signature(check).parameters


def _check_resource(
    incoming: Incoming,
    resource: dict[str, Any],
    today: date,
    aside: dict[str, dict[str, Any]],
    births: dict[str, date],
) -> None:
    kind = resource["resourceType"]
    if kind == "Patient":
        incoming.profiles.append(fm.profile_from(resource).check(today))
        return
    if kind not in RECORD_TYPES:
        incoming.ignored += 1
        return
    subject = subject_of(resource)
    if not subject:
        raise ValidationError("A resource of the file names no patient.")
    if kind != "DocumentReference":
        record = record_from(resource, aside.get)
        if not _needs_birth_date(codec.kind_of(record)):
            record.check(today)  # as if typed here
        elif subject in births:
            record.check(today, births[subject])
        else:
            incoming.unchecked.add(record.id)
        incoming.records.append((subject, record))
        return
    document, data = fm.document_from(resource)
    if data is None:
        raise ValidationError("A document of the file has no content (its bytes are not in the file).")
    document.check(today)
    mime, text = document_files.examine(data)  # the checks of add-document, bounded
    # A fresh attachment id: whatever the file names (a Binary url), it never reaches stored bytes.
    fresh = dataclasses.replace(document, mime=mime, size=len(data), attachment_id=new_id())
    incoming.documents.append((subject, fresh, data, text))


def store_bundle(session: Session, incoming: Incoming, today: date) -> dict[str, int]:
    """What ``check_bundle`` let through, written and logged through the doors of services/records.py."""
    counts = {"profiles": 0, "records": 0, "skipped": incoming.ignored}
    with session.uow() as uow:
        known = {p.id for p in uow.profiles.list()} | set(uow.profiles.damaged)
        for profile in incoming.profiles:
            if profile.id in known:
                counts["skipped"] += 1
                continue
            records.add_profile_in(uow, profile, today)
            known.add(profile.id)
            counts["profiles"] += 1
        seen: set[str] = set()
        for subject, record, content in _records_of(incoming):
            if record.id in seen or uow.records.exists(record.id):  # a deleted one too (the sync knows it)
                counts["skipped"] += 1
                continue
            if subject not in known:
                raise ValidationError(
                    "A resource of the file names a patient that is neither in the file nor in the vault."
                )
            seen.add(record.id)
            if record.id in incoming.unchecked:
                record.check(today, uow.profiles.get(subject).birth_date)
            if content is None:
                records.store(uow, subject, record)
            else:
                _store_document(uow, subject, record, *content)
            counts["records"] += 1
        uow.commit()
    return counts


def _records_of(incoming: Incoming) -> list[tuple[str, Any, tuple[bytes, str] | None]]:
    """(patient, record, None) then (patient, document, (bytes, words of its text))."""
    found: list[tuple[str, Any, tuple[bytes, str] | None]] = [(s, r, None) for s, r in incoming.records]
    found += [(subject, d, (data, text)) for subject, d, data, text in incoming.documents]
    return found


def _store_document(uow: UnitOfWork, subject: str, document: Document, data: bytes, text: str) -> None:
    uow.attachments.put(subject, document.attachment_id, data)
    if text:
        uow.attachments.put(subject, document.attachment_id + TEXT_SUFFIX, text.encode("utf-8"))
    records.store(uow, subject, document)

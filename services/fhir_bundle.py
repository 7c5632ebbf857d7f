"""Export the vault as a FHIR R4 Bundle (type collection) and import such a Bundle back.

Every record kind goes through the same mapping as the sync (services.sync_resources), documents with
their bytes inline. The export is deterministic (same vault, same bytes), so export -> import -> export
is a fixed point.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.errors import ValidationError
from domain.models import Document
from services import fhir_mapping as fm
from services.sync_resources import record_from, record_resource, subject_of
from storage import codec
from storage.uow import UnitOfWork
from storage.vault import Vault

RECORD_KINDS = tuple(sorted(kind for kind in codec.KINDS if kind != "profile"))
RECORD_TYPES = (
    "Observation",
    "Immunization",
    "DocumentReference",
    "Appointment",
    "AllergyIntolerance",
    "MedicationStatement",
    "Basic",
)


def export_bundle(vault: Vault, profile_id: str | None = None) -> dict[str, Any]:
    entries: list[dict[str, Any]] = []
    with UnitOfWork(vault) as uow:
        profiles = [uow.profiles.get(profile_id)] if profile_id else uow.profiles.list()
        for profile in profiles:
            entries.append(_entry(fm.patient(profile)))
            for kind in RECORD_KINDS:
                for record in sorted(uow.records.list(profile.id, kind), key=lambda r: r.id):
                    entries.append(_entry(_resource(uow, profile.id, record)))
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}


def _resource(uow: UnitOfWork, profile_id: str, record: Any) -> dict[str, Any]:
    if isinstance(record, Document):  # a collection Bundle carries the bytes inline
        return fm.document_reference(
            profile_id, record, uow.attachments.get(profile_id, record.attachment_id)
        )
    return record_resource(profile_id, record)


def bundle_resources(bundle: Any) -> list[dict[str, Any]]:
    """The resources of a FHIR Bundle; a clear ValidationError for anything shaped otherwise."""
    is_bundle = isinstance(bundle, dict) and bundle.get("resourceType") == "Bundle"
    entries = bundle.get("entry", []) if is_bundle else None
    if not isinstance(entries, list):
        raise ValidationError("This file is not a FHIR Bundle.")
    resources = [e.get("resource") if isinstance(e, dict) else None for e in entries]
    if not all(isinstance(r, dict) for r in resources):
        raise ValidationError("The FHIR file is incomplete or malformed ({error}).", error="entry.resource")
    return [r for r in resources if isinstance(r, dict)]


def import_bundle(vault: Vault, bundle: Any, today: date | None = None) -> dict[str, int]:
    """Adds the Bundle's profiles and records, all or nothing. Records already present are skipped.
    With ``today``, profiles get the same checks as typed ones (no birth date in the future)."""
    resources = bundle_resources(bundle)
    counts = {"profiles": 0, "records": 0, "skipped": 0}
    with UnitOfWork(vault) as uow:
        known = {p.id for p in uow.profiles.list()}
        try:
            for resource in (r for r in resources if r.get("resourceType") == "Patient"):
                if resource.get("id") in known:
                    counts["skipped"] += 1
                    continue
                profile = fm.profile_from(resource)
                uow.profiles.add(profile.check(today) if today else profile)
                counts["profiles"] += 1
            for resource in (r for r in resources if r.get("resourceType") != "Patient"):
                counts[_import_record(uow, resource)] += 1
        except (KeyError, TypeError, ValueError, IndexError, StopIteration) as exc:
            raise ValidationError(
                "The FHIR file is incomplete or malformed ({error}).", error=str(exc)
            ) from exc
        uow.commit()
    return counts


def _import_record(uow: UnitOfWork, resource: dict[str, Any]) -> str:
    existing = uow.vault.db.execute("SELECT 1 FROM records WHERE id = ?", [resource.get("id")]).fetchone()
    if existing or resource.get("resourceType") not in RECORD_TYPES:
        return "skipped"
    profile_id = subject_of(resource)
    if not profile_id:
        raise ValidationError("A resource of the file names no patient.")
    if resource["resourceType"] == "DocumentReference":
        record, data = fm.document_from(resource)
        if data is not None:
            uow.attachments.put(profile_id, record.attachment_id, data)
    else:
        record = record_from(resource)
    uow.records.add(profile_id, record)
    return "records"

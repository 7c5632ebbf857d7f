"""Vault rows <-> FHIR resources for the sync, and the R4 validation every resource passes both ways."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from domain.errors import N_, CarnetError
from domain.models import Allergy, Appointment, Document, Immunization, Measurement, Pregnancy, Treatment
from services.fhir import mapping as fm
from storage import codec
from storage.uow import UnitOfWork

RESOURCE_OF_KIND = {
    "measurement": "Observation",
    "pregnancy": "Observation",
    "immunization": "Immunization",
    "document": "DocumentReference",
    "appointment": "Appointment",
    "allergy": "AllergyIntolerance",
    "treatment": "MedicationStatement",
}
# Kinds with no FHIR resource of their own (child exams, agenda marks, medical history...) travel as
# Basic resources carrying the record, so that every device holds everything.
KIND_SYSTEM = "urn:carnet:kind"
RECORD_EXT = fm.EXT + "record"
RECORD_TYPES = frozenset({*RESOURCE_OF_KIND.values(), "Basic"})


def resource_type_of(kind: str) -> str:
    if kind in RESOURCE_OF_KIND:
        return RESOURCE_OF_KIND[kind]
    if kind in codec.KINDS and kind != "profile":
        return "Basic"
    raise Unsyncable(N_("This kind of record is not synchronised yet."))


class Unsyncable(CarnetError):
    """A local row that cannot be expressed as a valid FHIR resource (its reason goes to the user)."""


@cache
def _model(resource_type: str) -> Any:
    from fhir.resources.R4B import get_fhir_model_class  # heavy: loaded by the first sync only

    return get_fhir_model_class(resource_type)


def invalid_reason(resource: Any) -> str:
    """ "" when ``resource`` is a valid FHIR R4 resource; otherwise what is wrong (paths, never values)."""
    import pydantic

    if not isinstance(resource, dict) or not isinstance(resource.get("resourceType"), str):
        return "not a FHIR resource"
    try:
        _model(resource["resourceType"]).model_validate(resource)
    except (KeyError, ValueError, LookupError) as exc:
        if isinstance(exc, pydantic.ValidationError):
            errors = exc.errors(include_input=False, include_url=False)[:3]
            return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors)
        return f"unknown resource type {resource['resourceType']!r}"
    return ""


def record_resource(profile_id: str, record: Any) -> dict[str, Any]:
    """The FHIR resource of a record; a document's bytes travel apart, as a Binary."""
    if isinstance(record, Measurement):
        return fm.observation(profile_id, record)
    if isinstance(record, Pregnancy):
        return fm.pregnancy_observation(profile_id, record)
    if isinstance(record, Immunization):
        return fm.immunization(profile_id, record)
    if isinstance(record, Appointment):
        return fm.appointment(profile_id, record)
    if isinstance(record, Document):
        return fm.document_reference(profile_id, record, None)
    if isinstance(record, Allergy):
        return fm.allergy_intolerance(profile_id, record)
    if isinstance(record, Treatment):
        return fm.medication_statement(profile_id, record)
    kind = codec.kind_of(record)
    resource_type_of(kind)  # refuses a kind that is not a record
    return {
        "resourceType": "Basic",
        "id": record.id,
        "code": {"coding": [{"system": KIND_SYSTEM, "code": kind}]},
        "subject": {"reference": f"Patient/{profile_id}"},
        "extension": [{"url": RECORD_EXT, "valueString": codec.encode(record).decode()}],
    }


def record_from(resource: dict[str, Any]) -> Any:
    """The record a resource from the server stands for (a document without its bytes)."""
    kind = resource["resourceType"]
    if kind == "Observation":
        if resource["code"]["coding"][0]["code"] == fm.LMP_LOINC:
            return fm.pregnancy_from(resource)
        return fm.measurement_from(resource)
    if kind == "Immunization":
        return fm.immunization_from(resource)
    if kind == "Appointment":
        return fm.appointment_from(resource)
    if kind == "AllergyIntolerance":
        return fm.allergy_from(resource)
    if kind == "MedicationStatement":
        return fm.treatment_from(resource)
    if kind == "Basic":
        record_kind = resource["code"]["coding"][0]["code"]
        resource_type_of(record_kind)
        payload = next(e["valueString"] for e in resource["extension"] if e["url"] == RECORD_EXT)
        record = codec.from_dict(record_kind, json.loads(payload))
        if record.id != resource["id"]:
            raise ValueError("the record inside names another id")
        return record
    return fm.document_from(resource)[0]


def subject_of(resource: dict[str, Any]) -> str:
    for name in ("subject", "patient"):
        if name in resource:
            return str(resource[name].get("reference", "")).rsplit("Patient/", 1)[-1]
    for participant in resource.get("participant", []):
        reference = str(participant.get("actor", {}).get("reference", ""))
        if "Patient/" in reference:
            return reference.rsplit("Patient/", 1)[-1]
    return ""


def outgoing_resources(
    uow: UnitOfWork, profile_id: str, record_id: str, with_binary: bool
) -> list[dict[str, Any]]:
    """[Binary,] resource of a record as it is now, each validated; raises Unsyncable otherwise."""
    record = uow.records.get(profile_id, record_id)
    resources = [record_resource(profile_id, record)]
    if isinstance(record, Document) and with_binary:
        data = uow.attachments.get(profile_id, record.attachment_id)
        resources.insert(0, fm.binary(profile_id, record.attachment_id, record.mime, data))
    for resource in resources:
        reason = invalid_reason(resource)
        if reason:
            raise Unsyncable(N_("The record is not valid FHIR ({reason})."), reason=reason)
    return resources


def same_content(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Equal but for the server's bookkeeping (version, last update)."""
    return a is not None and b is not None and _bare(a) == _bare(b)


def _bare(resource: dict[str, Any]) -> dict[str, Any]:
    bare = dict(resource)
    meta = {k: v for k, v in (bare.pop("meta", None) or {}).items() if k not in ("versionId", "lastUpdated")}
    return bare | ({"meta": meta} if meta else {})

"""The one table from a record kind to its FHIR resource, both ways: a new mapping is one ``Mapping`` here.

Kinds with a resource of their own map through services/fhir/mapping.py; every other kind (child exams,
medical history, blood group, agenda marks...) travels as a Basic resource carrying the record, so that
every device holds everything. Shared by the sync (push, pull) and the Bundle export and import.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from domain.errors import N_, Unsyncable
from services.fhir import mapping as fm
from services.fhir import risk_mapping as rm
from storage import codec

KIND_SYSTEM = "urn:carnet:kind"
RECORD_EXT = fm.EXT + "record"
BASIC = "Basic"


def _is_lmp(resource: dict[str, Any]) -> bool:
    return bool(resource["code"]["coding"][0]["code"] == fm.LMP_LOINC)


@dataclass(frozen=True, slots=True)
class Mapping:
    kind: str
    resource_type: str
    to_fhir: Callable[[str, Any], dict[str, Any]]  # (profile id, record) -> resource
    from_fhir: Callable[[dict[str, Any]], Any]  # resource -> record (a document without its bytes)
    matches: Callable[[dict[str, Any]], bool] = lambda resource: True  # two kinds share Observation


MAPPINGS: tuple[Mapping, ...] = (
    Mapping("pregnancy", "Observation", fm.pregnancy_observation, fm.pregnancy_from, _is_lmp),
    # before "measurement": a blood-pressure panel is an Observation too (issue 15)
    Mapping(
        "blood_pressure",
        "Observation",
        rm.blood_pressure_observation,
        rm.blood_pressure_from,
        rm.is_blood_pressure,
    ),
    Mapping("measurement", "Observation", fm.observation, fm.measurement_from, lambda r: not _is_lmp(r)),
    Mapping("immunization", "Immunization", fm.immunization, fm.immunization_from),
    Mapping(
        "document",
        "DocumentReference",
        lambda profile_id, d: fm.document_reference(profile_id, d, None),
        lambda resource: fm.document_from(resource)[0],
    ),
    Mapping("appointment", "Appointment", fm.appointment, fm.appointment_from),
    Mapping("allergy", "AllergyIntolerance", fm.allergy_intolerance, fm.allergy_from),
    Mapping("treatment", "MedicationStatement", fm.medication_statement, fm.treatment_from),
)
BY_KIND = {m.kind: m for m in MAPPINGS}
RECORD_KINDS = tuple(sorted(kind for kind in codec.KINDS if kind != "profile"))
RECORD_TYPES = frozenset({*(m.resource_type for m in MAPPINGS), BASIC})


def resource_type_of(kind: str) -> str:
    if kind in BY_KIND:
        return BY_KIND[kind].resource_type
    if kind in RECORD_KINDS:
        return BASIC
    raise Unsyncable(N_("This kind of record is not synchronised yet."))


def record_resource(profile_id: str, record: Any) -> dict[str, Any]:
    """The FHIR resource of a record; a document's bytes travel apart, as a Binary."""
    kind = codec.kind_of(record)
    if kind in BY_KIND:
        return BY_KIND[kind].to_fhir(profile_id, record)
    resource_type_of(kind)  # refuses a kind that is not a record
    return {
        "resourceType": BASIC,
        "id": record.id,
        "code": {"coding": [{"system": KIND_SYSTEM, "code": kind}]},
        "subject": {"reference": f"Patient/{profile_id}"},
        "extension": [{"url": RECORD_EXT, "valueString": codec.encode(record).decode()}],
    }


def record_from(resource: dict[str, Any]) -> Any:
    """The record a resource from the server or a file stands for (a document without its bytes)."""
    resource_type = resource["resourceType"]
    if resource_type == BASIC:
        kind = resource["code"]["coding"][0]["code"]
        resource_type_of(kind)
        payload = next(e["valueString"] for e in resource["extension"] if e["url"] == RECORD_EXT)
        record = codec.from_dict(kind, json.loads(payload))
        if record.id != resource["id"]:
            raise ValueError("the record inside names another id")
        return record
    for mapping in MAPPINGS:
        if mapping.resource_type == resource_type and mapping.matches(resource):
            return mapping.from_fhir(resource)
    raise ValueError(f"no record kind is kept as {resource_type}")


def subject_of(resource: dict[str, Any]) -> str:
    for name in ("subject", "patient"):
        if name in resource:
            return str(resource[name].get("reference", "")).rsplit("Patient/", 1)[-1]
    for participant in resource.get("participant", []):
        reference = str(participant.get("actor", {}).get("reference", ""))
        if "Patient/" in reference:
            return reference.rsplit("Patient/", 1)[-1]
    return ""

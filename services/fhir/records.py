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
from services.fhir import prevention_mapping as pm
from services.fhir import risk_mapping as rm
from services.messaging import fhir as messages
from services.sharing import consent as sc
from storage import codec

KIND_SYSTEM = "urn:carnet:kind"
RECORD_EXT = fm.EXT + "record"
BASIC = "Basic"


def _is_lmp(resource: dict[str, Any]) -> bool:
    return bool(resource["code"]["coding"][0]["code"] == fm.LMP_LOINC)


def _is_measurement(resource: dict[str, Any]) -> bool:
    """Any other Observation: each Observation is read as exactly one kind, whatever the order below."""
    others = (_is_lmp, rm.is_blood_pressure, pm.is_prevention)
    return not any(is_other(resource) for is_other in others)


@dataclass(frozen=True, slots=True)
class Mapping:
    kind: str
    resource_type: str
    to_fhir: Callable[[str, Any], dict[str, Any]]  # (profile id, record) -> resource
    from_fhir: Callable[[dict[str, Any]], Any]  # resource -> record (a document without its bytes)
    matches: Callable[[dict[str, Any]], bool] = lambda resource: True  # two kinds share Observation
    # Resources that travel before the record's own (a caregiver's RelatedPerson before the Consent), and
    # for such a record, the "Type/id" of the one it is read with and how it is read from both.
    companions: Callable[[str, Any], list[dict[str, Any]]] = lambda profile_id, record: []
    needs: Callable[[dict[str, Any]], str] | None = None
    from_pair: Callable[[dict[str, Any], dict[str, Any]], Any] | None = None


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
    # Prévention (issue 14) and the risk questionnaires (issue 15): survey / social-history Observations
    Mapping("selftest_result", "Observation", pm.selftest_observation, pm.selftest_from, pm.is_selftest),
    Mapping("icope_result", "Observation", pm.icope_observation, pm.icope_from, pm.is_icope),
    Mapping("habits", "Observation", pm.habits_observation, pm.habits_from, pm.is_habits),
    Mapping(
        "risk_questionnaire",
        "Observation",
        pm.risk_questionnaire_observation,
        pm.risk_questionnaire_from,
        pm.is_risk_questionnaire,
    ),
    Mapping("measurement", "Observation", fm.observation, fm.measurement_from, _is_measurement),
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
    # Partager (issue 16): a block is a deny Consent; a caregiver grant a RelatedPerson + permit Consent.
    Mapping("block", "Consent", sc.block_to_fhir, sc.block_from_fhir, sc.is_block),
    Mapping(
        "caregiver_grant",
        "Consent",
        sc.grant_to_fhir,
        sc.grant_alone,
        sc.is_grant,
        companions=sc.grant_companions,
        needs=sc.grant_needs,
        from_pair=sc.grant_from_fhir,
    ),
    Mapping("message", "Communication", messages.communication_of, messages.message_of),
)
BY_KIND = {m.kind: m for m in MAPPINGS}
# Kinds an earlier version sent as Basic resources: a server may hold one so until it is next sent.
ONCE_BASIC = frozenset({"habits", "selftest_result", "icope_result", "risk_questionnaire"})
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


def companions_of(profile_id: str, record: Any) -> list[dict[str, Any]]:
    """The resources that travel before the record's own (none for most kinds)."""
    mapping = BY_KIND.get(codec.kind_of(record))
    return mapping.companions(profile_id, record) if mapping is not None else []


def record_from(
    resource: dict[str, Any], companion: Callable[[str], dict[str, Any] | None] | None = None
) -> Any:
    """The record a resource from the server or a file stands for (a document without its bytes);
    ``companion`` finds, by "Type/id", a resource it is read with (a caregiver's RelatedPerson)."""
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
            if mapping.needs is None or mapping.from_pair is None:
                return mapping.from_fhir(resource)
            wanted = mapping.needs(resource)
            found = companion(wanted) if companion is not None else None
            if found is None:
                raise ValueError(f"{wanted} is missing")
            return mapping.from_pair(resource, found)
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

"""Carnet records <-> FHIR R4 resources (plain dicts). Shared by the bundle export and the sync.

Codes: LOINC and UCUM for observations (HL7 vital-signs value set, ANS "Mesures de santé"),
LOINC document types of the French DMP (ANS JDV_J07), INS/NIR OID for the national identifier.
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from domain.errors import ValidationError
from domain.medical import Allergy, Treatment
from domain.models import MEASUREMENTS, Appointment, Document, Immunization, Measurement, Pregnancy, Profile
from domain.pregnancy import dates_from_lmp

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
NIR_SYSTEM = "urn:oid:1.2.250.1.213.1.4.8"  # INS-NIR (ANS)
ATC = "http://www.whocc.no/atc"
CARNET_VACCINE = "urn:carnet:vaccine"
CVX = "http://hl7.org/fhir/sid/cvx"
# CVX (CDC) where one code names our vaccine whatever the product: hexavalent, MMR, DTaP-IPV, influenza.
CVX_OF_VACCINE = {"hexa": "146", "ror": "03", "dtcap": "130", "flu": "88"}
EXT = "urn:carnet:extension:"
DEMO_TAG = {"system": "urn:carnet:tag", "code": "demo"}
CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"
ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
LMP_LOINC = "8665-2"
TERM_LOINC = "11778-8"  # delivery date, estimated
KIND_BY_LOINC = {loinc: kind for kind, (loinc, *_rest) in MEASUREMENTS.items()}
# Measures a laboratory reports (issue 15): FHIR Observation category "laboratory", the others vital-signs.
LAB_KINDS = frozenset(
    {"glucose", "fasting_glucose", "hba1c", "total_cholesterol", "hdl", "ldl", "triglycerides"}
    | {"creatinine", "egfr", "uacr"}
)


def _ext(name: str, key: str, value: Any) -> dict[str, Any]:
    return {"url": EXT + name, key: value}


def _ext_value(resource: dict[str, Any], name: str, default: Any = None) -> Any:
    for ext in resource.get("extension", []):
        if ext.get("url") == EXT + name:
            return next((v for k, v in ext.items() if k.startswith("value")), default)
    return default


def _ref(profile_id: str) -> dict[str, str]:
    return {"reference": f"Patient/{profile_id}"}


def patient(profile: Profile) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "id": profile.id,
        "name": [{"family": profile.last_name, "given": [profile.first_name]}],
        "gender": {"F": "female", "M": "male"}[profile.sex],
        "birthDate": profile.birth_date.isoformat(),
        "extension": [_ext("profile-role", "valueCode", profile.role)],
    }
    if profile.born_at_weeks is not None:
        resource["extension"].append(
            _ext("gestational-weeks-at-birth", "valueInteger", profile.born_at_weeks)
        )
    if profile.demo:
        resource["meta"] = {"tag": [DEMO_TAG]}
    if profile.national_id:
        resource["identifier"] = [{"system": NIR_SYSTEM, "value": profile.national_id}]
    return resource


def guardian(child_id: str, holder: Profile) -> dict[str, Any]:
    """The holder as a child's RelatedPerson (parent): how a FHIR server sees who looks after whom."""
    return {
        "resourceType": "RelatedPerson",
        "id": f"{child_id}-parent",
        "patient": _ref(child_id),
        "relationship": [{"coding": [{"system": ROLE_CODE, "code": "PRN"}]}],
        "name": [{"family": holder.last_name, "given": [holder.first_name]}],
    }


def profile_from(resource: dict[str, Any]) -> Profile:
    name = (resource.get("name") or [{}])[0]
    gender = {"female": "F", "male": "M"}.get(resource.get("gender", ""), resource.get("gender", ""))
    nir = next((i["value"] for i in resource.get("identifier", []) if i.get("system") == NIR_SYSTEM), "")
    return Profile(
        first_name=" ".join(name.get("given", [])),
        last_name=name.get("family", ""),
        birth_date=date.fromisoformat(resource["birthDate"]),
        sex=gender,
        role=_ext_value(resource, "profile-role", "holder"),
        national_id=nir,
        demo=DEMO_TAG in resource.get("meta", {}).get("tag", []),
        id=resource["id"],
        born_at_weeks=_ext_value(resource, "gestational-weeks-at-birth"),
    )


def observation(profile_id: str, m: Measurement) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": m.id,
        "status": "final",
        "category": [
            {
                "coding": [
                    {"system": OBS_CATEGORY, "code": "laboratory" if m.kind in LAB_KINDS else "vital-signs"}
                ]
            }
        ],
        "code": {"coding": [{"system": LOINC, "code": m.loinc}]},
        "subject": _ref(profile_id),
        "effectiveDateTime": m.on.isoformat(),
        "valueQuantity": {"value": m.value, "unit": m.unit, "system": UCUM, "code": m.unit},
    }
    if m.note:
        resource["note"] = [{"text": m.note}]
    if m.measured_lying is not None:
        resource["extension"] = [_ext("measured-lying", "valueBoolean", m.measured_lying)]
    return resource


def measurement_from(resource: dict[str, Any]) -> Measurement:
    code = resource["code"]["coding"][0]["code"]
    if code not in KIND_BY_LOINC:
        raise ValidationError("Unknown measurement {kind!r}.", kind=code)
    return Measurement(
        kind=KIND_BY_LOINC[code],
        value=resource["valueQuantity"]["value"],
        on=date.fromisoformat(resource["effectiveDateTime"][:10]),
        note=(resource.get("note") or [{}])[0].get("text", ""),
        measured_lying=_ext_value(resource, "measured-lying"),
        id=resource["id"],
    )


def pregnancy_observation(profile_id: str, p: Pregnancy) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": p.id,
        "status": "final",
        "code": {"coding": [{"system": LOINC, "code": LMP_LOINC}]},
        "subject": _ref(profile_id),
        "valueDateTime": p.lmp.isoformat(),
        # The expected term (French convention, LMP + 41 SA) rides along for readers that want it.
        "component": [
            {"code": {"coding": [{"system": LOINC, "code": TERM_LOINC}]}, "valueDateTime": _term(p.lmp)}
        ],
    }
    extensions = [
        _ext("pregnancy-babies", "valueInteger", p.babies),
        _ext("pregnancy-previous-children", "valueInteger", p.previous_children),
    ]
    extensions += [
        _ext(f"pregnancy-{name.replace('_', '-')}", "valueBoolean", value)
        for name, value in (("toxo_immune", p.toxo_immune), ("rh_negative", p.rh_negative))
        if value is not None
    ]
    if p.closed_on:
        extensions += [
            _ext("pregnancy-closed-on", "valueDate", p.closed_on.isoformat()),
            _ext("pregnancy-outcome", "valueString", p.outcome or "birth"),
        ]
    resource["extension"] = extensions
    return resource


def _term(lmp: date) -> str:
    return dates_from_lmp(lmp).term.isoformat()


def pregnancy_from(resource: dict[str, Any]) -> Pregnancy:
    closed = _ext_value(resource, "pregnancy-closed-on")
    return Pregnancy(
        lmp=date.fromisoformat(resource["valueDateTime"][:10]),
        closed_on=date.fromisoformat(closed) if closed else None,
        outcome=_ext_value(resource, "pregnancy-outcome", ""),
        id=resource["id"],
        babies=_ext_value(resource, "pregnancy-babies", 1),
        previous_children=_ext_value(resource, "pregnancy-previous-children", 0),
        toxo_immune=_ext_value(resource, "pregnancy-toxo-immune"),
        rh_negative=_ext_value(resource, "pregnancy-rh-negative"),
    )


def immunization(profile_id: str, i: Immunization) -> dict[str, Any]:
    coding = [{"system": CARNET_VACCINE, "code": i.vaccine}]
    if i.atc:
        coding.append({"system": ATC, "code": i.atc})
    if i.vaccine in CVX_OF_VACCINE:
        coding.append({"system": CVX, "code": CVX_OF_VACCINE[i.vaccine]})
    resource: dict[str, Any] = {
        "resourceType": "Immunization",
        "id": i.id,
        "status": "completed",
        "vaccineCode": {"coding": coding, **({"text": i.product} if i.product else {})},
        "patient": _ref(profile_id),
        "occurrenceDateTime": i.on.isoformat(),
    }
    if i.lot:
        resource["lotNumber"] = i.lot
    if i.professional:
        resource["performer"] = [{"actor": {"display": i.professional}}]
    return resource


def immunization_from(resource: dict[str, Any]) -> Immunization:
    codes = {c.get("system"): c.get("code") for c in resource["vaccineCode"].get("coding", [])}
    performer = (resource.get("performer") or [{}])[0].get("actor", {}).get("display", "")
    return Immunization(
        vaccine=codes.get(CARNET_VACCINE) or resource["vaccineCode"].get("text", ""),
        on=date.fromisoformat(resource["occurrenceDateTime"][:10]),
        product=resource["vaccineCode"].get("text", ""),
        lot=resource.get("lotNumber", ""),
        professional=performer,
        atc=codes.get(ATC, ""),
        id=resource["id"],
    )


def document_reference(profile_id: str, d: Document, data: bytes | None) -> dict[str, Any]:
    """With ``data`` the bytes ride inline (a file export); without, the attachment points to the
    Binary of the same id (the sync sends that Binary beside it)."""
    attachment: dict[str, Any] = {"contentType": d.mime, "title": d.title, "creation": d.on.isoformat()}
    if data is not None:
        attachment["data"] = base64.b64encode(data).decode()
    elif d.attachment_id:
        attachment.update(url=f"Binary/{d.attachment_id}", size=d.size)
    resource: dict[str, Any] = {
        "resourceType": "DocumentReference",
        "id": d.id,
        "status": "current",
        "type": {"coding": [{"system": LOINC, "code": d.type_code}]},
        "subject": _ref(profile_id),
        "date": f"{d.on.isoformat()}T00:00:00Z",
        "description": d.title,
        "content": [{"attachment": attachment}],
        "extension": [_ext("added-by", "valueCode", d.added_by)],
    }
    if d.author:
        resource["author"] = [{"display": d.author}]
    if d.folder:
        resource["extension"].append(_ext("folder", "valueString", d.folder))
    if d.masked:
        resource["securityLabel"] = [{"coding": [{"system": CONFIDENTIALITY, "code": "R"}]}]
    return resource


def document_from(resource: dict[str, Any]) -> tuple[Document, bytes | None]:
    attachment = resource["content"][0]["attachment"]
    data = _base64(attachment["data"]) if attachment.get("data") else None
    masked = any(
        c.get("code") == "R" for label in resource.get("securityLabel", []) for c in label.get("coding", [])
    )
    document = Document(
        title=resource.get("description") or attachment.get("title", ""),
        type_code=resource["type"]["coding"][0]["code"],
        on=date.fromisoformat((attachment.get("creation") or resource["date"])[:10]),
        author=(resource.get("author") or [{}])[0].get("display", ""),
        added_by=_ext_value(resource, "added-by", "service"),
        folder=_ext_value(resource, "folder", ""),
        masked=masked,
        mime=attachment.get("contentType", "application/pdf"),
        size=len(data) if data is not None else attachment.get("size", 0),
        attachment_id=binary_id(resource) or f"{resource['id']}-content",
        id=resource["id"],
    )
    return document, data


def _base64(text: str) -> bytes:
    """FHIR allows whitespace in base64Binary; any other stray character is an error (ValueError), not a
    byte silently dropped from a document."""
    return base64.b64decode("".join(text.split()), validate=True)


def binary_id(resource: dict[str, Any]) -> str:
    """The id of the Binary a DocumentReference points to, or "" when its bytes are inline."""
    url = str(resource["content"][0]["attachment"].get("url", ""))
    return url.rsplit("/", 1)[-1] if url.startswith("Binary/") or "/Binary/" in url else ""


def binary(profile_id: str, attachment_id: str, mime: str, data: bytes) -> dict[str, Any]:
    """A document's bytes as a FHIR Binary, sent as JSON with base64 ``data``."""
    return {
        "resourceType": "Binary",
        "id": attachment_id,
        "contentType": mime,
        "securityContext": _ref(profile_id),
        "data": base64.b64encode(data).decode(),
    }


def appointment(profile_id: str, a: Appointment) -> dict[str, Any]:
    participant: list[dict[str, Any]] = [{"actor": _ref(profile_id), "status": "accepted"}]
    if a.professional:
        participant.append({"actor": {"display": a.professional}, "status": "accepted"})
    resource: dict[str, Any] = {
        "resourceType": "Appointment",
        "id": a.id,
        "status": "booked",
        "start": a.at.isoformat() if a.at.tzinfo else a.at.isoformat() + "Z",
        "participant": participant,
    }
    if a.note:
        resource["comment"] = a.note
    if a.place:
        resource["extension"] = [_ext("place", "valueString", a.place)]
    if a.item_code:
        resource["description"] = a.item_code
    if not a.timed:  # the day only: the start's midnight is no time of the appointment
        resource.setdefault("extension", []).append(_ext("time-unknown", "valueBoolean", True))
    return resource


def appointment_from(resource: dict[str, Any]) -> Appointment:
    others = [
        p["actor"].get("display", "") for p in resource["participant"] if "display" in p.get("actor", {})
    ]
    start = datetime.fromisoformat(resource["start"].replace("Z", ""))
    return Appointment(
        at=start,
        professional=others[0] if others else "",
        place=_ext_value(resource, "place", ""),
        note=resource.get("comment", ""),
        item_code=resource.get("description", ""),
        id=resource["id"],
        timed=not _ext_value(resource, "time-unknown", False),
    )


def allergy_intolerance(profile_id: str, a: Allergy) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "AllergyIntolerance",
        "id": a.id,
        "code": {"text": a.substance},
        "patient": _ref(profile_id),
        "recordedDate": a.on.isoformat(),
        "extension": [_ext("entered-by", "valueCode", a.entered_by)],
    }
    if a.reaction or a.severity:
        reaction: dict[str, Any] = {"manifestation": [{"text": a.reaction or a.substance}]}
        if a.severity:
            reaction["severity"] = a.severity
        resource["reaction"] = [reaction]
    return resource


def allergy_from(resource: dict[str, Any]) -> Allergy:
    reaction = (resource.get("reaction") or [{}])[0]
    manifestation = (reaction.get("manifestation") or [{}])[0].get("text", "")
    substance = resource["code"].get("text", "")
    return Allergy(
        substance=substance,
        on=date.fromisoformat(resource["recordedDate"][:10]),
        reaction="" if manifestation == substance and not reaction.get("severity") else manifestation,
        severity=reaction.get("severity", ""),
        entered_by=_ext_value(resource, "entered-by", "me"),
        id=resource["id"],
    )


def medication_statement(profile_id: str, t: Treatment) -> dict[str, Any]:
    period = {"start": t.on.isoformat(), **({"end": t.until.isoformat()} if t.until else {})}
    resource: dict[str, Any] = {
        "resourceType": "MedicationStatement",
        "id": t.id,
        "status": "completed" if t.until else "active",
        "medicationCodeableConcept": {"text": t.medicine},
        "subject": _ref(profile_id),
        "effectivePeriod": period,
        "extension": [_ext("entered-by", "valueCode", t.entered_by)],
    }
    if t.dosage:
        resource["dosage"] = [{"text": t.dosage}]
    if t.prescriber:
        resource["extension"].append(_ext("prescriber", "valueString", t.prescriber))
    return resource


def treatment_from(resource: dict[str, Any]) -> Treatment:
    period = resource["effectivePeriod"]
    return Treatment(
        medicine=resource["medicationCodeableConcept"].get("text", ""),
        on=date.fromisoformat(period["start"][:10]),
        dosage=(resource.get("dosage") or [{}])[0].get("text", ""),
        until=date.fromisoformat(period["end"][:10]) if period.get("end") else None,
        prescriber=_ext_value(resource, "prescriber", ""),
        entered_by=_ext_value(resource, "entered-by", "me"),
        id=resource["id"],
    )

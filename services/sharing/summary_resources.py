"""FHIR R4 resources of a patient summary that the sync mapping (services/fhir/mapping.py) has no use for:
problems, hospitalisations, blood group, pregnancy status, what is due, the emergency contacts.

Codes: IPS (HL7 International Patient Summary IG): pregnancy status LOINC 82810-3 = LA15173-0
"Pregnant", expected delivery date 11778-8; blood group LOINC 882-1 with the SNOMED CT values of the eHDSI
Blood Group value set; immunization recommendation dates LOINC 30981-5 (earliest) and 59777-3 (latest)
and the forecast status of terminology.hl7.org; emergency contact role HL7 v2 table 0131 "C".
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from domain.errors import N_
from domain.medical import BloodGroup, Hospitalisation, MedicalHistory
from domain.models import Measurement, Pregnancy, Profile
from domain.plan import AgendaItem
from domain.pregnancy import dates_from_lmp
from domain.summary import VITAL_KINDS, EmergencyContact
from services.fhir import mapping as fm
from services.sharing.texts import Texts

SNOMED = "http://snomed.info/sct"
V2_CONTACT_ROLE = "http://terminology.hl7.org/CodeSystem/v2-0131"
FORECAST = "http://terminology.hl7.org/CodeSystem/immunization-recommendation-status"
BLOOD_GROUP_LOINC = "882-1"
BLOOD_GROUPS_SNOMED = {
    ("A", "+"): "278149003",
    ("A", "-"): "278152006",
    ("B", "+"): "278150003",
    ("B", "-"): "278153001",
    ("AB", "+"): "278151004",
    ("AB", "-"): "278154007",
    ("O", "+"): "278147001",
    ("O", "-"): "278148006",
}
PREGNANCY_STATUS_LOINC = "82810-3"
PREGNANT = {"system": fm.LOINC, "code": "LA15173-0", "display": "Pregnant"}


def safe_id(text: str) -> str:
    """A FHIR id ([A-Za-z0-9-.]{1,64}) from a code that may hold other characters."""
    return re.sub(r"[^A-Za-z0-9.-]", "-", text)[:64] or "x"


def _subject(profile: Profile) -> dict[str, str]:
    return {"reference": f"Patient/{profile.id}"}


def _category(code: str) -> list[dict[str, Any]]:
    return [{"coding": [{"system": fm.OBS_CATEGORY, "code": code}]}]


def patient(profile: Profile, contacts: tuple[EmergencyContact, ...]) -> dict[str, Any]:
    """The sync's Patient, plus the emergency contacts (Patient.contact, role "C")."""
    resource = fm.patient(profile)
    if contacts:
        resource["contact"] = [_contact(c) for c in contacts]
    return resource


def _contact(c: EmergencyContact) -> dict[str, Any]:
    relationship: dict[str, Any] = {"coding": [{"system": V2_CONTACT_ROLE, "code": "C"}]}
    if c.relationship:
        relationship["text"] = c.relationship
    return {
        "relationship": [relationship],
        "name": {"text": c.name},
        "telecom": [{"system": "phone", "value": c.phone}],
    }


def measurement(profile: Profile, m: Measurement) -> dict[str, Any]:
    """The sync's Observation, classed as a laboratory result unless it is a vital sign."""
    resource = fm.observation(profile.id, m)
    if m.kind not in VITAL_KINDS:
        resource["category"] = _category("laboratory")
    return resource


def blood_group(profile: Profile, group: BloodGroup) -> dict[str, Any]:
    coding = {"system": SNOMED, "code": BLOOD_GROUPS_SNOMED[(group.abo, group.rhd)]}
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": group.id,
        "status": "final",
        "category": _category("laboratory"),
        "code": {"coding": [{"system": fm.LOINC, "code": BLOOD_GROUP_LOINC}]},
        "subject": _subject(profile),
        "effectiveDateTime": group.on.isoformat(),
        "valueCodeableConcept": {"coding": [coding], "text": group.label},
    }
    if group.lab:
        resource["performer"] = [{"display": group.lab}]
    return resource


def condition(profile: Profile, p: MedicalHistory) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Condition",
        "id": p.id,
        "code": {"text": p.condition},
        "subject": _subject(profile),
        "onsetDateTime": p.on.isoformat(),
    }
    if p.note:
        resource["note"] = [{"text": p.note}]
    return resource


def procedure(profile: Profile, h: Hospitalisation, texts: Texts) -> dict[str, Any]:
    period = {"start": h.on.isoformat(), **({"end": h.until.isoformat()} if h.until else {})}
    return {
        "resourceType": "Procedure",
        "id": h.id,
        "status": "completed" if h.until else "unknown",
        "code": {"text": h.reason or texts(N_("Hospitalisation"))},
        "subject": _subject(profile),
        "performedPeriod": period,
        "location": {"display": h.place},
    }


def pregnancy_status(profile: Profile, p: Pregnancy, today: date) -> list[dict[str, Any]]:
    """An open pregnancy: its status (pregnant) with the expected delivery date as a member."""
    edd_id = f"{p.id}-edd"
    edd = {
        "resourceType": "Observation",
        "id": edd_id,
        "status": "final",
        "code": {"coding": [{"system": fm.LOINC, "code": fm.TERM_LOINC}]},
        "subject": _subject(profile),
        "effectiveDateTime": today.isoformat(),
        "valueDateTime": dates_from_lmp(p.lmp).term.isoformat(),
    }
    status = {
        "resourceType": "Observation",
        "id": f"{p.id}-status",
        "status": "final",
        "code": {"coding": [{"system": fm.LOINC, "code": PREGNANCY_STATUS_LOINC}]},
        "subject": _subject(profile),
        "effectiveDateTime": today.isoformat(),
        "valueCodeableConcept": {"coding": [PREGNANT]},
        "hasMember": [{"reference": f"Observation/{edd_id}"}],
    }
    return [status, edd]


def planned(profile: Profile, item: AgendaItem, today: date, texts: Texts) -> dict[str, Any]:
    """What is due: a vaccination as an ImmunizationRecommendation, anything else as a CarePlan."""
    label, rid = texts(item.label), safe_id(f"plan-{item.code}")
    if item.kind == "vaccination":
        return _recommendation(profile, item, today, rid, label)
    last = max(item.window_end - timedelta(days=1), item.window_start)  # the window's end is exclusive
    period = {"start": item.window_start.isoformat(), "end": last.isoformat()}
    return {
        "resourceType": "CarePlan",
        "id": rid,
        "status": "active",
        "intent": "plan",
        "title": label,
        "subject": _subject(profile),
        "period": period,
        "activity": [
            {
                "detail": {
                    "status": "scheduled" if item.status == "scheduled" else "not-started",
                    "description": texts.due(item),
                    "scheduledPeriod": period,
                }
            }
        ],
    }


def _recommendation(profile: Profile, item: AgendaItem, today: date, rid: str, label: str) -> dict[str, Any]:
    """A vaccination due: its window as the earliest and latest dates to give it."""
    last = max(item.window_end - timedelta(days=1), item.window_start)
    late = item.status in ("overdue", "catch_up")
    return {
        "resourceType": "ImmunizationRecommendation",
        "id": rid,
        "patient": _subject(profile),
        "date": today.isoformat(),
        "recommendation": [
            {
                "vaccineCode": [{"text": label}],
                "forecastStatus": {"coding": [{"system": FORECAST, "code": "overdue" if late else "due"}]},
                "dateCriterion": [
                    {
                        "code": {"coding": [{"system": fm.LOINC, "code": "30981-5"}]},
                        "value": item.window_start.isoformat(),
                    },
                    {
                        "code": {"coding": [{"system": fm.LOINC, "code": "59777-3"}]},
                        "value": last.isoformat(),
                    },
                ],
            }
        ],
    }

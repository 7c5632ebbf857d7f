"""Synthèse: a profile's HL7 International Patient Summary as a FHIR R4 Bundle of type ``document``.

Structure (IPS IG, Composition-uv-ips and Bundle-uv-ips): the first entry is a Composition typed LOINC
60591-5 whose subject is the Patient; the required sections allergies 48765-2, medications 10160-0 and
problems 11450-4 are always there, with ``emptyReason`` (list-empty-reason "unavailable": Carnet does not
know there is none) and a narrative when empty; the recommended ones (immunizations 11369-6, procedures
47519-4, results 30954-2) too; vital signs 8716-3, pregnancy 10162-6 and plan of care 18776-5 when there
is something to say. Every section entry is a resource of the bundle, referenced by its ``urn:uuid``
fullUrl, and every reference between resources of the bundle is rewritten to those fullUrls. The author
is a Device (Carnet): a software-assembled summary, in the IPS sense.

The whole bundle is validated with ``fhir.resources.R4B`` before it is returned. Deterministic: the same
data at the same ``now`` gives the same bundle.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from typing import Any

from domain.errors import N_, ValidationError
from domain.summary import (
    SummaryData,
    blood_group,
    by_date,
    current_pregnancy,
    current_treatments,
    due_items,
    latest_measurements,
)
from services.fhir import mapping as fm
from services.sharing import summary_resources as sr
from services.sharing.summary_resources import safe_id
from services.sharing.texts import Texts

PATIENT_SUMMARY = "60591-5"
EMPTY_REASON = "http://terminology.hl7.org/CodeSystem/list-empty-reason"
ACT_CLASS = "http://terminology.hl7.org/CodeSystem/v3-ActClass"
XHTML = "http://www.w3.org/1999/xhtml"
# A fixed namespace, so a record always gets the same urn:uuid in every summary made from it.
NAMESPACE = uuid.UUID("6f1c3a52-9d0e-4a57-8a43-2f5d1c0e7b19")
DEVICE_ID = "carnet"
# (key, LOINC, title msgid, text when empty); the first three are required, then recommended, then others.
SECTIONS = (
    ("allergies", "48765-2", N_("Allergies and intolerances"), N_("No allergy is recorded in Carnet.")),
    ("medications", "10160-0", N_("Medication summary"), N_("No current treatment is recorded in Carnet.")),
    ("problems", "11450-4", N_("Problem list"), N_("No health problem is recorded in Carnet.")),
    ("immunizations", "11369-6", N_("Immunizations"), N_("No vaccination is recorded in Carnet.")),
    (
        "procedures",
        "47519-4",
        N_("History of procedures and hospitalisations"),
        N_("No hospitalisation is recorded in Carnet."),
    ),
    ("results", "30954-2", N_("Results"), N_("No result is recorded in Carnet.")),
    ("vital_signs", "8716-3", N_("Vital signs"), ""),
    ("pregnancy", "10162-6", N_("Pregnancy"), ""),
    ("plan", "18776-5", N_("Plan of care: what is due"), ""),
)
ALWAYS = ("allergies", "medications", "problems", "immunizations", "procedures", "results")


def full_url(resource_type: str, resource_id: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{resource_type}/{resource_id}')}"


@dataclass
class _Section:
    resources: list[dict[str, Any]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def add(self, resource: dict[str, Any], line: str | None) -> None:
        self.resources.append(resource)
        if line is not None:
            self.lines.append(line)


def summary_bundle(
    data: SummaryData, today: date, now: datetime, texts: Texts | None = None
) -> dict[str, Any]:
    """The IPS document Bundle of ``data``; ``now`` (aware) dates it, ``today`` selects what is current."""
    if now.tzinfo is None:
        raise ValidationError("The summary needs its date and time, with its time zone.")
    texts = texts or Texts()
    sections = _sections(data, today, texts)
    patient = sr.patient(data.profile, data.contacts)
    device = {
        "resourceType": "Device",
        "id": DEVICE_ID,
        "deviceName": [{"name": "Carnet", "type": "user-friendly-name"}],
    }
    composition = _composition(data, now, texts, sections, patient)
    resources = [composition, patient, device] + [r for s in sections.values() for r in s.resources]
    links = {f"{r['resourceType']}/{r['id']}": full_url(r["resourceType"], r["id"]) for r in resources}
    entries = [
        {"fullUrl": links[f"{r['resourceType']}/{r['id']}"], "resource": _relink(r, links)} for r in resources
    ]
    bundle = {
        "resourceType": "Bundle",
        "id": safe_id(f"ips-{data.profile.id}"),
        "language": texts.lang,
        "identifier": {
            "system": "urn:ietf:rfc:3986",
            "value": full_url("Bundle", f"{data.profile.id}|{now.isoformat()}"),
        },
        "type": "document",
        "timestamp": now.isoformat(),
        "entry": entries,
    }
    check_bundle(bundle)
    return bundle


def _sections(data: SummaryData, today: date, texts: Texts) -> dict[str, _Section]:
    p = data.profile
    s = {key: _Section() for key, *_rest in SECTIONS}
    for a in sorted(data.allergies, key=lambda a: a.substance.casefold()):
        s["allergies"].add(fm.allergy_intolerance(p.id, a), texts.allergy(a))
    for t in current_treatments(data.treatments, today):
        s["medications"].add(fm.medication_statement(p.id, t), texts.treatment(t))
    for c in by_date(data.problems):
        s["problems"].add(sr.condition(p, c), texts.problem(c))
    for i in by_date(data.immunizations):
        s["immunizations"].add(fm.immunization(p.id, i), texts.immunization(i))
    for h in by_date(data.hospitalisations):
        s["procedures"].add(sr.procedure(p, h, texts), texts.hospitalisation(h))
    group = blood_group(data.blood_groups)
    if group:
        s["results"].add(sr.blood_group(p, group), texts(N_("Blood group: {group}"), group=group.label))
    for m in latest_measurements(data.measurements, vital=False):
        s["results"].add(sr.measurement(p, m), texts.measurement(m))
    for m in latest_measurements(data.measurements, vital=True):
        s["vital_signs"].add(sr.measurement(p, m), texts.measurement(m))
    _pregnancy(data, today, texts, s["pregnancy"])
    for item in due_items(data.plan, today):
        s["plan"].add(sr.planned(p, item, today, texts), texts.due(item))
    return s


def _pregnancy(data: SummaryData, today: date, texts: Texts, section: _Section) -> None:
    current = current_pregnancy(data.pregnancies)
    if current is not None:
        status, edd = sr.pregnancy_status(data.profile, current, today)
        section.add(
            status,
            texts(
                N_("Pregnant; expected delivery on {day}"),
                day=texts.day(date.fromisoformat(edd["valueDateTime"])),
            ),
        )
        section.add(edd, None)
    for p in sorted(data.pregnancies, key=lambda p: p.lmp, reverse=True):
        line = (
            None
            if p is current
            else texts(
                N_("Pregnancy from {start} to {end}"),
                start=texts.day(p.lmp),
                end=texts.day(p.closed_on or p.lmp),
            )
        )
        section.add(fm.pregnancy_observation(data.profile.id, p), line)


def _composition(
    data: SummaryData, now: datetime, texts: Texts, sections: dict[str, _Section], patient: dict[str, Any]
) -> dict[str, Any]:
    name = data.profile.display_name
    built = [
        _section_entry(sections[key], loinc, texts(title), texts(empty_text), texts)
        for key, loinc, title, empty_text in SECTIONS
        if sections[key].resources or key in ALWAYS
    ]
    care_provision = {"coding": [{"system": ACT_CLASS, "code": "PCPR"}]}
    return {
        "resourceType": "Composition",
        "id": safe_id(f"ips-{data.profile.id}"),
        "language": texts.lang,
        "status": "final",
        "type": {"coding": [{"system": fm.LOINC, "code": PATIENT_SUMMARY}]},
        "subject": {"reference": f"Patient/{patient['id']}", "display": name},
        "date": now.isoformat(),
        "author": [{"reference": f"Device/{DEVICE_ID}", "display": "Carnet"}],
        "title": texts(N_("Patient summary of {name}"), name=name),
        "confidentiality": "N",  # as in the IPS examples; the link itself is what restricts access
        "event": [{"code": [care_provision], "period": {"end": now.isoformat()}}],
        "section": built,
    }


def _section_entry(
    section: _Section, loinc: str, title: str, empty_text: str, texts: Texts
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "title": title,
        "code": {"coding": [{"system": fm.LOINC, "code": loinc}]},
        "text": {"status": "generated", "div": _narrative(section.lines or [empty_text])},
    }
    if section.resources:
        entry["entry"] = [{"reference": f"{r['resourceType']}/{r['id']}"} for r in section.resources]
    else:  # IPS: an empty required section says why (cmp-2: only an empty section may)
        entry["emptyReason"] = {
            "coding": [{"system": EMPTY_REASON, "code": "unavailable"}],
            "text": texts(N_("No information available")),
        }
    return entry


def _narrative(lines: list[str]) -> str:
    items = "".join(f"<li>{escape(line, quote=False)}</li>" for line in lines)
    return f'<div xmlns="{XHTML}"><ul>{items}</ul></div>'


def _relink(value: Any, links: dict[str, str]) -> Any:
    """A copy of ``value`` where every reference to a resource of the bundle names its fullUrl."""
    if isinstance(value, dict):
        copy = {k: _relink(v, links) for k, v in value.items()}
        target = copy.get("reference")
        if isinstance(target, str) and target in links:
            copy["reference"] = links[target]
        return copy
    if isinstance(value, list):
        return [_relink(v, links) for v in value]
    return value


def check_bundle(bundle: dict[str, Any]) -> None:
    """Valid FHIR R4 (fhir.resources.R4B), or a ValidationError naming the first fault (paths only)."""
    from services.fhir.validation import invalid_reason

    reason = invalid_reason(bundle)
    if reason:
        raise ValidationError("The summary is not valid FHIR ({reason}).", reason=reason)

"""FHIR R4 for the records of issue 15: a blood-pressure reading as one panel Observation, and glucose
readings read from Observations (a FHIR file or a server's export).

Blood pressure: LOINC 85354-9 "Blood pressure panel with all children optional" with the components
8480-6 (systolic) and 8462-4 (diastolic), mm[Hg], category vital-signs (HL7 FHIR R4 vital signs profile;
fr-prevention.yaml, risk_detection.blood_pressure.loinc). A heart rate taken with the reading rides as a
component 8867-4; the place of the reading in a home series (moment, rank, series) in extensions.

Glucose import: blood glucose (2339-0 capillary, 2345-7 serum or plasma, 1558-6 fasting, 41653-7 by
meter), the mmol/L forms (15074-8, 14749-6) and interstitial glucose from a sensor (99504-3, or the
French TAASIP MED-969 of Mon espace santé), in mg/dL, mmol/L or g/L (fr-prevention.yaml,
risk_detection.glycaemia.loinc and chronic_followup cgm_glucose_report.france_mes_encoding).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from domain.bp_series import BloodPressure
from domain.errors import ValidationError
from domain.glucose import MG_DL_PER_MMOL, PLAUSIBLE_MG_DL, GlucoseReading
from services.fhir.mapping import LOINC, OBS_CATEGORY, UCUM, _ext, _ext_value, _ref

BP_PANEL = "85354-9"
SYSTOLIC, DIASTOLIC, HEART_RATE = "8480-6", "8462-4", "8867-4"
MMHG = {"unit": "mmHg", "system": UCUM, "code": "mm[Hg]"}
GLUCOSE_CODES = frozenset(
    {"2339-0", "2345-7", "1558-6", "41653-7", "15074-8", "14749-6", "99504-3", "MED-969"}
)
GLUCOSE_UNITS = {"mg/dl": 1.0, "mmol/l": MG_DL_PER_MMOL, "g/l": 100.0}


def is_blood_pressure(resource: dict[str, Any]) -> bool:
    return any(c.get("code") == BP_PANEL for c in resource.get("code", {}).get("coding", []))


def _component(code: str, value: float, quantity: dict[str, str]) -> dict[str, Any]:
    return {
        "code": {"coding": [{"system": LOINC, "code": code}]},
        "valueQuantity": {"value": value, **quantity},
    }


def blood_pressure_observation(profile_id: str, bp: BloodPressure) -> dict[str, Any]:
    components = [_component(SYSTOLIC, bp.systolic, MMHG), _component(DIASTOLIC, bp.diastolic, MMHG)]
    if bp.heart_rate is not None:
        components.append(
            _component(HEART_RATE, bp.heart_rate, {"unit": "/min", "system": UCUM, "code": "/min"})
        )
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": bp.id,
        "status": "final",
        "category": [{"coding": [{"system": OBS_CATEGORY, "code": "vital-signs"}]}],
        "code": {"coding": [{"system": LOINC, "code": BP_PANEL}], "text": "Blood pressure"},
        "subject": _ref(profile_id),
        "effectiveDateTime": bp.on.isoformat(),
        "component": components,
    }
    extensions = []
    if bp.moment:
        extensions.append(_ext("bp-moment", "valueCode", bp.moment))
    if bp.rank:
        extensions.append(_ext("bp-rank", "valueInteger", bp.rank))
    if bp.series_id:
        extensions.append(_ext("bp-series", "valueString", bp.series_id))
    if extensions:
        resource["extension"] = extensions
    if bp.note:
        resource["note"] = [{"text": bp.note}]
    return resource


def _component_value(resource: dict[str, Any], code: str) -> float | None:
    for component in resource.get("component", []):
        if any(c.get("code") == code for c in component.get("code", {}).get("coding", [])):
            value = component.get("valueQuantity", {}).get("value")
            return float(value) if value is not None else None
    return None


def blood_pressure_from(resource: dict[str, Any]) -> BloodPressure:
    systolic, diastolic = _component_value(resource, SYSTOLIC), _component_value(resource, DIASTOLIC)
    if systolic is None or diastolic is None:
        raise ValidationError("A blood pressure needs both its systolic and diastolic values.")
    return BloodPressure(
        systolic=systolic,
        diastolic=diastolic,
        on=date.fromisoformat(resource["effectiveDateTime"][:10]),
        moment=_ext_value(resource, "bp-moment", ""),
        rank=_ext_value(resource, "bp-rank", 0),
        series_id=_ext_value(resource, "bp-series", ""),
        heart_rate=_component_value(resource, HEART_RATE),
        note=(resource.get("note") or [{}])[0].get("text", ""),
        id=resource["id"],
    )


# -- glucose Observations -> readings ---------------------------------------------------------------------
def _observations(document: Any) -> Iterable[dict[str, Any]]:
    """The Observations of a Bundle, of a list, or one Observation."""
    if isinstance(document, list):
        for item in document:
            yield from _observations(item)
    elif isinstance(document, dict):
        if document.get("resourceType") == "Bundle":
            for entry in document.get("entry", []):
                yield from _observations(entry.get("resource"))
        elif document.get("resourceType") == "Observation":
            yield document


def glucose_reading_from(resource: dict[str, Any]) -> GlucoseReading | None:
    """The glucose reading an Observation holds; None when it is not one Carnet can read."""
    codes = {c.get("code") for c in resource.get("code", {}).get("coding", [])}
    quantity = resource.get("valueQuantity") or {}
    factor = GLUCOSE_UNITS.get(str(quantity.get("code") or quantity.get("unit") or "").lower())
    when = resource.get("effectiveDateTime") or (resource.get("effectivePeriod") or {}).get("start")
    if not codes & GLUCOSE_CODES or factor is None or not isinstance(quantity.get("value"), int | float):
        return None
    if resource.get("status") in ("entered-in-error", "cancelled") or not when:
        return None
    try:
        at = datetime.fromisoformat(str(when).replace("Z", "+00:00"))
    except ValueError:
        return None
    mg_dl = round(float(quantity["value"]) * factor, 1)
    low, high = PLAUSIBLE_MG_DL
    if not low <= mg_dl <= high:
        return None
    source = "cgm" if codes & {"99504-3", "MED-969"} else "fhir"
    return GlucoseReading(at.replace(tzinfo=None), mg_dl, source)


def glucose_readings(document: Any) -> tuple[list[GlucoseReading], int]:
    """(readings, Observations left aside) of a FHIR document, oldest first."""
    readings, left = [], 0
    for resource in _observations(document):
        reading = glucose_reading_from(resource)
        if reading is None:
            left += 1
        else:
            readings.append(reading)
    return sorted(readings, key=lambda r: r.at), left

"""Units printed on French lab reports and meters, converted to the unit Carnet stores (MEASUREMENTS).

Factors come from the molar masses the reference gives (fr-prevention.yaml,
extraction_from_lab_reports.unit_conversions): glucose 180.16 g/mol (7.0 mmol/L = 1.26 g/L = 126 mg/dL),
cholesterol 386.65 g/mol (4.9 mmol/L = 1.90 g/L), triolein 885.4 g/mol for triglycerides (labs use
0.875-0.885; 1.50 g/L = 1.7 mmol/L), creatinine 113.12 g/mol (1 mg/L = 8.84 µmol/L; the reference marked
the factor UNVERIFIED, it matches the molar mass and the albumin/creatinine factor 8.84 it verified),
and the IFCC-NGSP master equation for HbA1c (48 mmol/mol = 6.5 %).

A unit is matched whatever its spelling on the report: ``g/l``, ``µmol/L``, ``umol/l``, ``μmol/L``,
``mL/min/1,73 m²``, ``ml/min/1.73m2`` are all recognised.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from domain.errors import ValidationError
from domain.models import MEASUREMENTS

GLUCOSE_MMOL_TO_G = 0.18016  # g/L per mmol/L
CHOLESTEROL_MMOL_TO_G = 0.38665
TRIGLYCERIDES_MMOL_TO_G = 0.8854
CREATININE_UMOL_TO_MG = 0.11312  # mg/L per µmol/L
UACR_MG_G_TO_MG_MMOL = 0.11312  # mg/mmol per mg/g (creatinine 113.12 g/mol)
EGFR = "mL/min/1.73 m²"


def _linear(factor: float) -> tuple[Callable[[float], float], Callable[[float], float]]:
    return (lambda value: value * factor, lambda value: value / factor)


def _ifcc() -> tuple[Callable[[float], float], Callable[[float], float]]:
    # IFCC-NGSP master equation: IFCC (mmol/mol) = 10.929 x (NGSP % - 2.15)
    return (lambda mmol: mmol / 10.929 + 2.15, lambda percent: (percent - 2.15) * 10.929)


_SAME = _linear(1.0)
_GLUCOSE = {"g/L": _SAME, "mmol/L": _linear(GLUCOSE_MMOL_TO_G), "mg/dL": _linear(0.01)}
_CHOLESTEROL = {"g/L": _SAME, "mmol/L": _linear(CHOLESTEROL_MMOL_TO_G), "mg/dL": _linear(0.01)}

# kind -> {unit as Carnet spells it: (to the stored unit, from the stored unit)}; the first unit is the
# stored one, the others are in the order a French report prints them.
CONVERSIONS: dict[str, dict[str, tuple[Callable[[float], float], Callable[[float], float]]]] = {
    "glucose": _GLUCOSE,
    "fasting_glucose": _GLUCOSE,
    "total_cholesterol": _CHOLESTEROL,
    "hdl": _CHOLESTEROL,
    "ldl": _CHOLESTEROL,
    "triglycerides": {"g/L": _SAME, "mmol/L": _linear(TRIGLYCERIDES_MMOL_TO_G), "mg/dL": _linear(0.01)},
    "creatinine": {"mg/L": _SAME, "µmol/L": _linear(CREATININE_UMOL_TO_MG), "mg/dL": _linear(10.0)},
    "uacr": {"mg/mmol": _SAME, "mg/g": _linear(UACR_MG_G_TO_MG_MMOL)},
    "hba1c": {"%": _SAME, "mmol/mol": _ifcc()},
    "egfr": {EGFR: _SAME},
}

# How the UCUM codes of MEASUREMENTS read on a form.
DISPLAY = {"kg/m2": "kg/m²", "mm[Hg]": "mmHg", "Cel": "°C", "mL/min/{1.73_m2}": EGFR}


def units_for(kind: str) -> tuple[str, ...]:
    """The units a form offers for ``kind``, the stored one first (the unit printed on the report)."""
    if kind in CONVERSIONS:
        return tuple(CONVERSIONS[kind])
    if kind in MEASUREMENTS:
        unit = MEASUREMENTS[kind][1]
        return (DISPLAY.get(unit, unit),)
    raise ValidationError("Unknown measurement {kind!r}.", kind=kind)


def _key(unit: str) -> str:
    """One spelling per unit: case, micro signs, the comma of 1,73 and the square of m² do not matter."""
    text = (unit or "").strip().lower().replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    text = text.replace("μ", "µ").replace("²", "2").replace("1,73", "1.73").replace("{1.73_m2}", "1.73m2")
    if text.startswith("umol"):
        text = "µ" + text[1:]
    return text


def canonical_unit(kind: str, unit: str) -> str:
    """The spelling Carnet uses for ``unit`` (``umol/l`` -> ``µmol/L``); ValidationError if unknown."""
    wanted = _key(unit)
    for known in units_for(kind):
        if _key(known) == wanted:
            return known
    stored = MEASUREMENTS.get(kind, ("", ""))[1]
    if stored and _key(stored) == wanted:
        return units_for(kind)[0]
    raise ValidationError(
        "{unit!r} is not a unit for this measure; use {units}.", unit=unit, units=", ".join(units_for(kind))
    )


def _check_number(value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError("{value!r} is not a number.", value=value)
    return float(value)


def to_canonical(kind: str, value: float, unit: str) -> float:
    """``value`` read in ``unit`` expressed in the unit Carnet stores for ``kind`` (g/L, mg/L, %, ...).

    >>> to_canonical("fasting_glucose", 126, "mg/dL")
    1.26
    """
    number = _check_number(value)
    spelled = canonical_unit(kind, unit)
    table = CONVERSIONS.get(kind)
    if table is None:
        return number
    return round(table[spelled][0](number), 4)


# Decimals kept once a value is converted to the stored unit: what a French report prints in that unit
# (1.26 g/L, 9.2 mg/L, 6.5 %, 58 mL/min/1.73 m²), not the false precision of a conversion (1.2611).
STORED_DECIMALS = {"g/L": 2, "mg/L": 1, "%": 1, "mg/mmol": 1, "mL/min/{1.73_m2}": 0}


def stored_value(kind: str, value: float) -> float:
    """``value`` (already in the stored unit of ``kind``) rounded as a report prints it in that unit."""
    decimals = STORED_DECIMALS.get(MEASUREMENTS[kind][1]) if kind in MEASUREMENTS else None
    return float(round(value, decimals)) if decimals is not None else value


def from_canonical(kind: str, value: float, unit: str) -> float:
    """The stored ``value`` of ``kind`` expressed in ``unit`` (creatinine 9.2 mg/L -> 81.3 µmol/L)."""
    number = _check_number(value)
    spelled = canonical_unit(kind, unit)
    table = CONVERSIONS.get(kind)
    if table is None:
        return number
    return round(table[spelled][1](number), 4)

"""Turns domain dataclasses into JSON bytes and back, by record kind."""

from __future__ import annotations

import dataclasses
import json
import typing
from datetime import date, datetime
from typing import Any

from domain.medical import Allergy, BloodGroup, FamilyHistory, Hospitalisation, MedicalHistory, Treatment
from domain.models import (
    AgendaMark,
    Appointment,
    ChildExam,
    Document,
    Immunization,
    Measurement,
    Pregnancy,
    Profile,
    ReminderSetting,
)

KINDS: dict[str, type] = {
    "profile": Profile,
    "document": Document,
    "measurement": Measurement,
    "immunization": Immunization,
    "appointment": Appointment,
    "pregnancy": Pregnancy,
    "child_exam": ChildExam,
    "agenda_mark": AgendaMark,
    "reminder_setting": ReminderSetting,
    "allergy": Allergy,
    "treatment": Treatment,
    "medical_history": MedicalHistory,
    "hospitalisation": Hospitalisation,
    "family_history": FamilyHistory,
    "blood_group": BloodGroup,
}
KIND_OF = {cls: kind for kind, cls in KINDS.items()}


def kind_of(obj: Any) -> str:
    return KIND_OF[type(obj)]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def to_dict(obj: Any) -> dict[str, Any]:
    return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def encode(obj: Any) -> bytes:
    return json.dumps(to_dict(obj), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


_HINTS: dict[type, dict[str, Any]] = {}


def from_dict(kind: str, data: dict[str, Any]) -> Any:
    cls = KINDS[kind]
    hints = _HINTS.get(cls)
    if hints is None:  # resolved once per class: get_type_hints costs 0.4 ms a call
        hints = _HINTS[cls] = _hints(cls)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        raw, hint = data[f.name], hints[f.name]
        if raw is not None and hint in (date, date | None):
            raw = date.fromisoformat(raw)
        elif raw is not None and hint in (datetime, datetime | None):
            raw = datetime.fromisoformat(raw)
        values[f.name] = raw
    return cls(**values)


def decode(kind: str, blob: bytes) -> Any:
    return from_dict(kind, json.loads(blob))


def month_of(obj: Any) -> str:
    """The coarse date kept in clear for ordering: a month, never a day."""
    for name in ("on", "at", "lmp", "birth_date"):
        value = getattr(obj, name, None)
        if isinstance(value, date):
            return value.strftime("%Y-%m")
    return ""

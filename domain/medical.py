"""Profil médical: allergies, treatments, history, hospitalisations, family history, blood group.

Each entry has the date it refers to (``on``, not in the future: ``check``) and who entered it
(``entered_by``, one of ADDED_BY). Like every record, each checks its own rules on construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Self

from domain.errors import ValidationError
from domain.models import ADDED_BY, _require_text, check_not_in_future, new_id

MEDICAL_KINDS = (
    "allergy",
    "treatment",
    "medical_history",
    "hospitalisation",
    "family_history",
    "blood_group",
)
ALLERGY_SEVERITIES = ("", "mild", "moderate", "severe")
ABO_GROUPS = ("A", "B", "AB", "O")
RHD_FACTORS = ("+", "-")


class _Entry:
    """A medical-profile entry: the date it refers to (``on``) is not in the future."""

    __slots__ = ()
    on: date

    def check(self, today: date, birth_date: date | None = None) -> Self:
        check_not_in_future(self.on, today, "The date {day} is in the future.")
        return self


def _check_entry(on: date, entered_by: str) -> None:
    if on.year < 1900:
        raise ValidationError("The date {day} is not plausible.", day=on)
    if entered_by not in ADDED_BY:
        raise ValidationError("Unknown origin {origin!r}.", origin=entered_by)


@dataclass(frozen=True, slots=True)
class Allergy(_Entry):
    substance: str
    on: date
    reaction: str = ""
    severity: str = ""
    entered_by: str = "me"
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _require_text(self.substance, "Say what the allergy is to.")
        if self.severity not in ALLERGY_SEVERITIES:
            raise ValidationError("Unknown severity {severity!r}.", severity=self.severity)
        _check_entry(self.on, self.entered_by)


@dataclass(frozen=True, slots=True)
class Treatment(_Entry):
    medicine: str
    on: date  # start of the treatment
    dosage: str = ""
    until: date | None = None
    prescriber: str = ""
    entered_by: str = "me"
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _require_text(self.medicine, "Say which medicine is taken.")
        if self.until is not None and self.until < self.on:
            raise ValidationError("A treatment cannot end before it starts.")
        _check_entry(self.on, self.entered_by)


@dataclass(frozen=True, slots=True)
class MedicalHistory(_Entry):
    """An antécédent: an illness, an operation, a condition of the past or of the present."""

    condition: str
    on: date
    note: str = ""
    entered_by: str = "me"
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _require_text(self.condition, "Say which illness or condition it is.")
        _check_entry(self.on, self.entered_by)


@dataclass(frozen=True, slots=True)
class Hospitalisation(_Entry):
    place: str
    on: date  # admission
    reason: str = ""
    until: date | None = None  # discharge
    entered_by: str = "me"
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _require_text(self.place, "Say which hospital or clinic.")
        if self.until is not None and self.until < self.on:
            raise ValidationError("A discharge cannot come before the admission.")
        _check_entry(self.on, self.entered_by)


@dataclass(frozen=True, slots=True)
class FamilyHistory(_Entry):
    relative: str
    condition: str
    on: date  # when it was entered or learnt
    note: str = ""
    entered_by: str = "me"
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _require_text(self.relative, "Say which relative it is.")
        _require_text(self.condition, "Say which illness or condition it is.")
        _check_entry(self.on, self.entered_by)


@dataclass(frozen=True, slots=True)
class BloodGroup(_Entry):
    abo: str
    rhd: str
    on: date  # date of the typing
    lab: str = ""
    entered_by: str = "me"
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.abo not in ABO_GROUPS:
            raise ValidationError("Unknown blood group {abo!r}: choose A, B, AB or O.", abo=self.abo)
        if self.rhd not in RHD_FACTORS:
            raise ValidationError("Unknown RhD factor {rhd!r}: choose + or -.", rhd=self.rhd)
        _check_entry(self.on, self.entered_by)

    @property
    def label(self) -> str:
        return f"{self.abo} {'Rh+' if self.rhd == '+' else 'Rh-'}"

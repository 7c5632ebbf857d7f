"""Synthèse: what a patient summary holds, chosen from a profile's records (pure, ``today`` passed in).

The same selection feeds the FHIR International Patient Summary (services/sharing/summary.py), the PDF a
doctor reads in 30 seconds (services/sharing/summary_pdf.py) and the "urgence" card a screen shows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from domain.errors import ValidationError
from domain.medical import Allergy, BloodGroup, Hospitalisation, MedicalHistory, Treatment
from domain.models import Immunization, Measurement, Pregnancy, Profile, new_id
from domain.plan import AgendaItem

Dated = TypeVar("Dated", MedicalHistory, Hospitalisation, Immunization)

# Vital signs (IPS section 8716-3); every other measurement is a result (30954-2).
VITAL_KINDS = (
    "weight",
    "height",
    "head_circumference",
    "bmi",
    "systolic",
    "diastolic",
    "heart_rate",
    "temperature",
)
# What is due: open now, booked, a missed dose still recommended, a window that opens within three
# months, or one missed within the last year (the agenda's "À planifier", services/agenda.py).
DUE_SOON = timedelta(days=92)
MISSED_RECENTLY = timedelta(days=365)
OPEN_STATUSES = ("to_schedule", "scheduled", "catch_up")


@dataclass(frozen=True, slots=True)
class EmergencyContact:
    """Whom to call for the person: a name, a telephone number and who they are to them."""

    name: str
    phone: str
    relationship: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValidationError("Give the contact's name.")
        phone = self.phone.strip() if isinstance(self.phone, str) else ""
        digits = re.sub(r"\D", "", phone)
        if not re.fullmatch(r"\+?[\d .()-]+", phone) or not 6 <= len(digits) <= 15:
            raise ValidationError("The telephone number {phone!r} is not valid.", phone=phone)
        if not isinstance(self.relationship, str) or len(self.relationship) > 60:
            raise ValidationError("The relationship is too long (at most {n}).", n=60)
        if any(unicodedata.category(c) == "Cc" for c in self.name + self.relationship):
            raise ValidationError("This text is too long or holds control characters (at most {n}).", n=200)
        object.__setattr__(self, "name", " ".join(self.name.split()))
        object.__setattr__(self, "phone", phone)

    def check(self, today: date, birth_date: date | None = None) -> EmergencyContact:
        return self  # no date to check: everything is checked on creation


@dataclass(frozen=True, slots=True)
class SummaryData:
    """A profile and its records, as read from the vault (or made by a test): no vault needed here."""

    profile: Profile
    allergies: tuple[Allergy, ...] = ()
    treatments: tuple[Treatment, ...] = ()
    problems: tuple[MedicalHistory, ...] = ()
    hospitalisations: tuple[Hospitalisation, ...] = ()
    immunizations: tuple[Immunization, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    pregnancies: tuple[Pregnancy, ...] = ()
    blood_groups: tuple[BloodGroup, ...] = ()
    contacts: tuple[EmergencyContact, ...] = ()
    plan: tuple[AgendaItem, ...] = ()  # the agenda's items; the summary keeps those due

    def __post_init__(self) -> None:
        for name in (
            "allergies",
            "treatments",
            "problems",
            "hospitalisations",
            "immunizations",
            "measurements",
            "pregnancies",
            "blood_groups",
            "contacts",
            "plan",
        ):
            object.__setattr__(self, name, tuple(getattr(self, name)))


def current_treatments(treatments: Iterable[Treatment], today: date) -> list[Treatment]:
    """Treatments started and not ended before today, by medicine."""
    current = (t for t in treatments if t.on <= today and (t.until is None or t.until >= today))
    return sorted(current, key=lambda t: (t.medicine.casefold(), t.on, t.id))


def latest_measurements(measurements: Iterable[Measurement], vital: bool) -> list[Measurement]:
    """The latest measurement of each kind, vital signs or the others (results), in a fixed order."""
    latest: dict[str, Measurement] = {}
    for m in measurements:
        if (m.kind in VITAL_KINDS) == vital and (m.kind not in latest or (m.on, m.id) > _key(latest[m.kind])):
            latest[m.kind] = m
    return sorted(latest.values(), key=lambda m: (m.on, m.kind), reverse=True)


def _key(m: Measurement) -> tuple[date, str]:
    return m.on, m.id


def blood_group(groups: Iterable[BloodGroup]) -> BloodGroup | None:
    """The latest typing."""
    return max(groups, key=lambda g: (g.on, g.id), default=None)


def current_pregnancy(pregnancies: Iterable[Pregnancy]) -> Pregnancy | None:
    open_ones = [p for p in pregnancies if p.closed_on is None]
    return max(open_ones, key=lambda p: p.lmp, default=None)


def due_items(items: Iterable[AgendaItem], today: date) -> list[AgendaItem]:
    """What is due, soonest first: open, booked or catch-up items, missed within the year, or opening
    within three months."""

    def due(item: AgendaItem) -> bool:
        if item.status in OPEN_STATUSES:
            return True
        if item.status == "overdue":
            return today - item.window_end < MISSED_RECENTLY
        return item.status == "upcoming" and item.window_start - today <= DUE_SOON

    return sorted((i for i in items if due(i)), key=lambda i: (i.window_start, i.code))


def by_date(records: Iterable[Dated], newest_first: bool = True) -> list[Dated]:
    return sorted(records, key=lambda r: (r.on, r.id), reverse=newest_first)


# -- the "urgence" card -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class EmergencyCard:
    """What a rescuer needs first; a screen shows it (from the lock screen only if the user allows it)."""

    name: str
    birth_date: date
    blood_group: str  # "A Rh+", or "" when unknown
    allergies: tuple[tuple[str, str], ...]  # (substance, severity msgid key or "")
    treatments: tuple[tuple[str, str], ...]  # (medicine, dosage)
    contacts: tuple[EmergencyContact, ...]


def emergency_card(data: SummaryData, today: date) -> EmergencyCard:
    group = blood_group(data.blood_groups)
    return EmergencyCard(
        name=data.profile.display_name,
        birth_date=data.profile.birth_date,
        blood_group=group.label if group else "",
        allergies=tuple((a.substance, a.severity) for a in sorted(data.allergies, key=_severity_first)),
        treatments=tuple((t.medicine, t.dosage) for t in current_treatments(data.treatments, today)),
        contacts=data.contacts,
    )


def _severity_first(a: Allergy) -> tuple[int, str]:
    order = {"severe": 0, "moderate": 1, "mild": 2, "": 3}
    return order.get(a.severity, 3), a.substance.casefold()

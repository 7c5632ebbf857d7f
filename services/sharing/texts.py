"""The words of a patient summary, shared by its FHIR narrative and its PDF so both say the same thing.

``Texts`` carries the caller's translator and the display names of codes (vaccines, measurements), which
the UI layer owns (views/labels.py); without them the English message ids and the raw codes are used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from domain.errors import N_
from domain.medical import Allergy, Hospitalisation, MedicalHistory, Treatment
from domain.models import Immunization, Measurement
from domain.plan import AgendaItem
from domain.summary import EmergencyContact

Translate = Callable[[str], str]
SEVERITIES = {"mild": N_("mild"), "moderate": N_("moderate"), "severe": N_("severe")}
UNITS = {"kg/m2": "kg/m²", "mm[Hg]": "mmHg", "Cel": "°C", "mL/min/{1.73_m2}": "mL/min/1.73 m²"}


def _same(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class Texts:
    translate: Translate = _same
    vaccine_name: Translate = _same
    measurement_name: Translate = _same
    lang: str = "en"

    def __call__(self, msgid: str, **params: object) -> str:
        text = self.translate(msgid)
        return text.format(**params) if params else text

    def day(self, day: date) -> str:
        return day.strftime(self.translate("%m/%d/%Y"))

    # -- one line per record ----------------------------------------------------------------------------
    def allergy(self, a: Allergy) -> str:
        parts = [a.substance]
        if a.severity:
            parts.append(self(SEVERITIES[a.severity]))
        if a.reaction:
            parts.append(a.reaction)
        return " - ".join(parts)

    def treatment(self, t: Treatment) -> str:
        line = f"{t.medicine} - {t.dosage}" if t.dosage else t.medicine
        return line + " " + self(N_("(since {day})"), day=self.day(t.on))

    def problem(self, p: MedicalHistory) -> str:
        line = f"{p.condition} ({self.day(p.on)})"
        return f"{line} - {p.note}" if p.note else line

    def hospitalisation(self, h: Hospitalisation) -> str:
        what = h.reason or self(N_("Hospitalisation"))
        when = self.day(h.on) + (f" - {self.day(h.until)}" if h.until else "")
        return f"{what}, {h.place} ({when})"

    def immunization(self, i: Immunization) -> str:
        name = self.vaccine_name(i.vaccine)
        product = f" ({i.product})" if i.product and i.product != name else ""
        return self(N_("{day}: {what}"), day=self.day(i.on), what=name + product)

    def measurement(self, m: Measurement) -> str:
        from babel.numbers import format_decimal  # the decimal comma in French

        value = f"{format_decimal(m.value, locale=self.lang)} {UNITS.get(m.unit, m.unit)}"
        return self(
            N_("{name}: {value} ({day})"), name=self.measurement_name(m.kind), value=value, day=self.day(m.on)
        )

    def due(self, item: AgendaItem) -> str:
        if item.status == "scheduled" and item.scheduled_on:
            return self(
                N_("{label}: booked for {day}"), label=self(item.label), day=self.day(item.scheduled_on)
            )
        if item.status in ("overdue", "catch_up"):
            return self(
                N_("{label}: late, due since {day}"), label=self(item.label), day=self.day(item.window_start)
            )
        return self(N_("{label}: from {day}"), label=self(item.label), day=self.day(item.window_start))

    def contact(self, c: EmergencyContact) -> str:
        who = f"{c.name} ({c.relationship})" if c.relationship else c.name
        return self(N_("{who}: {phone}"), who=who, phone=c.phone)

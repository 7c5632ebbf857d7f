"""Display names of codes, and ages as people say them. Message ids are English; see locales/."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from babel import Locale
from babel.dates import format_date, format_time

from domain.errors import N_
from domain.models import DOCUMENT_TYPES, MEASUREMENTS, completed_months

MEASUREMENT_NAMES = {
    "weight": N_("Weight"),
    "height": N_("Height"),
    "head_circumference": N_("Head circumference"),
    "bmi": N_("BMI"),
    "systolic": N_("Systolic pressure"),
    "diastolic": N_("Diastolic pressure"),
    "heart_rate": N_("Heart rate"),
    "glucose": N_("Blood glucose"),
    "hba1c": N_("HbA1c"),
    "temperature": N_("Temperature"),
    "fasting_glucose": N_("Fasting blood glucose"),
    "waist": N_("Waist circumference"),
    "total_cholesterol": N_("Total cholesterol"),
    "hdl": N_("HDL cholesterol"),
    "ldl": N_("LDL cholesterol"),
    "triglycerides": N_("Triglycerides"),
    "creatinine": N_("Creatinine"),
    "egfr": N_("eGFR (kidney function)"),
    "uacr": N_("Urine albumin/creatinine ratio"),
}
UNIT_NAMES = {"kg/m2": "kg/m²", "mm[Hg]": "mmHg", "/min": "/min", "Cel": "°C"}
UNIT_NAMES["mL/min/{1.73_m2}"] = "mL/min/1.73 m²"  # eGFR (issue 15)
VACCINE_NAMES = {
    "hexa": N_("Diphtheria, tetanus, pertussis, polio, Hib, hepatitis B"),
    "pcv": N_("Pneumococcus"),
    "rota": N_("Rotavirus"),
    "menb": N_("Meningococcus B"),
    "acwy": N_("Meningococcus ACWY"),
    "menc": N_("Meningococcus C"),
    "ror": N_("Measles, mumps, rubella"),
    "dtcap": N_("Diphtheria, tetanus, pertussis, polio (booster)"),
    "dtp": N_("Diphtheria, tetanus, polio (adult booster)"),
    "hpv": N_("Papillomavirus"),
    "flu": N_("Influenza"),
    "zona": N_("Shingles"),
    "rsv": N_("RSV"),
    "covid": N_("COVID-19"),
    "nirsevimab": N_("RSV antibody for babies (nirsevimab, Beyfortus)"),
}
# An agenda item's status: as a heading or badge, and inside a sentence ("1st ultrasound: late, from ...").
STATUS_NAMES = {
    "done": N_("Done"),
    "scheduled": N_("Scheduled"),
    "to_schedule": N_("To schedule"),
    "upcoming": N_("Upcoming"),
    "overdue": N_("Overdue"),
    "catch_up": N_("Catch-up"),
    "expired": N_("Not catchable"),
}
STATUS_INLINE = {
    "overdue": N_("late"),
    "to_schedule": N_("to schedule now"),
    "upcoming": N_("soon"),
    "done": N_("done"),
    "scheduled": N_("scheduled"),
    "catch_up": N_("missed, still to catch up"),
    "expired": N_("no longer possible"),
}
ROLE_NAMES = {"holder": N_("Account holder"), "child": N_("Child"), "helped": N_("Person I help")}
SEX_NAMES = {"F": N_("Female"), "M": N_("Male")}
DOCUMENT_TYPE_NAMES = DOCUMENT_TYPES


def age_text(birth: date, today: date, _: Callable[[str], str]) -> str:
    months = completed_months(birth, today)
    if months < 1:
        return _("{n} days").format(n=(today - birth).days)
    if months < 24:
        return _("{n} months").format(n=months)
    return _("{n} years").format(n=months // 12)


def born_text(birth: date, sex: str, today: date, ctx: Any) -> str:
    """ "36 ans - née le 16/07/1990": "né" or "née" from the sex (``ctx``: a ViewContext)."""
    _ = ctx._
    words = dict(age=age_text(birth, today, _), day=date_text(birth, _))
    if sex == "F":
        return str(ctx.pgettext("female", "{age} - born on {day}")).format(**words)
    return str(ctx.pgettext("male", "{age} - born on {day}")).format(**words)


def measurement_text(kind: str, value: float, _: Callable[[str], str]) -> str:
    unit = MEASUREMENTS[kind][1]
    number = f"{value:g}".replace(".", "," if _("decimal-separator") == "," else ".")
    return _("{name}: {value} {unit}").format(
        name=_(MEASUREMENT_NAMES[kind]), value=number, unit=UNIT_NAMES.get(unit, unit)
    )


def vaccine_text(code: str, _: Callable[[str], str]) -> str:
    return _(VACCINE_NAMES[code]) if code in VACCINE_NAMES else code


def date_text(day: date, _: Callable[[str], str]) -> str:
    return day.strftime(_("%m/%d/%Y"))


def moment_text(moment: datetime, language: str) -> str:
    """A date and time as the language writes them (babel): "30 novembre 2026, 10:05"."""
    pattern = str(Locale.parse(language).datetime_formats["long"]).replace("'", "")  # quoted literals
    return pattern.format(
        format_time(moment, "short", locale=language), format_date(moment, "long", locale=language)
    )

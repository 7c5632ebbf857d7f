"""The follow-up of an adult who records type 2 diabetes: which exams and vaccines are due, and when.

The plan is data (assets/risk/diabetes_followup.json, HAS parcours DT2 as relayed by the Fédération
française des diabétiques and recomedicales.fr): HbA1c every 3 months; every year the eye exam (fundus
or retinography), the foot exam, creatinine with eGFR, the urine albumin/creatinine ratio, the lipid
panel, a resting ECG and a dental check; the flu vaccine each campaign; one pneumococcal dose.

``due_items`` is pure: it takes what the profile already did (measurements of the right kinds, agenda
marks by item code, vaccinations by vaccine code) and ``today``, and says when each item is next due.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from domain.errors import N_
from domain.models import Measurement
from domain.plan import add_months
from domain.reference import load_json

PLAN_FILE = "risk/diabetes_followup.json"
ADULT_YEARS = 18
STATUSES = ("due", "upcoming", "done")

LABELS = {
    "t2d-hba1c": N_("HbA1c (every 3 months)"),
    "t2d-eye": N_("Eye exam: fundus or retinography (every year)"),
    "t2d-foot": N_("Foot exam (every year)"),
    "t2d-kidney": N_("Creatinine and eGFR (every year)"),
    "t2d-albuminuria": N_("Urine albumin/creatinine ratio (every year)"),
    "t2d-lipids": N_("Lipid panel (every year)"),
    "t2d-ecg": N_("Resting ECG (every year)"),
    "t2d-dental": N_("Dental check-up (every year)"),
    "t2d-flu": N_("Flu vaccine (every campaign)"),
    "t2d-pneumo": N_("Pneumococcal vaccine (one dose)"),
}


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    code: str  # stable, also the agenda mark code that says it was done
    label: str  # msgid
    status: str  # "due" (now or late), "upcoming", "done" (a single dose given)
    due_on: date | None  # None once a single dose is done
    last_done: date | None
    source: str

    def days_late(self, today: date) -> int:
        return max((today - self.due_on).days, 0) if self.due_on and self.status == "due" else 0


@cache
def plan_items() -> tuple[dict[str, Any], ...]:
    return tuple(load_json(PLAN_FILE)["items"])


def _month_day(text: str, year: int) -> date:
    month, day = (int(part) for part in text.split("-"))
    return date(year, month, day)


def _flu(item: dict[str, Any], last: date | None, today: date) -> tuple[str, date]:
    """Due from the opening of the running campaign unless done since; off-season: the next opening."""
    opening = _month_day(item["season"]["start"], today.year)
    if today < opening:
        opening = _month_day(item["season"]["start"], today.year - 1)
    closing = _month_day(item["season"]["end"], opening.year + 1)
    next_opening = _month_day(item["season"]["start"], opening.year + 1)
    if today >= closing or (last is not None and last >= opening):
        return "upcoming", next_opening
    return "due", opening


def _status(item: dict[str, Any], last: date | None, today: date) -> tuple[str, date | None]:
    if "season" in item:
        return _flu(item, last, today)
    if item.get("once"):
        return ("done", None) if last is not None else ("due", today)
    if last is None:
        return "due", today
    months = item["every"]["months"]
    due_on = add_months(last, months)
    return ("due" if due_on <= today else "upcoming"), due_on


def last_done(
    item: dict[str, Any],
    measurements: Iterable[Measurement],
    marks: Mapping[str, date],
    vaccinations: Iterable[tuple[str, date]],
    adult_from: date,
    today: date,
) -> date | None:
    """The latest date the item was done: a measurement of its kinds, its agenda mark, an adult dose."""
    kinds = set(item.get("measurements", ()))
    vaccines = set(item.get("vaccines", ()))
    days = [m.on for m in measurements if m.kind in kinds]
    days += [on for code, on in vaccinations if code in vaccines and on >= adult_from]
    if item["code"] in marks:
        days.append(marks[item["code"]])
    days = [d for d in days if d <= today]
    return max(days) if days else None


def due_items(
    today: date,
    *,
    birth_date: date,
    measurements: Iterable[Measurement] = (),
    marks: Mapping[str, date] | None = None,
    vaccinations: Iterable[tuple[str, date]] = (),
) -> list[FollowUpItem]:
    """Every item of the follow-up with its next due date, the ones due first.

    ``marks``: agenda item code -> date it was marked done (t2d-eye, t2d-foot, ...);
    ``vaccinations``: (vaccine code, date), as Immunization records say (``flu``, ``pcv``).
    """
    measured = list(measurements)
    given = list(vaccinations)
    adult_from = add_months(birth_date, ADULT_YEARS * 12)
    items = []
    for item in plan_items():
        last = last_done(item, measured, marks or {}, given, adult_from, today)
        status, due_on = _status(item, last, today)
        items.append(FollowUpItem(item["code"], LABELS[item["code"]], status, due_on, last, item["source"]))
    order = {"due": 0, "upcoming": 1, "done": 2}
    return sorted(items, key=lambda i: (order[i.status], i.due_on or date.max, i.code))

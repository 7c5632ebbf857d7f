"""The data of a growth chart: WHO lines, the child's points with their z-scores, and calm notes.

No Flet here, so it can be tested and timed alone (bench/growth.py). x is the age in months (0-2 and
0-5 year views) or in years (5-19), y the value in kg, cm or kg/m2.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from domain.errors import N_, ValidationError
from domain.growth import (
    DAYS_PER_MONTH,
    LAST_LENGTH_DAY,
    POSITION_CORRECTION_CM,
    bmi_category,
    curve,
    growth_age_days,
    implausible,
    reference,
    zscore,
)
from domain.models import Measurement, Profile
from services import records
from services.session import Session

INDICATOR_OF = {"weight": "wfa", "height": "lhfa", "head_circumference": "hcfa", "bmi": "bfa"}
MEASURES = tuple(INDICATOR_OF)
ENTERED = ("weight", "height", "head_circumference")  # BMI is computed from weight and height
# view -> (first day, last day, x unit, step between drawn ages in days)
VIEWS: dict[str, tuple[int, int, str, int]] = {
    "0-2": (0, 730, "months", 7),
    "0-5": (0, 1856, "months", 30),
    "5-19": (1857, 6939, "years", 91),
}
LINES_Z = (-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0)
MAJOR_LINES = (-3, -2, -1, 0, 1, 2, 3)
WATCH_Z = 2.0  # beyond +-2 SD a point is worth mentioning to the doctor
DAYS_PER_YEAR = 365.25

NOTE_LOW = N_("On {day} the point is below the -2 SD line. Talk to your doctor about it at the next visit.")
NOTE_HIGH = N_("On {day} the point is above the +2 SD line. Talk to your doctor about it at the next visit.")
NOTE_CROSSING = N_(
    "Between {start} and {end} the curve crossed two lines. Talk to your doctor about it at the next visit."
)
NOTE_CHECK = N_(
    "On {day} the value is far outside what WHO considers plausible for this age: please check the entry "
    "(probably a typing error)."
)
NOTE_OVERWEIGHT = N_(
    "On {day} the BMI is above the +1 SD line: overweight by WHO's definition for 5 to 19 years. "
    "Talk to your doctor about it at the next visit."
)
NOTE_OBESITY = N_(
    "On {day} the BMI is above the +2 SD line: obesity by WHO's definition for 5 to 19 years. "
    "Talk to your doctor about it at the next visit."
)
NOTE_CORRECTED = N_(
    "Born at {weeks} weeks: until 2 years the points are placed at the age corrected for prematurity "
    "(the age minus the weeks missing to 40)."
)
BMI_NOTES = {"overweight": NOTE_OVERWEIGHT, "obesity": NOTE_OBESITY}


@dataclass(frozen=True, slots=True)
class ChartPoint:
    on: date
    age_days: int  # the age the curves are read at: corrected for prematurity until 2 years
    x: float
    value: float
    z: float
    checked: bool = True  # False: beyond WHO's plausibility flags, probably a typing error


@dataclass(frozen=True, slots=True)
class Note:
    msgid: str
    on: date
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ChartData:
    measure: str
    view: str
    x_unit: str
    lines: list[tuple[float, list[tuple[float, float]]]]  # (z, [(x, y)])
    points: list[ChartPoint]
    notes: list[Note]
    min_x: float
    max_x: float
    min_y: float
    max_y: float


def views_for(measure: str, sex: str) -> list[str]:
    """The views the WHO references cover for this measure (no head circumference after 5 years)."""
    last = reference(INDICATOR_OF[measure], sex).last_day
    return [view for view, (first, *_rest) in VIEWS.items() if first <= last]


def default_view(birth_date: date, today: date) -> str:
    age = (today - birth_date).days
    return "0-2" if age <= 730 else "0-5" if age <= 1856 else "5-19"


def _x(day: int, unit: str) -> float:
    return day / (DAYS_PER_MONTH if unit == "months" else DAYS_PER_YEAR)


def bmi_series(birth_date: date, measurements: Iterable[Measurement]) -> list[tuple[date, float]]:
    """BMI on each day with both a weight and a length/height, the length put in the table's position."""
    weights: dict[date, float] = {}
    heights: dict[date, Measurement] = {}
    explicit: dict[date, float] = {}
    for m in measurements:
        if m.kind == "weight":
            weights[m.on] = m.value
        elif m.kind == "height":
            heights[m.on] = m
        elif m.kind == "bmi":
            explicit[m.on] = m.value
    for day, weight in weights.items():
        if day in heights and day not in explicit:
            explicit[day] = weight / (_table_height(heights[day], (day - birth_date).days) / 100.0) ** 2
    return sorted(explicit.items())


def _table_height(m: Measurement, age_days: int) -> float:
    if m.measured_lying is False and age_days <= LAST_LENGTH_DAY:
        return m.value + POSITION_CORRECTION_CM
    if m.measured_lying is True and age_days > LAST_LENGTH_DAY:
        return m.value - POSITION_CORRECTION_CM
    return m.value


def _points(
    profile: Profile, measure: str, measurements: list[Measurement], first: int, last: int, unit: str
) -> list[ChartPoint]:
    indicator = INDICATOR_OF[measure]
    if measure == "bmi":
        series: list[tuple[date, float, bool | None]] = [
            (day, value, None) for day, value in bmi_series(profile.birth_date, measurements)
        ]
    else:
        series = sorted((m.on, m.value, m.measured_lying) for m in measurements if m.kind == measure)
    points = []
    for on, value, lying in series:
        age = growth_age_days((on - profile.birth_date).days, profile.born_at_weeks)
        if first <= age <= last:  # a preterm baby's points before the expected term are not plotted
            z = zscore(indicator, profile.sex, age, value, lying)
            points.append(ChartPoint(on, age, _x(age, unit), value, z, not implausible(indicator, z)))
    return points


def notes_for(points: list[ChartPoint], measure: str = "") -> list[Note]:
    """A calm note per point beyond +-2 SD (for a BMI after 5 years: overweight beyond +1 SD, obesity
    beyond +2 SD), and per visit-to-visit change crossing two major lines. A point beyond WHO's
    plausibility flags only asks to check the entry: it says nothing about the child."""
    notes = []
    checked = [point for point in points if point.checked]
    for point in points:
        if not point.checked:
            notes.append(Note(NOTE_CHECK, point.on, {"day": point.on}))
            continue
        category = bmi_category(point.age_days, point.z) if measure == "bmi" else None
        if category is not None:
            notes.append(Note(BMI_NOTES[category], point.on, {"day": point.on}))
        elif point.z < -WATCH_Z:
            notes.append(Note(NOTE_LOW, point.on, {"day": point.on}))
        elif point.z > WATCH_Z:
            notes.append(Note(NOTE_HIGH, point.on, {"day": point.on}))
    for previous, point in zip(checked, checked[1:], strict=False):
        low, high = sorted((previous.z, point.z))
        if sum(1 for line in MAJOR_LINES if low < line < high) >= 2:
            notes.append(Note(NOTE_CROSSING, point.on, {"start": previous.on, "end": point.on}))
    return sorted(notes, key=lambda note: note.on)


def chart_data(profile: Profile, measurements: list[Measurement], measure: str, view: str) -> ChartData:
    if measure not in INDICATOR_OF:
        raise ValidationError("Unknown growth measure {measure!r}.", measure=measure)
    if view not in views_for(measure, profile.sex):
        raise ValidationError("The WHO curves of this measure do not cover the {view} years view.", view=view)
    first, last, unit, step = VIEWS[view]
    indicator = INDICATOR_OF[measure]
    last = min(last, reference(indicator, profile.sex).last_day)
    lines = [
        (z, [(_x(day, unit), value) for day, value in curve(indicator, profile.sex, z, first, last, step)])
        for z in LINES_Z
    ]
    points = _points(profile, measure, measurements, first, last, unit)
    values = [y for _z, line in lines[:: len(lines) - 1] for _x_, y in line] + [p.value for p in points]
    return ChartData(
        measure=measure,
        view=view,
        x_unit=unit,
        lines=lines,
        points=points,
        notes=_corrected_note(profile, points) + notes_for(points, measure),
        min_x=_x(first, unit),
        max_x=_x(last, unit),
        min_y=min(values),
        max_y=max(values),
    )


def _corrected_note(profile: Profile, points: list[ChartPoint]) -> list[Note]:
    weeks = profile.born_at_weeks
    if weeks is None or not any(p.age_days != (p.on - profile.birth_date).days for p in points):
        return []
    return [Note(NOTE_CORRECTED, profile.birth_date, {"weeks": weeks})]


def growth_chart(session: Session, profile: Profile, measure: str, view: str) -> ChartData:
    return chart_data(profile, records.list_records(session, profile.id, "measurement"), measure, view)


def add_growth_measurement(
    session: Session,
    profile: Profile,
    today: date,
    measure: str,
    value: float,
    on: date,
    lying: bool | None = None,
) -> Measurement:
    """A weight, length/height or head circumference of the growth tab, through the measurements' door
    (services/records.py: checked against the birth date, logged); ``lying`` says how a length was taken."""
    if measure not in ENTERED:
        raise ValidationError("Unknown growth measure {measure!r}.", measure=measure)
    lying = lying if measure == "height" else None
    return records.add_measurement(
        session, profile.id, today, kind=measure, value=value, on=on, measured_lying=lying
    )


def implausible_entry(
    profile: Profile, measure: str, value: float, on: date, lying: bool | None = None
) -> bool:
    """True when WHO would flag this value at the child's age as biologically implausible (102 kg at 13
    months: a typing error of 10,2): the screen asks to check it before saving. Outside the WHO tables'
    ages nothing is flagged (the measurement's own range still applies)."""
    indicator = INDICATOR_OF.get(measure)
    if indicator is None or value <= 0:
        return False
    age = growth_age_days((on - profile.birth_date).days, profile.born_at_weeks)
    if not 0 <= age <= reference(indicator, profile.sex).last_day:
        return False
    return implausible(indicator, zscore(indicator, profile.sex, age, value, lying))


def growth_entries(session: Session, profile: Profile, measure: str) -> list[Measurement]:
    """The entered measurements of one growth measure, newest first (to edit or delete them)."""
    found = [m for m in records.list_records(session, profile.id, "measurement") if m.kind == measure]
    return sorted(found, key=lambda m: m.on, reverse=True)


def update_growth_measurement(
    session: Session,
    profile: Profile,
    today: date,
    entry: Measurement,
    value: float,
    on: date,
    lying: bool | None,
) -> Measurement:
    """Corrects an entry through the measurements' door (checked again, logged as an update)."""
    updated = replace(entry, value=value, on=on, measured_lying=lying if entry.kind == "height" else None)
    with session.uow() as uow:
        records.update(uow, profile, updated, today)
        uow.commit()
    return updated


def delete_growth_measurement(session: Session, profile: Profile, entry: Measurement) -> None:
    records.delete_record(session, profile.id, entry)

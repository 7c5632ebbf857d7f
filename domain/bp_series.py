"""Blood pressure as a pair, and the guided home series ("règle des 3") with its mean.

Carnet stored blood pressure as two ``Measurement`` values of the same day (``systolic``,
``diastolic``), which cannot say which numbers go together, nor morning from evening. A reading is now
one ``BloodPressure`` record; ``to_measurements`` still gives the two values so that charts and the
FHIR mapping of single measures keep working, and ``pair_measurements`` reads old pairs back.

Home series: HAS/SFHTA "règle des 3" (fr-prevention.yaml, risk_detection.blood_pressure
.home_measurement_protocol.regle_des_3, VERIFIED_SECONDARY): 3 readings in the morning before breakfast
and medicines, 3 in the evening before bed, a minute or two apart, 3 days in a row, seated after 5
minutes of rest; the doctor reads the mean of all 18. ESC/ESH 2024 proposes 2+2 readings for 3 to 7
days without day 1; Carnet guides the règle des 3 (the issue asks for it) and averages every reading.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from domain.errors import ValidationError
from domain.models import MEASUREMENTS, Measurement, check_measured_on, new_id

MOMENTS = ("morning", "evening")
READINGS_PER_MOMENT = 3
SERIES_DAYS = 3
SERIES_SIZE = SERIES_DAYS * len(MOMENTS) * READINGS_PER_MOMENT  # 18


def _check_range(kind: str, value: float) -> None:
    _, _unit, low, high = MEASUREMENTS[kind]
    if not low <= value <= high:
        raise ValidationError(
            "{value} {unit} is outside the plausible range ({low} to {high} {unit}).",
            value=value,
            unit="mmHg" if kind != "heart_rate" else "/min",
            low=low,
            high=high,
        )


@dataclass(frozen=True, slots=True)
class BloodPressure:
    """One reading: systolic over diastolic (mmHg), with its place in a home series if it belongs to one."""

    systolic: float
    diastolic: float
    on: date
    moment: str = ""  # "morning" or "evening" in a home series; "" for a reading on its own
    rank: int = 0  # 1 to 3 within the moment of a home series; 0 otherwise
    series_id: str = ""  # the readings of one home series share it
    heart_rate: float | None = None
    note: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _check_range("systolic", self.systolic)
        _check_range("diastolic", self.diastolic)
        if self.heart_rate is not None:
            _check_range("heart_rate", self.heart_rate)
        if self.diastolic >= self.systolic:
            raise ValidationError(
                "The systolic pressure ({systolic}) must be higher than the diastolic one ({diastolic}).",
                systolic=self.systolic,
                diastolic=self.diastolic,
            )
        if self.moment not in ("", *MOMENTS):
            raise ValidationError("Unknown moment {moment!r}: choose morning or evening.", moment=self.moment)
        if not 0 <= self.rank <= READINGS_PER_MOMENT:
            raise ValidationError("A home series has 3 readings per morning or evening.")
        if self.on.year < 1900:
            raise ValidationError("The date {day} is not plausible.", day=self.on)

    def check(self, today: date, birth_date: date | None = None) -> BloodPressure:
        check_measured_on(self.on, today, birth_date)
        return self

    def to_measurements(self) -> tuple[Measurement, ...]:
        """The single measures of this reading (systolic, diastolic and heart rate if taken)."""
        values = [
            Measurement("systolic", self.systolic, self.on),
            Measurement("diastolic", self.diastolic, self.on),
        ]
        if self.heart_rate is not None:
            values.append(Measurement("heart_rate", self.heart_rate, self.on))
        return tuple(values)


def parse_pair(text: str) -> tuple[float, float]:
    """A reading typed as people write it: "120/80" (or "12/8", the way French people say it, read as
    120/80 only when both are below 30), "135 / 85", with a decimal comma if any."""
    parts = (text or "").replace(",", ".").replace("mmHg", "").split("/")
    try:
        high, low = (float(part) for part in parts)
    except ValueError as exc:
        raise ValidationError("{text!r} is not a blood pressure (expected 120/80).", text=text) from exc
    if high < 30 and low < 30:  # "12/8": centimetres of mercury, as the French say it
        high, low = high * 10, low * 10
    return high, low


def pair_measurements(measurements: Iterable[Measurement]) -> list[BloodPressure]:
    """Old-style systolic and diastolic measures of the same day, paired in the order they were given.

    A day with a systolic and no diastolic (or the reverse) has nothing to pair and gives no reading;
    the pairs are readings on their own (no moment, no series), oldest first.
    """
    by_day: dict[date, dict[str, list[float]]] = defaultdict(lambda: {"systolic": [], "diastolic": []})
    for m in measurements:
        if m.kind in ("systolic", "diastolic"):
            by_day[m.on][m.kind].append(m.value)
    pairs = []
    for day in sorted(by_day):
        for high, low in zip(by_day[day]["systolic"], by_day[day]["diastolic"], strict=False):
            if low < high:
                pairs.append(BloodPressure(high, low, day))
    return pairs


# -- the guided home series --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Slot:
    day: date
    moment: str
    rank: int


def plan(start: date) -> list[Slot]:
    """The 18 readings of a règle des 3 series starting on ``start``, in the order they are taken."""
    return [
        Slot(start + timedelta(days=offset), moment, rank)
        for offset in range(SERIES_DAYS)
        for moment in MOMENTS
        for rank in range(1, READINGS_PER_MOMENT + 1)
    ]


def next_slot(readings: Iterable[BloodPressure], start: date) -> Slot | None:
    """The first reading of the series still to take (None once the 18 are recorded)."""
    taken = {(r.on, r.moment, r.rank) for r in readings}
    return next((s for s in plan(start) if (s.day, s.moment, s.rank) not in taken), None)


@dataclass(frozen=True, slots=True)
class SeriesMean:
    series_id: str
    first_day: date
    last_day: date
    days: int  # distinct days with at least one reading
    count: int
    systolic: float  # mean, mmHg, one decimal
    diastolic: float

    @property
    def complete(self) -> bool:
        """The 18 readings of the règle des 3 on 3 days."""
        return self.count >= SERIES_SIZE and self.days >= SERIES_DAYS


def series_mean(readings: Iterable[BloodPressure]) -> SeriesMean:
    """The mean of every reading of one series (the doctor's reading of a règle des 3 series)."""
    items = list(readings)
    if not items:
        raise ValidationError("A home series needs at least one reading.")
    days = {r.on for r in items}
    return SeriesMean(
        series_id=items[0].series_id,
        first_day=min(days),
        last_day=max(days),
        days=len(days),
        count=len(items),
        systolic=round(sum(r.systolic for r in items) / len(items), 1),
        diastolic=round(sum(r.diastolic for r in items) / len(items), 1),
    )


def home_series(readings: Iterable[BloodPressure]) -> list[SeriesMean]:
    """The mean of each home series (readings grouped by ``series_id``), the latest series last."""
    groups: dict[str, list[BloodPressure]] = defaultdict(list)
    for r in readings:
        if r.series_id:
            groups[r.series_id].append(r)
    return sorted((series_mean(group) for group in groups.values()), key=lambda s: (s.last_day, s.first_day))

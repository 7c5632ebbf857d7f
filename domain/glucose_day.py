"""A day of glucose readings as one record: a sensor takes 96 to 288 readings a day, and one sealed
record (and one line of the access history) per reading would make a year of sensor data 35,000 to
100,000 records. The vault keeps one ``GlucoseDay`` per day instead; ``GlucoseReading`` stays the value
the statistics, the imports and the screens work with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from domain.errors import ValidationError
from domain.glucose import GlucoseReading
from domain.models import check_measured_on, new_id

Entry = tuple[str, float, str]  # ("07:30:00", mg/dL, source)


def _entry(item: Iterable[object]) -> Entry:
    at, value, source = item  # a list once read back from JSON
    return (str(at), float(value), str(source))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class GlucoseDay:
    on: date
    readings: tuple[Entry, ...] = ()  # sorted by time, one per minute at most
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        entries = tuple(sorted(_entry(e) for e in self.readings))
        for at, value, source in entries:  # each one checks itself (time and plausible value)
            GlucoseReading(datetime.combine(self.on, _time(at)), value, source)
        if len({at[:5] for at, _v, _s in entries}) != len(entries):
            raise ValidationError("Two glucose readings of the same minute.")
        object.__setattr__(self, "readings", entries)  # stored as lists in JSON, kept as tuples here

    def check(self, today: date, birth_date: date | None = None) -> GlucoseDay:
        check_measured_on(self.on, today, birth_date)
        return self

    def values(self) -> list[GlucoseReading]:
        return [GlucoseReading(datetime.combine(self.on, _time(at)), v, s) for at, v, s in self.readings]

    def merged(self, new: Iterable[GlucoseReading]) -> GlucoseDay:
        """This day with ``new`` readings added (a reading of a minute already recorded is not)."""
        known = {at[:5] for at, _v, _s in self.readings}
        added = []
        for r in new:
            stamp = r.at.strftime("%H:%M:%S")
            if r.at.date() == self.on and stamp[:5] not in known:
                known.add(stamp[:5])
                added.append((stamp, r.mg_dl, r.source))
        return GlucoseDay(self.on, (*self.readings, *added), self.id)


def _time(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError("{text!r} is not a valid time (expected HH:MM).", text=text) from exc


def by_day(readings: Iterable[GlucoseReading]) -> dict[date, list[GlucoseReading]]:
    days: dict[date, list[GlucoseReading]] = defaultdict(list)
    for r in readings:
        days[r.at.date()].append(r)
    return dict(days)

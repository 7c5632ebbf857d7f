"""Statistics of a glucose series from a sensor (CGM) or a meter, as the one-page AGP report shows them.

Values are in mg/dL, the unit of the consensus and of Mon espace santé (lab glucose is stored in g/L:
1 g/L = 100 mg/dL). Ranges, targets and the GMI formula are data (assets/risk/cgm.json, International
Consensus on Time in Range 2019): time in range 70-180 mg/dL, below (< 70, of which < 54) and above
(> 180, of which > 250), mean, standard deviation, coefficient of variation and GMI. Times are shares of
the readings, which is what the consensus reports when readings are evenly spaced (5 or 15 minutes).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from domain.errors import ValidationError
from domain.models import new_id
from domain.reference import load_json

CGM_FILE = "risk/cgm.json"
MG_DL_PER_MMOL = 18.016  # glucose 180.16 g/mol
PLAUSIBLE_MG_DL = (10.0, 1000.0)  # sensors read 40-400, meters 20-600: outside is a typing or unit error


@cache
def cgm() -> dict[str, Any]:
    return load_json(CGM_FILE)


@dataclass(frozen=True, slots=True)
class GlucoseReading:
    at: datetime
    mg_dl: float
    source: str = ""  # where it came from: "libreview", "dexcom", "meter", "fhir", ...
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        low, high = PLAUSIBLE_MG_DL
        if not low <= self.mg_dl <= high:
            raise ValidationError(
                "{value} mg/dL is outside the plausible range ({low} to {high} mg/dL).",
                value=self.mg_dl,
                low=low,
                high=high,
            )

    @property
    def g_per_l(self) -> float:
        return round(self.mg_dl / 100, 3)


@dataclass(frozen=True, slots=True)
class GlucoseStats:
    count: int
    first: datetime
    last: datetime
    days: int  # calendar days from the first reading to the last, both included
    days_with_data: int
    active_percent: float | None  # share of the period covered by readings; None when it cannot be told
    mean: float  # mg/dL
    sd: float
    cv: float  # %
    gmi: float  # %
    very_low: float  # % of readings < 54
    low: float  # 54-69
    in_range: float  # 70-180
    high: float  # 181-250 (> 180 and <= 250)
    very_high: float  # > 250

    @property
    def below(self) -> float:
        return round(self.very_low + self.low, 1)

    @property
    def above(self) -> float:
        return round(self.high + self.very_high, 1)

    def meets(self, targets: str = "targets_adults_t1d_t2d") -> dict[str, bool]:
        """Each consensus target of ``targets`` met or not (in_range, below, very_low, above, ...)."""
        goal = cgm()[targets]
        checks = {
            "in_range": ("in_range_above", lambda v, t: v > t, self.in_range),
            "below": ("below_under", lambda v, t: v < t, self.below),
            "very_low": ("very_low_under", lambda v, t: v < t, self.very_low),
            "above": ("above_under", lambda v, t: v < t, self.above),
            "very_high": ("very_high_under", lambda v, t: v < t, self.very_high),
            "cv": ("cv_at_most", lambda v, t: v <= t, self.cv),
        }
        return {name: test(value, goal[key]) for name, (key, test, value) in checks.items() if key in goal}


def _share(part: int, total: int) -> float:
    return round(100 * part / total, 1)


def _interval(times: list[datetime]) -> timedelta | None:
    """The usual gap between readings (median), if the series looks like a sensor's."""
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:], strict=False) if b > a]
    if len(gaps) < 2:
        return None
    return timedelta(seconds=statistics.median(gaps))


def gmi(mean_mg_dl: float) -> float:
    """Glucose management indicator (%), an estimate of the HbA1c expected from the mean (Bergenstal 2018)."""
    formula = cgm()["gmi"]
    return round(formula["intercept"] + formula["slope_per_mg_dl"] * mean_mg_dl, 1)


def statistics_of(
    readings: Iterable[GlucoseReading], start: date | None = None, end: date | None = None
) -> GlucoseStats:
    """The AGP statistics of the readings from ``start`` to ``end`` (days included)."""
    chosen = sorted(
        (
            r
            for r in readings
            if (start is None or r.at.date() >= start) and (end is None or r.at.date() <= end)
        ),
        key=lambda r: r.at,
    )
    if not chosen:
        raise ValidationError("There are no glucose readings for this period.")
    values = [r.mg_dl for r in chosen]
    limits = cgm()["ranges"]
    bands = [0, 0, 0, 0, 0]
    for v in values:
        if v < limits["very_low_below"]:
            bands[0] += 1
        elif v < limits["low_below"]:
            bands[1] += 1
        elif v <= limits["high_above"]:
            bands[2] += 1
        elif v <= limits["very_high_above"]:
            bands[3] += 1
        else:
            bands[4] += 1
    times = [r.at for r in chosen]
    mean = statistics.fmean(values)
    sd = statistics.pstdev(values)
    span_days = (times[-1].date() - times[0].date()).days + 1
    step = _interval(times)
    active = None
    if step:
        covered = len(set(times)) * step
        active = round(min(100.0, 100 * covered / (times[-1] - times[0] + step)), 1)
    return GlucoseStats(
        count=len(values),
        first=times[0],
        last=times[-1],
        days=span_days,
        days_with_data=len({t.date() for t in times}),
        active_percent=active,
        mean=round(mean, 1),
        sd=round(sd, 1),
        cv=round(100 * sd / mean, 1),
        gmi=gmi(mean),
        very_low=_share(bands[0], len(values)),
        low=_share(bands[1], len(values)),
        in_range=_share(bands[2], len(values)),
        high=_share(bands[3], len(values)),
        very_high=_share(bands[4], len(values)),
    )


def hourly_profile(readings: Iterable[GlucoseReading]) -> dict[int, tuple[float, float, float, float, float]]:
    """The modal day of the AGP: for each hour 0-23 with data, the 10th, 25th, 50th, 75th and 90th
    percentiles (mg/dL) of every reading taken in that hour, whatever the day."""
    by_hour: dict[int, list[float]] = defaultdict(list)
    for r in readings:
        by_hour[r.at.hour].append(r.mg_dl)
    profile = {}
    for hour, values in sorted(by_hour.items()):
        if len(values) < 2:
            profile[hour] = (values[0],) * 5
            continue
        deciles = statistics.quantiles(values, n=20, method="inclusive")  # 5 % steps
        p10, p25, p50, p75, p90 = (round(deciles[i], 1) for i in (1, 4, 9, 14, 17))
        profile[hour] = (p10, p25, p50, p75, p90)
    return profile


def daily(readings: Iterable[GlucoseReading]) -> dict[date, list[GlucoseReading]]:
    """The readings of each day, in time order (the daily overlay of the report)."""
    days: dict[date, list[GlucoseReading]] = defaultdict(list)
    for r in sorted(readings, key=lambda r: r.at):
        days[r.at.date()].append(r)
    return dict(days)

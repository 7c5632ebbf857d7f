"""Timing of the WHO growth engine: run ``python bench/growth.py`` from the repository root.

Targets: 10,000 z-scores in <= 50 ms; the data of a 5-year growth chart (7 SD lines day by day plus
~30 child points with their z-scores) in <= 20 ms. Prints min and median of repeated runs, asserts
nothing: the figures are for people, on whatever machine runs them.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.growth import INDICATORS, SEXES, curve, reference, zscore  # noqa: E402
from domain.models import Measurement, Profile  # noqa: E402
from services.growth_charts import chart_data  # noqa: E402

REPEATS = 30
VALUES = {"wfa": (3.0, 25.0), "lhfa": (48.0, 120.0), "hcfa": (33.0, 52.0), "bfa": (12.0, 20.0)}


def timed(label: str, work: Callable[[], object], target_ms: float) -> None:
    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        work()
        runs.append((time.perf_counter() - start) * 1000)
    median = statistics.median(runs)
    print(f"{label:<44} min {min(runs):7.2f} ms   median {median:7.2f} ms   (target <= {target_ms:g})")


def cold_load() -> float:
    # Must run before anything else touches the tables: it measures the lazy first read.
    start = time.perf_counter()
    for indicator in INDICATORS:
        for sex in SEXES:
            reference(indicator, sex)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    rng = random.Random(2026)
    cases = []
    for _ in range(10_000):
        indicator = rng.choice(INDICATORS)
        low, high = VALUES[indicator]
        cases.append((indicator, rng.choice(SEXES), rng.uniform(0, 1856), rng.uniform(low, high)))
    older = []
    for _ in range(10_000):
        indicator = rng.choice(("lhfa", "bfa"))  # the two that reach 19 years
        older.append(
            (indicator, rng.choice(SEXES), rng.uniform(1857, 6939), 140.0 if indicator == "lhfa" else 18.0)
        )
    child = [(day, 3.3 + day * 0.01) for day in range(0, 1827, 61)]  # ~30 weights over five years

    def many_zscores() -> None:
        for indicator, sex, age, value in cases:
            zscore(indicator, sex, age, value)

    def many_older_zscores() -> None:
        for indicator, sex, age, value in older:
            zscore(indicator, sex, age, value)

    def chart() -> tuple[list, list]:
        lines = [curve("wfa", "F", z, 0, 1826, 1) for z in (-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0)]
        points = [(day, weight, zscore("wfa", "F", day, weight)) for day, weight in child]
        return lines, points

    # What the Enfant screen builds: services.growth_charts over a 5-year history (60 monthly visits
    # with weight and height), 7 SD lines, z-scores, BMI from weight and height, and the notes.
    born = date(2020, 1, 1)
    girl = Profile("Bench", "Child", born, "F", role="child")
    history = []
    for month in range(60):
        on = born + timedelta(days=round(month * 30.4375))
        history.append(Measurement("weight", 3.3 + month * 0.25, on))
        history.append(Measurement("height", 50.0 + month * 1.0, on, measured_lying=month < 24))

    def service_chart(measure: str) -> Callable[[], object]:
        return lambda: chart_data(girl, history, measure, "0-5")

    print(f"{'first use: read all 8 tables':<44} {cold_load():7.2f} ms (once per process)")
    timed("10,000 z-scores (random indicator/sex/age)", many_zscores, 50)
    timed("10,000 z-scores after 5 y (interpolated LMS)", many_older_zscores, 50)
    timed("5-year chart: 7 lines x 1827 days + 30 points", chart, 20)
    timed("service: weight chart, 5-year history (60 pts)", service_chart("weight"), 20)
    timed("service: BMI chart, 5-year history (60 pts)", service_chart("bmi"), 20)


if __name__ == "__main__":
    main()

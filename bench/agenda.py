"""Benchmark of the prevention-calendar engine (domain.agenda). Prints figures, asserts nothing.

Run: .venv/bin/python bench/agenda.py
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from domain.agenda import recommended  # noqa: E402

TODAY = date(2026, 3, 1)
RUNS = 200


def family() -> list[dict]:
    """Six profiles of various ages; the mother is pregnant when domain.pregnancy exists."""
    try:
        import domain.pregnancy  # noqa: F401

        lmp: date | None = date(2025, 12, 1)
    except ImportError:
        lmp = None
    return [
        {"birth_date": date(1988, 4, 12), "sex": "F", "pregnancy_lmp": lmp},
        {"birth_date": date(1986, 9, 30), "sex": "M"},
        {"birth_date": date(2025, 11, 3), "sex": "F", "done": [("vax-hexa-1", date(2026, 1, 5))]},
        {"birth_date": date(2020, 2, 29), "sex": "M"},
        {"birth_date": date(2011, 6, 15), "sex": "F"},
        {"birth_date": date(1949, 1, 31), "sex": "F", "done": [("vax-zoster-1", date(2025, 11, 3))]},
    ]


def bench_family_plan() -> None:
    """Time to compute the plan of a family of 6 profiles (rule files already parsed and cached)."""
    profiles = family()
    for profile in profiles:  # warm-up: parse and cache the rule files once
        recommended(today=TODAY, **profile)
    timings = []
    items = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        items = sum(len(recommended(today=TODAY, **profile)) for profile in profiles)
        timings.append((time.perf_counter() - start) * 1000)
    pregnant = "with" if profiles[0].get("pregnancy_lmp") else "without"
    per_profile = [t / len(profiles) for t in timings]
    print(f"agenda: family of {len(profiles)} profiles ({pregnant} a pregnancy), {items} items, {RUNS} runs")
    print(f"  family:      min {min(timings):.2f} ms, median {statistics.median(timings):.2f} ms")
    print(f"  per profile: min {min(per_profile):.2f} ms, median {statistics.median(per_profile):.2f} ms")


def bench_ten_years_of_reminders() -> None:
    """Time to schedule 10 years of reminders for the family: plans, reminders (30/7 days before each
    window, 1 day before each of 120 appointments), sorted by firing day over [today, today + 10 years)."""
    from datetime import datetime, timedelta

    from domain.models import Appointment
    from domain.reminders import appointment_reminders, schedule, window_reminders

    profiles = family()
    appointments = [
        Appointment(datetime(2026, 3, 2, 9) + timedelta(days=30 * n), professional="Dr") for n in range(120)
    ]
    end = date(TODAY.year + 10, TODAY.month, TODAY.day)

    def ten_years() -> int:
        reminders = []
        for number, profile in enumerate(profiles):
            items = recommended(today=TODAY, **profile)
            reminders += window_reminders(str(number), items)
            reminders += appointment_reminders(str(number), appointments[number :: len(profiles)])
        return len(schedule(reminders, TODAY, end))

    ten_years()
    timings, count = [], 0
    for _ in range(RUNS // 4):
        start = time.perf_counter()
        count = ten_years()
        timings.append((time.perf_counter() - start) * 1000)
    print(f"reminders: 10 years, family of {len(profiles)}, {count} reminders, {RUNS // 4} runs (<= 50 ms)")
    print(
        f"  schedule:    min {min(timings):.2f} ms, median {statistics.median(timings):.2f} ms, "
        f"max {max(timings):.2f} ms"
    )


if __name__ == "__main__":
    bench_family_plan()
    bench_ten_years_of_reminders()

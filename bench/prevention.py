"""Benchmark of the prevention advice engine (domain.prevention). Prints figures, asserts nothing.

Run: .venv/bin/python bench/prevention.py

A family of 6 with every habit answered; the target of issue 14 is at most 5 ms per profile
(median), rules already parsed and cached (as in the running app).
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

from domain.campaigns import campaigns_on  # noqa: E402
from domain.habits import AdultHabits, ChildHabits  # noqa: E402
from domain.prevention import Person, advice  # noqa: E402
from domain.selftests import fagerstrom, phq2  # noqa: E402

TODAY = date(2026, 11, 15)
RUNS = 300


def adult_habits(**changes: object) -> AdultHabits:
    answers: dict[str, object] = {
        "fruit_veg": "not_daily",
        "fatty": "weekly",
        "sugary": "daily",
        "salt_added": True,
        "active_regularly": True,
        "active_days": "1-2",
        "sitting": "work",
        "tobacco": "no",
        "vaping": "no",
        "sleep_quality": "sometimes_bad",
        "sleep_hours": 6.5,
        "screen_before_sleep": "daily",
        "screen_hours": 2.5,
        "audit_c": (2, 1, 1),
        "drinks_per_week": 7,
    }
    answers.update(changes)
    return AdultHabits(recorded_on=date(2026, 11, 1), **answers)  # type: ignore[arg-type]


def child_habits(**answers: object) -> ChildHabits:
    return ChildHabits(recorded_on=date(2026, 11, 1), **answers)  # type: ignore[arg-type]


def family() -> dict[str, Person]:
    baby, child, teen = date(2026, 6, 10), date(2022, 3, 3), date(2011, 9, 1)
    kids = (baby, child, teen)
    return {
        "mother, 38, pregnant": Person(
            date(1988, 4, 12), "F", pregnant=True, habits=adult_habits(), children_birth_dates=kids
        ),
        "father, 52, smoker": Person(
            date(1974, 3, 2),
            "M",
            habits=adult_habits(tobacco="daily", cigarettes_per_day=20, started_smoking=date(1992, 1, 1)),
            selftests=(fagerstrom((1, 2)),),
            children_birth_dates=kids,
        ),
        "baby, 5 months": Person(
            baby, "F", habits=child_habits(screen_minutes=30, screens_at_meals_or_bed=True, sleep_hours=11.0)
        ),
        "child, 4": Person(
            child,
            "M",
            habits=child_habits(
                screen_minutes=120, screens_at_meals_or_bed=False, sleep_hours=9.5, active_minutes=90
            ),
        ),
        "teen, 15": Person(teen, "F", habits=adult_habits(audit_c=(1, 0, 0), sleep_hours=7.0)),
        "grandmother, 68": Person(
            date(1958, 2, 20),
            "F",
            habits=adult_habits(sleep_quality="often_bad"),
            selftests=(phq2((1, 1)),),
            icope_positive=frozenset({"mobility", "hearing"}),
            icope_dates=(date(2026, 9, 30),),
            at_risk=True,
        ),
    }


def main() -> None:
    people = family()
    for person in people.values():  # warm-up: parse and cache the rule files once
        advice(person, TODAY)
    print(f"Advice for a family of 6 with full habits, {RUNS} runs each, rules cached ({TODAY}):")
    medians = []
    for name, person in people.items():
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            cards = advice(person, TODAY)
            timings.append(time.perf_counter() - start)
        median = statistics.median(timings) * 1000
        medians.append(median)
        print(f"  {name:22} {median:6.3f} ms median  ({len(cards)} cards: {', '.join(c.id for c in cards)})")
    print(f"  worst profile median: {max(medians):.3f} ms per profile (target <= 5 ms)")
    start = time.perf_counter()
    for _ in range(RUNS):
        for person in people.values():
            campaigns_on(person, TODAY)
    per_profile = (time.perf_counter() - start) / (RUNS * len(people)) * 1000
    print(f"  campaigns for one profile: {per_profile:.3f} ms (mean)")


if __name__ == "__main__":
    main()

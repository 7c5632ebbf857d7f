"""Lifestyle habits: the records check their answers against the question data, their dates against
the birth date and today, and the form matches the age (the parent answers for a child)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from domain.errors import ValidationError
from domain.habits import (
    ADULT,
    CHILD,
    AdultHabits,
    ChildHabits,
    activity_minimum,
    form_for,
    questions,
    sleep_range,
)

TODAY = date(2026, 12, 3)
ADULT_BIRTH = date(1980, 5, 4)


def test_every_record_field_is_a_question_and_every_question_a_field():
    for form, record in ((ADULT, AdultHabits), (CHILD, ChildHabits)):
        names = {f.name for f in fields(record)} - {"recorded_on"}
        assert {q.id for q in questions(form)} == names


def test_a_full_adult_record_is_accepted_and_checked():
    habits = AdultHabits(
        recorded_on=TODAY,
        fruit_veg="not_daily",
        fatty="weekly",
        sugary="daily",
        salt_added=True,
        active_regularly=True,
        active_days="3-4",
        sitting="work",
        tobacco="daily",
        cigarettes_per_day=15,
        started_smoking=date(2000, 1, 1),
        vaping="no",
        sleep_quality="often_bad",
        sleep_hours=6.5,
        screen_before_sleep="daily",
        screen_hours=2.0,
        audit_c=(2, 1, 0),
        drinks_per_week=6,
    )
    assert habits.check(ADULT_BIRTH, TODAY) is habits


@pytest.mark.parametrize(
    "changes",
    [
        {"fruit_veg": "sometimes"},
        {"salt_added": "yes"},
        {"sleep_hours": 25.0},
        {"sleep_hours": -1.0},
        {"sleep_hours": float("nan")},
        {"drinks_per_week": 2.5},
        {"drinks_per_week": True},
        {"audit_c": (5, 0, 0)},
        {"audit_c": (1, 1)},
        {"started_smoking": "2000"},
    ],
)
def test_answers_outside_the_allowed_ones_are_refused(changes):
    with pytest.raises(ValidationError):
        AdultHabits(recorded_on=TODAY, tobacco="occasional", **changes)


def test_cigarettes_a_day_are_only_asked_of_daily_smokers():
    AdultHabits(recorded_on=TODAY, tobacco="daily", cigarettes_per_day=1)
    with pytest.raises(ValidationError):
        AdultHabits(recorded_on=TODAY, tobacco="occasional", cigarettes_per_day=3)
    with pytest.raises(ValidationError):
        AdultHabits(recorded_on=TODAY, tobacco="daily", cigarettes_per_day=0)


def test_the_stop_date_is_only_for_former_smokers_and_comes_after_the_start():
    AdultHabits(
        recorded_on=TODAY,
        tobacco="former",
        started_smoking=date(1999, 1, 1),
        stopped_smoking=date(2020, 1, 1),
    )
    with pytest.raises(ValidationError):
        AdultHabits(recorded_on=TODAY, tobacco="daily", stopped_smoking=date(2020, 1, 1))
    with pytest.raises(ValidationError):
        AdultHabits(recorded_on=TODAY, tobacco="no", started_smoking=date(2020, 1, 1))
    with pytest.raises(ValidationError):
        AdultHabits(
            recorded_on=TODAY,
            tobacco="former",
            started_smoking=date(2021, 1, 1),
            stopped_smoking=date(2020, 1, 1),
        )


def test_dates_in_the_future_or_before_birth_are_refused():
    with pytest.raises(ValidationError):
        AdultHabits(recorded_on=date(2027, 1, 1)).check(ADULT_BIRTH, TODAY)
    with pytest.raises(ValidationError):
        AdultHabits(recorded_on=TODAY, tobacco="daily", started_smoking=date(1979, 1, 1)).check(
            ADULT_BIRTH, TODAY
        )
    with pytest.raises(ValidationError):
        AdultHabits(recorded_on=TODAY, tobacco="former", stopped_smoking=date(2027, 1, 1)).check(
            ADULT_BIRTH, TODAY
        )


def test_the_adult_form_starts_at_12_and_the_child_form_stops_there():
    birth = date(2014, 12, 4)  # 11 today, 12 tomorrow
    assert form_for(birth, TODAY) == CHILD
    assert form_for(birth, date(2026, 12, 4)) == ADULT
    with pytest.raises(ValidationError):
        AdultHabits(recorded_on=TODAY).check(birth, TODAY)
    ChildHabits(recorded_on=TODAY, screen_minutes=60).check(birth, TODAY)
    with pytest.raises(ValidationError):
        ChildHabits(recorded_on=date(2026, 12, 4)).check(birth, date(2026, 12, 4))


def test_activity_is_asked_of_the_parent_only_once_the_child_walks():
    baby = date(2026, 5, 1)
    assert [q.id for q in questions(CHILD, 7)] == ["screen_minutes", "screens_at_meals_or_bed", "sleep_hours"]
    assert "active_minutes" in [q.id for q in questions(CHILD, 12)]
    with pytest.raises(ValidationError):
        ChildHabits(recorded_on=TODAY, active_minutes=60).check(baby, TODAY)


def test_child_answers_are_checked_too():
    with pytest.raises(ValidationError):
        ChildHabits(recorded_on=TODAY, screen_minutes=-5)
    with pytest.raises(ValidationError):
        ChildHabits(recorded_on=TODAY, screens_at_meals_or_bed="often")


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        (0, (14, 17)),
        (3, (14, 17)),
        (4, (12, 15)),
        (24, (11, 14)),
        (72, (9, 11)),
        (168, (8, 10)),
        (216, (7, 9)),
        (780, (7, 8)),
    ],
)
def test_sleep_ranges_follow_the_age_table(months, expected):
    assert sleep_range(months) == expected


def test_activity_minimum_is_3_hours_before_5_and_1_hour_from_5():
    assert activity_minimum(11) is None
    assert activity_minimum(12) == 180
    assert activity_minimum(59) == 180
    assert activity_minimum(60) == 60


def test_pack_years_count_packs_of_20_a_day_times_years_of_daily_smoking():
    habits = AdultHabits(
        recorded_on=TODAY, tobacco="daily", cigarettes_per_day=30, started_smoking=date(2006, 12, 3)
    )
    assert habits.pack_years(TODAY) == 30.0
    assert AdultHabits(recorded_on=TODAY, tobacco="occasional").pack_years(TODAY) is None


def test_facts_expose_answers_and_what_derives_from_them():
    habits = AdultHabits(
        recorded_on=TODAY, tobacco="former", stopped_smoking=date(2026, 6, 3), audit_c=(1, 2, 1)
    )
    found = habits.facts(TODAY)
    assert (found["tobacco"], found["months_since_stopping"], found["audit_c_score"]) == ("former", 6, 4)
    assert ChildHabits(recorded_on=TODAY, screen_minutes=90).facts(TODAY)["child_screen_minutes"] == 90

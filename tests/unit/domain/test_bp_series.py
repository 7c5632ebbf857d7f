"""Blood pressure as a pair, and the "règle des 3" home series with its mean."""

from datetime import date

import pytest

from domain.bp_series import (
    SERIES_SIZE,
    BloodPressure,
    home_series,
    next_slot,
    pair_measurements,
    plan,
    series_mean,
)
from domain.errors import ValidationError
from domain.models import Measurement

START = date(2026, 11, 2)


def full_series(systolic: float, diastolic: float, series_id: str = "s1", start: date = START):
    return [BloodPressure(systolic, diastolic, s.day, s.moment, s.rank, series_id) for s in plan(start)]


def test_the_rule_of_3_is_3_readings_morning_and_evening_for_3_days():
    slots = plan(START)
    assert len(slots) == SERIES_SIZE == 18
    assert [(s.day, s.moment, s.rank) for s in slots[:4]] == [
        (START, "morning", 1),
        (START, "morning", 2),
        (START, "morning", 3),
        (START, "evening", 1),
    ]
    assert slots[-1].day == date(2026, 11, 4) and slots[-1].moment == "evening" and slots[-1].rank == 3


def test_the_next_reading_to_take_follows_the_ones_already_taken():
    taken = full_series(130, 80)[:7]
    assert next_slot(taken, START) == plan(START)[7]
    assert next_slot(full_series(130, 80), START) is None


def test_the_mean_is_the_mean_of_every_reading():
    readings = full_series(130, 80)[:9] + full_series(140, 90)[9:]
    mean = series_mean(readings)
    assert (mean.systolic, mean.diastolic) == (135.0, 85.0)
    assert (mean.count, mean.days, mean.first_day, mean.last_day) == (18, 3, START, date(2026, 11, 4))
    assert mean.complete


def test_the_mean_is_rounded_to_one_decimal():
    readings = [BloodPressure(131, 81, START), BloodPressure(132, 80, START), BloodPressure(132, 80, START)]
    mean = series_mean(readings)
    assert (mean.systolic, mean.diastolic) == (131.7, 80.3)
    assert not mean.complete


def test_an_empty_series_has_no_mean():
    with pytest.raises(ValidationError):
        series_mean([])


def test_readings_are_grouped_by_series_the_latest_last():
    older = full_series(150, 95, "old", date(2026, 1, 5))
    newer = full_series(120, 75, "new")
    alone = BloodPressure(160, 100, START)
    means = home_series([*newer, alone, *older])
    assert [m.series_id for m in means] == ["old", "new"]
    assert means[-1].systolic == 120.0


@pytest.mark.parametrize(
    ("systolic", "diastolic", "moment", "rank"),
    [(80, 90, "", 0), (120, 120, "", 0), (30, 20, "", 0), (120, 80, "noon", 0), (120, 80, "morning", 4)],
)
def test_an_impossible_reading_is_refused(systolic, diastolic, moment, rank):
    with pytest.raises(ValidationError):
        BloodPressure(systolic, diastolic, START, moment, rank)


def test_a_reading_gives_the_single_measures_charts_already_use():
    kinds = [(m.kind, m.value, m.on) for m in BloodPressure(128, 82, START, heart_rate=64).to_measurements()]
    assert kinds == [("systolic", 128, START), ("diastolic", 82, START), ("heart_rate", 64, START)]


def test_old_single_measures_of_the_same_day_are_paired():
    measures = [
        Measurement("systolic", 128, START),
        Measurement("diastolic", 81, START),
        Measurement("systolic", 150, date(2026, 11, 3)),  # no diastolic that day: nothing to pair
    ]
    pairs = pair_measurements(measures)
    assert [(p.systolic, p.diastolic, p.on, p.series_id) for p in pairs] == [(128, 81, START, "")]

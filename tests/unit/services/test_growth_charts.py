"""The data behind the growth charts: WHO lines, the child's points, BMI and the calm notes.

Reference values are WHO's (Child Growth Standards, boys' weight-for-age): at birth the median is
3.3464 kg, -2 SD about 2.5 kg and +2 SD about 4.4 kg.
"""

from datetime import date, timedelta

import pytest

from domain.errors import ValidationError
from domain.models import Measurement, Profile
from services import records
from services.growth_charts import (
    NOTE_CROSSING,
    NOTE_HIGH,
    NOTE_LOW,
    add_growth_measurement,
    bmi_series,
    chart_data,
    default_view,
    growth_chart,
    views_for,
)

from .conftest import TODAY

BORN = date(2025, 1, 1)
BOY = Profile("Paul", "Martin", BORN, "M", role="child")


def weight(days, kg):
    return Measurement("weight", kg, BORN + timedelta(days=days))


def test_the_median_line_starts_at_the_who_birth_median_and_seven_lines_are_drawn():
    data = chart_data(BOY, [], "weight", "0-2")
    assert [z for z, _ in data.lines] == [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0]
    median = dict(data.lines)[0.0]
    assert median[0] == (0.0, pytest.approx(3.3464))
    assert median[-1][0] == pytest.approx(730 / 30.4375)  # the 0-2 view ends on day 730, in months
    assert data.min_y < 2.1 and data.max_y > 15.0


def test_a_steady_child_has_points_with_z_scores_and_no_note():
    data = chart_data(BOY, [weight(2, 3.4), weight(61, 5.5), weight(122, 6.9)], "weight", "0-2")
    assert [p.age_days for p in data.points] == [2, 61, 122]
    assert all(-1 < p.z < 1 for p in data.points)
    assert data.notes == []


def test_points_outside_the_view_are_left_out():
    data = chart_data(BOY, [weight(2, 3.4), weight(800, 12.0)], "weight", "0-2")
    assert [p.age_days for p in data.points] == [2]
    assert [p.age_days for p in chart_data(BOY, [weight(800, 12.0)], "weight", "0-5").points] == [800]


def test_a_point_below_minus_two_sd_or_above_plus_two_gets_a_calm_note():
    low = chart_data(BOY, [weight(0, 2.3)], "weight", "0-2")
    assert [(n.msgid, n.on) for n in low.notes] == [(NOTE_LOW, BORN)]
    high = chart_data(BOY, [weight(0, 4.6)], "weight", "0-2")
    assert [n.msgid for n in high.notes] == [NOTE_HIGH]
    assert "doctor" in NOTE_LOW and "!" not in NOTE_LOW + NOTE_HIGH + NOTE_CROSSING


def test_falling_across_two_major_lines_between_visits_gets_a_note():
    data = chart_data(BOY, [weight(61, 5.8), weight(122, 5.9)], "weight", "0-2")
    assert data.points[0].z > 0 and -2 < data.points[1].z < -1
    assert [(n.msgid, n.params) for n in data.notes] == [
        (NOTE_CROSSING, {"start": BORN + timedelta(days=61), "end": BORN + timedelta(days=122)})
    ]


def test_bmi_comes_from_weight_and_length_of_the_same_day_with_the_position_correction():
    lying = Measurement("height", 75.4, BORN + timedelta(days=366), measured_lying=True)
    standing = Measurement("height", 57.4, BORN + timedelta(days=61), measured_lying=False)
    series = bmi_series(BORN, [weight(366, 9.5), lying, weight(61, 5.5), standing, weight(200, 8.0)])
    assert series == [
        (BORN + timedelta(days=61), pytest.approx(5.5 / 0.581**2)),  # standing before 2 years: +0.7 cm
        (BORN + timedelta(days=366), pytest.approx(9.5 / 0.754**2)),
    ]


def test_head_circumference_has_no_curve_after_five_years():
    assert views_for("head_circumference", "F") == ["0-2", "0-5"]
    assert views_for("bmi", "F") == ["0-2", "0-5", "5-19"]
    with pytest.raises(ValidationError):
        chart_data(BOY, [], "head_circumference", "5-19")


def test_the_school_age_view_is_in_years_and_weight_stops_at_ten():
    data = chart_data(BOY, [], "weight", "5-19")
    assert data.x_unit == "years"
    assert data.max_x == pytest.approx(3652 / 365.25)
    assert chart_data(BOY, [], "height", "5-19").max_x == pytest.approx(6939 / 365.25)


def test_the_default_view_follows_the_age():
    assert default_view(BORN, date(2026, 6, 1)) == "0-2"
    assert default_view(BORN, date(2028, 6, 1)) == "0-5"
    assert default_view(BORN, date(2033, 6, 1)) == "5-19"


def test_a_weight_added_in_place_is_stored_and_plotted(session):
    child = records.add_profile(
        session, TODAY, first_name="Paul", last_name="Martin", birth_date=BORN, sex="M", role="child"
    )
    add_growth_measurement(session, child, TODAY, "weight", 9.6, date(2025, 12, 20))
    add_growth_measurement(session, child, TODAY, "height", 76.0, date(2025, 12, 20), lying=True)
    data = growth_chart(session, child, "weight", "0-2")
    assert [(p.on, p.value) for p in data.points] == [(date(2025, 12, 20), 9.6)]
    heights = records.list_records(session, child.id, "measurement")
    assert {(m.kind, m.measured_lying) for m in heights} == {("weight", None), ("height", True)}


@pytest.mark.parametrize(
    ("measure", "value", "on"),
    [
        ("weight", 9.6, date(2024, 12, 1)),
        ("weight", -3.0, date(2025, 6, 1)),
        ("bmi", 16.0, date(2025, 6, 1)),
        ("weight", 9.6, date(2027, 1, 1)),
    ],
)
def test_bad_measurements_are_refused_and_nothing_is_stored(session, measure, value, on):
    child = records.add_profile(
        session, TODAY, first_name="Paul", last_name="Martin", birth_date=BORN, sex="M", role="child"
    )
    with pytest.raises(ValidationError):
        add_growth_measurement(session, child, TODAY, measure, value, on)
    assert records.list_records(session, child.id, "measurement") == []

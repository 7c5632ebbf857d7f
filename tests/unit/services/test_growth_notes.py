"""Growth notes of issue 10 (point 13): implausible values, corrected age, BMI categories after 5 years.

WHO flags (anthro / anthroplus R packages): weight-for-age below -6 or above +5, length/height
beyond +-6, head circumference and BMI beyond +-5 SD. Corrected age: age minus (40 - weeks at
birth) weeks, for a baby born before 37 weeks, until 2 years. BMI-for-age 5-19 years (WHO 2007):
overweight above +1 SD, obesity above +2 SD.
"""

from datetime import date, timedelta

from domain.growth import reference, sd_value
from domain.models import Measurement, Profile
from services.growth_charts import (
    NOTE_CHECK,
    NOTE_CORRECTED,
    NOTE_CROSSING,
    NOTE_HIGH,
    NOTE_LOW,
    NOTE_OBESITY,
    NOTE_OVERWEIGHT,
    chart_data,
)

BORN = date(2025, 1, 1)
BOY = Profile("Paul", "Martin", BORN, "M", role="child")


def weight(days: int, kg: float) -> Measurement:
    return Measurement("weight", kg, BORN + timedelta(days=days))


def test_half_a_kilo_at_100_days_is_a_typing_error_to_check_not_a_matter_for_the_doctor():
    data = chart_data(BOY, [weight(61, 5.6), weight(100, 0.5), weight(122, 6.8)], "weight", "0-2")
    assert data.points[1].z < -6 and not data.points[1].checked
    assert [(n.msgid, n.on) for n in data.notes] == [(NOTE_CHECK, BORN + timedelta(days=100))]
    assert NOTE_LOW not in [n.msgid for n in data.notes]
    assert NOTE_CROSSING not in [n.msgid for n in data.notes]  # the bad point draws no crossing
    assert "check the entry" in NOTE_CHECK and "doctor" not in NOTE_CHECK


def test_a_value_just_inside_the_flags_still_gets_the_usual_note():
    data = chart_data(BOY, [weight(0, 2.3)], "weight", "0-2")  # about -2.5 SD
    assert data.points[0].checked
    assert [n.msgid for n in data.notes] == [NOTE_LOW]


PRETERM = Profile("Lou", "Martin", BORN, "F", role="child", born_at_weeks=32)


def test_a_baby_born_at_32_weeks_is_plotted_at_the_corrected_age_until_2_years():
    # 40 - 32 = 8 weeks = 56 days: 100 days old is 44 days of corrected age
    data = chart_data(PRETERM, [weight(100, 4.0)], "weight", "0-2")
    assert [p.age_days for p in data.points] == [44]
    assert data.notes[0].msgid == NOTE_CORRECTED and data.notes[0].params == {"weeks": 32}
    older = chart_data(PRETERM, [weight(800, 11.0)], "weight", "0-5")
    assert [p.age_days for p in older.points] == [800]  # from 2 years: the age itself
    assert NOTE_CORRECTED not in [n.msgid for n in older.notes]


def test_a_preterm_baby_s_points_before_the_expected_term_are_not_plotted():
    data = chart_data(PRETERM, [weight(30, 2.0)], "weight", "0-2")  # corrected age -26 days
    assert data.points == []


def test_a_baby_born_at_38_weeks_keeps_the_age_itself():
    term = Profile("Lou", "Martin", BORN, "F", role="child", born_at_weeks=38)
    assert [p.age_days for p in chart_data(term, [weight(100, 5.5)], "weight", "0-2").points] == [100]


def bmi_at(days: int, z: float) -> Measurement:
    return Measurement(
        "bmi", round(sd_value(reference("bfa", "M").lms(days), z), 2), BORN + timedelta(days=days)
    )


def test_after_5_years_a_bmi_above_plus_1_sd_is_overweight_and_above_plus_2_obesity():
    eight = 8 * 365 + 2  # 8 years old
    assert [n.msgid for n in chart_data(BOY, [bmi_at(eight, 1.5)], "bmi", "5-19").notes] == [NOTE_OVERWEIGHT]
    assert [n.msgid for n in chart_data(BOY, [bmi_at(eight, 2.5)], "bmi", "5-19").notes] == [NOTE_OBESITY]
    assert chart_data(BOY, [bmi_at(eight, 0.5)], "bmi", "5-19").notes == []


def test_before_5_years_a_bmi_at_plus_1_5_sd_gets_no_note():
    assert chart_data(BOY, [bmi_at(800, 1.5)], "bmi", "0-5").notes == []
    assert [n.msgid for n in chart_data(BOY, [bmi_at(800, 2.5)], "bmi", "0-5").notes] == [NOTE_HIGH]

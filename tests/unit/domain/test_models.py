from datetime import date, datetime

import pytest

from domain.errors import ValidationError
from domain.models import (
    Appointment,
    Document,
    Immunization,
    Measurement,
    Pregnancy,
    Profile,
    completed_months,
    parse_day,
)

TODAY = date(2026, 11, 30)


def test_a_weight_of_minus_three_kilograms_is_refused_with_the_plausible_range():
    with pytest.raises(ValidationError) as caught:
        Measurement("weight", -3, TODAY)
    assert caught.value.params == {"value": -3, "unit": "kg", "low": 0.3, "high": 350.0}
    assert "plausible" in str(caught.value)


def test_a_birth_date_in_the_future_is_refused():
    with pytest.raises(ValidationError) as caught:
        Profile("Léa", "Roux", date(2027, 1, 1), "F").check(TODAY)
    assert caught.value.params["day"] == date(2027, 1, 1)  # written as the language writes dates


def test_an_unknown_sex_is_refused():
    with pytest.raises(ValidationError, match="choose F or M"):
        Profile("Léa", "Roux", date(2020, 1, 1), "X")


def test_an_empty_document_title_is_refused():
    with pytest.raises(ValidationError, match="title"):
        Document("   ", "11502-2", TODAY)


def test_a_valid_profile_keeps_its_fields_and_gets_an_id():
    profile = Profile("Léa", "Roux", date(2020, 1, 1), "F", role="child").check(TODAY)
    assert profile.display_name == "Léa Roux" and len(profile.id) == 32


def test_a_social_security_number_must_have_13_or_15_digits():
    with pytest.raises(ValidationError):
        Profile("Léa", "Roux", date(2020, 1, 1), "F", national_id="12345")
    assert Profile("Léa", "Roux", date(2020, 1, 1), "F", national_id="2200175123456").national_id


@pytest.mark.parametrize("kind,value", [("height", 1800), ("temperature", 12), ("heart_rate", 0)])
def test_implausible_measurements_are_refused(kind, value):
    with pytest.raises(ValidationError):
        Measurement(kind, value, TODAY)


def test_measurements_carry_their_loinc_code_and_ucum_unit():
    m = Measurement("head_circumference", 46.0, TODAY)
    assert (m.loinc, m.unit) == ("9843-4", "cm")


def test_other_records_check_their_own_rules():
    with pytest.raises(ValidationError):
        Immunization("", TODAY)
    with pytest.raises(ValidationError):
        Appointment(datetime(2026, 12, 1, 9, 30))
    with pytest.raises(ValidationError):
        Pregnancy(date(2026, 5, 1), closed_on=date(2026, 4, 1))
    with pytest.raises(ValidationError):
        Pregnancy(date(2027, 1, 1)).check(TODAY)


@pytest.mark.parametrize(
    "birth,today,months",
    [
        (date(2025, 9, 30), date(2026, 11, 30), 14),
        (date(2025, 9, 30), date(2026, 11, 29), 13),
        (date(2026, 1, 31), date(2026, 2, 28), 1),  # month end: one month old on the last day of February
        (date(2024, 2, 29), date(2025, 2, 28), 12),  # born on 29 February
        (date(2026, 11, 30), date(2026, 11, 30), 0),
    ],
)
def test_completed_months_follow_the_calendar(birth, today, months):
    assert completed_months(birth, today) == months


def test_dates_are_read_in_french_or_iso_and_nonsense_is_refused():
    assert parse_day("31/12/2025") == date(2025, 12, 31)
    assert parse_day("2025-12-31") == date(2025, 12, 31)
    for bad in ("31/02/2025", "hier", ""):
        with pytest.raises(ValidationError):
            parse_day(bad)

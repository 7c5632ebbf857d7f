"""domain.risk.assess: every threshold at its boundary, the two-measurement rules, and silence when normal.

Thresholds come from assets/risk/thresholds.json (fr-prevention.yaml, risk_detection); the expected
values here are literals, so a changed threshold fails a test.
"""

from datetime import date, timedelta

import pytest

from domain.bp_series import BloodPressure, plan
from domain.errors import ValidationError
from domain.models import Measurement
from domain.risk import assess
from domain.risk_findings import LEVELS, MESSAGES, TOPICS

TODAY = date(2026, 11, 30)
ADULT = date(1970, 5, 10)


def m(kind: str, value: float, on: date = TODAY) -> Measurement:
    return Measurement(kind, value, on)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def codes(measurements, sex="F", birth=ADULT, **options):
    return [
        (f.code, f.level) for f in assess(measurements, sex=sex, birth_date=birth, today=TODAY, **options)
    ]


def home(systolic, diastolic, days=3, start=date(2026, 11, 20)):
    slots = [s for s in plan(start) if (s.day - start).days < days]
    return [BloodPressure(systolic, diastolic, s.day, s.moment, s.rank, "series") for s in slots]


def test_normal_values_give_no_finding():
    normal = [
        m("weight", 60),
        m("height", 165),
        m("waist", 78),
        m("systolic", 122),
        m("diastolic", 78),
        m("fasting_glucose", 0.92),
        m("glucose", 1.30),
        m("hba1c", 5.4),
        m("ldl", 1.2),
        m("hdl", 0.6),
        m("total_cholesterol", 1.9),
        m("triglycerides", 0.9),
        m("creatinine", 8.0),
        m("egfr", 95),
        m("uacr", 1.0),
        *home(125, 78),
    ]
    assert assess(normal, sex="F", birth_date=ADULT, today=TODAY) == []


def test_a_child_gets_no_adult_finding():
    assert codes([m("systolic", 190), m("fasting_glucose", 1.4)], birth=date(2010, 1, 1)) == []


def test_measurements_after_today_are_ignored():
    assert codes([m("systolic", 200, TODAY + timedelta(days=1))]) == []


# -- blood pressure ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("systolic", "diastolic", "expected"),
    [(135, 80, True), (134.9, 84.9, False), (120, 85, True), (134, 84, False)],
)
def test_a_home_series_averaging_135_over_85_or_more_invites_to_consult(systolic, diastolic, expected):
    found = codes(home(systolic, diastolic))
    assert (found == [("bp_home_high", "consult")]) is expected
    assert expected or found == []


def test_a_home_series_of_fewer_than_3_days_is_not_judged():
    assert codes(home(150, 95, days=2)) == []


def test_the_latest_home_series_is_the_one_judged():
    old = home(150, 95, start=date(2026, 3, 1))
    new = [
        BloodPressure(r.systolic - 30, r.diastolic - 20, r.on, r.moment, r.rank, "new") for r in home(150, 95)
    ]
    assert codes([*old, *new]) == []


@pytest.mark.parametrize(
    ("systolic", "diastolic", "expected"),
    [(180, 100, "bp_severe_recent"), (150, 110, "bp_severe_recent"), (179, 109, None)],
)
def test_a_reading_of_180_or_110_is_urgent(systolic, diastolic, expected):
    found = codes([BloodPressure(systolic, diastolic, TODAY)])
    assert found == ([(expected, "urgent")] if expected else [])


def test_old_style_single_measures_count_for_the_severe_reading():
    assert codes([m("systolic", 185), m("diastolic", 95)]) == [("bp_severe_recent", "urgent")]
    assert codes([m("diastolic", 112)]) == [("bp_severe_recent", "urgent")]


def test_a_severe_reading_is_urgent_for_6_days_then_a_matter_for_the_doctor():
    assert codes([BloodPressure(182, 90, days_ago(6))]) == [("bp_severe_recent", "urgent")]
    assert codes([BloodPressure(182, 90, days_ago(7))]) == [("bp_severe_past", "consult")]


def test_the_urgent_message_says_when_to_call_15():
    finding = assess([BloodPressure(185, 100, TODAY)], sex="M", birth_date=ADULT, today=TODAY)[0]
    assert "Call 15" in finding.next_step and "chest pain" in finding.next_step
    assert (
        finding.render(finding.message)
        == "A reading of 185/100 mmHg on 30/11/2026 is very high (180/110 or more)."
    )


# -- glucose and HbA1c -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.09, []),
        (1.10, [("fpg_impaired", "info")]),
        (1.25, [("fpg_impaired", "info")]),
        (1.26, [("fpg_high_once", "info")]),
    ],
)
def test_fasting_glucose_bands(value, expected):
    assert codes([m("fasting_glucose", value)]) == expected


def test_fasting_glucose_of_126_on_two_different_days_invites_to_consult():
    found = assess(
        [m("fasting_glucose", 1.26, date(2026, 10, 1)), m("fasting_glucose", 1.30, date(2026, 10, 15))],
        sex="F",
        birth_date=ADULT,
        today=TODAY,
    )
    assert [(f.code, f.level) for f in found] == [("fpg_confirmed", "consult")]
    assert found[0].params == {"first": date(2026, 10, 1), "day": date(2026, 10, 15)}


def test_two_high_fasting_values_of_the_same_day_are_one_day():
    same_day = [m("fasting_glucose", 1.30), m("fasting_glucose", 1.28)]
    assert codes(same_day) == [("fpg_high_once", "info")]


def test_a_normal_fasting_glucose_after_a_high_one_ends_the_recheck():
    assert codes([m("fasting_glucose", 1.30, days_ago(30)), m("fasting_glucose", 0.98)]) == []


def test_fasting_values_older_than_3_years_are_not_compared():
    old = m("fasting_glucose", 1.40, date(2023, 11, 29))
    assert codes([old, m("fasting_glucose", 1.27)]) == [("fpg_high_once", "info")]
    recent = m("fasting_glucose", 1.40, date(2023, 11, 30))
    assert codes([recent, m("fasting_glucose", 1.27)]) == [("fpg_confirmed", "consult")]


@pytest.mark.parametrize(("value", "expected"), [(6.4, []), (6.5, [("hba1c_high", "consult")])])
def test_hba1c_of_6_5_percent_invites_to_consult(value, expected):
    assert codes([m("hba1c", value)]) == expected


def test_with_type_2_diabetes_hba1c_is_compared_with_the_usual_target():
    assert codes([m("hba1c", 7.0)], conditions={"type2_diabetes"}) == []
    assert codes([m("hba1c", 7.1)], conditions={"type2_diabetes"}) == [("hba1c_above_target", "info")]
    assert codes([m("fasting_glucose", 1.4)], conditions={"type2_diabetes"}) == []


@pytest.mark.parametrize(("value", "expected"), [(1.99, []), (2.00, [("glucose_very_high", "consult")])])
def test_a_glucose_of_2_grams_at_any_time_invites_to_consult(value, expected):
    assert codes([m("glucose", value)]) == expected


# -- kidney ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "expected"), [(60, []), (59.9, [("egfr_low_once", "info")])])
def test_an_egfr_below_60_once_asks_for_a_check_3_months_later(value, expected):
    found = assess([m("egfr", value, date(2026, 10, 31))], sex="M", birth_date=ADULT, today=TODAY)
    assert [(f.code, f.level) for f in found] == expected
    if found:
        assert found[0].params["recheck"] == date(2027, 1, 31)


def test_an_egfr_below_60_for_3_months_invites_to_consult():
    low = [m("egfr", 55, date(2026, 7, 1)), m("egfr", 52, date(2026, 10, 1))]
    assert codes(low) == [("egfr_low_persistent", "consult")]


def test_two_low_egfr_less_than_3_months_apart_still_ask_for_a_check():
    low = [m("egfr", 55, date(2026, 7, 2)), m("egfr", 52, date(2026, 10, 1))]
    assert codes(low) == [("egfr_low_once", "info")]


def test_a_normal_egfr_between_two_low_ones_restarts_the_3_months():
    values = [
        m("egfr", 55, date(2026, 1, 5)),
        m("egfr", 70, date(2026, 6, 1)),
        m("egfr", 55, date(2026, 10, 1)),
    ]
    assert codes(values) == [("egfr_low_once", "info")]


def test_a_normal_latest_egfr_gives_nothing():
    assert codes([m("egfr", 50, date(2026, 1, 5)), m("egfr", 50, date(2026, 5, 5)), m("egfr", 65)]) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2.9, []),
        (3.0, [("uacr_high_once", "info")]),
        (30.0, [("uacr_high_once", "info")]),
        (30.1, [("uacr_very_high", "consult")]),
    ],
)
def test_urine_albumin_creatinine_ratio_bands(value, expected):
    assert codes([m("uacr", value)]) == expected


def test_a_ratio_of_3_or_more_for_3_months_invites_to_consult():
    assert codes([m("uacr", 4.0, date(2026, 8, 30)), m("uacr", 3.5)]) == [("uacr_high_persistent", "consult")]


# -- cholesterol -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.60, []),
        (1.61, [("ldl_high", "info")]),
        (1.90, [("ldl_high", "info")]),
        (1.91, [("ldl_very_high", "consult")]),
    ],
)
def test_ldl_without_a_known_risk_level(value, expected):
    assert codes([m("ldl", value)]) == expected


@pytest.mark.parametrize(
    ("risk", "below", "at"),
    [("low", 1.89, 1.90), ("moderate", 1.29, 1.30), ("high", 0.99, 1.00), ("very_high", 0.69, 0.70)],
)
def test_ldl_above_the_has_2017_target_of_the_risk_level_invites_to_consult(risk, below, at):
    assert codes([m("ldl", below)], cv_risk=risk) == []
    assert codes([m("ldl", at)], cv_risk=risk) == [("ldl_above_target", "consult")]


def test_recorded_cardiovascular_disease_means_the_very_high_risk_target():
    assert codes([m("ldl", 0.75)], conditions={"cardiovascular_disease"}) == [("ldl_above_target", "consult")]


def test_an_unknown_risk_level_or_condition_is_refused():
    with pytest.raises(ValidationError):
        assess([], sex="F", birth_date=ADULT, today=TODAY, cv_risk="medium")
    with pytest.raises(ValidationError):
        assess([], sex="F", birth_date=ADULT, today=TODAY, conditions={"asthma"})


# -- weight ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("bmi", "expected"),
    [
        (18.4, [("bmi_under", "consult")]),
        (18.5, []),
        (24.9, []),
        (25.0, [("bmi_over", "info")]),
        (29.9, [("bmi_over", "info")]),
        (30.0, [("bmi_obese", "consult")]),
    ],
)
def test_adult_bmi_categories(bmi, expected):
    assert codes([m("bmi", bmi)]) == expected


def test_bmi_is_computed_from_the_latest_weight_and_height():
    found = assess(
        [m("height", 170, date(2020, 1, 1)), m("weight", 87)], sex="M", birth_date=ADULT, today=TODAY
    )
    assert [(f.code, f.params["value"]) for f in found] == [("bmi_obese", 30.1)]


def test_from_70_years_a_bmi_below_22_invites_to_consult():
    assert codes([m("bmi", 21.9)], birth=date(1956, 11, 30)) == [("bmi_under_older", "consult")]
    assert codes([m("bmi", 21.9)], birth=date(1956, 12, 1)) == []


@pytest.mark.parametrize(
    ("sex", "waist", "expected"),
    [
        ("M", 94, []),
        ("M", 94.5, [("waist_increased", "info")]),
        ("M", 102, [("waist_increased", "info")]),
        ("M", 102.5, [("waist_much_increased", "consult")]),
        ("F", 80, []),
        ("F", 80.5, [("waist_increased", "info")]),
        ("F", 88.5, [("waist_much_increased", "consult")]),
    ],
)
def test_waist_above_the_assurance_maladie_limits(sex, waist, expected):
    assert codes([m("waist", waist)], sex=sex) == expected


def test_with_heart_failure_a_gain_of_2_kg_within_3_days_invites_to_call_the_doctor():
    weights = [m("weight", 70.0, days_ago(3)), m("weight", 71.0, days_ago(1)), m("weight", 72.0)]
    assert codes(weights, conditions={"heart_failure"}) == [("hf_weight_gain", "consult")]
    assert codes(weights) == []
    slower = [m("weight", 70.0, days_ago(4)), m("weight", 72.0)]
    assert codes(slower, conditions={"heart_failure"}) == []
    smaller = [m("weight", 70.1, days_ago(2)), m("weight", 72.0)]
    assert codes(smaller, conditions={"heart_failure"}) == []


# -- the findings themselves -------------------------------------------------------------------------------
def test_findings_come_most_urgent_first_and_say_what_to_do():
    found = assess(
        [m("bmi", 26), m("hba1c", 6.8), BloodPressure(190, 100, TODAY)],
        sex="F",
        birth_date=ADULT,
        today=TODAY,
    )
    assert [f.level for f in found] == ["urgent", "consult", "info"]
    for f in found:
        assert f.topic in TOPICS and f.level in LEVELS and f.source and f.next_step and f.on == TODAY


def test_no_message_states_a_disease():
    diseases = ("diabetes", "hypertension", "copd", "heart failure", "kidney disease", "obesity")
    for message, next_step, exam in MESSAGES.values():
        for text in (message, next_step, exam):
            assert not any(
                f"you have {d}" in text.lower() or f"you are {d}" in text.lower() for d in diseases
            )


def test_only_the_warning_signs_that_call_for_it_say_call_15():
    calling = {code for code, (_m, next_step, _e) in MESSAGES.items() if "call 15" in next_step.lower()}
    assert calling == {"bp_severe_recent", "hf_breathless_lying"}

"""The risk use cases on a real carnet: conditions read from the medical history, the home series, the
findings, the type 2 diabetes follow-up in the agenda with its reminders, questionnaires kept."""

from datetime import date, timedelta

import pytest

from domain.errors import ValidationError
from domain.medical import MedicalHistory
from domain.models import AgendaMark, Measurement
from domain.questionnaires_risk import copd
from services import access_log, agenda, records, reminders
from services import risk as risk_service

from .conftest import TODAY


@pytest.mark.parametrize(
    "words, expected",
    [
        ("Diabète de type 2", {"type2_diabetes"}),
        ("DIABETE TYPE II", {"type2_diabetes"}),
        ("DT2 sous metformine", {"type2_diabetes"}),
        ("Diabète de type 1", set()),
        ("Insuffisance cardiaque", {"heart_failure"}),
        ("Infarctus du myocarde en 2019", {"cardiovascular_disease"}),
        ("Asthme", set()),
    ],
)
def test_the_conditions_are_read_in_the_words_of_the_medical_history(words, expected):
    assert risk_service.conditions_in([MedicalHistory(words, date(2020, 1, 1))]) == expected


def test_saying_so_adds_the_condition_once_to_the_medical_history(session, adult):
    risk_service.record_condition(session, adult.id, "type2_diabetes", TODAY)
    risk_service.record_condition(session, adult.id, "type2_diabetes", TODAY)
    [entry] = records.list_records(session, adult.id, "medical_history")
    assert entry.condition == "Type 2 diabetes"
    assert risk_service.conditions(session, adult.id) == {"type2_diabetes"}


def test_a_home_series_takes_three_readings_morning_and_evening_for_three_days_and_gives_its_mean(
    session, adult
):
    start = TODAY - timedelta(days=2)
    for offset in range(3):
        for moment in ("morning", "evening"):
            for high in (140, 138, 142):
                risk_service.add_series_reading(
                    session,
                    adult.id,
                    TODAY,
                    systolic=high,
                    diastolic=86,
                    on=start + timedelta(days=offset),
                    moment=moment,
                )
    series = risk_service.current_series(session, adult.id)
    assert series is not None and series.next is None and series.mean.complete
    assert (series.mean.count, series.mean.systolic, series.mean.diastolic) == (18, 140.0, 86.0)
    assert [r.rank for r in series.readings[:3]] == [1, 2, 3]
    [finding] = risk_service.findings(session, adult, TODAY)
    assert finding.code == "bp_home_high" and finding.level == "consult"


def test_a_fourth_reading_of_the_same_morning_is_refused_on_its_own(session, adult):
    for _ in range(3):
        risk_service.add_series_reading(
            session, adult.id, TODAY, systolic=120, diastolic=80, on=TODAY, moment="morning"
        )
    with pytest.raises(ValidationError, match="3 readings"):
        risk_service.add_series_reading(
            session, adult.id, TODAY, systolic=120, diastolic=80, on=TODAY, moment="morning"
        )


def test_a_reading_three_days_after_the_start_begins_a_new_series(session, adult):
    first = risk_service.add_series_reading(
        session, adult.id, TODAY, systolic=120, diastolic=80, on=TODAY - timedelta(days=5), moment="morning"
    )
    second = risk_service.add_series_reading(
        session, adult.id, TODAY, systolic=120, diastolic=80, on=TODAY, moment="morning"
    )
    assert first.series_id != second.series_id and second.rank == 1


def test_normal_values_give_no_finding_and_a_severe_reading_is_urgent(session, adult):
    risk_service.add_blood_pressure(session, adult.id, TODAY, systolic=121, diastolic=78, on=TODAY)
    records.add_measurement(session, adult.id, TODAY, kind="fasting_glucose", value=0.92, on=TODAY)
    assert risk_service.findings(session, adult, TODAY) == []
    risk_service.add_blood_pressure(session, adult.id, TODAY, systolic=185, diastolic=100, on=TODAY)
    [finding] = risk_service.findings(session, adult, TODAY)
    assert (finding.code, finding.level) == ("bp_severe_recent", "urgent")


def test_a_child_gets_no_finding(session, child):
    risk_service.add_blood_pressure(session, child.id, TODAY, systolic=185, diastolic=100, on=TODAY)
    assert risk_service.findings(session, child, TODAY) == []


def test_questionnaire_answers_are_kept_logged_and_read_by_the_findings(session, adult):
    result = copd({"cough": True, "sputum": True, "breathless": True}, TODAY)
    risk_service.save_questionnaire(session, adult.id, result, TODAY)
    assert risk_service.questionnaires(session, adult.id) == [result]
    assert [f.code for f in risk_service.findings(session, adult, TODAY)] == ["copd_spirometry"]
    assert access_log.entries(session, adult.id)[0].kind == "risk_questionnaire"


def test_type_2_diabetes_adds_the_has_follow_up_to_the_agenda_with_reminders(session, adult):
    before = {item.code for item in agenda.plan(session, adult, TODAY)}
    assert not any(code.startswith("t2d-") for code in before)
    records.add_record(session, adult.id, MedicalHistory("Diabète de type 2", date(2020, 1, 1)), TODAY)
    records.add_measurement(session, adult.id, TODAY, kind="hba1c", value=7.1, on=TODAY - timedelta(days=30))
    records.add_record(session, adult.id, AgendaMark("t2d-eye", TODAY - timedelta(days=400)), TODAY)
    items = {item.code: item for item in agenda.plan(session, adult, TODAY) if item.code.startswith("t2d-")}
    # the yearly flu vaccine is the campaign's item (tests/unit/services/test_prevention_campaigns.py)
    assert set(items) == {
        "t2d-hba1c", "t2d-eye", "t2d-foot", "t2d-kidney", "t2d-albuminuria",
        "t2d-lipids", "t2d-ecg", "t2d-dental", "t2d-pneumo",
    }  # fmt: skip
    assert items["t2d-hba1c"].status == "upcoming"
    assert items["t2d-hba1c"].window_start == date(2027, 1, 31)
    assert items["t2d-eye"].status == "to_schedule" and items["t2d-foot"].status == "to_schedule"
    fired = reminders.profile_reminders(session, adult, TODAY, reminders.global_settings(session))
    assert {r.subject for r in fired if r.subject.startswith("t2d-")} >= {"t2d-hba1c"}


def test_a_child_recording_diabetes_gets_no_adult_follow_up(session, child):
    records.add_record(session, child.id, MedicalHistory("Diabète de type 2", date(2024, 1, 1)), TODAY)
    assert not any(item.code.startswith("t2d-") for item in agenda.plan(session, child, TODAY))


def test_old_style_single_measures_still_count(session, adult):
    records.add_record(session, adult.id, Measurement("systolic", 190, TODAY), TODAY)
    assert [f.code for f in risk_service.findings(session, adult, TODAY)] == ["bp_severe_recent"]


@pytest.mark.parametrize(
    "text, pair", [("120/80", (120, 80)), ("135 / 85", (135, 85)), ("12/8", (120, 80)), ("14,5/9", (145, 90))]
)
def test_a_pair_is_read_as_people_write_it(text, pair):
    from domain.bp_series import parse_pair

    assert parse_pair(text) == pair


def test_a_text_that_is_no_pair_is_refused():
    from domain.bp_series import parse_pair

    with pytest.raises(ValidationError, match="not a blood pressure"):
        parse_pair("120")


def test_marking_a_follow_up_item_done_in_the_agenda_sets_the_next_one_a_year_later(session, adult):
    from services import appointments

    risk_service.record_condition(session, adult.id, "type2_diabetes", TODAY)
    appointments.mark_done(session, adult.id, "t2d-eye", date(2026, 11, 20), TODAY)
    eye = next(i for i in agenda.plan(session, adult, TODAY) if i.code == "t2d-eye")
    assert (eye.status, eye.window_start, eye.done_on) == ("upcoming", date(2027, 11, 20), date(2026, 11, 20))

"""The prevention records check their answers through the prevention domain, and their dates and ages."""

from datetime import date

import pytest

from domain.errors import ValidationError
from domain.habits import AdultHabits, ChildHabits
from domain.prevention_records import AdviceDismissal, BilanRecord, HabitsRecord, IcopeRecord, SelfTestRecord

TODAY = date(2026, 11, 30)
ADULT_BORN, CHILD_BORN, OLD_BORN = date(1980, 1, 1), date(2025, 6, 1), date(1960, 1, 1)
ICOPE = {
    "words_recalled": 3,
    "oriented": True,
    "chair_rise_seconds": 9.0,
    "weight_loss": False,
    "appetite_loss": False,
    "vision_problem": False,
    "hearing_failed": False,
    "feeling_down": False,
    "little_interest": False,
}


def test_habits_travel_as_plain_values_and_come_back_as_the_domains_record():
    habits = AdultHabits(TODAY, tobacco="former", stopped_smoking=date(2024, 2, 1), audit_c=(1, 0, 0))
    record = HabitsRecord.of(habits)
    assert record.answers == {"tobacco": "former", "stopped_smoking": "2024-02-01", "audit_c": [1, 0, 0]}
    assert record.habits() == habits and record.check(TODAY, ADULT_BORN) is record


def test_habits_refuse_a_wrong_answer_a_form_for_another_age_and_a_future_date():
    with pytest.raises(ValidationError, match="not an allowed answer"):
        HabitsRecord("adult", TODAY, {"fruit_veg": "sometimes"})
    with pytest.raises(ValidationError, match="Unknown habits form"):
        HabitsRecord("teen", TODAY, {})
    with pytest.raises(ValidationError, match="From the age of 12"):
        HabitsRecord.of(ChildHabits(TODAY, sleep_hours=8.0)).check(TODAY, ADULT_BORN)
    with pytest.raises(ValidationError, match="in the future"):
        HabitsRecord("child", date(2026, 12, 1), {}).check(TODAY, CHILD_BORN)


def test_a_self_test_record_checks_its_answers_and_works_its_result_out():
    assert SelfTestRecord("audit_c", TODAY, [2, 1, 1]).result("M").level == "risk"
    assert SelfTestRecord("hsi", TODAY, (3, 3)).result("F").level == "high"
    with pytest.raises(ValidationError):
        SelfTestRecord("phq2", TODAY, (4, 0))
    with pytest.raises(ValidationError, match="Unknown self-test"):
        SelfTestRecord("bdi", TODAY, (1,))
    with pytest.raises(ValidationError, match="before the birth"):
        SelfTestRecord("phq2", date(1979, 1, 1), (0, 0)).check(TODAY, ADULT_BORN)


def test_a_bilan_draft_holds_any_subset_of_checked_answers():
    record = BilanRecord("45-50", TODAY, {"MALADIES": ["cancer"]})
    assert record.draft().answers == {"MALADIES": ["cancer"]} and record.check(TODAY, ADULT_BORN) is record
    with pytest.raises(ValidationError, match="not a question"):
        BilanRecord("45-50", TODAY, {"NOPE": "yes"})
    with pytest.raises(ValidationError, match="no prevention questionnaire"):
        BilanRecord("30-35", TODAY, {})


def test_an_icope_screening_needs_every_answer_and_a_person_of_60():
    record = IcopeRecord(TODAY, ICOPE, filled_by="caregiver")
    assert record.positive() == frozenset() and record.check(TODAY, OLD_BORN) is record
    with pytest.raises(ValidationError, match="hearing_failed is missing"):
        IcopeRecord(TODAY, {k: v for k, v in ICOPE.items() if k != "hearing_failed"})
    with pytest.raises(ValidationError, match="who filled"):
        IcopeRecord(TODAY, ICOPE, filled_by="doctor")
    with pytest.raises(ValidationError, match="60 and over"):
        IcopeRecord(date(2019, 12, 31), ICOPE).check(TODAY, OLD_BORN)


def test_a_dismissal_names_its_card_and_is_not_dated_in_the_future():
    with pytest.raises(ValidationError, match="which advice"):
        AdviceDismissal(" ", TODAY)
    with pytest.raises(ValidationError, match="in the future"):
        AdviceDismissal("salt", date(2027, 1, 1)).check(TODAY)

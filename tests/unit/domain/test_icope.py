"""ICOPE step 1: the WHO rules of each domain at their boundaries, strict answer checking, next
steps, and the 6-monthly schedule from 60."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import ValidationError
from domain.icope import DOMAINS, next_screening, next_steps, positive_domains, summary

NOTHING = {
    "words_recalled": 3,
    "oriented": True,
    "chair_rise_seconds": 10.0,
    "weight_loss": False,
    "appetite_loss": False,
    "vision_problem": False,
    "hearing_failed": False,
    "feeling_down": False,
    "little_interest": False,
}


def answers(**changes):
    return {**NOTHING, **changes}


def test_a_person_with_no_sign_has_no_positive_domain():
    assert positive_domains(NOTHING) == frozenset()


@pytest.mark.parametrize(("words", "positive"), [(0, True), (2, True), (3, False)])
def test_cognition_is_positive_with_fewer_than_three_words(words, positive):
    assert ("cognition" in positive_domains(answers(words_recalled=words))) is positive


def test_cognition_is_positive_when_not_oriented_even_with_three_words():
    assert positive_domains(answers(oriented=False)) == {"cognition"}


@pytest.mark.parametrize(
    ("seconds", "positive"), [(13.9, False), (14.0, False), (14, False), (14.01, True), (30.0, True)]
)
def test_mobility_is_positive_above_14_seconds_and_14_0_exactly_passes(seconds, positive):
    assert ("mobility" in positive_domains(answers(chair_rise_seconds=seconds))) is positive


def test_mobility_is_positive_when_the_five_rises_could_not_be_done():
    assert positive_domains(answers(chair_rise_seconds=None)) == {"mobility"}


@pytest.mark.parametrize("key", ["weight_loss", "appetite_loss"])
def test_nutrition_is_positive_with_weight_or_appetite_loss(key):
    assert positive_domains(answers(**{key: True})) == {"nutrition"}


@pytest.mark.parametrize("key", ["feeling_down", "little_interest"])
def test_mood_is_positive_with_either_question(key):
    assert positive_domains(answers(**{key: True})) == {"mood"}


def test_vision_and_hearing_follow_their_answer():
    assert positive_domains(answers(vision_problem=True, hearing_failed=True)) == {"vision", "hearing"}


def test_every_domain_can_be_positive_at_once():
    worst = answers(
        words_recalled=1,
        chair_rise_seconds=None,
        weight_loss=True,
        vision_problem=True,
        hearing_failed=True,
        feeling_down=True,
    )
    assert positive_domains(worst) == frozenset(DOMAINS)


@pytest.mark.parametrize("key", sorted(NOTHING))
def test_a_missing_answer_is_refused(key):
    partial = dict(NOTHING)
    del partial[key]
    with pytest.raises(ValidationError) as caught:
        positive_domains(partial)
    assert caught.value.params["key"] == key


@pytest.mark.parametrize(
    "changes",
    [
        {"words_recalled": 4},
        {"words_recalled": -1},
        {"words_recalled": True},
        {"words_recalled": 2.0},
        {"chair_rise_seconds": 0},
        {"chair_rise_seconds": -3.0},
        {"chair_rise_seconds": float("nan")},
        {"chair_rise_seconds": "12"},
        {"oriented": 1},
        {"feeling_down": None},
        {"extra": True},
    ],
)
def test_implausible_or_unknown_answers_are_refused(changes):
    with pytest.raises(ValidationError):
        positive_domains(answers(**changes))


def test_a_positive_domain_gives_a_step_2_assessment_and_practical_advice_in_domain_order():
    steps = next_steps({"nutrition", "mobility"})
    assert [s.domain for s in steps] == ["mobility", "nutrition"]
    assert all("step 2" in s.next_step and s.advice for s in steps)


def test_an_unknown_domain_is_refused():
    with pytest.raises(ValidationError):
        next_steps({"balance"})


def test_the_summary_message_depends_on_whether_anything_was_found():
    assert "6 months" in summary(frozenset())
    assert "doctor" in summary({"vision"})


# --- schedule --------------------------------------------------------------------------------


def test_nothing_is_proposed_more_than_six_months_before_60():
    assert next_screening(date(1968, 6, 1), [], date(2027, 11, 30)) is None


def test_the_first_screening_is_due_on_the_60th_birthday_as_a_prevention_item():
    item = next_screening(date(1967, 3, 15), [], date(2026, 12, 3))
    assert item.code == "icope-2027-03"
    assert item.code.startswith("icope") and item.kind == "prevention"
    assert (item.window_start, item.window_end, item.status) == (
        date(2027, 3, 15),
        date(2027, 9, 15),
        "upcoming",
    )


def test_the_next_screening_is_due_six_months_after_the_last_one():
    item = next_screening(date(1950, 1, 1), [date(2026, 2, 10), date(2026, 9, 1)], date(2026, 12, 3))
    assert (item.window_start, item.status) == (date(2027, 3, 1), "upcoming")


def test_someone_over_60_who_never_did_it_is_offered_the_interval_under_way_not_an_old_overdue_one():
    item = next_screening(date(1955, 8, 31), [], date(2026, 12, 3))
    assert item.status == "to_schedule"
    assert item.window_start <= date(2026, 12, 3) < item.window_end
    assert item.window_start >= date(2025, 7, 23)  # not before the national programme


def test_a_screening_date_in_the_future_or_before_birth_is_refused():
    with pytest.raises(ValidationError):
        next_screening(date(1950, 1, 1), [date(2027, 1, 1)], date(2026, 12, 3))
    with pytest.raises(ValidationError):
        next_screening(date(1950, 1, 1), [date(1949, 1, 1)], date(2026, 12, 3))


BORN_1967 = date(1967, 1, 3)  # 60 on 3 January 2027


def test_at_59_years_and_11_months_nothing_is_open_only_the_first_window_to_come_on_the_birthday():
    item = next_screening(BORN_1967, [], date(2026, 12, 3))
    assert item.status == "upcoming"  # shown in « À venir », like every future window of the calendar
    assert (item.code, item.window_start) == ("icope-2027-01", date(2027, 1, 3))


def test_the_first_window_opens_on_the_60th_birthday_exactly_then_every_6_months():
    assert next_screening(BORN_1967, [], date(2027, 1, 2)).status == "upcoming"
    first = next_screening(BORN_1967, [], date(2027, 1, 3))
    assert (first.status, first.window_start, first.window_end) == (
        "to_schedule",
        date(2027, 1, 3),
        date(2027, 7, 3),
    )
    second = next_screening(BORN_1967, [], date(2027, 7, 3))
    assert (second.code, second.window_start) == ("icope-2027-07", date(2027, 7, 3))


def test_a_screening_done_before_60_never_opens_a_window_before_the_birthday():
    item = next_screening(BORN_1967, [date(2026, 6, 1)], date(2026, 12, 3))
    assert item.window_start == date(2027, 1, 3) and item.status == "upcoming"


def test_icope_is_not_due_for_the_advice_cards_before_60():
    from domain.prevention import Person, facts

    assert facts(Person(BORN_1967, "F"), date(2026, 12, 3))["icope_due"] is False
    assert facts(Person(BORN_1967, "F"), date(2027, 1, 3))["icope_due"] is True

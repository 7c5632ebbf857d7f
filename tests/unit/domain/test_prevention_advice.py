"""The advice engine picks a few cards that fit the person, most relevant first, one per theme,
never a dismissed one, and says nothing about habits that were not told."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import ValidationError
from domain.habits import AdultHabits, ChildHabits
from domain.prevention import Person, advice, facts, rules
from domain.selftests import fagerstrom, phq2

TODAY = date(2026, 11, 15)


def ids(person: Person, **kwargs) -> list[str]:
    return [card.id for card in advice(person, TODAY, **kwargs)]


def smoker_52() -> Person:
    habits = AdultHabits(
        recorded_on=TODAY, tobacco="daily", cigarettes_per_day=20, started_smoking=date(1992, 1, 1)
    )
    return Person(date(1974, 3, 2), "M", habits=habits)


def test_a_52_year_old_daily_smoker_is_first_offered_help_to_stop_with_the_free_line():
    cards = advice(smoker_52(), TODAY)
    assert cards[0].id == "tobacco-quit"
    assert cards[0].helpline.number == "39 89"
    assert [c.id for c in cards] == [
        "tobacco-quit",
        "breathing-check",
        "tobacco-test",
        "screening-colorectal",
    ]


def test_once_the_smoker_took_the_fagerstrom_test_it_is_no_longer_suggested():
    person = smoker_52()
    tested = Person(person.birth_date, person.sex, habits=person.habits, selftests=(fagerstrom((1, 2)),))
    assert "tobacco-test" in ids(person)
    assert "tobacco-test" not in ids(tested)


def test_a_pregnant_30_year_old_is_first_told_no_alcohol_during_pregnancy():
    cards = ids(Person(date(1996, 3, 2), "F", pregnant=True))
    assert cards[0] == "pregnancy-alcohol"
    assert "pregnancy-wellbeing" in cards
    assert "screening-colorectal" not in cards and "tobacco-quit" not in cards


def test_a_pregnant_smoker_gets_the_pregnancy_card_rather_than_the_general_one():
    habits = AdultHabits(recorded_on=TODAY, tobacco="occasional")
    cards = ids(Person(date(1996, 3, 2), "F", pregnant=True, habits=habits))
    assert cards[:2] == ["pregnancy-tobacco", "pregnancy-alcohol"]
    assert "tobacco-quit" not in cards  # one card per theme


def test_a_66_year_old_with_two_positive_icope_domains_is_first_sent_to_step_2_for_both():
    person = Person(
        date(1960, 3, 2),
        "F",
        icope_positive=frozenset({"mobility", "nutrition"}),
        icope_dates=(date(2026, 10, 1),),
    )
    cards = advice(person, TODAY)
    assert [c.id for c in cards[:2]] == ["icope-mobility", "icope-nutrition"]
    assert all("step 2" in c.text and c.detail for c in cards[:2])
    assert "icope-invite" not in [c.id for c in cards]  # screened 6 weeks ago


def test_someone_over_60_never_screened_is_invited_to_icope():
    assert "icope-invite" in ids(Person(date(1960, 3, 2), "M"))


def test_a_toddler_with_3_hours_of_screens_a_day_gets_the_no_screen_before_3_card_first():
    toddler = Person(date(2024, 6, 2), "F", habits=ChildHabits(recorded_on=TODAY, screen_minutes=180))
    cards = advice(toddler, TODAY)
    assert cards[0].id == "child-screens-under-3"
    assert [c.theme for c in cards].count("screens") == 1


def test_a_toddler_without_recorded_screens_gets_the_general_screen_card_lower_down():
    cards = ids(Person(date(2024, 6, 2), "F"))
    assert "child-screens-under-3-info" in cards and "child-screens-under-3" not in cards


def test_nothing_is_said_about_habits_that_were_not_told():
    cards = ids(Person(date(1980, 1, 1), "M"))
    assert not {"tobacco-quit", "alcohol-reduce", "fruit-veg", "activity-adult", "sleep-bad"} & set(cards)


def test_habits_bring_their_cards_in_priority_order():
    habits = AdultHabits(
        recorded_on=TODAY,
        fruit_veg="no",
        sugary="daily",
        active_days="1-2",
        sleep_quality="always_bad",
        audit_c=(4, 2, 2),
    )
    cards = advice(Person(date(1990, 1, 1), "M", habits=habits), TODAY)
    assert [c.id for c in cards] == [
        "alcohol-reduce",
        "sleep-bad",
        "activity-adult",
        "fruit-veg",
        "fat-sugar",
    ]
    assert [c.priority for c in cards] == sorted((c.priority for c in cards), reverse=True)


def test_a_low_mood_result_comes_before_lifestyle_cards_and_mentions_the_3114():
    person = Person(
        date(1990, 1, 1),
        "F",
        habits=AdultHabits(recorded_on=TODAY, fruit_veg="no"),
        selftests=(phq2((2, 2)),),
    )
    cards = advice(person, TODAY)
    assert cards[0].id == "mood-low"
    assert cards[0].helpline.number == "3114"


def test_sleep_below_the_range_for_the_age_is_noticed_for_adults_and_children():
    adult = Person(date(1990, 1, 1), "F", habits=AdultHabits(recorded_on=TODAY, sleep_hours=6.5))
    assert "sleep-short-adult" in ids(adult)
    assert "sleep-short-adult" not in ids(
        Person(adult.birth_date, "F", habits=AdultHabits(recorded_on=TODAY, sleep_hours=7.0))
    )
    child = Person(date(2020, 1, 1), "M", habits=ChildHabits(recorded_on=TODAY, sleep_hours=8.0))
    assert "child-sleep-short" in ids(child)


def test_a_dismissed_card_never_comes_back_and_keeps_its_theme_quiet():
    toddler = Person(date(2024, 6, 2), "F", habits=ChildHabits(recorded_on=TODAY, screen_minutes=180))
    cards = ids(toddler, dismissed={"child-screens-under-3"})
    assert "child-screens-under-3" not in cards
    assert "child-screens-under-3-info" not in cards


def test_at_most_five_cards_and_fewer_on_request():
    habits = AdultHabits(
        recorded_on=TODAY,
        tobacco="daily",
        fruit_veg="no",
        fatty="daily",
        salt_added=True,
        active_days="none",
        sitting="both",
        sleep_quality="often_bad",
        screen_before_sleep="daily",
        audit_c=(3, 1, 1),
    )
    person = Person(date(1974, 3, 2), "F", habits=habits)
    assert len(advice(person, TODAY)) == 5
    assert len(advice(person, TODAY, limit=3)) == 3
    for bad in (0, 6):
        with pytest.raises(ValidationError):
            advice(person, TODAY, limit=bad)


def test_parents_of_a_newborn_get_the_card_on_their_own_wellbeing():
    assert "parent-mental-health" in ids(
        Person(date(1992, 1, 1), "M", children_birth_dates=(date(2026, 9, 1),))
    )
    assert "parent-mental-health" not in ids(
        Person(date(1992, 1, 1), "M", children_birth_dates=(date(2024, 9, 1),))
    )


@pytest.mark.parametrize(
    ("birth", "sex", "expected"),
    [
        (date(2026, 6, 1), "F", "diversification"),  # 5 months
        (date(2026, 8, 1), "M", "baby-sleep-safe"),
        (date(2020, 6, 1), "M", "dyspraxia-signs"),  # 6 years
        (date(2016, 6, 1), "F", "puberty-girls"),  # 10 years
        (date(2014, 6, 1), "M", "puberty-boys"),  # 12 years
        (date(2005, 6, 1), "F", "sexual-health-young"),  # 21 years
    ],
)
def test_the_1000_days_and_growing_up_themes_come_at_the_right_ages(birth, sex, expected):
    assert expected in ids(Person(birth, sex))


def test_parents_of_a_teenager_are_reminded_to_talk_about_contraception():
    assert "parent-teen-contraception" in ids(
        Person(date(1980, 1, 1), "F", children_birth_dates=(date(2011, 1, 1),))
    )


def test_the_bilan_card_shows_inside_a_bracket_only():
    assert "bilan-due" in ids(Person(date(1978, 1, 1), "M"))  # 48
    assert "bilan-due" not in ids(Person(date(1972, 1, 1), "M"))  # 54


def test_facts_of_a_person_without_habits_are_unknown_rather_than_false():
    found = facts(Person(date(1980, 1, 1), "M"), TODAY)
    assert found.get("tobacco") is None and found.get("sleep_below_range") is None
    assert (found["age_years"], found["bilan_bracket"]) == (46, "45-50")


def test_a_person_checks_sex_pregnancy_icope_domains_and_birth_date():
    with pytest.raises(ValidationError):
        Person(date(1990, 1, 1), "M", pregnant=True)
    with pytest.raises(ValidationError):
        Person(date(1990, 1, 1), "X")
    with pytest.raises(ValidationError):
        Person(date(1990, 1, 1), "F", icope_positive=frozenset({"balance"}))
    with pytest.raises(ValidationError):
        Person(date(2030, 1, 1), "F").check(TODAY)


def test_every_card_has_sources_a_review_date_and_calm_wording():
    for rule in rules():
        card = rule.card
        assert card.provenance.sources and card.provenance.review_by > card.provenance.reviewed_on
        text = f"{card.title} {card.text} {card.detail}"
        assert "!" not in text
        assert not any(word in text.lower() for word in ("danger", "deadly", "fatal", "urgent", "warning"))

"""Prévention's use cases: the person the advice engine sees, the cards and their dismissal, the habits,
self-tests, Mon bilan prévention drafts and ICOPE screenings kept sealed, and the agenda's prevention items
(ICOPE every 6 months from 60, the campaigns) in the plan, the reminders and the routes."""

from datetime import date

import pytest

from domain.errors import ValidationError
from domain.habits import AdultHabits, ChildHabits
from services import access_log, agenda, prevention, records, reminders
from services.pregnancy import start_pregnancy

from .conftest import TODAY

ICOPE_NEGATIVE = {
    "words_recalled": 3,
    "oriented": True,
    "chair_rise_seconds": 14.0,
    "weight_loss": False,
    "appetite_loss": False,
    "vision_problem": False,
    "hearing_failed": False,
    "feeling_down": False,
    "little_interest": False,
}


def someone(session, first_name, born, sex, role="holder"):
    return records.add_profile(
        session, TODAY, first_name=first_name, last_name="Martin", birth_date=born, sex=sex, role=role
    )


def by_name(family, first_name):
    return next(p for p in family if p.first_name == first_name)


def test_the_person_view_reads_age_sex_pregnancy_children_and_habits(session, family):
    camille = by_name(family, "Camille")
    start_pregnancy(session, camille, TODAY, lmp=date(2026, 9, 1))
    prevention.save_habits(session, camille, AdultHabits(TODAY, tobacco="occasional"), TODAY)
    seen = prevention.person(session, camille, TODAY)
    assert (seen.birth_date, seen.sex, seen.pregnant) == (camille.birth_date, "F", True)
    assert sorted(seen.children_birth_dates) == sorted(p.birth_date for p in family if p.role == "child")
    assert seen.habits.tobacco == "occasional"
    cards = [c.id for c in prevention.advice_cards(session, camille, TODAY)]
    assert cards[:2] == ["pregnancy-tobacco", "pregnancy-alcohol"]


def test_a_child_is_seen_with_the_habits_its_parent_told(session, family):
    leo = by_name(family, "Léo")  # 14 months old
    prevention.save_habits(session, leo, ChildHabits(TODAY, screen_minutes=180), TODAY)
    seen = prevention.person(session, leo, TODAY)
    assert isinstance(seen.habits, ChildHabits) and seen.children_birth_dates == ()
    assert prevention.advice_cards(session, leo, TODAY)[0].id == "child-screens-under-3"


def test_a_dismissed_card_never_comes_back_and_the_dismissal_is_sealed_and_logged(session, family):
    camille = by_name(family, "Camille")
    first = prevention.advice_cards(session, camille, TODAY)[0]
    prevention.dismiss(session, camille, first.id, TODAY)
    assert first.id not in [c.id for c in prevention.advice_cards(session, camille, TODAY)]
    [kept] = records.list_records(session, camille.id, "advice_dismissal")
    assert kept.card_id == first.id
    entry = access_log.entries(session, camille.id, limit=1)[0]
    assert (entry.action, entry.kind) == ("add", "advice_dismissal")


def test_habits_are_edited_in_place_and_checked_against_the_age(session, family):
    camille, ines = by_name(family, "Camille"), by_name(family, "Inès")
    prevention.save_habits(session, camille, AdultHabits(TODAY, fruit_veg="no"), TODAY)
    saved = prevention.save_habits(session, camille, AdultHabits(TODAY, fruit_veg="daily"), TODAY)
    [kept] = records.list_records(session, camille.id, "habits")
    assert kept.id == saved.id and kept.habits().fruit_veg == "daily"
    with pytest.raises(ValidationError, match="parent answers the child habits form"):
        prevention.save_habits(session, ines, AdultHabits(TODAY, fruit_veg="daily"), TODAY)
    assert records.list_records(session, ines.id, "habits") == []


def test_a_self_test_is_kept_and_its_latest_result_read_with_the_profiles_sex(session, family):
    camille = by_name(family, "Camille")
    result = prevention.take_selftest(session, camille, "audit_c", (1, 1, 1), TODAY)  # 3: risk for a woman
    assert (result.score, result.level) == (3, "risk")
    mood = prevention.take_selftest(session, camille, "phq2", (2, 1), TODAY)
    assert mood.level == "positive" and mood.helpline.number == "3114"
    latest = prevention.latest_selftests(session, camille)
    assert {t: r.level for t, (_rec, r) in latest.items()} == {"audit_c": "risk", "phq2": "positive"}
    assert "mood-low" in [c.id for c in prevention.advice_cards(session, camille, TODAY)]
    with pytest.raises(ValidationError):
        prevention.take_selftest(session, camille, "hsi", (4, 0), TODAY)
    assert len(records.list_records(session, camille.id, "selftest_result")) == 2


def test_the_bilan_is_saved_as_a_draft_then_finished_over_the_same_record(session):
    paul = someone(session, "Paul", date(1978, 5, 1), "M")
    assert prevention.current_bracket(paul, TODAY) == "45-50"
    prevention.save_bilan(session, paul, "45-50", {"CIGARETTES": "yes", "TOUX": ""}, TODAY)
    done = prevention.save_bilan(session, paul, "45-50", {"CIGARETTES": "no", "TOUX": "yes"}, TODAY, True)
    [kept] = records.list_records(session, paul.id, "bilan_draft")
    assert kept == done and kept.finished and kept.answers == {"CIGARETTES": "no", "TOUX": "yes"}
    assert [i.question_id for i in prevention.bilan_summary(session, paul, "45-50", TODAY).discuss] == [
        "TOUX"
    ]
    with pytest.raises(ValidationError, match="not an allowed answer"):
        prevention.save_bilan(session, paul, "45-50", {"TOUX": "often"}, TODAY)


def test_icope_is_kept_by_a_caregiver_and_refused_before_60(session, family):
    rose = someone(session, "Rose", date(1958, 3, 2), "F", role="helped")
    answers = dict(ICOPE_NEGATIVE, words_recalled=2, chair_rise_seconds=None)
    prevention.record_icope(session, rose, answers, TODAY, on=date(2026, 6, 1), filled_by="caregiver")
    prevention.record_icope(session, rose, ICOPE_NEGATIVE, TODAY)
    history = prevention.icope_history(session, rose.id)
    assert [(r.on, r.filled_by) for r in history] == [(date(2026, 6, 1), "caregiver"), (TODAY, "self")]
    assert history[0].positive() == {"cognition", "mobility"} and history[1].positive() == frozenset()
    with pytest.raises(ValidationError, match="60 and over"):
        prevention.record_icope(session, by_name(family, "Camille"), ICOPE_NEGATIVE, TODAY)


def test_two_positive_icope_domains_bring_their_cards_first(session):
    rose = someone(session, "Rose", date(1960, 1, 1), "F", role="helped")  # 66
    answers = dict(ICOPE_NEGATIVE, vision_problem=True, feeling_down=True)
    prevention.record_icope(session, rose, answers, TODAY)
    cards = [c.id for c in prevention.advice_cards(session, rose, TODAY)]
    assert set(cards[:2]) == {"icope-vision", "icope-mood"}


def prevention_items(session, profile, today=TODAY):
    return [i for i in agenda.plan(session, profile, today) if i.code.startswith(("icope", "campaign-"))]


def test_icope_is_proposed_every_6_months_from_60_in_the_plan_and_the_reminders(session, family):
    assert prevention_items(session, by_name(family, "Camille")) == []
    rose = someone(session, "Rose", date(1958, 3, 2), "F", role="helped")
    [icope] = [i for i in prevention_items(session, rose) if i.code.startswith("icope")]
    assert (icope.kind, icope.status, icope.window_start) == ("prevention", "to_schedule", date(2026, 7, 23))
    prevention.record_icope(session, rose, ICOPE_NEGATIVE, TODAY)
    [after] = [i for i in prevention_items(session, rose) if i.code.startswith("icope")]
    assert (after.code, after.status, after.window_start) == ("icope-2027-05", "upcoming", date(2027, 5, 30))
    defaults = reminders.global_settings(session)
    codes = {r.subject for r in reminders.profile_reminders(session, rose, TODAY, defaults)}
    assert "icope-2027-05" in codes


def test_an_icope_item_marked_done_in_the_agenda_counts_as_a_screening(session):
    from services import appointments

    rose = someone(session, "Rose", date(1958, 3, 2), "F", role="helped")
    appointments.mark_done(session, rose.id, "icope-2026-07", date(2026, 11, 1), TODAY)
    [icope] = [i for i in prevention_items(session, rose) if i.code.startswith("icope")]
    assert icope.window_start == date(2027, 5, 1)


def test_the_campaigns_that_concern_a_profile_are_in_its_plan_once(session, family):
    rose = someone(session, "Rose", date(1958, 3, 2), "F", role="helped")
    codes = [i.code for i in prevention_items(session, rose)]
    assert "campaign-mars-bleu-2027" in codes and "campaign-octobre-rose-2027" in codes
    paul = someone(session, "Paul", date(1970, 5, 1), "M")
    assert "campaign-octobre-rose-2027" not in [i.code for i in prevention_items(session, paul)]
    prevention.save_habits(session, paul, AdultHabits(TODAY, tobacco="daily"), TODAY)
    in_october = date(2027, 10, 5)
    assert "campaign-mois-sans-tabac-2027" in [i.code for i in prevention_items(session, paul, in_october)]


def test_the_flu_campaign_is_not_doubled_where_the_calendar_already_has_the_flu_vaccine(session):
    old = someone(session, "Jean", date(1950, 1, 1), "M")
    in_season = date(2025, 11, 2)
    plan = agenda.plan(session, old, in_season)
    assert any(i.code.startswith("vax-flu") for i in plan)
    assert not any(i.code.startswith("campaign-flu-covid") for i in plan)


def test_every_prevention_item_opens_the_prevention_screen():
    from views.routes import ITEM_ROUTES, ROUTES

    assert {ITEM_ROUTES[p] for p in ("icope", "prevention-bilan", "campaign-")} == {"/prevention"}
    route = next(r for r in ROUTES if r.path == "/prevention")
    assert route.tab is False and route.module == "views.prevention"


def test_an_icope_mark_from_a_clock_ahead_does_not_take_the_agenda_down(session):
    """A mark the door would refuse (dated tomorrow) can still arrive from a server: it is left out."""
    from domain.models import AgendaMark

    rose = someone(session, "Rose", date(1958, 3, 2), "F", role="helped")
    with session.uow() as uow:
        uow.records.add(rose.id, AgendaMark("icope-2026-07", date(2026, 12, 1)))
        uow.commit()
    [icope] = [i for i in prevention_items(session, rose) if i.code.startswith("icope")]
    assert icope.status == "to_schedule"


def test_at_59_years_and_11_months_icope_waits_in_a_venir_and_opens_on_the_60th_birthday(session):
    anne = someone(session, "Anne", date(1967, 1, 3), "F")
    [before] = [i for i in prevention_items(session, anne, date(2026, 12, 3)) if i.code.startswith("icope")]
    assert agenda.section_of(before, date(2026, 12, 3)) == "upcoming" and before.window_start == date(
        2027, 1, 3
    )
    [on_the_day] = [
        i for i in prevention_items(session, anne, date(2027, 1, 3)) if i.code.startswith("icope")
    ]
    assert agenda.section_of(on_the_day, date(2027, 1, 3)) == "to_plan"
    assert on_the_day.window_start == date(2027, 1, 3)

"""Type 2 diabetes makes a person at risk, so the flu and COVID-19 campaign item reminds them of the flu
vaccine: the diabetes follow-up no longer adds a second flu item of its own with other dates. Exactly one
flu item per season, with the campaign's dates, done by the season's recorded dose."""

from datetime import date

from domain.medical import MedicalHistory
from services import agenda, records, reminders

DAY = date(2026, 12, 3)


def someone(session, first_name, born, today=DAY):
    return records.add_profile(
        session, today, first_name=first_name, last_name="Martin", birth_date=born, sex="M", role="holder"
    )


def with_type_2_diabetes(session, profile, today=DAY):
    records.add_record(session, profile.id, MedicalHistory("Diabète de type 2", date(2020, 3, 1)), today)
    return profile


def flu_items_of_the_season(session, profile, today, year):
    """The agenda's flu items (calendar, campaign, diabetes follow-up) overlapping the season opening in
    ``year`` (July to July)."""
    since, until = date(year, 7, 1), date(year + 1, 7, 1)
    plan = agenda.plan(session, profile, today)
    return [i for i in plan if "flu" in i.code and i.window_start < until and i.window_end > since]


def test_a_50_year_old_with_type_2_diabetes_has_exactly_one_flu_item_with_the_campaign_s_dates(session):
    paul = with_type_2_diabetes(session, someone(session, "Paul", date(1976, 5, 1)))
    [item] = flu_items_of_the_season(session, paul, DAY, 2026)
    assert item.code == "campaign-flu-covid-2026"
    assert (item.window_start, item.last_day, item.provisional) == (
        date(2026, 10, 15),
        date(2027, 1, 31),
        True,
    )
    assert item.status == "to_schedule"
    fired = reminders.profile_reminders(session, paul, DAY, reminders.global_settings(session))
    subjects = {r.subject for r in fired}
    assert "campaign-flu-covid-2026" in subjects and "t2d-flu" not in subjects


def test_in_the_extended_2025_season_the_one_flu_item_is_open_until_28_february(session):
    day = date(2026, 2, 10)
    paul = with_type_2_diabetes(session, someone(session, "Paul", date(1976, 5, 1), day), day)
    [item] = flu_items_of_the_season(session, paul, day, 2025)
    assert (item.code, item.status) == ("campaign-flu-covid-2025", "to_schedule")
    assert (item.window_start, item.last_day, item.provisional) == (
        date(2025, 10, 14),
        date(2026, 2, 28),
        False,
    )


def test_a_flu_dose_recorded_this_season_marks_the_one_flu_item_done_and_the_follow_up_says_so(session):
    paul = with_type_2_diabetes(session, someone(session, "Paul", date(1976, 5, 1)))
    records.record_dose(session, paul.id, DAY, vaccine="flu", on=date(2026, 11, 5))
    [item] = flu_items_of_the_season(session, paul, DAY, 2026)
    assert (item.code, item.status, item.done_on) == ("campaign-flu-covid-2026", "done", date(2026, 11, 5))
    follow_up = agenda.diabetes_items(session, paul, DAY)
    assert [i.code for i in follow_up if "flu" in i.code] == ["campaign-flu-covid-2026"]
    assert len(follow_up) == 10  # the 9 t2d- items and the campaign's flu item


def test_a_67_year_old_with_type_2_diabetes_has_the_calendar_s_flu_item_only(session):
    jean = with_type_2_diabetes(session, someone(session, "Jean", date(1959, 5, 1)))
    [item] = flu_items_of_the_season(session, jean, DAY, 2026)
    assert (item.code, item.window_start, item.last_day) == (
        "vax-flu-2026",
        date(2026, 10, 15),
        date(2027, 1, 31),
    )
    assert [i.code for i in agenda.diabetes_items(session, jean, DAY) if "flu" in i.code] == ["vax-flu-2026"]

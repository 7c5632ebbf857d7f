"""One source for the flu season's dates: the official calendar's flu and COVID-19 autumn items (from 65,
in pregnancy) take the campaign's dates (assets/prevention/campaigns.json), the 2025-26 season extended to
28 February 2026, a season the data does not date yet the usual window, marked provisional."""

from __future__ import annotations

from datetime import date, timedelta

from domain import campaigns
from domain.agenda import recommended
from domain.agenda_details import usual_window
from domain.prevention import Person

DAY = date(2026, 12, 3)
SENIOR = date(1950, 3, 1)  # 76 on DAY
ONE_DAY = timedelta(days=1)


def plan_of(birth: date, sex: str, today: date, **kwargs) -> dict:
    return {item.code: item for item in recommended(birth, sex, today, **kwargs)}


def test_the_calendar_s_2025_flu_and_covid_items_run_to_the_extended_end_of_the_campaign():
    items = plan_of(SENIOR, "M", date(2026, 2, 10))
    for code in ("vax-flu-2025", "vax-covid-2025"):
        item = items[code]
        assert (item.window_start, item.last_day) == (date(2025, 10, 14), date(2026, 2, 28))
        assert item.status == "to_schedule"  # on 10 February 2026 the campaign was still open
        assert not item.provisional and item.note == ""


def test_a_season_the_data_does_not_date_is_the_usual_window_marked_provisional_with_its_hint():
    items = plan_of(SENIOR, "M", DAY)
    for code in ("vax-flu-2026", "vax-covid-2026", "vax-flu-2027"):
        item = items[code]
        assert (item.window_start.month, item.window_start.day) == (10, 15)
        assert (item.last_day.month, item.last_day.day) == (1, 31)
        assert item.provisional
        assert "the exact dates are announced each year" in item.note


def test_a_past_season_not_dated_is_provisional_but_does_not_ask_for_this_year_s_dates():
    item = plan_of(SENIOR, "M", DAY)["vax-flu-2024"]
    assert item.provisional and item.note == ""


def test_a_pregnant_woman_s_flu_and_covid_items_take_the_campaign_s_dates_too():
    extended = plan_of(date(1995, 1, 1), "F", date(2025, 11, 1), pregnancy_lmp=date(2025, 9, 1))
    assert extended["vax-flu-pregnancy-2025"].last_day == date(2026, 2, 28)
    assert extended["vax-covid-pregnancy-2025"].last_day == date(2026, 2, 28)
    usual = plan_of(date(1995, 1, 1), "F", DAY, pregnancy_lmp=date(2026, 9, 1))["vax-flu-pregnancy-2026"]
    assert (usual.window_start, usual.last_day, usual.provisional) == (
        date(2026, 10, 15),
        date(2027, 1, 31),
        True,
    )


def test_the_calendar_item_and_the_campaign_item_give_the_same_dates_every_season():
    checked = set()
    for today in (date(2025, 11, 2), date(2026, 2, 20), DAY, date(2027, 11, 2)):
        plan = plan_of(SENIOR, "M", today)
        for campaign in campaigns.agenda_items(Person(SENIOR, "M"), today):
            if campaign.kind != "vaccination":
                continue
            year = campaign.window_start.year
            calendar = plan[f"vax-flu-{year}"]
            assert (calendar.window_start, calendar.window_end) == (
                campaign.window_start,
                campaign.window_end,
            )
            assert calendar.provisional == campaign.provisional
            season = campaigns.season("flu-covid", year)
            assert season is not None and (season.start, season.end + ONE_DAY) == (
                calendar.window_start,
                calendar.window_end,
            )
            checked.add(year)
    assert checked == {2025, 2026, 2027}


def test_the_agenda_detail_says_usual_dates_for_a_provisional_window_only():
    items = plan_of(SENIOR, "M", DAY)
    usual = usual_window(items["vax-flu-2026"])
    assert usual is not None
    assert (usual.start, usual.end, usual.season) == (date(2026, 10, 15), date(2027, 1, 31), "2026-2027")
    assert usual_window(plan_of(SENIOR, "M", date(2026, 2, 10))["vax-flu-2025"]) is None
    assert usual_window(items["vax-zoster-1"]) is None

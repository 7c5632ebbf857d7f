"""Campaigns are dated data: who they concern on a given day, as agenda items, and when the data
needs next season's dates."""

from __future__ import annotations

from datetime import date

from domain.campaigns import agenda_items, campaigns_on, needs_new_season
from domain.habits import AdultHabits
from domain.prevention import Person

SENIOR = Person(date(1955, 4, 1), "F")  # 71 in 2026


def on(person: Person, day: date) -> set[str]:
    return {campaign.id for campaign in campaigns_on(person, day)}


def test_the_flu_and_covid_campaign_concerns_people_from_65_between_its_dates_only():
    assert "flu-covid-2025" in on(SENIOR, date(2025, 10, 14))
    assert "flu-covid-2025" in on(SENIOR, date(2026, 1, 31))
    assert "flu-covid-2025" not in on(SENIOR, date(2025, 10, 13))
    assert "flu-covid-2025" not in on(SENIOR, date(2026, 2, 1))


def test_the_flu_and_covid_campaign_concerns_pregnant_women_and_people_at_risk_but_not_others():
    day = date(2025, 11, 2)
    assert "flu-covid-2025" in on(Person(date(1995, 1, 1), "F", pregnant=True), day)
    assert "flu-covid-2025" in on(Person(date(1995, 1, 1), "M", at_risk=True), day)
    assert "flu-covid-2025" not in on(Person(date(1995, 1, 1), "M"), day)
    assert "flu-covid-2025" not in on(Person(date(1961, 1, 1), "M"), day)  # 64


def test_mois_sans_tabac_concerns_smokers_in_october_and_november_every_year():
    smoker = Person(date(1990, 1, 1), "M", habits=AdultHabits(recorded_on=date(2026, 1, 1), tobacco="daily"))
    assert "mois-sans-tabac" in on(smoker, date(2026, 10, 1))
    assert "mois-sans-tabac" in on(smoker, date(2031, 11, 30))
    assert "mois-sans-tabac" not in on(smoker, date(2026, 12, 1))
    assert "mois-sans-tabac" not in on(Person(date(1990, 1, 1), "M"), date(2026, 11, 1))


def test_screening_months_concern_the_people_of_the_programme():
    assert "mars-bleu" in on(Person(date(1970, 1, 1), "M"), date(2027, 3, 10))
    assert "mars-bleu" not in on(Person(date(1980, 1, 1), "M"), date(2027, 3, 10))
    assert "octobre-rose" in on(SENIOR, date(2026, 10, 5))
    assert "octobre-rose" not in on(Person(date(1960, 1, 1), "M"), date(2026, 10, 5))


def test_campaigns_to_come_are_agenda_items_that_open_on_their_first_day():
    items = {item.code: item for item in agenda_items(SENIOR, date(2026, 2, 15))}
    assert set(items) == {"campaign-mars-bleu-2026", "campaign-octobre-rose-2026"}
    march = items["campaign-mars-bleu-2026"]
    assert (march.kind, march.window_start, march.window_end, march.status) == (
        "screening",
        date(2026, 3, 1),
        date(2026, 4, 1),
        "upcoming",
    )
    assert march.source


def test_a_campaign_marked_done_shows_as_done():
    items = agenda_items(SENIOR, date(2025, 11, 1), done={"campaign-flu-covid-2025": date(2025, 10, 20)})
    flu = next(item for item in items if item.code == "campaign-flu-covid-2025")
    assert (flu.kind, flu.status, flu.done_on) == ("vaccination", "done", date(2025, 10, 20))


def test_the_data_asks_for_next_seasons_dates_once_the_last_season_is_over():
    assert needs_new_season(date(2026, 1, 31)) == ()
    assert needs_new_season(date(2026, 2, 1)) == ("flu-covid",)

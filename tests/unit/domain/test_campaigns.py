"""Campaigns are dated data: who they concern on a given day, as agenda items, and when the data
needs next season's dates."""

from __future__ import annotations

from datetime import date

from domain.campaigns import _entries, agenda_items, campaigns_on, needs_new_season
from domain.habits import AdultHabits
from domain.prevention import Person

SENIOR = Person(date(1955, 4, 1), "F")  # 71 in 2026


def on(person: Person, day: date) -> set[str]:
    return {campaign.id for campaign in campaigns_on(person, day)}


def test_the_flu_and_covid_campaign_concerns_people_from_65_between_its_dates_only():
    assert "flu-covid-2025" in on(SENIOR, date(2025, 10, 14))
    assert "flu-covid-2025" not in on(SENIOR, date(2025, 10, 13))


def test_the_2025_26_season_ends_on_28_february_2026_as_extended_in_january():
    assert "flu-covid-2025" in on(SENIOR, date(2026, 2, 1))
    assert "flu-covid-2025" in on(SENIOR, date(2026, 2, 28))
    assert on(SENIOR, date(2026, 3, 1)) & {"flu-covid-2025", "flu-covid"} == set()


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
    assert set(items) == {
        "campaign-flu-covid-2025",  # under way until 28 February
        "campaign-mars-bleu-2026",
        "campaign-octobre-rose-2026",
        "campaign-flu-covid-2026",  # next autumn's, at its usual dates (not dated yet)
    }
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
    assert needs_new_season(date(2026, 2, 28)) == ()
    assert needs_new_season(date(2026, 3, 1)) == ("flu-covid",)
    assert needs_new_season(date(2026, 12, 3)) == ("flu-covid",)  # the usual window does not silence it


# --- a season the data does not date yet: the usual window, provisional ---------------------------------
AT_RISK_45 = Person(date(1981, 6, 1), "M", at_risk=True)
HEALTHY_45 = Person(date(1981, 6, 1), "M")


def flu_campaigns(person: Person, day: date) -> list:
    return [c for c in campaigns_on(person, day) if c.series == "flu-covid"]


def test_on_3_december_2026_the_undated_season_is_under_way_at_its_usual_dates_marked_provisional():
    [flu] = flu_campaigns(AT_RISK_45, date(2026, 12, 3))
    assert (flu.id, flu.start, flu.end, flu.provisional) == (
        "flu-covid",
        date(2026, 10, 15),
        date(2027, 1, 31),
        True,
    )
    assert "announced each year" in flu.hint and "pharmacist" in flu.hint
    [item] = [i for i in agenda_items(AT_RISK_45, date(2026, 12, 3)) if i.code.startswith("campaign-flu")]
    assert (item.code, item.status, item.note) == ("campaign-flu-covid-2026", "to_schedule", flu.hint)
    assert "(usual dates)" in item.label


def test_on_30_september_2026_the_usual_window_is_to_come_and_not_under_way():
    assert flu_campaigns(AT_RISK_45, date(2026, 9, 30)) == []
    [item] = [i for i in agenda_items(AT_RISK_45, date(2026, 9, 30)) if i.code.startswith("campaign-flu")]
    assert (item.status, item.window_start, item.last_day) == (
        "upcoming",
        date(2026, 10, 15),
        date(2027, 1, 31),
    )
    assert item.note


def test_a_dated_season_wins_over_the_usual_window():
    [flu] = flu_campaigns(AT_RISK_45, date(2025, 11, 2))
    assert (flu.id, flu.provisional, flu.hint) == ("flu-covid-2025", False, "")


def test_the_usual_window_invites_the_same_people_as_the_dated_seasons():
    entries = [e for e in _entries() if e.series == "flu-covid"]
    assert len({repr(e.when_any) for e in entries}) == 1 and len(entries) >= 2


def test_the_flu_campaign_concerns_a_45_year_old_at_risk_but_not_a_healthy_one():
    assert [c.id for c in flu_campaigns(AT_RISK_45, date(2026, 12, 3))] == ["flu-covid"]
    assert flu_campaigns(HEALTHY_45, date(2026, 12, 3)) == []
    assert not [i for i in agenda_items(HEALTHY_45, date(2026, 12, 3)) if i.code.startswith("campaign-flu")]


def test_on_3_december_2026_people_of_65_and_pregnant_women_are_invited_too():
    assert [c.id for c in flu_campaigns(SENIOR, date(2026, 12, 3))] == ["flu-covid"]
    pregnant = Person(date(1995, 1, 1), "F", pregnant=True)
    assert [c.id for c in flu_campaigns(pregnant, date(2026, 12, 3))] == ["flu-covid"]


def test_a_chronic_condition_invites_from_6_months_as_the_calendar_says():
    assert flu_campaigns(Person(date(2026, 6, 4), "F", at_risk=True), date(2026, 12, 3)) == []  # 5 months
    assert [c.id for c in flu_campaigns(Person(date(2026, 6, 3), "F", at_risk=True), date(2026, 12, 3))] == [
        "flu-covid"
    ]

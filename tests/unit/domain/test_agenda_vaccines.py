"""Vaccination rules of issue 10: age limits, minimum valid ages, brand and age schemes, catch-up.

Every expected date is counted by hand from the rule quoted in the comment next to it
(assets/rules/vaccination.json holds the rules and their sources).
"""

from __future__ import annotations

from datetime import date

from domain.agenda import recommended
from domain.agenda_labels import LIMIT_NOTES
from domain.vaccine_doses import brands, calendar_codes

D = date


def plan_of(birth: date, sex: str, today: date, **kwargs) -> dict:
    return {item.code: item for item in recommended(birth, sex, today, **kwargs)}


def window(items: dict, code: str) -> tuple[date, date]:
    return items[code].window_start, items[code].window_end


# --- 1. rotavirus: never past the age limit ---------------------------------------------------------

ROTA_BABY = D(2025, 1, 10)
LATE_DOSE_1 = [("vax-rota-1", D(2025, 3, 25))]  # 10 weeks + 4 days


def test_a_late_first_rotavirus_dose_leaves_dose_2_only_until_24_weeks():
    items = plan_of(ROTA_BABY, "F", D(2025, 5, 1), done=LATE_DOSE_1)
    # start: 3 months (10 April) or 4 weeks after dose 1 (22 April), the later;
    # end: 24 weeks = birth + 168 days = 27 June (it used to run until 24 July)
    assert window(items, "vax-rota-2") == (D(2025, 4, 22), D(2025, 6, 27))
    assert items["vax-rota-2"].status == "to_schedule"
    assert "vax-rota-3" not in items  # no brand recorded: the Rotarix plan, 2 doses


def test_a_rotavirus_dose_past_its_limit_is_not_catchable_and_says_why():
    items = plan_of(ROTA_BABY, "F", D(2025, 6, 27), done=LATE_DOSE_1)
    dose = items["vax-rota-2"]
    assert dose.status == "expired"
    assert dose.window_end == D(2025, 6, 27)  # never shown past 24 weeks
    assert dose.note == LIMIT_NOTES["rota"]


def test_a_dose_1_given_so_late_that_dose_2_cannot_fit_makes_dose_2_expired_at_once():
    # dose 1 on 5 June: 4 weeks later is 3 July, past the 24-week limit (27 June)
    items = plan_of(ROTA_BABY, "F", D(2025, 6, 10), done=[("vax-rota-1", D(2025, 6, 5))])
    assert items["vax-rota-2"].status == "expired"
    assert items["vax-rota-2"].window_start < items["vax-rota-2"].window_end == D(2025, 6, 27)


def test_no_first_rotavirus_dose_by_4_months_closes_the_whole_series():
    # 4 months = 10 May 2025
    items = plan_of(ROTA_BABY, "F", D(2025, 5, 12))
    assert items["vax-rota-1"].status == "expired"
    assert items["vax-rota-1"].window_end == D(2025, 5, 10)
    assert items["vax-rota-2"].status == "expired"


def test_rotateq_recorded_brings_its_third_dose_and_its_32_week_limit():
    items = plan_of(ROTA_BABY, "F", D(2025, 5, 1), done=LATE_DOSE_1, brands={"rota": "rotateq"})
    # dose 2 must leave 4 weeks for dose 3 before 32 weeks: before 28 weeks = birth + 196 days
    assert window(items, "vax-rota-2") == (D(2025, 4, 22), D(2025, 7, 25))
    # dose 3: 4 months (10 May) or 4 weeks after dose 2's planned start (20 May); 32 weeks = 22 August
    assert window(items, "vax-rota-3") == (D(2025, 5, 20), D(2025, 8, 22))
    done = [*LATE_DOSE_1, ("vax-rota-2", D(2025, 5, 1))]
    items = plan_of(ROTA_BABY, "F", D(2025, 5, 2), done=done, brands={"rota": "rotateq"})
    assert window(items, "vax-rota-3") == (D(2025, 5, 29), D(2025, 8, 22))  # 1 May + 4 weeks


def test_the_brand_is_read_from_the_product_name_of_a_rotavirus_dose():
    assert brands([("rota", "RotaTeq solution buvable")]) == {"rota": "rotateq"}
    assert brands([("rota", "Rotarix"), ("rota", "RotaTeq")]) == {"rota": "rotarix"}
    assert brands([("rota", "")]) == {}


def test_a_rotavirus_dose_before_6_weeks_does_not_count():
    # 4 weeks + 4 days old: below the minimum age of dose 1 (6 weeks)
    items = plan_of(ROTA_BABY, "F", D(2025, 2, 20), done=[("vax-rota-1", D(2025, 2, 11))])
    assert items["vax-rota-1"].status == "to_schedule" or items["vax-rota-1"].status == "upcoming"
    assert items["vax-rota-1"].done_on is None


# --- 2. doses given too early do not count ---------------------------------------------------------

MMR_BABY = D(2024, 3, 15)


def test_an_mmr_dose_at_8_months_does_not_count_and_two_doses_remain():
    doses = calendar_codes([("ror", D(2024, 11, 20))], MMR_BABY)  # given at 8 months (travel, outbreak)
    assert doses == [("vax-mmr-1", D(2024, 11, 20))]
    items = plan_of(MMR_BABY, "M", D(2025, 1, 10), done=doses)
    assert items["vax-mmr-1"].status == "upcoming" and items["vax-mmr-1"].done_on is None
    assert window(items, "vax-mmr-1") == (D(2025, 3, 15), D(2025, 4, 15))  # 12th month
    assert window(items, "vax-mmr-2") == (D(2025, 7, 15), D(2025, 9, 15))  # 16 to 18 months


def test_the_dose_at_12_months_after_an_early_one_is_dose_1():
    doses = calendar_codes([("ror", D(2024, 11, 20)), ("ror", D(2025, 3, 20))], MMR_BABY)
    items = plan_of(MMR_BABY, "M", D(2025, 4, 1), done=doses)
    assert items["vax-mmr-1"].done_on == D(2025, 3, 20)
    assert items["vax-mmr-2"].status == "upcoming"  # still due at 16 to 18 months
    assert window(items, "vax-mmr-2") == (D(2025, 7, 15), D(2025, 9, 15))


def test_a_menb_dose_before_2_months_does_not_count_either():
    baby = D(2025, 1, 10)
    items = plan_of(baby, "F", D(2025, 3, 1), done=[("vax-menb-1", D(2025, 2, 25))])  # 6 weeks + 2 days
    assert items["vax-menb-1"].done_on is None


# --- 3. HPV catch-up from 15 years: 3 doses; boys from 2021 ----------------------------------------

GIRL_2009 = D(2009, 6, 1)


def test_an_hpv_series_started_at_16_is_the_3_dose_catch_up():
    doses = calendar_codes([("hpv", D(2025, 7, 1))], GIRL_2009)
    items = plan_of(GIRL_2009, "F", D(2025, 7, 2), done=doses)
    assert items["vax-hpv-catchup-1"].status == "done"
    assert "vax-hpv-1" not in items and "vax-hpv-2" not in items
    # dose 2 two months after dose 1 (a month's window), dose 3 at 6 months = 4 months after dose 2
    assert window(items, "vax-hpv-catchup-2") == (D(2025, 9, 1), D(2025, 10, 1))
    assert items["vax-hpv-catchup-3"].window_start == D(2026, 1, 1)
    doses = calendar_codes([("hpv", D(2025, 7, 1)), ("hpv", D(2025, 9, 5))], GIRL_2009)
    items = plan_of(GIRL_2009, "F", D(2025, 9, 6), done=doses)
    assert items["vax-hpv-catchup-2"].done_on == D(2025, 9, 5)
    assert window(items, "vax-hpv-catchup-3") == (D(2026, 1, 5), D(2026, 2, 5))


def test_the_hpv_catch_up_runs_until_26_years_since_the_has_2025_recommendation():
    items = plan_of(GIRL_2009, "F", D(2025, 7, 1))
    # 15th birthday (1 June 2024) to the 27th (1 June 2036): "jusqu'à 26 ans révolus"
    assert window(items, "vax-hpv-catchup-1") == (D(2024, 6, 1), D(2036, 6, 1))
    woman = plan_of(D(2000, 6, 1), "F", D(2025, 7, 1))  # 25: only from the HAS text (13 May 2025)
    assert window(woman, "vax-hpv-catchup-1") == (D(2025, 5, 13), D(2027, 6, 1))


def test_boys_are_offered_hpv_from_1_january_2021_only():
    boy, girl = D(2005, 1, 1), D(2005, 1, 1)
    assert plan_of(girl, "F", D(2020, 6, 1))["vax-hpv-catchup-1"].window_start == D(2020, 1, 1)
    assert plan_of(boy, "M", D(2020, 6, 1))["vax-hpv-catchup-1"].window_start == D(2021, 1, 1)
    too_old = plan_of(D(2000, 6, 1), "M", D(2021, 6, 1))  # 20 in 2020: out of the 2021 boys' catch-up
    assert too_old["vax-hpv-catchup-1"].window_start == D(2025, 5, 13)  # only the 2025 one, up to 26


# --- 9. MenACWY: catch-up 15-24, infant schemes begun with MenC ----------------------------------------


def test_menacwy_is_caught_up_once_from_15_to_24_years():
    items = plan_of(D(2005, 3, 1), "M", D(2025, 6, 1))  # 20 when the 2025 calendar came out
    assert window(items, "vax-menacwy-1524") == (D(2025, 4, 28), D(2030, 3, 1))
    teen = plan_of(D(2012, 3, 1), "F", D(2025, 6, 1), done=[("vax-menacwy-ado", D(2025, 5, 2))])
    assert "vax-menacwy-1524" not in teen  # the dose at 11-14 is enough


def test_an_infant_started_with_menc_gets_no_acwy_at_6_months_but_acwy_at_12_months():
    baby = D(2024, 7, 15)
    items = plan_of(baby, "F", D(2025, 2, 1), done=[("vax-menc-1", D(2024, 12, 20))])
    assert "vax-menacwy-1" not in items
    assert window(items, "vax-menacwy-2") == (D(2025, 7, 15), D(2025, 8, 15))
    without_menc = plan_of(baby, "F", D(2025, 2, 1))
    assert window(without_menc, "vax-menacwy-1") == (D(2025, 1, 15), D(2025, 2, 15))


def test_menb_can_be_offered_from_15_to_24_years():
    items = plan_of(D(2008, 9, 1), "F", D(2025, 6, 1))
    assert window(items, "vax-menb-1524") == (D(2025, 4, 28), D(2033, 9, 1))
    assert items["vax-menb-1524"].label.startswith("Meningococcal B vaccine, can be offered")


# --- 10. missed vaccinations stay visible as catch-up --------------------------------------------------


def test_a_missed_mmr_stays_a_catch_up_with_no_age_limit_for_anyone_born_since_1980():
    child = plan_of(D(2018, 2, 1), "M", D(2026, 1, 10))
    assert child["vax-mmr-1"].status == "catch_up"  # its window closed in March 2019
    adult = plan_of(D(1985, 5, 5), "F", D(2026, 1, 10))
    assert window(adult, "vax-mmr-1") == (D(2018, 1, 1), D(2085, 5, 5))  # from Carnet's first calendar
    assert window(adult, "vax-mmr-2")[0] == D(2018, 2, 1)  # at least a month after dose 1
    assert "vax-mmr-1" not in plan_of(D(1975, 5, 5), "F", D(2026, 1, 10))


def test_the_25_year_pertussis_booster_is_a_catch_up_until_39_then_overdue():
    items = plan_of(D(1995, 4, 2), "M", D(2026, 1, 10))
    assert items["vax-dtcap-25"].status == "catch_up"
    assert items["vax-dtcap-25"].catch_up_until == D(2035, 4, 2)  # 40th birthday
    items = plan_of(D(1993, 4, 2), "M", D(2033, 6, 1))  # 40: past the catch-up age
    assert items["vax-dtcap-25"].status == "overdue"


# --- missing programmes: RSV, COVID-19 --------------------------------------------------------------------


def test_a_baby_born_in_the_rsv_season_gets_nirsevimab_at_once_and_one_born_in_spring_before_it():
    in_season = plan_of(D(2025, 10, 20), "F", D(2025, 10, 21))
    assert window(in_season, "vax-nirsevimab") == (D(2025, 10, 20), D(2026, 2, 1))
    spring = plan_of(D(2025, 4, 10), "M", D(2025, 6, 1))
    assert window(spring, "vax-nirsevimab") == (D(2025, 9, 1), D(2026, 2, 1))  # before the season
    assert "vax-nirsevimab" not in plan_of(D(2024, 12, 1), "M", D(2025, 6, 1))  # first season was 2024


def test_no_nirsevimab_when_the_mother_was_vaccinated_at_least_14_days_before_the_birth():
    items = plan_of(D(2025, 10, 20), "F", D(2025, 10, 21), done=[("vax-rsv-maternal", D(2025, 9, 30))])
    assert "vax-nirsevimab" not in items


def test_the_rsv_vaccine_of_pregnancy_falls_at_32_to_36_weeks_in_the_campaign_only():
    # LMP 1 March 2025: 32+0 SA = 11 October, 37+0 SA = 15 November
    items = plan_of(D(1995, 1, 1), "F", D(2025, 9, 1), pregnancy_lmp=D(2025, 3, 1))
    assert window(items, "vax-rsv-pregnancy") == (D(2025, 10, 11), D(2025, 11, 15))
    summer = plan_of(D(1995, 1, 1), "F", D(2025, 1, 10), pregnancy_lmp=D(2024, 12, 1))
    assert "vax-rsv-pregnancy" not in summer  # 32-36 SA in July-August, out of the campaign


def test_covid_vaccines_autumn_from_65_spring_from_80_and_in_pregnancy():
    senior = plan_of(D(1944, 2, 1), "M", D(2026, 1, 10))
    assert window(senior, "vax-covid-2025") == (D(2025, 10, 14), D(2026, 3, 1))  # extended, as the flu
    assert window(senior, "vax-covid-spring-2026") == (D(2026, 4, 14), D(2026, 6, 15))
    assert "vax-covid-spring-2025" not in senior  # before the 2025 calendar (28 April)
    younger = plan_of(D(1955, 2, 1), "M", D(2026, 1, 10))
    assert "vax-covid-2025" in younger and "vax-covid-spring-2026" not in younger
    pregnant = plan_of(D(1995, 1, 1), "F", D(2025, 10, 1), pregnancy_lmp=D(2025, 9, 1))
    assert window(pregnant, "vax-covid-pregnancy-2025") == (D(2025, 10, 14), D(2026, 3, 1))

"""The French prevention calendar: windows computed for chosen people equal the reference facts
(/work/shared/reference/fr-health-rules.yaml), with the calendar switches and age arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agenda import add_months, add_years, recommended
from domain.agenda_labels import LABELS
from domain.errors import ValidationError
from domain.reference import load_json


def plan_of(birth: date, sex: str, today: date, **kwargs) -> dict:
    return {item.code: item for item in recommended(birth, sex, today, **kwargs)}


def window(items: dict, code: str) -> tuple[date, date]:
    return items[code].window_start, items[code].window_end


# --- age arithmetic ---------------------------------------------------------------------------


def test_one_month_after_31_january_is_the_end_of_february():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_adding_months_crosses_years_both_ways():
    assert add_months(date(2024, 12, 15), 1) == date(2025, 1, 15)
    assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)
    assert add_months(date(2025, 5, 10), 138) == date(2036, 11, 10)


def test_a_29_february_birthday_falls_on_28_february_in_common_years():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


# --- child exams --------------------------------------------------------------------------------


def test_a_child_born_in_2025_gets_the_20_exams_of_the_2025_calendar():
    items = plan_of(date(2025, 3, 10), "M", date(2025, 4, 1))
    exams = sorted(code for code, item in items.items() if item.kind == "exam")
    assert exams == [f"child-exam-{n:02d}" for n in range(1, 21)]
    assert window(items, "child-exam-01") == (date(2025, 3, 10), date(2025, 3, 18))
    assert window(items, "child-exam-02") == (date(2025, 3, 17), date(2025, 3, 24))
    assert window(items, "child-exam-03") == (date(2025, 4, 10), date(2025, 5, 10))
    assert window(items, "child-exam-09") == (date(2026, 2, 10), date(2026, 3, 10))
    assert window(items, "child-exam-11") == (date(2026, 7, 10), date(2026, 9, 10))
    assert window(items, "child-exam-12") == (date(2027, 2, 10), date(2027, 4, 10))
    assert window(items, "child-exam-17") == (date(2031, 3, 10), date(2032, 3, 10))
    assert window(items, "child-exam-19") == (date(2036, 3, 10), date(2038, 3, 10))
    assert window(items, "child-exam-20") == (date(2040, 3, 10), date(2041, 3, 10))
    assert items["child-exam-09"].label == "Mandatory child exam no. 9 (12th month)"


def test_exam_statuses_follow_today():
    items = plan_of(date(2025, 3, 10), "M", date(2025, 4, 12))
    assert items["child-exam-01"].status == "overdue"
    assert items["child-exam-03"].status == "to_schedule"
    assert items["child-exam-04"].status == "upcoming"


def test_a_child_born_in_2020_gets_the_2019_calendar_exams_before_2025():
    items = plan_of(date(2020, 6, 1), "F", date(2026, 3, 1))
    old = sorted(code for code in items if code.startswith("child-exam-2019-"))
    assert old == [f"child-exam-2019-{n:02d}" for n in range(1, 17)]
    assert window(items, "child-exam-2019-03") == (date(2020, 6, 15), date(2020, 7, 1))
    assert window(items, "child-exam-2019-16") == (date(2024, 6, 1), date(2025, 6, 1))


def test_a_child_born_in_2020_gets_the_2025_calendar_exams_from_2025_including_the_7th_year():
    items = plan_of(date(2020, 6, 1), "F", date(2026, 3, 1))
    new = sorted(code for code in items if code.startswith("child-exam-") and "2019" not in code)
    assert new == ["child-exam-16", "child-exam-17", "child-exam-18", "child-exam-19", "child-exam-20"]
    assert window(items, "child-exam-16") == (date(2025, 6, 1), date(2026, 6, 1))
    assert items["child-exam-16"].status == "to_schedule"
    assert window(items, "child-exam-17") == (date(2026, 6, 1), date(2027, 6, 1))


def test_the_calendar_of_an_exam_is_the_one_in_force_on_the_day_its_window_opens():
    # born 2024-11-20: the "2nd month" window opens 2024-12-20, before the switch -> 2019 exam no. 4;
    # the "3rd month" window opens 2025-01-20 -> 2025 exam no. 4, and no 2019 exam no. 5
    items = plan_of(date(2024, 11, 20), "F", date(2025, 2, 1))
    assert window(items, "child-exam-2019-03") == (date(2024, 12, 4), date(2024, 12, 20))
    assert window(items, "child-exam-2019-04") == (date(2024, 12, 20), date(2025, 1, 20))
    assert "child-exam-03" not in items
    assert window(items, "child-exam-04") == (date(2025, 1, 20), date(2025, 2, 20))
    assert "child-exam-2019-05" not in items


def test_a_child_born_on_29_february_has_windows_on_28_february_in_common_years():
    items = plan_of(date(2024, 2, 29), "M", date(2025, 3, 1))
    assert window(items, "child-exam-09") == (date(2025, 1, 29), date(2025, 2, 28))
    assert window(items, "child-exam-13") == (date(2026, 2, 28), date(2027, 2, 28))
    assert window(items, "dental-mtdents-03") == (date(2027, 2, 28), date(2028, 2, 29))


def test_a_child_born_on_31_january_has_month_windows_clamped_to_month_ends():
    items = plan_of(date(2025, 1, 31), "F", date(2025, 2, 1))
    assert window(items, "child-exam-03") == (date(2025, 2, 28), date(2025, 3, 31))
    assert window(items, "child-exam-04") == (date(2025, 3, 31), date(2025, 4, 30))
    assert window(items, "vax-hexa-1") == (date(2025, 3, 31), date(2025, 4, 30))


def test_a_17_year_old_has_no_child_exam_left_to_schedule():
    items = plan_of(date(2008, 5, 1), "M", date(2025, 6, 1))
    exams = {code: item for code, item in items.items() if item.kind == "exam"}
    # only the exams whose window opened once the 2019 calendar was in force are listed
    assert sorted(exams) == ["child-exam-2019-19", "child-exam-2019-20"]
    assert window(items, "child-exam-2019-20") == (date(2023, 5, 1), date(2024, 5, 1))
    assert {item.status for item in exams.values()} == {"overdue"}


# --- vaccination --------------------------------------------------------------------------------


def test_an_infant_born_in_2025_gets_the_2025_vaccines_incl_menb_and_menacwy():
    items = plan_of(date(2025, 3, 10), "F", date(2025, 4, 1))
    assert window(items, "vax-hexa-1") == (date(2025, 5, 10), date(2025, 6, 10))
    assert window(items, "vax-hexa-2") == (date(2025, 7, 10), date(2025, 8, 10))
    assert window(items, "vax-hexa-3") == (date(2026, 2, 10), date(2026, 3, 10))
    assert window(items, "vax-pcv-3") == (date(2026, 2, 10), date(2026, 3, 10))
    assert window(items, "vax-menb-1") == (date(2025, 6, 10), date(2025, 7, 10))
    assert window(items, "vax-menb-2") == (date(2025, 8, 10), date(2025, 9, 10))
    assert window(items, "vax-menb-3") == (date(2026, 3, 10), date(2026, 4, 10))
    assert window(items, "vax-menacwy-1") == (date(2025, 9, 10), date(2025, 10, 10))
    assert window(items, "vax-menacwy-2") == (date(2026, 3, 10), date(2026, 4, 10))
    assert window(items, "vax-mmr-1") == (date(2026, 3, 10), date(2026, 4, 10))
    assert window(items, "vax-mmr-2") == (date(2026, 7, 10), date(2026, 9, 10))
    assert window(items, "vax-rota-1") == (date(2025, 5, 10), date(2025, 7, 10))
    assert window(items, "vax-dtcap-06") == (date(2031, 3, 10), date(2032, 3, 10))
    assert window(items, "vax-dtcap-11") == (date(2036, 3, 10), date(2039, 3, 10))
    assert "vax-menc-1" not in items and "vax-menc-2" not in items


def test_a_menc_scheme_started_in_2024_is_completed_with_menacwy_in_2025():
    items = plan_of(date(2024, 6, 15), "M", date(2025, 1, 10))
    assert window(items, "vax-menc-1") == (date(2024, 11, 15), date(2024, 12, 15))
    assert "vax-menc-2" not in items
    assert "vax-menacwy-1" not in items
    assert window(items, "vax-menacwy-2") == (date(2025, 6, 15), date(2025, 7, 15))
    assert window(items, "vax-menb-1") == (date(2024, 9, 15), date(2024, 10, 15))


def test_children_born_from_july_2023_get_a_menacwy_catch_up_dose_before_2_years():
    items = plan_of(date(2023, 9, 1), "F", date(2025, 2, 1))
    assert window(items, "vax-menacwy-catchup") == (date(2025, 1, 1), date(2025, 9, 1))
    assert items["vax-menacwy-catchup"].status == "to_schedule"
    assert "vax-menacwy-catchup" not in plan_of(date(2024, 1, 5), "F", date(2025, 2, 1))
    # born in the first half of 2023: from the 2025 calendar (28 April), while still under 2
    items = plan_of(date(2023, 6, 30), "F", date(2025, 5, 1))
    assert window(items, "vax-menacwy-catchup") == (date(2025, 4, 28), date(2025, 6, 30))
    assert "vax-menacwy-catchup" not in plan_of(date(2023, 3, 1), "F", date(2025, 5, 1))


def test_no_menb_before_it_was_recommended_to_all_infants_in_2022():
    items = plan_of(date(2020, 6, 1), "F", date(2026, 3, 1))
    assert not [code for code in items if code.startswith("vax-menb") and code != "vax-menb-1524"]


def test_done_marks_a_dose_done_and_moves_the_next_dose_from_its_real_date():
    birth, today = date(2025, 3, 10), date(2025, 7, 20)
    items = plan_of(birth, "F", today, done=[("vax-menb-1", date(2025, 7, 5))])
    assert items["vax-menb-1"].status == "done"
    assert items["vax-menb-1"].done_on == date(2025, 7, 5)
    # >= 2 months after the real 1st dose; the window keeps its length
    assert window(items, "vax-menb-2") == (date(2025, 9, 5), date(2025, 10, 6))
    assert window(items, "vax-menb-3") == (date(2026, 3, 10), date(2026, 4, 10))
    done = [("vax-menb-1", date(2025, 7, 5)), ("vax-menb-2", date(2025, 10, 1))]
    items = plan_of(birth, "F", today, done=done)
    assert window(items, "vax-menb-3") == (date(2026, 4, 1), date(2026, 5, 2))


def test_a_dose_given_on_time_keeps_the_calendar_age_for_the_next_one():
    items = plan_of(date(2025, 3, 10), "F", date(2025, 7, 20), done=[("vax-menb-1", date(2025, 6, 12))])
    assert window(items, "vax-menb-2") == (date(2025, 8, 12), date(2025, 9, 12))


def test_hpv_dose_2_comes_5_to_13_months_after_dose_1_and_the_catch_up_disappears():
    birth, today = date(2013, 1, 10), date(2025, 4, 1)
    items = plan_of(birth, "F", today)
    assert window(items, "vax-hpv-1") == (date(2024, 1, 10), date(2028, 1, 10))
    # catch-up from 15 up to 26 years (HAS 2025): until the 27th birthday
    assert window(items, "vax-hpv-catchup-1") == (date(2028, 1, 10), date(2040, 1, 10))
    items = plan_of(birth, "F", today, done=[("vax-hpv-1", date(2025, 3, 1))])
    assert window(items, "vax-hpv-2") == (date(2025, 8, 1), date(2026, 4, 1))
    assert not [code for code in items if code.startswith("vax-hpv-catchup")]


def test_adult_dtp_boosters_are_at_25_45_65_then_every_10_years():
    items = plan_of(date(1995, 4, 2), "M", date(2026, 1, 10))
    assert window(items, "vax-dtcap-25") == (date(2020, 4, 2), date(2021, 4, 2))
    assert items["vax-dtcap-25"].status == "catch_up"  # the pertussis booster may be caught up until 39
    assert window(items, "vax-dtp-45") == (date(2040, 4, 2), date(2041, 4, 2))
    assert window(items, "vax-dtp-65") == (date(2060, 4, 2), date(2061, 4, 2))
    boosters = sorted(code for code in items if code.startswith("vax-dtp-"))
    assert boosters == ["vax-dtp-45", "vax-dtp-65", "vax-dtp-75", "vax-dtp-85", "vax-dtp-95"]
    assert window(items, "vax-dtp-85") == (date(2080, 4, 2), date(2081, 4, 2))


def test_windows_that_opened_before_the_earliest_shipped_calendar_are_not_listed():
    items = plan_of(date(1990, 4, 2), "M", date(2026, 1, 10))
    assert "vax-dtcap-25" not in items  # 2015, before the 2018 calendar Carnet starts from
    assert window(items, "vax-dtp-45") == (date(2035, 4, 2), date(2036, 4, 2))
    assert not [item for item in items.values() if item.kind in ("exam", "dental")]


def test_a_senior_gets_flu_every_season_shingles_pneumococcus_and_rsv():
    items = plan_of(date(1950, 3, 1), "M", date(2026, 1, 10))
    # the 2025-26 campaign's dates, extended to 28 February 2026 (assets/prevention/campaigns.json)
    assert window(items, "vax-flu-2025") == (date(2025, 10, 14), date(2026, 3, 1))
    assert items["vax-flu-2025"].status == "to_schedule"
    # a season the data does not date yet: the usual window, provisional
    assert window(items, "vax-flu-2049") == (date(2049, 10, 15), date(2050, 2, 1))
    assert "vax-flu-2050" not in items  # the plan stops at 100 years
    # recommended to all from 65 since HAS 29/02/2024: people already over 65 start then
    assert window(items, "vax-zoster-1") == (date(2024, 2, 29), date(2050, 3, 1))
    assert window(items, "vax-pneumo-65") == (date(2025, 4, 28), date(2050, 3, 1))
    assert window(items, "vax-rsv-75") == (date(2025, 4, 28), date(2050, 3, 1))
    assert window(items, "vax-dtp-75") == (date(2025, 3, 1), date(2026, 3, 1))
    items = plan_of(date(1950, 3, 1), "M", date(2026, 1, 10), done=[("vax-zoster-1", date(2025, 11, 3))])
    assert window(items, "vax-zoster-2") == (date(2026, 1, 3), date(2026, 5, 3))


def test_flu_starts_with_the_first_season_after_the_65th_birthday():
    items = plan_of(date(1961, 11, 20), "F", date(2026, 1, 10))
    assert "vax-flu-2025" not in items
    assert window(items, "vax-flu-2026") == (date(2026, 11, 20), date(2027, 2, 1))


def test_a_pregnant_woman_is_offered_the_flu_vaccine_during_the_season():
    items = plan_of(date(1995, 1, 1), "F", date(2025, 10, 1), pregnancy_lmp=date(2025, 9, 1))
    assert window(items, "vax-flu-pregnancy-2025") == (date(2025, 10, 14), date(2026, 3, 1))
    assert "vax-flu-pregnancy-2024" not in items
    assert "vax-flu-pregnancy-2025" not in plan_of(date(1995, 1, 1), "F", date(2025, 10, 1))


def test_pregnancy_items_are_included_when_domain_pregnancy_exists():
    pytest.importorskip("domain.pregnancy")
    items = plan_of(date(1995, 1, 1), "F", date(2025, 10, 1), pregnancy_lmp=date(2025, 9, 1))
    assert any(item.kind == "pregnancy" for item in items.values())


def test_mt_dents_is_every_3_years_until_march_2025_then_yearly_from_3_to_24():
    items = plan_of(date(2019, 10, 1), "F", date(2026, 1, 10))
    dental = sorted(code for code, item in items.items() if item.kind == "dental")
    assert dental[:2] == ["dental-mtdents-03", "dental-mtdents-06"]
    assert dental[-1] == "dental-mtdents-24"
    assert len(dental) == 1 + 19  # age 3 (every 3 years), then 6..24 yearly
    assert window(items, "dental-mtdents-03") == (date(2022, 10, 1), date(2023, 10, 1))
    assert window(items, "dental-mtdents-06") == (date(2025, 10, 1), date(2026, 10, 1))
    assert items["dental-mtdents-06"].status == "to_schedule"


def test_the_yearly_mt_dents_starts_with_birthdays_from_1_april_2025():
    items = plan_of(date(2016, 3, 31), "M", date(2026, 1, 10))
    assert "dental-mtdents-09" in items  # 9 is in both rules: birthday 2025-03-31, old rule
    assert "dental-mtdents-10" in items
    items = plan_of(date(2016, 4, 15), "M", date(2026, 1, 10))
    assert window(items, "dental-mtdents-09") == (date(2025, 4, 15), date(2026, 4, 15))
    assert "dental-mtdents-08" not in items and "dental-mtdents-07" not in items


# --- screening and prevention -------------------------------------------------------------------


def test_a_woman_and_a_man_of_50_get_their_cancer_screenings():
    birth, today = date(1975, 5, 20), date(2026, 1, 10)
    woman, man = plan_of(birth, "F", today), plan_of(birth, "M", today)
    assert window(woman, "screen-breast-2025") == (date(2025, 5, 20), date(2027, 5, 20))
    assert woman["screen-breast-2025"].status == "to_schedule"
    assert window(woman, "screen-colorectal-2025") == (date(2025, 5, 20), date(2027, 5, 20))
    assert window(man, "screen-colorectal-2025") == (date(2025, 5, 20), date(2027, 5, 20))
    assert not [code for code in man if code.startswith(("screen-breast", "screen-cervix"))]
    breast = sorted(code for code in woman if code.startswith("screen-breast"))
    assert breast == [f"screen-breast-{year}" for year in range(2025, 2050, 2)]


def test_mon_bilan_prevention_covers_the_4_age_brackets():
    items = plan_of(date(2005, 8, 1), "M", date(2026, 1, 10))
    assert window(items, "prevention-bilan-18") == (date(2024, 1, 1), date(2031, 8, 1))
    assert window(items, "prevention-bilan-45") == (date(2050, 8, 1), date(2056, 8, 1))
    assert window(items, "prevention-bilan-60") == (date(2065, 8, 1), date(2071, 8, 1))
    assert window(items, "prevention-bilan-70") == (date(2075, 8, 1), date(2081, 8, 1))
    older = plan_of(date(1975, 5, 20), "F", date(2026, 1, 10))
    assert window(older, "prevention-bilan-45") == (date(2024, 1, 1), date(2026, 5, 20))
    assert "prevention-bilan-18" not in older


# --- statuses, order, validation ------------------------------------------------------------------


def test_scheduled_items_show_their_date_and_done_wins_over_scheduled():
    items = plan_of(
        date(2025, 3, 10),
        "F",
        date(2025, 4, 1),
        done=[("child-exam-01", date(2025, 3, 12))],
        scheduled=[("child-exam-03", date(2025, 4, 20)), ("child-exam-01", date(2025, 3, 11))],
    )
    assert items["child-exam-03"].status == "scheduled"
    assert items["child-exam-03"].scheduled_on == date(2025, 4, 20)
    assert items["child-exam-01"].status == "done"
    assert items["child-exam-01"].scheduled_on is None


def test_the_plan_is_sorted_by_window_start_then_code_with_unique_codes():
    items = recommended(date(1975, 5, 20), "F", date(2026, 1, 10))
    keys = [(item.window_start, item.code) for item in items]
    assert keys == sorted(keys)
    assert len({item.code for item in items}) == len(items)
    assert all(item.window_start < item.window_end for item in items)


@pytest.mark.parametrize("sex", ["X", "f", "", "male"])
def test_an_unknown_sex_is_refused(sex):
    with pytest.raises(ValidationError):
        recommended(date(2000, 1, 1), sex, date(2025, 1, 1))


def test_a_birth_date_in_the_future_is_refused():
    with pytest.raises(ValidationError):
        recommended(date(2025, 1, 2), "F", date(2025, 1, 1))


def test_a_pregnancy_on_a_man_or_in_the_future_is_refused():
    with pytest.raises(ValidationError):
        recommended(date(1990, 1, 1), "M", date(2025, 1, 1), pregnancy_lmp=date(2024, 12, 1))
    with pytest.raises(ValidationError):
        recommended(date(1990, 1, 1), "F", date(2025, 1, 1), pregnancy_lmp=date(2025, 2, 1))


# --- the data files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["child_exams", "vaccination", "dental", "prevention"])
def test_every_rule_has_validity_dates_a_source_a_status_and_a_label(name):
    for calendar in load_json(f"rules/{name}.json")["calendars"]:
        assert "valid_from" in calendar and "valid_to" in calendar
        assert calendar["source"]
        assert calendar["status"] in ("VERIFIED", "VERIFIED_SECONDARY", "UNVERIFIED")
        for rule in calendar["rules"]:
            assert rule["id"] in LABELS

"""The pregnancy agenda: windows, statuses, the birth, validation, and the rules file itself.

Expected windows are [start, end) dates counted by hand from fr-health-rules.yaml (see the comments),
for an LMP of 1 January 2026 (conception 15 January, term 15 October 2026) and an LMP of 20 December
2027 (conception 3 January 2028, term 2 October 2028, across 29 February 2028).
"""

from datetime import date

import pytest

from domain.errors import ValidationError
from domain.plan import KINDS, STATUSES
from domain.pregnancy import (
    LABELS,
    dates_from_conception,
    dates_from_term,
    pregnancy_items,
    rules,
)
from domain.reference import load_json

D = date
LMP = D(2026, 1, 1)
EARLY = D(2026, 2, 1)  # 4+3 SA, month 1

WINDOWS_2026 = {
    "preg-exam-1": (LMP, D(2026, 4, 15)),  # before the end of month 3
    "preg-declaration": (LMP, D(2026, 4, 15)),
    "preg-bio-1": (LMP, D(2026, 4, 15)),  # with the 1st exam
    "preg-bilan-prevention": (LMP, D(2026, 6, 15)),  # if possible before month 6
    "preg-us-1": (D(2026, 3, 19), D(2026, 4, 9)),  # 11+0 to 13+6 SA
    "preg-t21": (D(2026, 3, 19), D(2026, 4, 9)),  # with the 1st ultrasound
    "preg-exam-2": (D(2026, 4, 15), D(2026, 5, 15)),  # month 4
    "preg-epp": (LMP, D(2026, 10, 15)),  # once declared (1st trimester), until the term
    "preg-dental": (D(2026, 4, 15), D(2027, 4, 15)),  # month 4 to 6 months after the term
    **{f"preg-prep-{n}": (D(2026, 4, 15), D(2026, 10, 15)) for n in range(1, 8)},
    "preg-exam-3": (D(2026, 5, 15), D(2026, 6, 15)),
    "preg-us-2": (D(2026, 5, 21), D(2026, 7, 2)),  # 20+0 to 25+6 SA
    "preg-pertussis": (D(2026, 5, 21), D(2026, 9, 17)),  # 20+0 to 36+6 SA
    "preg-exam-4": (D(2026, 6, 15), D(2026, 7, 15)),
    "preg-exam-5": (D(2026, 7, 15), D(2026, 8, 15)),
    "preg-gdm": (D(2026, 6, 18), D(2026, 7, 23)),  # 24+0 (LMP + 168 days) to 28+6 SA
    "preg-us-3": (D(2026, 7, 30), D(2026, 9, 10)),  # 30+0 to 35+6 SA
    "preg-exam-6": (D(2026, 8, 15), D(2026, 9, 15)),
    "preg-anaesthesia": (D(2026, 8, 15), D(2026, 9, 15)),  # month 8
    "preg-gbs": (D(2026, 8, 27), D(2026, 10, 1)),  # 34+0 (LMP + 238 days) to 38+6 SA
    "preg-leave": (D(2026, 9, 3), D(2026, 12, 24)),  # 6 weeks before the term, 10 after
    "preg-exam-7": (D(2026, 9, 15), D(2026, 10, 15)),  # month 9
    "preg-post-term": (D(2026, 10, 15), D(2026, 10, 29)),  # 41+0 to 42+6 SA
    "preg-postnatal-exam": (D(2026, 10, 15), D(2026, 12, 10)),  # within 8 weeks (56 days) of the term
    "preg-postnatal": (D(2026, 11, 5), D(2026, 12, 10)),  # 4th week (day 21) to the end of the 8th (day 55)
    "preg-postnatal-2": (D(2026, 12, 17), D(2027, 1, 21)),  # weeks 10 to 14: days 63 to 97, 1st child
}

WINDOWS_LEAP = {
    "preg-exam-1": (D(2027, 12, 20), D(2028, 4, 3)),
    "preg-declaration": (D(2027, 12, 20), D(2028, 4, 3)),
    "preg-bio-1": (D(2027, 12, 20), D(2028, 4, 3)),
    "preg-bilan-prevention": (D(2027, 12, 20), D(2028, 6, 3)),
    "preg-us-1": (D(2028, 3, 6), D(2028, 3, 27)),  # LMP + 77 days, after 29 February
    "preg-t21": (D(2028, 3, 6), D(2028, 3, 27)),
    "preg-exam-2": (D(2028, 4, 3), D(2028, 5, 3)),
    "preg-epp": (D(2027, 12, 20), D(2028, 10, 2)),
    "preg-dental": (D(2028, 4, 3), D(2029, 4, 2)),
    **{f"preg-prep-{n}": (D(2028, 4, 3), D(2028, 10, 2)) for n in range(1, 8)},
    "preg-exam-3": (D(2028, 5, 3), D(2028, 6, 3)),
    "preg-us-2": (D(2028, 5, 8), D(2028, 6, 19)),
    "preg-pertussis": (D(2028, 5, 8), D(2028, 9, 4)),
    "preg-exam-4": (D(2028, 6, 3), D(2028, 7, 3)),
    "preg-exam-5": (D(2028, 7, 3), D(2028, 8, 3)),
    "preg-gdm": (D(2028, 6, 5), D(2028, 7, 10)),  # LMP + 168 and + 203 days, across 29 February
    "preg-us-3": (D(2028, 7, 17), D(2028, 8, 28)),
    "preg-exam-6": (D(2028, 8, 3), D(2028, 9, 3)),
    "preg-anaesthesia": (D(2028, 8, 3), D(2028, 9, 3)),
    "preg-gbs": (D(2028, 8, 14), D(2028, 9, 18)),  # LMP + 238 and + 273 days
    "preg-leave": (D(2028, 8, 21), D(2028, 12, 11)),
    "preg-exam-7": (D(2028, 9, 3), D(2028, 10, 3)),
    "preg-post-term": (D(2028, 10, 2), D(2028, 10, 16)),
    "preg-postnatal-exam": (D(2028, 10, 2), D(2028, 11, 27)),
    "preg-postnatal": (D(2028, 10, 23), D(2028, 11, 27)),  # term + 21 and + 56 days
    "preg-postnatal-2": (D(2028, 12, 4), D(2029, 1, 8)),  # term + 63 and + 98 days
}


def windows(items):
    return {item.code: (item.window_start, item.window_end) for item in items}


def by_code(items):
    return {item.code: item for item in items}


def test_every_window_of_a_2026_pregnancy_matches_the_hand_counted_dates():
    assert windows(pregnancy_items(LMP, EARLY)) == WINDOWS_2026


def test_every_window_of_a_pregnancy_across_29_february_matches_the_hand_counted_dates():
    assert windows(pregnancy_items(D(2027, 12, 20), D(2028, 1, 10))) == WINDOWS_LEAP


def test_the_plan_has_7_exams_3_ultrasounds_and_7_preparation_sessions():
    codes = [item.code for item in pregnancy_items(LMP, EARLY)]
    assert len(codes) == len(set(codes)) == 32  # with the biology, screening and postnatal items
    assert sum(code.startswith("preg-exam-") for code in codes) == 7
    assert sum(code.startswith("preg-us-") for code in codes) == 3
    assert sum(code.startswith("preg-prep-") for code in codes) == 7


def test_items_come_sorted_by_window_start():
    starts = [item.window_start for item in pregnancy_items(LMP, EARLY)]
    assert starts == sorted(starts)


def test_kinds_sources_and_labels_are_filled():
    items = by_code(pregnancy_items(LMP, EARLY))
    assert items["preg-pertussis"].kind == "vaccination"
    assert items["preg-dental"].kind == "dental"
    assert {item.kind for code, item in items.items() if code not in ("preg-pertussis", "preg-dental")} == {
        "pregnancy"
    }
    assert all(item.source and item.label == LABELS[item.code] for item in items.values())
    assert "HAS" in items["preg-pertussis"].source


def test_conception_and_term_entries_give_the_same_plan_as_the_lmp():
    today = D(2026, 6, 1)
    from_lmp = pregnancy_items(LMP, today)
    assert pregnancy_items(dates_from_conception(D(2026, 1, 15)).lmp, today) == from_lmp
    assert pregnancy_items(dates_from_term(D(2026, 10, 15)).lmp, today) == from_lmp


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (D(2026, 4, 14), "upcoming"),
        (D(2026, 4, 15), "to_schedule"),  # the window start is included
        (D(2026, 5, 14), "to_schedule"),
        (D(2026, 5, 15), "overdue"),  # the window end is excluded
        (D(2026, 8, 1), "overdue"),
    ],
)
def test_the_status_follows_the_window_of_the_month_4_exam(today, status):
    assert by_code(pregnancy_items(LMP, today))["preg-exam-2"].status == status


def test_statuses_on_a_day_of_month_6():
    items = by_code(pregnancy_items(LMP, D(2026, 6, 20)))  # 24+2 SA
    assert items["preg-us-1"].status == "overdue"
    assert items["preg-us-2"].status == "to_schedule"
    assert items["preg-pertussis"].status == "to_schedule"
    assert items["preg-exam-4"].status == "to_schedule"
    assert items["preg-exam-5"].status == "upcoming"
    assert items["preg-anaesthesia"].status == "upcoming"
    assert {item.status for item in items.values()} <= set(STATUSES)


def test_done_items_keep_their_date_and_win_over_the_window():
    items = by_code(pregnancy_items(LMP, D(2026, 8, 1), done={"preg-exam-2": D(2026, 4, 20)}))
    assert items["preg-exam-2"].status == "done"
    assert items["preg-exam-2"].done_on == D(2026, 4, 20)
    assert items["preg-exam-3"].status == "overdue"


def test_scheduled_items_keep_their_date():
    items = by_code(pregnancy_items(LMP, D(2026, 4, 1), scheduled={"preg-us-1": D(2026, 4, 3)}))
    assert items["preg-us-1"].status == "scheduled"
    assert items["preg-us-1"].scheduled_on == D(2026, 4, 3)
    assert items["preg-us-1"].done_on is None


def test_plain_code_lists_work_without_dates_and_done_wins_over_scheduled():
    items = by_code(pregnancy_items(LMP, EARLY, done=["preg-exam-1"], scheduled={"preg-exam-1", "preg-us-1"}))
    assert items["preg-exam-1"].status == "done"
    assert items["preg-exam-1"].done_on is None
    assert items["preg-exam-1"].scheduled_on is None
    assert items["preg-us-1"].status == "scheduled"
    assert items["preg-declaration"].status == "to_schedule"


def test_a_birth_before_month_9_drops_the_month_9_exam_and_moves_the_postnatal_items():
    items = by_code(pregnancy_items(LMP, D(2026, 9, 20), birth_date=D(2026, 9, 10)))
    assert "preg-exam-7" not in items  # month 9 would have started on 15 September
    assert (items["preg-postnatal"].window_start, items["preg-postnatal"].window_end) == (
        D(2026, 10, 1),  # birth + 21 days: the 4th week after the birth
        D(2026, 11, 5),  # birth + 56 days: the 8th week is over
    )
    assert items["preg-dental"].window_end == D(2027, 3, 10)
    assert items["preg-epp"].window_end == D(2026, 9, 10)
    assert items["preg-exam-6"].window_end == D(2026, 9, 10)  # cut at the birth
    assert items["preg-us-3"].window_end == D(2026, 9, 10)  # 35+6 SA was not reached
    assert items["preg-pertussis"].window_end == D(2026, 9, 10)
    assert items["preg-exam-1"].window_end == D(2026, 4, 15)  # long past: unchanged


def test_a_prenatal_item_done_or_scheduled_stays_after_an_early_birth():
    items = by_code(pregnancy_items(LMP, D(2026, 9, 20), birth_date=D(2026, 9, 10), done={"preg-exam-7"}))
    assert items["preg-exam-7"].status == "done"
    assert (items["preg-exam-7"].window_start, items["preg-exam-7"].window_end) == (
        D(2026, 9, 15),
        D(2026, 10, 15),
    )


def test_a_birth_during_month_9_cuts_the_month_9_exam_at_the_birth():
    items = by_code(pregnancy_items(LMP, D(2026, 10, 1), birth_date=D(2026, 9, 20)))
    assert (items["preg-exam-7"].window_start, items["preg-exam-7"].window_end) == (
        D(2026, 9, 15),
        D(2026, 9, 20),
    )
    assert items["preg-exam-7"].status == "overdue"
    assert items["preg-postnatal"].status == "upcoming"
    assert (items["preg-postnatal"].window_start, items["preg-postnatal"].window_end) == (
        D(2026, 10, 11),  # 20 September + 21 days
        D(2026, 11, 15),  # 20 September + 56 days
    )


def test_a_late_birth_keeps_the_prenatal_windows_and_the_full_postnatal_leave():
    items = by_code(pregnancy_items(LMP, D(2026, 10, 25), birth_date=D(2026, 10, 22)))
    assert items["preg-exam-7"].window_end == D(2026, 10, 15)
    # The prenatal leave runs until the birth, then 10 full weeks: 22 October + 70 days.
    assert (items["preg-leave"].window_start, items["preg-leave"].window_end) == (
        D(2026, 9, 3),
        D(2026, 12, 31),
    )


def test_an_early_birth_adds_the_untaken_prenatal_leave_after_it():
    items = by_code(pregnancy_items(LMP, D(2026, 10, 5), birth_date=D(2026, 10, 1)))
    assert (items["preg-leave"].window_start, items["preg-leave"].window_end) == (
        D(2026, 9, 3),
        D(2026, 12, 24),
    )


def test_a_birth_before_the_leave_starts_gives_the_whole_leave_from_the_birth():
    items = by_code(pregnancy_items(LMP, D(2026, 8, 25), birth_date=D(2026, 8, 20)))
    assert (items["preg-leave"].window_start, items["preg-leave"].window_end) == (
        D(2026, 8, 20),
        D(2026, 12, 10),
    )


def test_the_leave_item_follows_twins_and_the_third_child():
    twins = by_code(pregnancy_items(LMP, EARLY, multiple=2))["preg-leave"]
    third = by_code(pregnancy_items(LMP, EARLY, previous_children=2))["preg-leave"]
    assert (twins.window_start, twins.window_end) == (D(2026, 7, 23), D(2027, 3, 18))
    assert (third.window_start, third.window_end) == (D(2026, 8, 20), D(2027, 2, 18))


def test_before_28_february_2024_the_dental_exam_ended_12_days_after_the_birth():
    # LMP 2023-05-01: conception 2023-05-15, month 4 from 2023-08-15.
    items = by_code(pregnancy_items(D(2023, 5, 1), D(2024, 3, 1), birth_date=D(2024, 2, 1)))
    assert (items["preg-dental"].window_start, items["preg-dental"].window_end) == (
        D(2023, 8, 15),
        D(2024, 2, 13),
    )


def test_births_since_28_february_2024_keep_the_dental_exam_6_months():
    items = by_code(pregnancy_items(D(2023, 6, 1), D(2024, 3, 10), birth_date=D(2024, 3, 1)))
    assert items["preg-dental"].window_end == D(2024, 9, 1)


def test_no_postnatal_interview_before_it_became_mandatory_on_1_july_2022():
    items = by_code(pregnancy_items(D(2021, 9, 1), D(2022, 6, 20), birth_date=D(2022, 6, 1)))
    assert "preg-postnatal" not in items
    assert "preg-epp" in items


def test_an_lmp_in_the_future_is_refused():
    with pytest.raises(ValidationError, match="in the future"):
        pregnancy_items(D(2026, 3, 2), D(2026, 3, 1))


def test_an_lmp_more_than_45_weeks_ago_is_refused_for_a_current_pregnancy():
    assert pregnancy_items(LMP, D(2026, 11, 12))  # exactly 45 weeks: still accepted
    with pytest.raises(ValidationError, match="45 weeks"):
        pregnancy_items(LMP, D(2026, 11, 13))


def test_an_old_lmp_is_fine_once_the_birth_is_recorded():
    items = by_code(pregnancy_items(LMP, D(2027, 6, 1), birth_date=D(2026, 10, 10)))
    assert items["preg-dental"].status == "overdue"  # 6 months after 10 October 2026


@pytest.mark.parametrize(
    "birth",
    [D(2026, 12, 31), D(2025, 12, 31), D(2026, 1, 1), D(2026, 11, 13)],
)
def test_a_birth_in_the_future_before_the_lmp_or_too_late_is_refused(birth):
    with pytest.raises(ValidationError):
        pregnancy_items(LMP, D(2026, 12, 1), birth_date=birth)


def test_a_wrong_number_of_babies_or_children_is_refused():
    with pytest.raises(ValidationError):
        pregnancy_items(LMP, EARLY, multiple=0)
    with pytest.raises(ValidationError):
        pregnancy_items(LMP, EARLY, previous_children=-1)


def test_every_rule_of_the_file_has_a_label_a_known_kind_a_source_and_a_status():
    data = load_json("rules/pregnancy.json")
    statuses = set(data["meta"]["status_meaning"])
    for rule in rules():
        assert rule.code in LABELS
        assert rule.kind in KINDS
        assert rule.source.strip()
        assert rule.status in statuses
    assert {rule.code for rule in rules()} == set(LABELS)
    assert data["maternity_leave"]["source"] and data["maternity_leave"]["status"] in statuses


def test_versions_of_a_rule_do_not_overlap():
    dental = [rule for rule in rules() if rule.code == "preg-dental"]
    assert len(dental) == 2
    old, new = sorted(dental, key=lambda rule: rule.valid_from or date.min)
    assert old.valid_to == D(2024, 2, 27) and new.valid_from == D(2024, 2, 28)

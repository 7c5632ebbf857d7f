"""Cancer screening chains and child exam numbering (issue 10, points 7, 8 and 12).

Expected dates are counted by hand from the rules of assets/rules/screening.json (INCa) and
child_exams.json; the counting is written next to each.
"""

from __future__ import annotations

import re
from datetime import date

from domain.agenda import recommended

D = date


def plan_of(birth: date, sex: str, today: date, **kwargs) -> dict:
    return {item.code: item for item in recommended(birth, sex, today, **kwargs)}


def windows(items: dict, prefix: str) -> list[tuple[str, date, date]]:
    return sorted(
        ((code, i.window_start, i.window_end) for code, i in items.items() if code.startswith(prefix)),
        key=lambda row: row[1],
    )


# --- 7. cervical screening follows age and the real test dates ---------------------------------------

WOMAN_2000 = D(2000, 7, 1)  # 25 on 1 July 2025, 30 on 1 July 2030


def test_with_no_test_recorded_cytology_comes_at_25_26_29_then_hpv_3_years_later_every_5_years():
    rows = windows(plan_of(WOMAN_2000, "F", D(2026, 1, 10)), "screen-cervix")
    assert rows[:4] == [
        ("screen-cervix-cytology-2025", D(2025, 7, 1), D(2026, 7, 1)),  # 25, then 1 year later
        ("screen-cervix-cytology-2026", D(2026, 7, 1), D(2029, 7, 1)),  # then 3 years later
        ("screen-cervix-cytology-2029", D(2029, 7, 1), D(2030, 7, 1)),  # cytology only until 29
        ("screen-cervix-hpv-2032", D(2032, 7, 1), D(2037, 7, 1)),  # 3 years after the last cytology
    ]
    hpv = [code for code, _start, _end in rows if "hpv" in code]
    assert hpv == [f"screen-cervix-hpv-{year}" for year in range(2032, 2063, 5)]  # last at 62: 67 > 65


def test_recording_a_test_moves_the_next_window_from_that_date():
    done = [
        ("screen-cervix-cytology-2025", D(2025, 9, 15)),
        ("screen-cervix-cytology-2026", D(2026, 10, 1)),
        ("screen-cervix-cytology-2029", D(2029, 11, 1)),
        ("screen-cervix-hpv-2032", D(2033, 1, 15)),
    ]
    rows = windows(plan_of(WOMAN_2000, "F", D(2033, 2, 1), done=done), "screen-cervix")
    assert rows[:5] == [
        ("screen-cervix-cytology-2025", D(2025, 7, 1), D(2026, 7, 1)),
        ("screen-cervix-cytology-2026", D(2026, 9, 15), D(2029, 9, 15)),  # 15 Sept 2025 + 1 year
        ("screen-cervix-cytology-2029", D(2029, 10, 1), D(2030, 7, 1)),  # 1 Oct 2026 + 3 years, stops at 30
        ("screen-cervix-hpv-2032", D(2032, 11, 1), D(2037, 11, 1)),  # 1 Nov 2029 + 3 years
        ("screen-cervix-hpv-2038", D(2038, 1, 15), D(2043, 1, 15)),  # 15 Jan 2033 + 5 years
    ]


def test_a_woman_past_30_with_no_cytology_is_due_an_hpv_test_from_30():
    items = plan_of(D(1990, 3, 1), "F", D(2026, 1, 10))  # 30 on 1 March 2020
    assert items["screen-cervix-cytology-2018"].status == "overdue"  # missed for good at 30
    hpv = items["screen-cervix-hpv-2020"]
    assert (hpv.window_start, hpv.window_end) == (D(2020, 3, 1), D(2025, 3, 1))
    assert hpv.status == "catch_up"  # late, still to do: not dropped among the past items
    # the next one is planned 5 years after today, as if it were done today
    assert items["screen-cervix-hpv-2031"].window_start == D(2031, 1, 10)


# --- 8. breast and colorectal: 50 to 74, never reaching the 75th birthday -------------------------------


def test_no_breast_or_colorectal_window_reaches_the_75th_birthday():
    items = plan_of(D(1960, 6, 15), "F", D(2026, 1, 10))  # 75 on 15 June 2035
    for prefix in ("screen-breast", "screen-colorectal"):
        rows = windows(items, prefix)
        assert max(end for _code, _start, end in rows) == D(2035, 6, 15)  # exclusive: last day 14 June
        # the one missed since 50 stays to do, the next ones every 2 years from today
        assert [start for _c, start, _e in rows] == [
            D(2010, 6, 15),
            D(2028, 1, 10),
            D(2030, 1, 10),
            D(2032, 1, 10),
            D(2034, 1, 10),
        ]
        assert rows[-1][2] == D(2035, 6, 15)  # 2034 + 2 years would pass 75: cut at the birthday


def test_a_mammography_recorded_late_moves_the_next_ones():
    done = [("screen-breast-2010", D(2025, 3, 1))]
    rows = windows(plan_of(D(1960, 6, 15), "F", D(2026, 1, 10), done=done), "screen-breast")
    assert [(start, end) for _c, start, end in rows] == [
        (D(2010, 6, 15), D(2012, 6, 15)),
        (D(2027, 3, 1), D(2029, 3, 1)),
        (D(2029, 3, 1), D(2031, 3, 1)),
        (D(2031, 3, 1), D(2033, 3, 1)),
        (D(2033, 3, 1), D(2035, 3, 1)),
        (D(2035, 3, 1), D(2035, 6, 15)),  # at 74: cut at the 75th birthday
    ]


# --- 12. child exam numbering and the abolished exam --------------------------------------------------


def exam_numbers(items: dict) -> list[str]:
    return [
        m.group(1)
        for i in items.values()
        if i.kind == "exam"
        for m in [re.search(r"no\. (\d+)", i.label)]
        if m
    ]


def test_a_child_followed_under_both_calendars_never_has_two_exams_of_one_number():
    # born 1 March 2024: the 9th-month exam (from 1 November 2024) is of the 2019 calendar, the
    # 12th-month exam (from 1 February 2025) of the 2025 one; both used to be "no. 9"
    items = plan_of(D(2024, 3, 1), "M", D(2025, 6, 1))
    numbers = exam_numbers(items)
    assert len(numbers) == len(set(numbers)) == 20
    assert items["child-exam-2019-09"].label == "Mandatory child exam no. 8 (9th month)"
    assert items["child-exam-09"].label == "Mandatory child exam no. 9 (12th month)"


def test_the_abolished_end_of_1st_month_exam_is_gone_for_a_december_2024_baby_once_2025_starts():
    baby = D(2024, 12, 10)  # window: days 14 to 29, 24 December 2024 to 8 January 2025
    assert plan_of(baby, "F", D(2024, 12, 30))["child-exam-2019-03"].status == "to_schedule"
    assert "child-exam-2019-03" not in plan_of(baby, "F", D(2025, 1, 2))
    done = plan_of(baby, "F", D(2025, 1, 2), done=[("child-exam-2019-03", D(2024, 12, 28))])
    assert done["child-exam-2019-03"].status == "done"  # what was done stays in the record
    older = plan_of(D(2024, 6, 1), "F", D(2025, 3, 1))  # window over in June 2024: history
    assert "child-exam-2019-03" in older

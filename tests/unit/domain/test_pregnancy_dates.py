"""Pregnancy dates, weeks of amenorrhea, months of pregnancy and maternity leave.

Every expected date was counted by hand on a calendar from the conventions of fr-health-rules.yaml:
conception = LMP + 14 days, term = LMP + 287 days (41 SA), month m of pregnancy starts m-1 calendar
months after conception.
"""

from datetime import date

import pytest

from domain.errors import ValidationError
from domain.pregnancy import (
    ADVICE_KEYS,
    PregnancyDates,
    add_months,
    dates_from_conception,
    dates_from_lmp,
    dates_from_term,
    maternity_leave,
    month_of_pregnancy,
    monthly_advice_key,
    weeks_of_amenorrhea,
)

D = date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 5, 15), 0, D(2026, 5, 15)),
        (D(2026, 1, 15), 3, D(2026, 4, 15)),
        (D(2027, 12, 15), 2, D(2028, 2, 15)),  # across the new year
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # clamped to the end of a short February
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # 2028 is a leap year
        (D(2028, 2, 29), 12, D(2029, 2, 28)),  # no 29 February in 2029
        (D(2026, 1, 31), 2, D(2026, 3, 31)),  # counted from the first day, not from the clamped one
        (D(2026, 5, 31), 1, D(2026, 6, 30)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 1, 10), -1, D(2025, 12, 10)),
    ],
)
def test_add_months_moves_by_calendar_months_and_clamps_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("lmp", "conception", "term"),
    [
        (D(2026, 1, 1), D(2026, 1, 15), D(2026, 10, 15)),
        (D(2026, 1, 17), D(2026, 1, 31), D(2026, 10, 31)),
        (D(2027, 12, 20), D(2028, 1, 3), D(2028, 10, 2)),  # the term crosses 29 February 2028
        (D(2026, 12, 31), D(2027, 1, 14), D(2027, 10, 14)),
        (D(2027, 6, 1), D(2027, 6, 15), D(2028, 3, 14)),  # 29 February 2028 inside the pregnancy
    ],
)
def test_dates_from_lmp_put_conception_2_weeks_and_term_41_weeks_after_it(lmp, conception, term):
    assert dates_from_lmp(lmp) == PregnancyDates(lmp, conception, term)
    assert (term - lmp).days == 287


def test_a_conception_date_gives_the_same_dates_as_the_lmp_2_weeks_before():
    assert dates_from_conception(D(2026, 1, 15)) == dates_from_lmp(D(2026, 1, 1))
    assert dates_from_conception(D(2028, 1, 3)) == dates_from_lmp(D(2027, 12, 20))


def test_a_term_dated_by_ultrasound_gives_back_its_theoretical_lmp():
    assert dates_from_term(D(2026, 10, 15)) == dates_from_lmp(D(2026, 1, 1))
    assert dates_from_term(D(2028, 10, 2)).lmp == D(2027, 12, 20)


def test_a_point_in_sa_is_counted_from_the_lmp():
    dates = dates_from_lmp(D(2026, 1, 1))
    assert dates.at_sa(11) == D(2026, 3, 19)
    assert dates.at_sa(13, 6) == D(2026, 4, 8)


def test_months_of_pregnancy_start_on_the_conception_day_of_each_calendar_month():
    dates = dates_from_lmp(D(2026, 1, 1))
    starts = [dates.month_start(month) for month in range(1, 11)]
    assert starts == [D(2026, m, 15) for m in range(1, 11)]


def test_months_of_pregnancy_from_a_31st_end_on_the_last_day_of_short_months():
    dates = dates_from_lmp(D(2026, 1, 17))  # conception on 31 January
    assert [dates.month_start(month) for month in range(1, 11)] == [
        D(2026, 1, 31),
        D(2026, 2, 28),
        D(2026, 3, 31),
        D(2026, 4, 30),
        D(2026, 5, 31),
        D(2026, 6, 30),
        D(2026, 7, 31),
        D(2026, 8, 31),
        D(2026, 9, 30),
        D(2026, 10, 31),
    ]


def test_month_3_starts_on_29_february_in_a_leap_year():
    dates = dates_from_lmp(D(2027, 12, 16))  # conception on 30 December 2027
    assert dates.month_start(2) == D(2028, 1, 30)
    assert dates.month_start(3) == D(2028, 2, 29)
    assert dates.month_start(4) == D(2028, 3, 30)


def test_there_is_no_month_0_nor_month_11():
    dates = dates_from_lmp(D(2026, 1, 1))
    with pytest.raises(ValidationError):
        dates.month_start(0)
    with pytest.raises(ValidationError):
        dates.month_start(11)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 1, 1), (0, 0)),
        (D(2026, 1, 7), (0, 6)),
        (D(2026, 1, 8), (1, 0)),
        (D(2026, 3, 29), (12, 3)),
        (D(2026, 4, 8), (13, 6)),
        (D(2026, 10, 15), (41, 0)),
    ],
)
def test_weeks_of_amenorrhea_are_completed_weeks_plus_days_since_the_lmp(today, expected):
    assert weeks_of_amenorrhea(D(2026, 1, 1), today) == expected


def test_weeks_of_amenorrhea_count_29_february():
    # 2028-01-01 to 2028-03-01 is 60 days in a leap year: 8 weeks and 4 days.
    assert weeks_of_amenorrhea(D(2028, 1, 1), D(2028, 3, 1)) == (8, 4)


def test_weeks_of_amenorrhea_refuse_an_lmp_in_the_future():
    with pytest.raises(ValidationError):
        weeks_of_amenorrhea(D(2026, 1, 2), D(2026, 1, 1))


@pytest.mark.parametrize(
    ("today", "month"),
    [
        (D(2026, 1, 1), 1),  # between LMP and conception: still month 1
        (D(2026, 1, 15), 1),
        (D(2026, 2, 14), 1),
        (D(2026, 2, 15), 2),
        (D(2026, 4, 14), 3),
        (D(2026, 4, 15), 4),
        (D(2026, 8, 15), 8),
        (D(2026, 9, 15), 9),
        (D(2026, 10, 14), 9),
        (D(2026, 10, 25), 9),  # past the term: still the last month
    ],
)
def test_month_of_pregnancy_counts_calendar_months_from_conception(today, month):
    assert month_of_pregnancy(D(2026, 1, 1), today) == month


def test_month_of_pregnancy_follows_clamped_month_ends():
    lmp = D(2026, 1, 17)  # conception on 31 January
    assert month_of_pregnancy(lmp, D(2026, 2, 27)) == 1
    assert month_of_pregnancy(lmp, D(2026, 2, 28)) == 2
    assert month_of_pregnancy(lmp, D(2026, 3, 30)) == 2
    assert month_of_pregnancy(lmp, D(2026, 3, 31)) == 3


def test_monthly_advice_key_names_the_current_month():
    assert monthly_advice_key(D(2026, 1, 1), D(2026, 4, 20)) == "preg-month-4"
    assert monthly_advice_key(D(2026, 1, 1), D(2026, 1, 3)) == "preg-month-1"
    assert ADVICE_KEYS[0] == "preg-month-1" and ADVICE_KEYS[-1] == "preg-month-9" and len(ADVICE_KEYS) == 9


# Term 2026-10-15 for all the leave cases below.
@pytest.mark.parametrize(
    ("multiple", "previous_children", "start", "end"),
    [
        (1, 0, D(2026, 9, 3), D(2026, 12, 24)),  # 6 + 10 weeks
        (1, 1, D(2026, 9, 3), D(2026, 12, 24)),  # 2nd child: still 16 weeks
        (1, 2, D(2026, 8, 20), D(2027, 2, 18)),  # 3rd child: 8 + 18 weeks
        (1, 5, D(2026, 8, 20), D(2027, 2, 18)),
        (2, 0, D(2026, 7, 23), D(2027, 3, 18)),  # twins: 12 + 22 weeks
        (2, 3, D(2026, 7, 23), D(2027, 3, 18)),  # twins do not depend on the children already there
        (3, 0, D(2026, 4, 30), D(2027, 3, 18)),  # triplets: 24 + 22 weeks
        (4, 0, D(2026, 4, 30), D(2027, 3, 18)),  # "triplets or more"
    ],
)
def test_maternity_leave_surrounds_the_term(multiple, previous_children, start, end):
    leave = maternity_leave(D(2026, 1, 1), multiple=multiple, previous_children=previous_children)
    assert leave == (start, end)


def test_maternity_leave_lengths_are_16_26_34_and_46_weeks():
    lmp = D(2026, 1, 1)
    lengths = [
        (end - start).days // 7
        for start, end in (
            maternity_leave(lmp),
            maternity_leave(lmp, previous_children=2),
            maternity_leave(lmp, multiple=2),
            maternity_leave(lmp, multiple=3),
        )
    ]
    assert lengths == [16, 26, 34, 46]


def test_maternity_leave_across_29_february():
    # Term 2028-03-14: 6 weeks before is 2028-02-01, 10 weeks after is 2028-05-23.
    assert maternity_leave(D(2027, 6, 1)) == (D(2028, 2, 1), D(2028, 5, 23))


def test_maternity_leave_refuses_zero_babies_or_negative_children():
    with pytest.raises(ValidationError):
        maternity_leave(D(2026, 1, 1), multiple=0)
    with pytest.raises(ValidationError):
        maternity_leave(D(2026, 1, 1), previous_children=-1)

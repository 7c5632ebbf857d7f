"""The WHO z-score engine checked against WHO's own published numbers.

Expected values are copied as literals, never recomputed from the shipped files, so a wrong table or a
wrong formula fails here. Sources:

* "pygrowup 0.8.2 <table> <row>": WHO Child Growth Standards z-score tables (L, M, S, SD3neg..SD3) as
  shipped in the pygrowup==0.8.2 sdist (BSD, UNICEF), pygrowup/tables/<table>_zscores.json. Only rows
  that fall on a whole day are used: weeks (7 d) and months 16, 32, 48 (16 months = 487 days exactly);
  other months sit between two daily rows.
* "AnthroPlus <file> <sex> <month>": WHO 2007 Reference LMS rows, WHO AnthroPlus R package
  (github.com/WorldHealthOrganization/anthroplus), data-raw/growthstandards/<file>; sex 1 = boys, 2 = girls.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from domain.errors import ValidationError
from domain.growth import centile, curve, reference, zscore

SD_KEYS = ("SD3neg", "SD2neg", "SD1neg", "SD0", "SD1", "SD2", "SD3")

# (source, indicator, sex, age in days, (L, M, S), published SD3neg..SD3 lines rounded to 0.1)
PUBLISHED = [
    ("wfa_boys_0_13 Week 0", "wfa", "M", 0, (0.3487, 3.3464, 0.14602), (2.1, 2.5, 2.9, 3.3, 3.9, 4.4, 5.0)),
    ("wfa_boys_0_13 Week 4", "wfa", "M", 28, (0.2331, 4.3671, 0.13497), (2.9, 3.3, 3.8, 4.4, 5.0, 5.7, 6.4)),
    ("wfa_boys_0_13 Week 13", "wfa", "M", 91, (0.1740, 6.3690, 0.11732), (4.4, 5.0, 5.7, 6.4, 7.2, 8.0, 9.0)),
    ("wfa_girls_0_13 Week 0", "wfa", "F", 0, (0.3809, 3.2322, 0.14171), (2.0, 2.4, 2.8, 3.2, 3.7, 4.2, 4.8)),
    ("wfa_girls_0_13 Week 8", "wfa", "F", 56, (0.1065, 4.9959, 0.13087), (3.3, 3.8, 4.4, 5.0, 5.7, 6.5, 7.3)),
    (
        "wfa_boys_0_5 Month 16",
        "wfa",
        "M",
        487,
        (0.0343, 10.5228, 0.11041),
        (7.5, 8.4, 9.4, 10.5, 11.7, 13.1, 14.6),
    ),
    (
        "wfa_boys_0_5 Month 48",
        "wfa",
        "M",
        1461,
        (-0.1131, 16.3489, 0.12759),
        (11.2, 12.7, 14.4, 16.3, 18.6, 21.2, 24.2),
    ),
    (
        "wfa_girls_0_5 Month 32",
        "wfa",
        "F",
        974,
        (-0.3138, 13.093, 0.12683),
        (9.1, 10.3, 11.6, 13.1, 14.9, 17.1, 19.6),
    ),
    (
        "lhfa_boys_0_13 Week 0",
        "lhfa",
        "M",
        0,
        (1, 49.8842, 0.03795),
        (44.2, 46.1, 48.0, 49.9, 51.8, 53.7, 55.6),
    ),
    (
        "lhfa_girls_0_13 Week 6",
        "lhfa",
        "F",
        42,
        (1, 55.0642, 0.03609),
        (49.1, 51.1, 53.1, 55.1, 57.1, 59.0, 61.0),
    ),
    (
        "lhfa_girls_0_5 Month 16",
        "lhfa",
        "F",
        487,
        (1, 78.6055, 0.03555),
        (70.2, 73, 75.8, 78.6, 81.4, 84.2, 87),
    ),
    (
        "lhfa_boys_0_5 Month 32",
        "lhfa",
        "M",
        974,
        (1, 93.3753, 0.03761),
        (82.8, 86.4, 89.9, 93.4, 96.9, 100.4, 103.9),
    ),
    (
        "lhfa_girls_0_5 Month 48",
        "lhfa",
        "F",
        1461,
        (1, 102.7312, 0.04193),
        (89.8, 94.1, 98.4, 102.7, 107, 111.3, 115.7),
    ),
    (
        "hcfa_boys_0_13 Week 2",
        "hcfa",
        "M",
        14,
        (1, 35.8649, 0.03258),
        (32.4, 33.5, 34.7, 35.9, 37.0, 38.2, 39.4),
    ),
    (
        "hcfa_girls_0_13 Week 0",
        "hcfa",
        "F",
        0,
        (1, 33.8787, 0.03496),
        (30.3, 31.5, 32.7, 33.9, 35.1, 36.2, 37.4),
    ),
    (
        "hcfa_girls_0_5 Month 16",
        "hcfa",
        "F",
        487,
        (1, 45.8650, 0.02999),
        (41.7, 43.1, 44.5, 45.9, 47.2, 48.6, 50.0),
    ),
    (
        "hcfa_boys_0_5 Month 48",
        "hcfa",
        "M",
        1461,
        (1, 50.2115, 0.02912),
        (45.8, 47.3, 48.7, 50.2, 51.7, 53.1, 54.6),
    ),
    (
        "bmifa_boys_0_13 Week 0",
        "bfa",
        "M",
        0,
        (-0.3053, 13.4069, 0.09560),
        (10.2, 11.1, 12.2, 13.4, 14.8, 16.3, 18.1),
    ),
    (
        "bmifa_girls_0_13 Week 10",
        "bfa",
        "F",
        70,
        (0.1377, 15.9874, 0.09332),
        (12.0, 13.2, 14.6, 16.0, 17.5, 19.2, 21.0),
    ),
    (
        "bmifa_boys_0_2 Month 16",
        "bfa",
        "M",
        487,
        (-0.5082, 16.3335, 0.07913),
        (13.1, 14.0, 15.1, 16.3, 17.7, 19.3, 21.0),
    ),
    (
        "bmifa_boys_2_5 Month 32",
        "bfa",
        "M",
        974,
        (-0.3782, 15.7267, 0.07867),
        (12.5, 13.5, 14.6, 15.7, 17.0, 18.5, 20.1),
    ),
    (
        "bmifa_girls_2_5 Month 48",
        "bfa",
        "F",
        1461,
        (-0.5684, 15.2602, 0.09168),
        (11.8, 12.8, 14.0, 15.3, 16.8, 18.5, 20.6),
    ),
]

# Length/height and head circumference: the exact "SD" column (cm per SD, L = 1), so M + k*SD is a
# published SD line to 4 decimals. (source, indicator, sex, day, M, SD)
PUBLISHED_SD_CM = [
    ("lhfa_boys_0_13 Week 0", "lhfa", "M", 0, 49.8842, 1.8931),
    ("lhfa_girls_0_13 Week 6", "lhfa", "F", 42, 55.0642, 1.9873),
    ("lhfa_boys_0_5 Month 32", "lhfa", "M", 974, 93.3753, 3.5118),
    ("lhfa_girls_0_5 Month 48", "lhfa", "F", 1461, 102.7312, 4.3075),
    ("hcfa_boys_0_13 Week 2", "hcfa", "M", 14, 35.8649, 1.1685),
    ("hcfa_girls_0_5 Month 16", "hcfa", "F", 487, 45.8650, 1.3755),
    ("hcfa_boys_0_5 Month 48", "hcfa", "M", 1461, 50.2115, 1.4622),
]

# WHO 2007 Reference (5-19 y) at whole months that fall on whole days (month 16k = day 487k).
# (source, indicator, sex, day, (L, M, S))
WHO_2007 = [
    ("AnthroPlus hfawho2007.txt 1 64", "lhfa", "M", 1948, (1, 111.8636, 0.04187)),
    ("AnthroPlus hfawho2007.txt 2 192", "lhfa", "F", 5844, (1, 162.5156, 0.04176)),
    ("AnthroPlus hfawho2007.txt 1 224", "lhfa", "M", 6818, (1, 176.4453, 0.04168)),
    ("AnthroPlus wfawho2007.txt 1 64", "wfa", "M", 1948, (-0.2338, 19.0340, 0.13105)),
    ("AnthroPlus wfawho2007.txt 2 112", "wfa", "F", 3409, (-0.5883, 29.3663, 0.16941)),
    ("AnthroPlus bfawho2007.txt 1 64", "bfa", "M", 1948, (-0.8089, 15.2605, 0.08464)),
    ("AnthroPlus bfawho2007.txt 2 144", "bfa", "F", 4383, (-1.4006, 17.9966, 0.13129)),
    ("AnthroPlus bfawho2007.txt 1 208", "bfa", "M", 6331, (-1.1410, 21.3400, 0.12756)),
]


def sd_line(lms: tuple[float, float, float], k: float) -> float:
    """The WHO SD line M*(1+L*S*k)^(1/L), written out again so the tests do not trust the engine's."""
    power, median, spread = lms
    return median * (1 + power * spread * k) ** (1 / power)


def row_id(row: tuple) -> str:
    return str(row[0])


@pytest.mark.parametrize("row", PUBLISHED + [(*r, ()) for r in WHO_2007], ids=row_id)
def test_the_shipped_tables_hold_the_lms_values_who_publishes_for_that_age(row):
    _, indicator, sex, day, lms, _ = row
    assert reference(indicator, sex).lms(day) == pytest.approx(lms, abs=1e-9)


@pytest.mark.parametrize("row", PUBLISHED + [(*r, ()) for r in WHO_2007], ids=row_id)
@pytest.mark.parametrize("k", [-3, -2, -1, 0, 1, 2, 3])
def test_a_value_on_an_sd_line_of_the_published_lms_reads_back_as_that_sd(row, k):
    _, indicator, sex, day, lms, _ = row
    assert zscore(indicator, sex, day, sd_line(lms, k)) == pytest.approx(k, abs=0.01)


@pytest.mark.parametrize("row", PUBLISHED_SD_CM, ids=row_id)
@pytest.mark.parametrize("k", [-3, -2, 2, 3])
def test_a_length_or_head_size_on_a_published_sd_line_reads_back_as_that_sd(row, k):
    _, indicator, sex, day, median, cm_per_sd = row
    assert zscore(indicator, sex, day, median + k * cm_per_sd) == pytest.approx(k, abs=0.01)


@pytest.mark.parametrize("row", PUBLISHED, ids=row_id)
def test_the_rounded_published_sd_lines_read_back_within_their_printed_precision(row):
    _, indicator, sex, day, _, lines = row
    for k, value in zip(range(-3, 4), lines, strict=True):
        # Lines are printed to 0.1: +-0.05 of a value is worth 0.05 / (width of one SD there).
        width = min(abs(lines[k + 3] - lines[k + 3 + step]) for step in (-1, 1) if 0 <= k + 3 + step < 7)
        assert zscore(indicator, sex, day, value) == pytest.approx(k, abs=0.06 / width + 0.01), SD_KEYS[k + 3]


# ---- length versus height around the second birthday (lenanthro rows 730 "L" and 731 "H":
# boys M 87.8018 S 0.03479 at 730 d lying, M 87.1303 S 0.03508 at 731 d standing) ----


def test_a_boy_of_87_1_cm_measured_lying_at_730_days_is_at_minus_0_23():
    assert zscore("lhfa", "M", 730, 87.1, measured_lying=True) == pytest.approx(-0.2297, abs=1e-4)


def test_a_boy_of_87_1_cm_measured_standing_at_730_days_gets_0_7_cm_added():
    assert zscore("lhfa", "M", 730, 87.1, measured_lying=False) == pytest.approx(
        (87.8 / 87.8018 - 1) / 0.03479, abs=1e-6
    )


def test_a_boy_of_87_1_cm_measured_standing_at_731_days_uses_the_height_table_as_is():
    assert zscore("lhfa", "M", 731, 87.1, measured_lying=False) == pytest.approx(-0.0099, abs=1e-4)


def test_a_boy_of_87_1_cm_measured_lying_at_731_days_gets_0_7_cm_removed():
    assert zscore("lhfa", "M", 731, 87.1, measured_lying=True) == pytest.approx(
        (86.4 / 87.1303 - 1) / 0.03508, abs=1e-6
    )


def test_an_unknown_position_is_taken_as_the_one_the_table_expects():
    assert zscore("lhfa", "M", 730, 87.1) == zscore("lhfa", "M", 730, 87.1, measured_lying=True)
    assert zscore("lhfa", "M", 731, 87.1) == zscore("lhfa", "M", 731, 87.1, measured_lying=False)


def test_a_child_of_eight_measured_lying_also_gets_0_7_cm_removed():
    assert zscore("lhfa", "F", 2922, 130.0, measured_lying=True) == zscore("lhfa", "F", 2922, 129.3)


def test_the_position_only_matters_for_length_or_height():
    assert zscore("wfa", "M", 400, 10.0, measured_lying=False) == zscore("wfa", "M", 400, 10.0)


# ---- WHO's restricted rule beyond +-3 SD, weight-based indicators only ----


def test_a_very_heavy_newborn_boy_is_scored_by_the_restricted_rule_not_the_lms_tail():
    lms = (0.3487, 3.3464, 0.14602)  # pygrowup 0.8.2 wfa_boys_0_13 Week 0
    sd3, sd2 = sd_line(lms, 3), sd_line(lms, 2)
    expected = 3 + (6.0 - sd3) / (sd3 - sd2)
    assert zscore("wfa", "M", 0, 6.0) == pytest.approx(expected, abs=1e-9)
    # Same rule with the published rounded lines SD3 = 5.0, SD2 = 4.4: 3 + 1.0 / 0.6.
    assert zscore("wfa", "M", 0, 6.0) == pytest.approx(3 + 1.0 / 0.6, abs=0.1)
    plain_lms_z = ((6.0 / 3.3464) ** 0.3487 - 1) / (0.3487 * 0.14602)
    assert abs(zscore("wfa", "M", 0, 6.0) - plain_lms_z) > 0.1


def test_a_very_light_girl_of_eight_weeks_is_scored_by_the_restricted_rule():
    lms = (0.1065, 4.9959, 0.13087)  # pygrowup 0.8.2 wfa_girls_0_13 Week 8
    sd3neg, sd2neg = sd_line(lms, -3), sd_line(lms, -2)
    assert zscore("wfa", "F", 56, 3.0) == pytest.approx(-3 + (3.0 - sd3neg) / (sd2neg - sd3neg), abs=1e-9)
    # Published SD3neg = 3.3, SD2neg = 3.8: -3 + (3.0 - 3.3) / 0.5 = -3.6; the lines are rounded to
    # 0.1 kg (SD3neg is 3.345 unrounded), which alone moves this by up to 0.05 / 0.5 = 0.1.
    assert zscore("wfa", "F", 56, 3.0) == pytest.approx(-3.6, abs=0.15)


def test_a_very_high_bmi_is_scored_by_the_restricted_rule():
    lms = (-0.5082, 16.3335, 0.07913)  # pygrowup 0.8.2 bmifa_boys_0_2 Month 16
    sd3, sd2 = sd_line(lms, 3), sd_line(lms, 2)
    assert zscore("bfa", "M", 487, 24.0) == pytest.approx(3 + (24.0 - sd3) / (sd3 - sd2), abs=1e-9)


def test_a_very_high_bmi_after_five_years_is_scored_by_the_restricted_rule():
    lms = (-1.4006, 17.9966, 0.13129)  # AnthroPlus bfawho2007.txt 2 144
    sd3, sd2 = sd_line(lms, 3), sd_line(lms, 2)
    assert zscore("bfa", "F", 4383, 35.0) == pytest.approx(3 + (35.0 - sd3) / (sd3 - sd2), abs=1e-9)


def test_length_beyond_3_sd_keeps_the_plain_lms_formula():
    # pygrowup 0.8.2 lhfa_boys_0_13 Week 0: L = 1, M = 49.8842, S = 0.03795.
    assert zscore("lhfa", "M", 0, 60.0) == pytest.approx((60.0 / 49.8842 - 1) / 0.03795, abs=1e-9)


def test_head_circumference_beyond_3_sd_keeps_the_plain_lms_formula():
    # pygrowup 0.8.2 hcfa_girls_0_13 Week 0: L = 1, M = 33.8787, S = 0.03496.
    assert zscore("hcfa", "F", 0, 29.0) == pytest.approx((29.0 / 33.8787 - 1) / 0.03496, abs=1e-9)


# ---- WHO 2007 Reference after five years: LMS interpolated between whole months ----


def test_after_five_years_lms_is_interpolated_between_the_two_surrounding_months():
    # AnthroPlus bfawho2007.txt 1 61 and 1 62; day 1870 is 61.437 months.
    low, high = (-0.7387, 15.2641, 0.08390), (-0.7621, 15.2616, 0.08414)
    fraction = 1870 / 30.4375 - 61
    lms = tuple(a + fraction * (b - a) for a, b in zip(low, high, strict=True))
    assert zscore("bfa", "M", 1870, 17.0) == pytest.approx(
        ((17.0 / lms[1]) ** lms[0] - 1) / (lms[0] * lms[2]), abs=1e-9
    )


def test_the_last_day_of_weight_for_age_interpolates_towards_month_120():
    # AnthroPlus wfawho2007.txt 2 119 and 2 120; day 3652 is 119.984 months.
    low, high = (-0.5950, 31.5319, 0.17224), (-0.5958, 31.8578, 0.17262)
    fraction = 3652 / 30.4375 - 119
    median = low[1] + fraction * (high[1] - low[1])
    assert zscore("wfa", "F", 3652, median) == pytest.approx(0.0, abs=1e-9)


def test_the_first_day_after_the_standards_uses_the_2007_reference():
    assert reference("lhfa", "M").lms(1857)[1] == pytest.approx(110.2647 + (1857 / 30.4375 - 61) * 0.5359)


def test_a_girl_on_her_nineteenth_birthday_can_still_be_scored():
    # AnthroPlus hfawho2007.txt 2 228: M = 163.1548; day 6939 is 227.975 months.
    assert zscore("lhfa", "F", 6939, 163.15) == pytest.approx(0.0, abs=0.01)


# ---- ages: rounding half-up and limits ----


def test_half_a_day_rounds_up_to_the_next_day():
    assert zscore("lhfa", "M", 730.5, 87.1) == zscore("lhfa", "M", 731, 87.1)
    assert zscore("wfa", "F", 0.5, 3.3) == zscore("wfa", "F", 1, 3.3)


def test_just_under_half_a_day_rounds_down():
    assert zscore("lhfa", "M", 730.49, 87.1) == zscore("lhfa", "M", 730, 87.1)
    assert zscore("wfa", "F", 0.49, 3.3) == zscore("wfa", "F", 0, 3.3)


@pytest.mark.parametrize(
    ("indicator", "last_day"),
    [("wfa", 3652), ("lhfa", 6939), ("bfa", 6939), ("hcfa", 1856)],
)
def test_each_indicator_stops_where_its_who_reference_stops(indicator, last_day):
    value = {"wfa": 30.0, "lhfa": 140.0, "bfa": 17.0, "hcfa": 50.0}[indicator]
    assert math.isfinite(zscore(indicator, "F", last_day, value))
    with pytest.raises(ValidationError):
        zscore(indicator, "F", last_day + 1, value)


def test_weight_for_age_after_ten_years_says_to_use_bmi_instead():
    with pytest.raises(ValidationError, match="BMI-for-age"):
        zscore("wfa", "M", 4000, 35.0)


def test_head_circumference_after_five_years_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError, match="5 years"):
        zscore("hcfa", "M", 2000, 51.0)


# ---- centiles ----


@pytest.mark.parametrize("indicator", ["wfa", "lhfa", "hcfa", "bfa"])
def test_the_median_is_the_50th_centile(indicator):
    median = reference(indicator, "M").lms(365)[1]
    assert centile(indicator, "M", 365, median) == pytest.approx(50.0, abs=1e-9)


def test_the_centile_of_plus_2_sd_is_97_7_and_of_minus_1_sd_is_15_9():
    lms = (0.0343, 10.5228, 0.11041)  # pygrowup 0.8.2 wfa_boys_0_5 Month 16
    assert centile("wfa", "M", 487, sd_line(lms, 2)) == pytest.approx(97.725, abs=0.01)
    assert centile("wfa", "M", 487, sd_line(lms, -1)) == pytest.approx(15.866, abs=0.01)


# ---- bad input ----


@pytest.mark.parametrize(
    ("indicator", "sex", "age_days", "value"),
    [
        ("wfh", "M", 100, 5.0),
        ("WFA", "M", 100, 5.0),
        ("wfa", "m", 100, 5.0),
        ("wfa", "X", 100, 5.0),
        ("wfa", "F", -1, 5.0),
        ("wfa", "F", -0.1, 5.0),
        ("wfa", "F", math.nan, 5.0),
        ("lhfa", "F", 6940, 160.0),
        ("lhfa", "F", math.inf, 160.0),
        ("bfa", "M", 19 * 366, 20.0),
        ("wfa", "F", 100, 0.0),
        ("wfa", "F", 100, -5.0),
        ("wfa", "F", 100, math.nan),
        ("wfa", "F", 100, math.inf),
    ],
)
def test_bad_input_raises_a_validation_error_with_a_readable_message(indicator, sex, age_days, value):
    with pytest.raises(ValidationError) as caught:
        zscore(indicator, sex, age_days, value)
    assert "{" not in str(caught.value)
    with pytest.raises(ValidationError):
        centile(indicator, sex, age_days, value)


# ---- chart lines ----


@pytest.mark.parametrize("indicator", ["wfa", "lhfa", "hcfa", "bfa"])
@pytest.mark.parametrize("z", [-4.0, -3.0, -2.0, 0.0, 1.0, 3.0, 4.5])
def test_a_point_of_a_chart_line_reads_back_as_the_line_s_z(indicator, z):
    for day, value in curve(indicator, "F", z, 0, 1856, 97):
        assert zscore(indicator, "F", day, value) == pytest.approx(z, abs=1e-9)


def test_the_median_line_at_birth_is_the_published_median():
    # pygrowup 0.8.2 lhfa_boys_0_13 Week 0: M = 49.8842; SD2 = M + 2 * 1.8931.
    assert curve("lhfa", "M", 0.0, 0, 0, 1) == [(0, pytest.approx(49.8842))]
    assert curve("lhfa", "M", 2.0, 0, 0, 1)[0][1] == pytest.approx(49.8842 + 2 * 1.8931, abs=1e-3)


def test_a_chart_line_always_reaches_its_last_day():
    days = [day for day, _ in curve("wfa", "M", 0.0, 0, 100, 30)]
    assert days == [0, 30, 60, 90, 100]


def test_a_chart_line_runs_on_into_the_2007_reference():
    points = curve("bfa", "M", 0.0, 1800, 2200, 50)
    assert points[-1] == (2200, pytest.approx(reference("bfa", "M").lms(2200)[1]))
    assert all(14.0 < value < 16.0 for _, value in points)


@pytest.mark.parametrize(
    ("z", "start", "end", "step"),
    [
        (6.0, 0, 10, 1),
        (math.nan, 0, 10, 1),
        (0.0, 0, 10, 0),
        (0.0, 10, 0, 1),
        (0.0, -7, 10, 1),
        (0.0, 0, 1857, 1),
    ],
)
def test_an_impossible_chart_line_raises_a_validation_error(z, start, end, step):
    with pytest.raises(ValidationError):
        curve("hcfa", "M", z, start, end, step)


# ---- loading ----


def test_importing_the_module_reads_no_table_until_a_score_is_asked_for():
    code = (
        "import domain.growth as g; before = g._read_tsv.cache_info().currsize; "
        "g.zscore('wfa', 'F', 10, 3.5); print(before, g._read_tsv.cache_info().currsize)"
    )
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "2"]

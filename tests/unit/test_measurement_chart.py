"""The measurements chart's labels never overlap: round value steps only (no extra min/max label beside
a step), at most three dates spread over the width, none cut at the edges, decimal commas in French."""

from datetime import date, timedelta

import pytest

from components.measurement_chart import MeasurementChart, date_ticks, value_ticks

PHONE_PLOT = 290  # px: a 390 px phone less the margins, the card and the value axis
DATE_LABEL = 62  # px: "29/10/2025" at size 11


def chart_of(values, days, mark=","):
    start = date(2025, 10, 29)
    points = [(start + timedelta(days=d), v) for d, v in zip(days, values, strict=True)]
    labels = [day.strftime("%d/%m/%Y") for day, _ in points]
    return MeasurementChart(points=points, labels=labels, unit="kg", decimal_mark=mark).chart()


SERIES = [
    ([64.0, 63.1, 62.4], [0, 200, 370]),  # the demo's weights: 65.3 sat on 65, 61.1 on the first date
    ([64.0], [0]),
    ([64.0, 64.2], [0, 1]),
    ([10.2, 102.0, 10.5], [0, 3, 6]),  # a typing slip among close dates
    ([float(v) for v in range(60, 90)], list(range(0, 300, 10))),
]


@pytest.mark.parametrize(("values", "days"), SERIES)
def test_the_value_axis_shows_round_steps_only_each_label_once(values, days):
    axis = chart_of(values, days).left_axis
    texts = [label.label.value for label in axis.labels]
    assert not axis.show_min and not axis.show_max  # the chart's own end labels would sit on a step
    assert len(texts) == len(set(texts)) <= 6


@pytest.mark.parametrize(("values", "days"), SERIES)
def test_the_dates_are_spread_and_none_is_cut_at_an_edge(values, days):
    chart = chart_of(values, days)
    axis = chart.bottom_axis
    assert not axis.show_min and not axis.show_max
    width = chart.max_x - chart.min_x
    centres = sorted((label.value - chart.min_x) / width * PHONE_PLOT for label in axis.labels)
    assert all(DATE_LABEL / 2 <= c <= PHONE_PLOT - DATE_LABEL / 2 for c in centres)
    assert all(b - a >= DATE_LABEL for a, b in zip(centres, centres[1:], strict=False))


def test_every_point_lies_inside_the_value_axis():
    chart = chart_of([64.0, 63.1, 62.4], [0, 200, 370])
    assert chart.min_y < 62.4 and chart.max_y > 64.0


def test_numbers_have_a_decimal_comma_in_french():
    chart = chart_of([64.0, 63.1, 62.4], [0, 200, 370])
    assert [label.label.value for label in chart.left_axis.labels] == [
        "62",
        "62,5",
        "63",
        "63,5",
        "64",
        "64,5",
    ]
    assert chart.data_series[0].points[1].tooltip == "17/05/2026 : 63,1 kg"


def test_ticks_and_dates_for_the_edge_cases():
    assert value_ticks(120.0, 120.0) == [119.0, 119.5, 120.0, 120.5, 121.0]
    assert date_ticks(0) == [0] and date_ticks(1) == [0, 1] and date_ticks(370) == [0, 185, 370]


@pytest.mark.parametrize(("values", "days"), SERIES)
def test_each_label_sits_on_a_multiple_of_its_axis_spacing(values, days):
    """The chart writes a custom label only where it samples the axis: at multiples of label_spacing."""
    chart = chart_of(values, days)
    for axis in (chart.left_axis, chart.bottom_axis):
        for label in axis.labels:
            ratio = label.value / axis.label_spacing
            assert abs(ratio - round(ratio)) < 1e-9


def test_the_middle_date_is_the_day_in_the_middle():
    axis = chart_of([64.0, 63.1, 62.4], [0, 200, 370]).bottom_axis
    assert [label.label.value for label in axis.labels] == ["29/10/2025", "02/05/2026", "03/11/2026"]

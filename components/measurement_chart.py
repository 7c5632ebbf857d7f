"""One measure over time: a line chart (flet-charts) of its values, dates along the bottom.

Canvas pixels are not in the accessibility tree, so the chart carries a spoken summary (first and last
value); the table under it on the Profil médical screen lists every value.

Labels never overlap: the value axis shows round steps only (its ends are steps, the chart's own
min/max labels are off), the date axis at most three dates (the first day, the middle, the last day),
the range of days widened so the end dates are not cut at the edges; numbers with the language's
decimal mark. The chart writes an axis label only at multiples of the axis' ``label_spacing``, so each
axis' spacing is its step."""

from __future__ import annotations

import math
from dataclasses import field
from datetime import date

import flet as ft
import flet_charts as fch

COLOUR = ft.Colors.TEAL_700
STEPS = (1.0, 2.0, 2.5, 5.0)  # round steps, times a power of ten
MAX_VALUE_LABELS = 6
EDGE = 0.14  # of the range of days, added on each side: half a date label on a phone-wide chart


def value_ticks(low: float, high: float) -> list[float]:
    """Round values from just under ``low`` to just over ``high``, at most MAX_VALUE_LABELS of them."""
    if high <= low:
        low, high = low - 1, high + 1
    span = high - low
    for power in range(math.floor(math.log10(span / MAX_VALUE_LABELS)) - 1, 8):
        for step in STEPS:
            size = step * 10**power
            first, last = math.floor(low / size), math.ceil(high / size)
            if last - first + 1 <= MAX_VALUE_LABELS and last > first:
                return [round(n * size, 10) for n in range(first, last + 1)]
    return [low, high]


def date_ticks(span: int) -> list[float]:
    """The days (from the first) whose dates are written: the first and the last, and the middle one when
    it is another day; three dates fit a phone."""
    if span <= 0:
        return [0.0]
    return [0.0, span / 2, float(span)] if span >= 2 else [0.0, float(span)]


def number_text(value: float, decimal_mark: str) -> str:
    return f"{value:g}".replace(".", decimal_mark)


@ft.control
class MeasurementChart(ft.Container):
    """``points`` are (date, value), oldest first; ``labels`` the text of each date, same order."""

    points: list[tuple[date, float]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    unit: str = ""
    summary: str = ""
    decimal_mark: str = "."
    day_pattern: str = "%d/%m/%Y"  # the axis' dates (strftime), as the language writes them

    def init(self) -> None:
        self.height = 220
        self.padding = ft.Padding(left=8, top=12, right=16, bottom=4)
        self.content = ft.Semantics(content=self.chart(), label=self.summary, identifier="measurement-chart")

    def chart(self) -> fch.LineChart:
        first = self.points[0][0].toordinal() if self.points else date.today().toordinal()
        xs = [day.toordinal() - first for day, _ in self.points]
        days = date_ticks(xs[-1] if xs else 0)
        values = [value for _, value in self.points]
        low, high = (min(values), max(values)) if values else (0.0, 1.0)
        room = max((high - low) * 0.04, abs(high) * 0.005)  # a point on the top or bottom line is not cut
        ticks = value_ticks(low - room, high + room)
        span = max(xs[-1] if xs else 1, 1)
        mark = self.decimal_mark
        return fch.LineChart(
            data_series=[
                fch.LineChartData(
                    points=[
                        fch.LineChartDataPoint(x, y, tooltip=f"{label} : {number_text(y, mark)} {self.unit}")
                        for x, y, label in zip(xs, values, self.labels, strict=False)
                    ],
                    color=COLOUR,
                    stroke_width=2.5,
                    curved=False,
                    point=fch.ChartCirclePoint(color=COLOUR, radius=3.5),
                )
            ],
            min_x=-span * EDGE,
            max_x=span * (1 + EDGE),
            min_y=ticks[0],
            max_y=ticks[-1],
            left_axis=fch.ChartAxis(
                label_size=44,
                title=ft.Text(self.unit, size=12),
                title_size=26,  # the unit, clear of the values beside it
                show_min=False,
                show_max=False,
                label_spacing=ticks[1] - ticks[0],
                labels=[
                    fch.ChartAxisLabel(value=t, label=ft.Text(number_text(t, mark), size=11)) for t in ticks
                ],
            ),
            bottom_axis=fch.ChartAxis(
                label_size=28,
                show_min=False,
                show_max=False,
                label_spacing=days[1] if len(days) > 1 else 1,
                labels=[
                    fch.ChartAxisLabel(
                        value=x,
                        label=ft.Text(date.fromordinal(first + int(x)).strftime(self.day_pattern), size=11),
                    )
                    for x in days
                ],
            ),
            horizontal_grid_lines=fch.ChartGridLines(color=ft.Colors.GREY_300, width=0.5),
            expand=True,
        )

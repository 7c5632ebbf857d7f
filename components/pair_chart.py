"""Blood pressure over time: systolic and diastolic as two lines on one chart (flet-charts), with a
legend. Canvas pixels are not in the accessibility tree, so the chart carries a spoken summary; the
table under it lists every reading as "120/80 mmHg"."""

from __future__ import annotations

import math
from dataclasses import field
from datetime import date

import flet as ft
import flet_charts as fch

HIGH_COLOUR = ft.Colors.RED_700
LOW_COLOUR = ft.Colors.BLUE_700


@ft.control
class PairChart(ft.Container):
    """``points`` are (date, high, low), oldest first; ``labels`` the text of each date, same order;
    ``names`` the legend of the two lines (systolic, diastolic)."""

    points: list[tuple[date, float, float]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    names: tuple[str, str] = ("", "")
    unit: str = ""
    summary: str = ""

    def init(self) -> None:
        self.height = 250
        self.padding = ft.Padding(left=8, top=8, right=16, bottom=4)
        legend = ft.Row(
            [self._key(HIGH_COLOUR, self.names[0]), self._key(LOW_COLOUR, self.names[1])],
            wrap=True,
            spacing=16,
        )
        self.content = ft.Column(
            [
                legend,
                ft.Semantics(content=self.chart(), label=self.summary, identifier="pair-chart", expand=True),
            ],
            spacing=4,
        )

    @staticmethod
    def _key(colour: str, name: str) -> ft.Control:
        return ft.Row([ft.Container(width=16, height=4, bgcolor=colour), ft.Text(name, size=12)], spacing=6)

    def _line(self, xs: list[int], values: list[float], colour: str) -> fch.LineChartData:
        return fch.LineChartData(
            points=[
                fch.LineChartDataPoint(x, y, tooltip=f"{label}: {y:g} {self.unit}")
                for x, y, label in zip(xs, values, self.labels, strict=False)
            ],
            color=colour,
            stroke_width=2.5,
            point=fch.ChartCirclePoint(color=colour, radius=3.5),
        )

    def chart(self) -> fch.LineChart:
        first = self.points[0][0].toordinal() if self.points else 0
        xs = [day.toordinal() - first for day, _h, _l in self.points]
        highs = [high for _d, high, _l in self.points]
        lows = [low for _d, _h, low in self.points]
        top = max(highs) if highs else 140.0
        bottom = min(lows) if lows else 60.0
        ends = {0: 0, len(xs) - 1: len(xs) - 1} if xs else {}
        return fch.LineChart(
            data_series=[self._line(xs, highs, HIGH_COLOUR), self._line(xs, lows, LOW_COLOUR)],
            min_x=0,
            max_x=max(xs[-1] if xs else 1, 1),
            min_y=max(math.floor((bottom - 5) / 20) * 20, 0),  # round values: no half-hidden 151 or 66
            max_y=math.ceil((top + 5) / 20) * 20,
            left_axis=fch.ChartAxis(label_size=44, title=ft.Text(self.unit, size=12), title_size=18),
            bottom_axis=fch.ChartAxis(
                label_size=28,
                labels=[
                    fch.ChartAxisLabel(value=xs[i], label=ft.Text(self.labels[i], size=11)) for i in ends
                ],
            ),
            horizontal_grid_lines=fch.ChartGridLines(color=ft.Colors.GREY_300, width=0.5),
            expand=True,
        )

"""One measure over time: a line chart (flet-charts) of its values, dates along the bottom.

Canvas pixels are not in the accessibility tree, so the chart carries a spoken summary (first and last
value); the table under it on the Profil médical screen lists every value."""

from __future__ import annotations

from dataclasses import field
from datetime import date

import flet as ft
import flet_charts as fch

COLOUR = ft.Colors.TEAL_700


@ft.control
class MeasurementChart(ft.Container):
    """``points`` are (date, value), oldest first; ``labels`` the text of each date, same order."""

    points: list[tuple[date, float]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    unit: str = ""
    summary: str = ""

    def init(self) -> None:
        self.height = 220
        self.padding = ft.Padding(left=8, top=12, right=16, bottom=4)
        self.content = ft.Semantics(content=self.chart(), label=self.summary, identifier="measurement-chart")

    def chart(self) -> fch.LineChart:
        first = self.points[0][0].toordinal() if self.points else 0
        xs = [day.toordinal() - first for day, _ in self.points]
        values = [value for _, value in self.points]
        low, high = (min(values), max(values)) if values else (0.0, 1.0)
        margin = max((high - low) * 0.15, abs(high) * 0.02, 0.5)
        ends = {0: 0, len(xs) - 1: len(xs) - 1} if xs else {}
        return fch.LineChart(
            data_series=[
                fch.LineChartData(
                    points=[
                        fch.LineChartDataPoint(x, y, tooltip=f"{label}: {y:g} {self.unit}")
                        for x, y, label in zip(xs, values, self.labels, strict=False)
                    ],
                    color=COLOUR,
                    stroke_width=2.5,
                    curved=False,
                    point=fch.ChartCirclePoint(color=COLOUR, radius=3.5),
                )
            ],
            min_x=0,
            max_x=max(xs[-1] if xs else 1, 1),
            min_y=low - margin,
            max_y=high + margin,
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

"""A WHO growth chart: the SD lines, the child's points on top, and the points again as a labelled list.

Canvas pixels are not in the accessibility tree, so every plotted point is also a Semantics node
(identifier ``growth-point-<ISO date>``): screen readers and browser tests find the points there.
"""

from __future__ import annotations

from dataclasses import field

import flet as ft
import flet_charts as fch

# z -> colour: the median darkest, +-2 and +-3 drawn as the lines a doctor watches.
LINE_COLOURS = {
    0.0: ft.Colors.GREEN_700,
    1.0: ft.Colors.GREEN_200,
    -1.0: ft.Colors.GREEN_200,
    2.0: ft.Colors.AMBER_400,
    -2.0: ft.Colors.AMBER_400,
    3.0: ft.Colors.RED_200,
    -3.0: ft.Colors.RED_200,
}
POINT_COLOUR = ft.Colors.INDIGO_700


@ft.control
class GrowthChart(ft.Column):
    """``lines`` maps z to its (x, y) points; ``points`` are (x, y, ISO date, spoken label)."""

    lines: list[tuple[float, list[tuple[float, float]]]] = field(default_factory=list)
    points: list[tuple[float, float, str, str]] = field(default_factory=list)
    x_title: str = ""
    y_title: str = ""
    title: str = ""
    bounds: tuple[float, float, float, float] = (0.0, 1.0, 0.0, 1.0)  # min_x, max_x, min_y, max_y

    def init(self) -> None:
        self.spacing = 6
        self.controls = [self._chart(), self._point_list()]

    def _chart(self) -> ft.Control:
        min_x, max_x, min_y, max_y = self.bounds
        series = [
            fch.LineChartData(
                points=[fch.LineChartDataPoint(x, y, show_tooltip=False) for x, y in line],
                color=LINE_COLOURS.get(z, ft.Colors.GREY_400),
                stroke_width=2.5 if z == 0.0 else 1.5,
                curved=True,
                point=False,
            )
            for z, line in self.lines
        ]
        series.append(
            fch.LineChartData(
                points=[fch.LineChartDataPoint(x, y, tooltip=label) for x, y, _day, label in self.points],
                color=POINT_COLOUR,
                stroke_width=2,
                point=fch.ChartCirclePoint(color=POINT_COLOUR, radius=4),
            )
        )
        margin = (max_y - min_y) * 0.05
        chart = fch.LineChart(
            data_series=series,
            min_x=min_x,
            max_x=max_x,
            min_y=max(min_y - margin, 0),
            max_y=max_y + margin,
            left_axis=fch.ChartAxis(title=ft.Text(self.y_title, size=12), label_size=40),
            bottom_axis=fch.ChartAxis(title=ft.Text(self.x_title, size=12), label_size=28),
            horizontal_grid_lines=fch.ChartGridLines(color=ft.Colors.GREY_200, width=0.5),
            height=320,
        )
        return ft.Semantics(content=chart, label=self.title, identifier="growth-chart", container=True)

    def _point_list(self) -> ft.Control:
        rows: list[ft.Control] = [
            ft.Semantics(
                content=ft.Text(label, size=13), label=label, identifier=f"growth-point-{day}", container=True
            )
            for _x, _y, day, label in self.points
        ]
        return ft.Column(rows, spacing=2)

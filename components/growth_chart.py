"""A WHO growth chart: the SD lines, the child's points on top, a legend, and the points again as a
labelled list.

Canvas pixels are not in the accessibility tree, so every plotted point is also a Semantics node
(identifier ``growth-point-<ISO date>``): screen readers and browser tests find the points there.
The axes carry labels at round steps chosen for the width of a phone (no two labels overlap, the first
and last ones fall on the chart's bounds, so no label is cut), written with the language's decimal separator.
"""

from __future__ import annotations

import math
from dataclasses import field

import flet as ft
import flet_charts as fch

# z -> colour: the median darkest, +-2 and +-3 drawn as the lines a doctor watches.
LINE_COLOURS = {
    0.0: ft.Colors.GREEN_700,
    1.0: ft.Colors.GREEN_200,
    -1.0: ft.Colors.GREEN_200,
    2.0: ft.Colors.AMBER_700,
    -2.0: ft.Colors.AMBER_700,
    3.0: ft.Colors.RED_400,
    -3.0: ft.Colors.RED_400,
}
POINT_COLOUR = ft.Colors.INDIGO_700
MAX_X_LABELS = 7  # a 390 px phone leaves ~300 px of axis: 7 labels of up to 3 digits fit apart
MAX_Y_LABELS = 7


def nice_step(span: float, most: int) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k giving at most ``most`` labels over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / max(most - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    return next(power * m for m in (1, 2, 2.5, 5, 10) if power * m >= raw)


def ticks(low: float, high: float, most: int) -> tuple[float, float, list[float]]:
    """Bounds snapped outwards to a round step, and the labels' values between them (both included)."""
    step = nice_step(high - low, most)
    first, last = math.floor(low / step) * step, math.ceil(high / step) * step
    count = round((last - first) / step)
    if count + 1 > most:  # snapping outwards may add a label: take the next step up
        step = nice_step((high - low) * most / (most - 1.5), most)
        first, last = math.floor(low / step) * step, math.ceil(high / step) * step
        count = round((last - first) / step)
    values = [round(first + i * step, 6) for i in range(count + 1)]
    return values[0], values[-1], values


def inner_ticks(low: float, high: float, most: int, steps: list[float]) -> list[float]:
    """Labels at the multiples of the first of ``steps`` (ages: 3, 6, 12 months) giving at most ``most``
    labels inside [low, high]: the axis keeps the curves' exact span, no blank tail."""
    for step in steps:
        first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
        if last - first + 1 <= most:
            return [round(i * step, 6) for i in range(first, last + 1)]
    return [low, high]


@ft.control
class GrowthChart(ft.Column):
    """``lines`` maps z to its (x, y) points; ``points`` are (x, y, ISO date, spoken label);
    ``legend`` names the median, +-1, +-2, +-3 SD and the child's points, in the screen's language."""

    lines: list[tuple[float, list[tuple[float, float]]]] = field(default_factory=list)
    points: list[tuple[float, float, str, str]] = field(default_factory=list)
    x_title: str = ""
    y_title: str = ""
    title: str = ""
    bounds: tuple[float, float, float, float] = (0.0, 1.0, 0.0, 1.0)  # min_x, max_x, min_y, max_y
    legend: dict[str, str] = field(default_factory=dict)  # "median", "sd1".."sd3", "child" -> words
    x_steps: list[float] = field(default_factory=lambda: [1.0, 2.0, 5.0, 10.0])  # candidate label steps
    decimal: str = "."  # the language's decimal separator ("," in French); a plain string: Flet sends
    # every field of a control to the client, and a function cannot be sent

    def init(self) -> None:
        self.spacing = 6
        self.controls = [self._chart(), self._legend(), self._point_list()]

    def number(self, value: float) -> str:
        return f"{value:g}".replace(".", self.decimal)

    def _axis(self, title: str, values: list[float], size: int) -> fch.ChartAxis:
        labels = [fch.ChartAxisLabel(value=v, label=ft.Text(self.number(v), size=11)) for v in values]
        return fch.ChartAxis(
            title=ft.Text(title, size=12),
            title_size=20,
            labels=labels,
            # fl_chart draws a given label only where its own interval falls: the interval is our step
            label_spacing=values[1] - values[0] if len(values) > 1 else None,
            label_size=size,
            show_min=True,  # the bounds are labels of the round step: shown, never crowding a neighbour
            show_max=True,
        )

    def _chart(self) -> ft.Control:
        min_x, max_x, min_y, max_y = self.bounds
        # 730 days are 23.98 months: an end that close to a round age is drawn to it, and labelled
        x_values = inner_ticks(min_x, max_x + 0.1, MAX_X_LABELS, self.x_steps)
        low_x, high_x = min(min_x, x_values[0]), max(max_x, x_values[-1])
        low_y, high_y, y_values = ticks(max(min_y, 0.0), max_y, MAX_Y_LABELS)
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
        hidden = fch.ChartAxis(show_labels=False, label_size=0)
        chart = fch.LineChart(
            data_series=series,
            min_x=low_x,
            max_x=high_x,
            min_y=low_y,
            max_y=high_y,
            left_axis=self._axis(self.y_title, y_values, 40),
            bottom_axis=self._axis(self.x_title, x_values, 24),
            top_axis=hidden,
            right_axis=hidden,
            horizontal_grid_lines=fch.ChartGridLines(color=ft.Colors.GREY_300, width=0.5),
            vertical_grid_lines=fch.ChartGridLines(color=ft.Colors.GREY_200, width=0.5),
            height=320,
        )
        # room around the plot: the last age label (centred on the right edge) and the top value label
        # are drawn half outside the plot, and would be cut at the screen's edge without it
        framed = ft.Container(content=chart, padding=ft.Padding.only(top=10, right=16))
        return ft.Semantics(content=framed, label=self.title, identifier="growth-chart", container=True)

    def _legend(self) -> ft.Control:
        """The lines named: colour AND words (and the child's points drawn as dots)."""
        entries = [
            (LINE_COLOURS[0.0], 3, self.legend.get("median", "")),
            (LINE_COLOURS[1.0], 2, self.legend.get("sd1", "")),
            (LINE_COLOURS[2.0], 2, self.legend.get("sd2", "")),
            (LINE_COLOURS[3.0], 2, self.legend.get("sd3", "")),
            (POINT_COLOUR, 8, self.legend.get("child", "")),
        ]
        items: list[ft.Control] = [
            ft.Row(
                [
                    ft.Container(
                        width=8 if thickness == 8 else 22, height=thickness, bgcolor=colour, border_radius=4
                    ),
                    ft.Text(words, size=12),
                ],
                spacing=6,
                tight=True,
            )
            for colour, thickness, words in entries
            if words
        ]
        return ft.Semantics(
            content=ft.Row(items, wrap=True, spacing=14, run_spacing=4), identifier="growth-legend"
        )

    def _point_list(self) -> ft.Control:
        rows: list[ft.Control] = [
            ft.Semantics(
                content=ft.Text(label, size=13), label=label, identifier=f"growth-point-{day}", container=True
            )
            for _x, _y, day, label in self.points
        ]
        return ft.Column(rows, spacing=2)

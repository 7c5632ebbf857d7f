"""The growth chart in French: a legend (médiane, ±2 DS, ±3 DS), axis labels at round steps that
never crowd a phone's axis nor fall outside the chart, decimal commas, and "né"/"née"."""

import flet_charts as fch
import pytest

from components.growth_chart import MAX_X_LABELS, MAX_Y_LABELS, inner_ticks, ticks

from .tree import node, texts, walk


def open_growth(state, name="Léo", language="fr", measure="weight", view=None):
    state.set_language(language)
    child = next(p for p in state.profiles if p.first_name == name)
    state.switch(child.id)
    state.choose("enfant.tab", "growth")
    state.choose("enfant.measure", measure)
    if view:
        state.choose("enfant.view", view)
    state.go("/child")
    return child


@pytest.mark.parametrize(
    "low, high, most",
    [(0, 24, MAX_X_LABELS), (0, 60.9, MAX_X_LABELS), (5.0, 19.0, MAX_X_LABELS), (2.1, 17.8, MAX_Y_LABELS),
     (44.3, 97.6, MAX_Y_LABELS), (31.2, 52.9, MAX_Y_LABELS), (12.1, 31.4, MAX_Y_LABELS), (0.9, 1.4, 5)],
)  # fmt: skip
def test_the_axis_labels_are_few_round_and_on_the_chart_bounds(low, high, most):
    first, last, values = ticks(low, high, most)
    assert len(values) <= most
    assert first <= low and last >= high  # nothing drawn outside the axis
    assert values[0] == first and values[-1] == last
    steps = {round(b - a, 6) for a, b in zip(values, values[1:], strict=False)}
    assert len(steps) == 1


def test_age_labels_fall_on_the_ages_people_say():
    assert inner_ticks(0, 24, MAX_X_LABELS, [3, 6, 12]) == [0, 6, 12, 18, 24]
    assert inner_ticks(0, 60.98, MAX_X_LABELS, [3, 6, 12]) == [0, 12, 24, 36, 48, 60]
    assert inner_ticks(5.08, 19.0, MAX_X_LABELS, [1, 2, 5]) == [6, 8, 10, 12, 14, 16, 18]


def chart_of(shell):
    return next(c for c, _ in walk(node(shell.body, "growth-chart")) if isinstance(c, fch.LineChart))


def test_the_chart_has_a_legend_in_french(unlocked):
    shell, state, host = unlocked
    open_growth(state)
    legend = texts(node(shell.body, "growth-legend"))
    assert legend == ["Médiane", "±1 DS", "±2 DS", "±3 DS", "Mesures de l'enfant"]


def test_every_view_labels_its_axes_sparsely_and_within_bounds(unlocked):
    shell, state, host = unlocked
    for name, measure, view in [
        ("Léo", "weight", "0-2"),
        ("Léo", "height", "0-5"),
        ("Inès", "bmi", "5-19"),
        ("Inès", "height", "5-19"),
    ]:
        open_growth(state, name, measure=measure, view=view)
        chart = chart_of(shell)
        x_labels = [label.value for label in chart.bottom_axis.labels]
        y_labels = [label.value for label in chart.left_axis.labels]
        assert len(x_labels) <= MAX_X_LABELS and len(y_labels) <= MAX_Y_LABELS
        assert chart.min_x <= x_labels[0] and x_labels[-1] <= chart.max_x  # inside: the last is not cut
        assert len({round(b - a, 6) for a, b in zip(x_labels, x_labels[1:], strict=False)}) == 1
        assert y_labels[0] == chart.min_y and y_labels[-1] == chart.max_y
        points = [p.y for series in chart.data_series for p in series.points]
        assert chart.min_y <= min(points) and max(points) <= chart.max_y


def test_numbers_are_written_with_a_decimal_comma(unlocked):
    shell, state, host = unlocked
    open_growth(state, "Inès", measure="bmi", view="5-19")
    labels = [label.label.value for label in chart_of(shell).left_axis.labels]
    assert all("." not in text for text in labels)
    points = [t for t in texts(shell.body) if "DS)" in t]
    assert points and all("," in t.split("(")[-1] for t in points)  # "(+0,4 DS)"


def test_the_header_says_ne_or_nee_and_the_age_in_words(unlocked):
    shell, state, host = unlocked
    open_growth(state, "Léo")
    assert "13 mois - né le 01/10/2025" in shell.texts()
    ines = open_growth(state, "Inès")
    assert f"7 ans - née le {ines.birth_date:%d/%m/%Y}" in shell.texts()

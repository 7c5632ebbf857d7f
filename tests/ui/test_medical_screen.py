"""The Profil médical screen, built and driven without a Flet client."""

from datetime import date

import flet as ft
import pytest

from components.measurement_chart import MeasurementChart
from services import access_log
from services import medical_profile as mp
from views import medical
from views.medical import measurements as medical_measurements

from .tree import semantics, walk


@pytest.fixture
def screen(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    state.go("/medical")
    return shell, state, host


def test_an_allergy_is_added_through_its_form_listed_with_date_and_author_then_edited_and_deleted(screen):
    shell, state, host = screen
    semantics(shell, "add-allergy").content.on_click(None)
    form = host.dialogs[-1]
    form.inputs["substance"].value = "Pénicilline"
    form.inputs["severity"].value = "severe"
    form.inputs["on"].value = "04/12/2015"  # English order: month first, as it is shown
    form.confirm()
    assert "Pénicilline - Severe (04/12/2015; Entered by me)" in shell.texts()
    [allergy] = mp.list_entries(state.session, state.current_id, "allergy")
    semantics(shell, f"edit-{allergy.id}").content.on_click(None)
    host.dialogs[-1].inputs["reaction"].value = "Urticaire"
    host.dialogs[-1].confirm()
    assert "Pénicilline - Urticaire - Severe (04/12/2015; Entered by me)" in shell.texts()
    semantics(shell, f"delete-{allergy.id}").content.on_click(None)
    host.dialogs[-1].confirm()
    assert mp.list_entries(state.session, state.current_id, "allergy") == []
    actions = [e.action for e in access_log.entries(state.session, state.current_id)]
    assert actions[:3] == ["delete", "update", "add"]


def test_a_bad_date_in_a_form_keeps_the_form_open_with_the_reason_on_the_field(screen):
    shell, state, host = screen
    form = medical.show_form(shell.ctx, state.current_id, "treatment")
    form.inputs["medicine"].value = "Lévothyrox"
    form.inputs["on"].value = "02/31/2024"  # English order: month first
    form.confirm()
    assert host.dialogs[-1] is form and host.toasts == []
    assert form.inputs["on"].error == "\u201c02/31/2024\u201d is not a valid date: write it as MM/DD/YYYY."
    assert form.focused == "on"


def test_the_blood_group_card_shows_the_group_and_prints_a_pdf(screen):
    shell, state, host = screen
    form = medical.show_form(shell.ctx, state.current_id, "blood_group")
    form.inputs["abo"].value, form.inputs["rhd"].value = "A", "-"
    form.inputs["on"].value = "03/05/2010"
    form.confirm()
    shown = next(c for c, _ in walk(shell.body) if isinstance(c, ft.Text) and c.key == "blood-group")
    assert shown.value == "A Rh-"
    assert medical.card_pdf(shell.ctx, state.current_id).startswith(b"%PDF")


def test_measurements_show_a_chart_and_a_table_and_bmi_is_computed(screen):
    shell, state, host = screen
    medical_measurements.choose_measure(shell.ctx, "bmi")
    chart = next(c for c, _ in walk(shell.body) if isinstance(c, MeasurementChart))
    assert [value for _day, value in chart.points] == [23.2, 22.9, 22.6]
    table = next(c for c, _ in walk(shell.body) if isinstance(c, ft.DataTable))
    assert [r.cells[1].content.value for r in table.rows] == ["22.6 kg/m²", "22.9 kg/m²", "23.2 kg/m²"]


def test_a_measurement_added_through_the_form_appears_in_the_chart(screen):
    shell, state, host = screen
    form = medical_measurements.show_measurement_form(shell.ctx, state.current_id, "weight")
    form.inputs["value"].value = "61,8"
    form.inputs["on"].value = "11/29/2026"
    form.confirm()
    chart = next(c for c, _ in walk(shell.body) if isinstance(c, MeasurementChart))
    assert chart.points[-1] == (date(2026, 11, 29), 61.8)


def test_an_implausible_measurement_shows_the_range_and_stores_nothing(screen):
    shell, state, host = screen
    form = medical_measurements.show_measurement_form(shell.ctx, state.current_id, "temperature")
    form.inputs["kind"].value = "temperature"
    form.inputs["value"].value = "55"
    form.confirm()
    assert form.inputs["value"].error == "55 Cel is outside the plausible range (30 to 45 Cel)."
    assert host.dialogs[-1] is form and form.focused == "value"

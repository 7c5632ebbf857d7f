"""Dossier, Profil médical and Grossesse speak French as it is written: plurals through ngettext, dates
dd/mm/yyyy in sentences, decimal commas in the measurements. Client-less."""

from datetime import date

import flet as ft

from components.measurement_chart import MeasurementChart
from services import records
from views.documents import history
from views.medical import measurements as medical_measurements

from .tree import walk


def test_one_measurement_is_one_valeur_and_its_value_has_a_decimal_comma(unlocked):
    shell, state, host = unlocked  # French
    profile = state.current
    records.add_measurement(
        state.session, profile.id, state.today(), kind="temperature", value=37.8, on=date(2026, 11, 2)
    )
    medical_measurements.choose_measure(shell.ctx, "temperature")
    state.go("/medical")
    chart = next(c for c, _ in walk(shell.body) if isinstance(c, MeasurementChart))
    assert chart.summary == "Température : 1 valeur, la dernière 37,8 °C"
    table = next(c for c, _ in walk(shell.body) if isinstance(c, ft.DataTable))
    assert [row.cells[1].content.value for row in table.rows] == ["37,8 °C"]


def test_the_access_history_counts_its_entries_in_french(unlocked):
    shell, state, host = unlocked
    text = history.chain_text(shell.ctx)
    assert text.startswith("Historique intact : ") and text.endswith(
        ("entrée vérifiée.", "entrées vérifiées.")
    )

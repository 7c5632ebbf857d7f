"""No screen of any demo profile writes a date as ISO (2025-12-31), in French or in English: sentences,
tables, screen-reader labels and the fields' values all write dates as the language does (issue 13).
Client-less."""

import re

import flet as ft

from views.routes import ROUTES

from .tree import walk

ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
CHILD_TABS = ("growth", "vaccinations", "exams", "advice")


def written(root):
    """Every text the screen shows or says: Text values, labels, fields' values, helpers and errors,
    and the cells of data tables (which ``walk`` does not enter)."""
    for control, _ in walk(root):
        for name in ("value", "label", "helper", "error", "hint_text", "tooltip"):
            value = getattr(control, name, None)
            if isinstance(value, str):
                yield value
        if isinstance(control, ft.DataTable):
            for row in control.rows or []:
                for cell in row.cells:
                    yield from written(cell.content)


def screens(state):
    """(profile, path) of every screen of every demo profile, the child's every tab and the booklet."""
    for profile in list(state.profiles):
        state.switch(profile.id)
        for route in ROUTES:
            if not route.applies_to(state.current, state.today()):
                continue
            if route.path != "/child":
                state.go(route.path)
                yield profile.first_name, route.path
                continue
            for tab in CHILD_TABS:
                state.choose("enfant.tab", tab)
                for view in ("list", "booklet") if tab == "vaccinations" else ("list",):
                    state.choose("enfant.vaccinations", view)
                    state.go(route.path)
                    yield profile.first_name, f"{route.path} {tab} {view}"


def test_no_screen_writes_a_date_as_iso_in_french_or_english(unlocked):
    shell, state, host = unlocked
    found = []
    for language in ("fr", "en"):
        state.set_language(language)
        for where in screens(state):
            for root in (shell.appbar, shell.body):
                found += [(language, *where, text) for text in written(root) if ISO_DAY.search(text)]
    assert found == []


def test_the_scan_reads_a_date_hidden_in_a_table_cell():
    table = ft.DataTable(
        columns=[ft.DataColumn(ft.Text("Date"))],
        rows=[ft.DataRow([ft.DataCell(ft.Text("2025-12-31"))])],
    )
    assert [t for t in written(ft.Column([table])) if ISO_DAY.search(t)] == ["2025-12-31"]

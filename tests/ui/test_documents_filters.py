"""The Dossier on a phone: the search on top, the filters behind one "Filtres" button (a bottom sheet),
the active ones as chips with "Effacer", all forgotten at the lock. Client-less (tests/ui/tree.py)."""

import flet as ft
import pytest

from tests.conftest import PASSPHRASE
from views import documents as dossier
from views.documents import filters

from .test_documents_screen import search, titles
from .tree import identifiers, node, press, semantics, walk


@pytest.fixture
def screen(unlocked):
    shell, state, host = unlocked
    state.set_language("fr")
    state.go("/documents")
    return shell, state, host


def open_sheet(shell, host):
    press(shell.body, "filters")
    sheet = host.dialogs[-1]
    assert isinstance(sheet, ft.BottomSheet)
    return sheet


def choose(sheet, name, value):
    menu = next(c for c, _ in walk(node(sheet, f"filter-{name}")) if isinstance(c, ft.Dropdown))
    menu.value = value
    menu.on_select(type("E", (), {"control": menu})())


def test_the_search_comes_first_then_one_row_of_filters_then_the_documents(screen):
    shell, state, host = screen
    order = identifiers(shell, "search-box") + identifiers(shell, "filters")
    assert order == ["search-box", "filters"]
    assert not any(isinstance(c, ft.Dropdown) for c, _ in walk(shell.body))  # no menu stacked on the screen
    search_box = semantics(shell, "search-box").content
    assert search_box.expand and not search_box.width  # the width of the phone, not a fixed 360 px


def test_a_filter_chosen_in_the_sheet_shows_as_a_chip_that_removes_itself(screen):
    shell, state, host = screen
    sheet = open_sheet(shell, host)
    assert [i for i in ("sort", "type_code", "year", "author", "added_by") if node(sheet, f"filter-{i}")]
    choose(sheet, "type_code", "11502-2")
    assert titles(shell) == ["Bilan sanguin annuel"]
    chip = semantics(shell, "active-type_code")
    assert chip.label == "Type : CR d'examens biologiques"
    assert semantics(shell, "filters").content.content == "Filtres (1)"
    chip.content.on_delete(None)
    assert len(titles(shell)) == 3 and identifiers(shell, "active-") == []


def test_effacer_clears_every_filter_at_once(screen):
    shell, state, host = screen
    sheet = open_sheet(shell, host)
    choose(sheet, "type_code", "11502-2")
    choose(sheet, "sort", "type")
    assert identifiers(shell, "active-") == ["active-sort", "active-type_code"]
    press(shell.body, "filters-clear")
    assert identifiers(shell, "active-") == [] and len(titles(shell)) == 3
    assert "filters-clear" not in identifiers(shell, "filters-")


def test_the_filters_and_the_search_are_forgotten_at_the_lock(screen):
    shell, state, host = screen
    dossier.set_filter(shell.ctx, "type_code", "11502-2")
    search(shell, "genou")
    state.lock()
    state.unlock(PASSPHRASE)
    state.go("/documents")
    f = filters.filters_of(state)
    assert (f.type_code, f.query) == ("", "")
    assert len(titles(shell)) == 3 and identifiers(shell, "active-") == []

"""The vaccination booklet as the paper carnet's grid (vaccines x ages), beside the list, printable."""

import flet as ft
import pypdf

from .tree import identifiers, node, press, texts, walk


def open_vaccinations(state, language="en"):
    state.set_language(language)
    child = next(p for p in state.profiles if p.first_name == "Léo")
    state.switch(child.id)
    state.choose("enfant.tab", "vaccinations")
    state.go("/child")
    return child


def test_the_list_stays_and_the_grid_is_beside_it(unlocked):
    shell, state, host = unlocked
    open_vaccinations(state)
    assert identifiers(shell, "vaccination-view-") == ["vaccination-view-list", "vaccination-view-booklet"]
    assert identifiers(shell, "dose-") and not identifiers(shell, "vaccination-grid")
    state.choose("enfant.vaccinations", "booklet")
    assert identifiers(shell, "vaccination-grid") == ["vaccination-grid", "vaccination-grid-names"]


def test_each_cell_says_done_with_its_date_and_lot_or_what_is_to_come(unlocked):
    shell, state, host = unlocked
    open_vaccinations(state)
    state.choose("enfant.vaccinations", "booklet")
    grid = node(shell.body, "vaccination-grid")
    names, ages = grid.content.controls
    assert texts(names)[:2] == ["Vaccine", "DTaP-IPV-Hib-HepB"]
    assert texts(ages)[:10] == [
        "2 months", "3 months", "4 months", "5 months", "6 months",
        "11 months", "12 months", "16 months", "6 years", "11 years",
    ]  # fmt: skip
    assert node(grid, "grid-hexa-2").label == "DTaP-IPV-Hib-HepB, 2 months: Done, 12/01/2025, lot L3102"
    assert node(grid, "grid-ror-16").label == "MMR (measles, mumps, rubella), 16 months: To come"
    assert "grid-hexa-3" not in identifiers(shell, "grid-")  # no hexavalent dose at 3 months: an empty cell


def test_the_vaccine_names_stay_in_place_while_the_ages_scroll_level_with_them(unlocked):
    shell, state, host = unlocked
    open_vaccinations(state)
    state.choose("enfant.vaccinations", "booklet")
    names, ages = node(shell.body, "vaccination-grid").content.controls
    names = names.content
    assert isinstance(names, ft.Column) and names.scroll is None  # the first column never moves
    assert isinstance(ages, ft.Row) and ages.scroll == ft.ScrollMode.AUTO and ages.expand
    assert not any(isinstance(c, ft.Text) and c.value == "DTaP-IPV-Hib-HepB" for c, _ in walk(ages))
    table = ages.controls[0].controls  # the ages' header, then one row a vaccine
    assert [box.height for box in names.controls] == [_height(row) for row in table]


def _height(row):
    """The height of a row of the grid: its tallest box (a cell may be wrapped for screen readers)."""
    boxes = [c for c, _ in walk(row) if isinstance(c, ft.Container) and c.height]
    assert boxes
    return max(box.height for box in boxes)


def test_a_missed_dose_reads_so_in_words_not_only_in_colour(unlocked):
    shell, state, host = unlocked
    child = open_vaccinations(state)
    from services import records

    ror = next(d for d in records.list_records(state.session, child.id, "immunization") if d.vaccine == "ror")
    records.delete_record(state.session, child.id, ror)
    state.choose("enfant.vaccinations", "booklet")
    cell = node(shell.body, "grid-ror-12")
    assert cell.label.endswith(": To catch up") and "To catch up" in texts(cell)


def test_the_booklet_prints_to_a_pdf_grid_in_french(unlocked):
    shell, state, host = unlocked
    open_vaccinations(state, "fr")
    state.choose("enfant.vaccinations", "booklet")
    press(shell.body, "vaccination-booklet-pdf")
    path = host.toasts[-1].split(": ", 1)[1]
    text = pypdf.PdfReader(path).pages[0].extract_text()
    assert "Carnet de vaccination" in text and "Léo Durand - Né le 01/10/2025" in text  # né: a boy
    assert "2 mois" in text and "11 ans" in text
    assert "fait 01/12/2025" in text and "lot L3102" in text and "à venir" in text

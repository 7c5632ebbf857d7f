"""The Dossier screen, built and driven without a Flet client."""

import flet as ft
import pytest

from components.document_card import DocumentCard
from services import access_log, documents
from services.pdf import simple_pdf
from views import documents as dossier
from views.documents import add as dossier_add

from .tree import semantics, walk


@pytest.fixture
def screen(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    state.go("/documents")
    return shell, state, host


def cards(shell):
    return [c for c, _ in walk(shell.body) if isinstance(c, DocumentCard)]


def titles(shell):
    return [c.title for c in cards(shell)]


def card(shell, title):
    return next(c for c in cards(shell) if c.title == title)


def search(shell, text):
    box = semantics(shell, "search-box").content
    box.value = text
    box.on_submit(type("E", (), {"control": box})())


def test_the_list_shows_the_documents_newest_first(screen):
    shell, state, host = screen
    assert titles(shell) == [
        "Ordonnance - Dr Hélène Lefèvre",
        "Bilan sanguin annuel",
        "Radiographie du genou droit",
    ]


def test_adding_through_the_form_stores_the_document_and_a_search_finds_a_word_inside_it(screen):
    shell, state, host = screen
    data = simple_pdf("Compte rendu", ["Echographie : kyste biliaire de 4 mm."])
    form = dossier_add.show_add_form(shell.ctx, [("echo.pdf", data)])
    assert host.dialogs[-1] is form and form.inputs["title"].value == "echo"
    form.inputs["title"].value = "Echographie abdominale"
    form.inputs["type_code"].value = "18748-4"
    form.inputs["on"].value = "02/11/2026"
    form.inputs["author"].value = "Clinique du Parc"
    form.confirm()
    assert host.toasts[-1] == "Document added." and not host.dialogs
    search(shell, "biliaire")
    assert titles(shell) == ["Echographie abdominale"]
    search(shell, "")
    assert len(titles(shell)) == 4


def test_a_bad_file_in_the_form_shows_the_reason_and_adds_nothing(screen):
    shell, state, host = screen
    form = dossier_add.show_add_form(shell.ctx, [("virus.pdf", b"MZ\x90\x00" + bytes(100))])
    form.confirm()
    assert form.error.content.value == "Only PDF, JPEG and PNG files can be added."  # in the form, seen
    assert host.toasts == [] and host.dialogs[-1] is form and len(titles(shell)) == 3


def test_filters_by_type_and_sort_by_type(screen):
    shell, state, host = screen
    dossier.set_filter(shell.ctx, "type_code", "11502-2")
    assert titles(shell) == ["Bilan sanguin annuel"]
    dossier.set_filter(shell.ctx, "type_code", "")
    dossier.set_filter(shell.ctx, "sort", "type")
    assert titles(shell) == [
        "Bilan sanguin annuel",
        "Radiographie du genou droit",
        "Ordonnance - Dr Hélène Lefèvre",
    ]


def test_the_preview_of_a_pdf_shows_its_first_page_text_and_is_logged(screen):
    shell, state, host = screen
    card(shell, "Bilan sanguin annuel").action("preview")()
    dialog = host.dialogs[-1]
    texts = [c.value for c, _ in walk(dialog) if isinstance(c, ft.Text)]
    assert any("Ferritine" in t for t in texts)
    [page] = [c for c, _ in walk(dialog) if isinstance(c, ft.Image)]
    assert page.src.startswith(b"\x89PNG")
    assert access_log.entries(state.session, state.current_id)[0].action == "read"


def test_masking_shows_the_document_as_masked_and_unmasking_undoes_it(screen):
    shell, state, host = screen
    card(shell, "Bilan sanguin annuel").action("mask")()
    assert card(shell, "Bilan sanguin annuel").masked
    card(shell, "Bilan sanguin annuel").action("mask")()
    assert not card(shell, "Bilan sanguin annuel").masked


def test_delete_asks_first_then_undo_within_the_snackbar_brings_it_back(screen):
    shell, state, host = screen
    card(shell, "Bilan sanguin annuel").action("delete")()
    confirm = host.dialogs[-1]
    confirm.cancel()
    assert "Bilan sanguin annuel" in titles(shell)
    card(shell, "Bilan sanguin annuel").action("delete")()
    host.dialogs[-1].confirm()
    assert "Bilan sanguin annuel" not in titles(shell)
    snack = host.dialogs[-1]
    assert isinstance(snack, ft.SnackBar) and snack.action == "Undo"
    assert snack.duration == ft.Duration(seconds=10)
    snack.on_action(None)
    snack.on_action(None)  # a second tap restores nothing more
    assert titles(shell).count("Bilan sanguin annuel") == 1
    search(shell, "ferritine")
    assert titles(shell) == ["Bilan sanguin annuel"]


def test_the_access_history_lists_the_changes_and_says_the_chain_is_intact(screen):
    shell, state, host = screen
    card(shell, "Bilan sanguin annuel").action("mask")()
    semantics(shell, "access-history").content.on_click(None)
    texts = [c.value for c, _ in walk(host.dialogs[-1]) if isinstance(c, ft.Text)]
    # every profile and record of the demo family as it was added, then the mask
    checked = access_log.verify(state.session).checked
    assert checked > 6 and f"History intact: {checked} entries checked." in texts
    assert any("masked document Bilan sanguin annuel" in t for t in texts)
    assert any("A professional - added document Bilan sanguin annuel" in t for t in texts)


def test_documents_of_the_other_profile_are_not_listed(screen):
    shell, state, host = screen
    leo = next(p for p in state.profiles if p.first_name == "Léo")
    state.switch(leo.id)
    assert titles(shell) == ["Certificat de santé du 9e mois"]
    assert documents.search_documents(state.session, leo.id, "ferritine") == []

"""Hostile files in the dossier screen: a clear message, never a traceback, nothing drawn that is unsafe."""

import flet as ft
import pytest

from domain.models import Document, new_id
from tests.hostile_files import png_bomb
from views.documents import add as dossier_add

from .test_documents_screen import card, titles
from .tree import walk


@pytest.fixture
def screen(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    state.go("/documents")
    return shell, state, host


def test_photos_merged_with_a_png_bomb_show_the_reason_and_add_nothing(screen):
    shell, state, host = screen
    form = dossier_add.show_add_form(shell.ctx, [("page1.png", png_bomb(8, 8)), ("page2.png", png_bomb())])
    form.confirm()
    assert form.error.content.value == "The image is too large (more than 89 million pixels)."
    assert host.dialogs[-1] is form and len(titles(shell)) == 3


def test_the_preview_of_a_stored_png_bomb_says_so_and_draws_nothing(screen):
    shell, state, host = screen
    bomb = png_bomb()
    document = Document(
        "Photo piégée", "11488-4", state.today(), mime="image/png", size=len(bomb), attachment_id=new_id()
    )
    with state.session.uow() as uow:  # as a sync or an older version could have stored it
        uow.attachments.put(state.current_id, document.attachment_id, bomb)
        uow.records.add(state.current_id, document)
        uow.commit()
    state.go("/documents")
    card(shell, "Photo piégée").action("preview")()
    dialog = host.dialogs[-1]
    texts = [c.value for c, _ in walk(dialog) if isinstance(c, ft.Text)]
    assert any("too large or too complex to be shown here" in t for t in texts)
    assert not [c for c, _ in walk(dialog) if isinstance(c, ft.Image)]

"""The share form says each refusal under the field it is about: the name, what is shared (under its check
boxes), the duration; the rest on the form's own line. It stays filled in, no link is made and no snack bar
is opened. Client-less."""

import pytest

from services import documents, records
from services.sharing import shares

from .tree import node, press


@pytest.fixture
def share_screen(unlocked):
    shell, state, host = unlocked
    state.set_language("fr")
    state.go("/share")
    return shell, state, host


def chosen_error(shell):
    return node(shell.body, "share-chosen-error")


def test_a_missing_name_and_nothing_chosen_are_both_marked_at_once(share_screen):
    shell, state, host = share_screen
    node(shell.body, "share-summary").content.value = False
    press(shell.body, "share-create")
    assert node(shell.body, "share-label").content.error == "Donnez un nom au partage."
    assert chosen_error(shell).visible
    assert chosen_error(shell).content.value == "Choisissez au moins un document ou la synthèse à partager."
    assert host.dialogs == [] and host.toasts == []
    assert shares.list_shares(state.session, state.current_id) == []


def test_a_name_given_clears_its_error_and_leaves_the_one_under_the_documents(share_screen):
    shell, state, host = share_screen
    node(shell.body, "share-summary").content.value = False
    press(shell.body, "share-create")
    node(shell.body, "share-label").content.value = "Dr Martin"
    press(shell.body, "share-create")
    assert node(shell.body, "share-label").content.error is None and chosen_error(shell).visible
    assert host.dialogs == [] and host.toasts == []


def test_a_document_masked_meanwhile_is_refused_under_the_documents_not_the_name(share_screen):
    shell, state, host = share_screen
    camille = state.current
    doc = records.list_records(state.session, camille.id, "document")[0]
    node(shell.body, "share-label").content.value = "Dr Martin"
    node(shell.body, f"share-doc-{doc.id}").content.value = True
    documents.set_masked(state.session, camille.id, doc, True)  # in another window, say
    press(shell.body, "share-create")
    assert chosen_error(shell).visible and "masqué" in chosen_error(shell).content.value
    assert node(shell.body, "share-label").content.error is None
    assert host.dialogs == [] and host.toasts == []


def test_a_duration_not_offered_is_refused_under_the_duration(share_screen):
    shell, state, host = share_screen
    node(shell.body, "share-label").content.value = "Dr Martin"
    node(shell.body, "share-duration").content.value = "3"  # the list offers 1, 7, 30 or 90 days
    press(shell.body, "share-create")
    duration = node(shell.body, "share-duration").content
    assert duration.error_text == "Choisissez la durée du partage." and not chosen_error(shell).visible
    assert host.dialogs == [] and host.toasts == []


def test_a_share_made_after_a_refusal_opens_its_link(share_screen):
    shell, state, host = share_screen
    press(shell.body, "share-create")  # no name: refused
    node(shell.body, "share-label").content.value = "Dr Martin"
    press(shell.body, "share-create")
    assert len(host.dialogs) == 1 and host.dialogs[-1].title.value == "Lien pour Dr Martin"
    assert [s.label for s in shares.list_shares(state.session, state.current_id)] == ["Dr Martin"]
    assert node(shell.body, "share-label").content.error is None and host.toasts == []

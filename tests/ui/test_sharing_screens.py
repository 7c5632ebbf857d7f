"""Partager's screens, built and driven without a Flet client: the Synthèse and its exports, a share and
its link, the urgence card (nothing on the lock screen unless turned on), blocks marked in the Dossier,
caregivers, and the history of every exchange."""

import csv
import io
import json

import flet as ft
import pytest

from components.document_card import DocumentCard
from services import documents, records
from services.sharing import exchange_log, shlink
from services.sharing import urgence as card_service
from tests.unit.sharing.test_shlink import open_jwe, unb64

from .conftest import PASSPHRASE
from .tree import has_node, node, press, semantics, texts, walk


@pytest.fixture
def screen(unlocked):
    shell, state, host = unlocked
    state.set_language("fr")
    return shell, state, host


def holder(state):
    return next(p for p in state.profiles if p.role == "holder")


def test_the_summary_screen_shows_what_a_doctor_reads_first_and_exports_a_pdf(screen, tmp_path):
    shell, state, host = screen
    state.go("/summary")
    shown = texts(shell.body)
    assert any(t.startswith("Synthèse médicale de Camille") for t in shown)
    for title in ("Personnes à prévenir", "Groupe sanguin", "Allergies", "Traitements en cours"):
        assert title in shown
    host.files.save_to = tmp_path / "synthese.pdf"
    press(shell.body, "summary-pdf")
    assert (tmp_path / "synthese.pdf").read_bytes().startswith(b"%PDF")
    assert [e.kind for e in exchange_log.exchanges(state.session, state.current_id)] == ["export"]


def test_an_emergency_contact_is_added_from_its_form_and_named_in_the_summary(screen):
    shell, state, host = screen
    state.go("/summary")
    press(shell.body, "contact-add")
    form = host.dialogs[-1]
    form.inputs["name"].value, form.inputs["phone"].value = "Marc Durand", "06 12 34 56 78"
    form.confirm()
    assert "Marc Durand : 06 12 34 56 78" in texts(shell.body)


def test_masked_documents_are_not_offered_and_a_share_shows_its_qr_code_and_link(screen, tmp_path):
    shell, state, host = screen
    camille = holder(state)
    docs = records.list_records(state.session, camille.id, "document")
    documents.set_masked(state.session, camille.id, docs[0], True)
    state.go("/share")
    offered = [
        c.identifier
        for c, _ in walk(shell.body)
        if isinstance(c, ft.Semantics) and (c.identifier or "").startswith("share-doc-")
    ]
    assert f"share-doc-{docs[0].id}" not in offered and len(offered) == len(docs) - 1
    node(shell.body, "share-label").content.value = "Dr Martin"
    node(shell.body, offered[0]).content.value = True
    press(shell.body, "share-create")
    dialog = host.dialogs[-1]
    image = next(c for c, _ in walk(dialog) if isinstance(c, ft.Image))
    link = next(c.value for c, _ in walk(dialog) if isinstance(c, ft.TextField))
    assert image.src.startswith(b"\x89PNG") and link.startswith("shlink:/")
    host.files.save_to = tmp_path / "partage.json"
    press(dialog, "share-save")
    manifest = json.loads((tmp_path / "partage.json").read_bytes())
    key = unb64(shlink.decode_link(link)["key"])
    assert len(manifest["files"]) == 2 and open_jwe(manifest["files"][0]["embedded"], key)
    press(dialog, "share-done")
    assert "Dr Martin" in texts(shell.body)


def test_a_share_refused_says_why_on_its_form(screen):
    shell, state, host = screen
    state.go("/share")
    node(shell.body, "share-summary").content.value = False
    press(shell.body, "share-create")  # neither the summary nor a document, and no name
    assert node(shell.body, "share-label").content.error == "Donnez un nom au partage."
    assert node(shell.body, "share-chosen-error").visible
    assert not host.dialogs and host.toasts == []


def test_the_lock_screen_shows_no_card_unless_it_is_turned_on(screen):
    shell, state, host = screen
    state.lock()
    assert not has_node(shell.body, "emergency-card")
    semantics(shell, "passphrase").content.value = PASSPHRASE
    semantics(shell, "unlock").content.on_click(None)
    state.go("/settings")
    switch = semantics(shell, "emergency-card-switch").content
    assert switch.value is False  # off by default
    switch.on_change(type("E", (), {"control": type("C", (), {"value": True})()})())
    state.lock()
    press(shell.body, "emergency-card")
    assert any("Allergies" in t for t in texts(host.dialogs[-1])) and host.dialogs[-1].title.value.startswith(
        "Camille"
    )
    semantics(shell, "passphrase").content.value = PASSPHRASE
    semantics(shell, "unlock").content.on_click(None)
    state.go("/settings")
    semantics(shell, "emergency-card-switch").content.on_change(
        type("E", (), {"control": type("C", (), {"value": False})()})()
    )
    state.lock()
    assert not has_node(shell.body, "emergency-card")
    assert not (state.session.data_dir / card_service.CARD_FILE).exists()


def test_a_blocked_author_is_marked_in_the_dossier_until_unblocked(screen):
    shell, state, host = screen
    camille = holder(state)
    author = next(d.author for d in records.list_records(state.session, camille.id, "document") if d.author)
    state.go("/blocks")
    press(shell.body, "block-add")
    form = host.dialogs[-1]
    form.inputs["name"].value = author.upper()  # compared without case or accents
    form.confirm()
    state.go("/documents")
    marked = [c for c, _ in walk(shell.body) if isinstance(c, DocumentCard) and "Auteur bloqué" in c.origin]
    assert marked and all(c.details.endswith(author) or author in c.details for c in marked)
    state.go("/blocks")
    block_id = next(
        c.identifier
        for c, _ in walk(shell.body)
        if isinstance(c, ft.Semantics) and (c.identifier or "").startswith("unblock-")
    )
    press(shell.body, block_id)
    host.dialogs[-1].on_confirm()
    state.go("/documents")
    assert not [c for c, _ in walk(shell.body) if isinstance(c, DocumentCard) and "Auteur bloqué" in c.origin]


def test_a_caregiver_is_recorded_with_consent_seen_and_withdrawn(screen):
    shell, state, host = screen
    state.go("/caregivers")
    press(shell.body, "caregiver-add")
    dialog = host.dialogs[-1]
    node(dialog, "caregiver-name").content.value = "Paul Durand"
    press(dialog, "caregiver-confirm")
    shown = texts(shell.body)
    assert any(t.startswith("Paul Durand") for t in shown) and "Tout" in shown
    grant_id = next(
        c.identifier
        for c, _ in walk(shell.body)
        if isinstance(c, ft.Semantics) and (c.identifier or "").startswith("caregiver-withdraw-")
    )
    press(shell.body, grant_id)
    host.dialogs[-1].on_confirm()
    assert any(t.startswith("Consentement") and "Retirée le" in t for t in texts(shell.body))


def test_the_history_lists_each_exchange_once_filters_and_exports(screen, tmp_path):
    shell, state, host = screen
    state.go("/summary")
    host.files.save_to = tmp_path / "s.json"
    press(shell.body, "summary-fhir")
    state.go("/caregivers")
    press(shell.body, "caregiver-add")
    node(host.dialogs[-1], "caregiver-name").content.value = "Paul"
    press(host.dialogs[-1], "caregiver-confirm")
    state.go("/exchanges")
    rows = [
        c.key
        for c, _ in walk(shell.body)
        if isinstance(c, ft.Container) and str(c.key or "").startswith("exchange-")
    ]
    assert len(rows) == 3 == len(set(rows))  # export, consent, caregiver grant
    assert texts(shell.body)[1].startswith("Historique intact")
    state.choose("exchanges.kind", "export")
    rows = [
        c
        for c, _ in walk(shell.body)
        if isinstance(c, ft.Container) and str(c.key or "").startswith("exchange-")
    ]
    assert len(rows) == 1
    host.files.save_to = tmp_path / "h.csv"
    press(shell.body, "exchanges-export")
    table = list(csv.reader(io.StringIO((tmp_path / "h.csv").read_text(encoding="utf-8"))))
    assert table[0][0] == "Date" and len(table) == 2


def test_the_access_history_names_an_exchange_in_words_not_as_stored(screen):
    shell, state, host = screen
    from services.sharing import access
    from views.documents import history as access_history

    access.add_block(state.session, state.current_id, "professional", "Dr Durand", state.today(), state.now())
    lines = access_history.lines(shell.ctx, state.current_id)
    assert any("Bloqué" in line and "Dr Durand" in line for line in lines)
    assert not any("{" in line for line in lines)


def test_a_card_that_cannot_be_written_does_not_stop_the_unlock(screen):
    shell, state, host = screen
    card_service.enable(state.session, state.current_id, state.today())
    path = state.session.data_dir / card_service.CARD_FILE
    path.unlink()
    path.mkdir()  # the card's place cannot be written: os.replace onto a folder fails
    state.lock()
    semantics(shell, "passphrase").content.value = PASSPHRASE
    semantics(shell, "unlock").content.on_click(None)
    assert not state.locked


def test_the_caregivers_are_offered_for_adults_not_for_children(screen):
    shell, state, host = screen
    state.go("/sharing")
    assert has_node(shell.body, "go-caregivers")
    state.switch(next(p.id for p in state.profiles if p.role == "child"))
    assert not has_node(shell.body, "go-caregivers") and has_node(shell.body, "go-summary")

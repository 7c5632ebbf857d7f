"""The Messages screen, built and driven without a Flet client."""

from datetime import UTC, datetime, timedelta

import flet as ft
import pytest

from domain.messages import Message
from services import access_log, documents
from services.messaging import store
from views import messages as screen_module

from .tree import has_node, identifiers, node, press, semantics, walk

DR = "Practitioner/dr-martin"
PHARMACY = "Organization/pharmacie-du-port"
AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def receive(state, text, who=DR, minutes=0):
    """A message as the sync stores it (a unit of work from the server, logged "receive")."""
    from services import records

    message = Message(state.current_id, "in", who, AT + timedelta(minutes=minutes), text=text)
    with state.session.uow(from_server=True) as uow:
        records.store(uow, state.current_id, message, "sync", "receive")
        uow.commit()
    return message


@pytest.fixture
def screen(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    session, pid = state.session, state.current_id
    store.add_correspondent(session, pid, state.today(), name="Dr Anne Martin", reference=DR, role="GP")
    store.add_correspondent(session, pid, state.today(), name="Pharmacie du Port", reference=PHARMACY)
    receive(state, "Vos résultats sont normaux.", minutes=0)
    receive(state, "Pensez au rappel du vaccin.", minutes=5)
    receive(state, "Votre commande est prête.", who=PHARMACY, minutes=1)
    state.go("/messages")
    return shell, state, host


def texts(root):
    return [str(c.value) for c, _ in walk(root) if isinstance(c, ft.Text)]


def test_the_conversations_come_by_correspondent_newest_first_with_their_unread_counts(screen):
    shell, state, host = screen
    assert identifiers(shell, "thread-") == [f"thread-{DR}", f"thread-{PHARMACY}"]
    assert semantics(shell, f"thread-{DR}").label == "Conversation with Dr Anne Martin — 2 unread"
    assert semantics(shell, f"thread-{PHARMACY}").label.endswith("1 unread")


def test_opening_a_conversation_shows_it_oldest_first_and_marks_it_read_in_the_history(screen):
    shell, state, host = screen
    press(shell.body, f"thread-{DR}")
    shown = texts(shell.body)
    assert shown.index("Vos résultats sont normaux.") < shown.index("Pensez au rappel du vaccin.")
    box = store.inbox(state.session, state.current_id, state.today())
    assert [m.unread for m in box.messages if m.correspondent == DR] == [False, False]
    reads = [e for e in access_log.entries(state.session, state.current_id) if e.action == "read"]
    assert len(reads) == 2 and {e.kind for e in reads} == {"message"}
    press(shell.body, "thread-back")
    assert "unread" not in semantics(shell, f"thread-{DR}").label


def test_a_reply_with_a_document_of_the_vault_waits_to_be_sent_in_the_conversation(screen):
    shell, state, host = screen
    press(shell.body, f"thread-{PHARMACY}")
    document = documents.list_documents(state.session, state.current_id)[0]
    press(shell.body, "composer-attach")
    picker = host.dialogs[-1]
    node(picker, f"pick-{document.id}").content.value = True
    press(picker, "pick-confirm")
    assert has_node(shell.body, f"attached-{document.id}")
    node(shell.body, "composer-text").content.value = "Voici l'ordonnance."
    node(shell.body, "composer-text").content.on_change(
        type("E", (), {"control": node(shell.body, "composer-text").content})()
    )
    press(shell.body, "composer-send")
    assert host.toasts[-1] == "Message written: it is sent at the next synchronisation."
    sent = store.inbox(state.session, state.current_id, state.today()).messages[0]
    assert (sent.text, sent.attachments, sent.delivery) == ("Voici l'ordonnance.", (document.id,), "pending")
    assert sent.in_reply_to  # answers the pharmacy's message: the same thread on its side
    assert "waiting to be sent" in texts(shell.body) and document.title in texts(shell.body)


def test_an_empty_message_is_refused_under_the_text_field(screen):
    shell, state, host = screen
    press(shell.body, f"thread-{DR}")
    press(shell.body, "composer-send")
    assert node(shell.body, "composer-text").content.error == "A message needs a text or an attachment."


def test_a_new_message_to_a_blocked_professional_is_refused_under_the_recipient(screen):
    shell, state, host = screen
    store.set_blocked(state.session, state.current_id, DR, True, state.today())
    press(shell.body, "messages-new")
    board = screen_module.board_of(state)
    board.to, board.text = DR, "Bonjour"
    press(shell.body, "composer-send")
    assert "is blocked" in node(shell.body, "new-reference").content.error
    assert len(store.inbox(state.session, state.current_id, state.today()).messages) == 3


def test_the_search_finds_a_word_without_its_accents(screen):
    shell, state, host = screen
    box = semantics(shell, "messages-search").content
    box.on_submit(type("E", (), {"control": type("C", (), {"value": "resultats"})()})())
    assert texts(shell.body).count("Dr Anne Martin") == 1
    assert any(i.startswith("found-") for i in identifiers(shell, "found-"))


def test_a_correspondent_with_a_malformed_reference_is_refused_under_that_field(screen):
    shell, state, host = screen
    press(shell.body, "messages-book")
    board = screen_module.board_of(state)
    board.entry = {"name": "Cabinet Rivière", "reference": "dr riviere"}
    press(shell.body, "book-add")
    assert "does not name a professional" in node(shell.body, "book-reference").content.error
    board.entry = {"name": "Cabinet Rivière", "reference": "Organization/cabinet-riviere"}
    press(shell.body, "book-add")
    assert host.toasts[-1] == "Added to the address book." and has_node(
        shell.body, "write-Organization/cabinet-riviere"
    )

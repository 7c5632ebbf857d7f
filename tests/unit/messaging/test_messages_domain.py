"""Messages and correspondents check themselves; threads, unread counts and search are pure functions."""

from datetime import datetime

import pytest

from domain.errors import ValidationError
from domain.messages import (
    MAX_ATTACHMENTS,
    MAX_TEXT,
    Correspondent,
    Message,
    conversation,
    folded_words,
    merge_correspondents,
    search,
    thread_for_reply,
    thread_of,
    threads,
)

from .helpers import DR_MARTIN, PHARMACY, PROFILE, T0, received, sent


# -- Message --------------------------------------------------------------------------------------------
def test_a_message_needs_a_text_or_a_document():
    with pytest.raises(ValidationError, match="text or an attachment"):
        Message(PROFILE, "out", DR_MARTIN, T0, text="   ")
    only_a_document = Message(PROFILE, "out", DR_MARTIN, T0, attachments=("ordonnance-1",))
    assert only_a_document.attachments == ("ordonnance-1",)


def test_a_message_is_bounded_in_length_and_in_documents():
    with pytest.raises(ValidationError, match="at most 20000 characters"):
        sent("x" * (MAX_TEXT + 1))
    with pytest.raises(ValidationError, match="at most 10 documents"):
        sent(attachments=tuple(f"doc-{i}" for i in range(MAX_ATTACHMENTS + 1)))
    assert len(sent("x" * MAX_TEXT).text) == MAX_TEXT


def test_documents_given_as_a_list_as_json_stores_them_become_a_tuple_without_repeats():
    message = sent(attachments=["doc-1", "doc-2", "doc-1"])
    assert message.attachments == ("doc-1", "doc-2")


def test_a_document_id_that_fhir_would_not_accept_is_refused():
    with pytest.raises(ValidationError, match="not a valid document identifier"):
        sent(attachments=("../../etc/passwd",))


def test_the_time_of_a_message_must_carry_its_time_zone():
    with pytest.raises(ValidationError, match="time zone"):
        Message(PROFILE, "out", DR_MARTIN, datetime(2026, 5, 4, 9, 30), text="Bonjour")


def test_a_correspondent_is_a_professional_or_an_establishment_reference():
    for reference in ("Practitioner/123", "PractitionerRole/r.1", "Organization/pharma-2"):
        assert sent(who=reference).correspondent == reference
    for wrong in ("Patient/leo", "Practitioner/", "Practitioner/a b", "https://x.org/Practitioner/1", "dr"):
        with pytest.raises(ValidationError, match="Practitioner/…, PractitionerRole/… or Organization/…"):
            sent(who=wrong)


def test_a_failed_message_says_why_and_only_a_failed_one_has_a_reason():
    failed = sent(delivery="failed", failure="HTTP 422: recipient unknown")
    assert failed.failure.startswith("HTTP 422")
    with pytest.raises(ValidationError, match="says why"):
        sent(delivery="failed")
    with pytest.raises(ValidationError, match="says why"):
        sent(delivery="pending", failure="nothing went wrong")
    with pytest.raises(ValidationError, match="Unknown delivery state"):
        sent(delivery="lost")


def test_a_received_message_has_no_sending_state():
    with pytest.raises(ValidationError, match="no sending state"):
        received(delivery="pending")


def test_a_new_message_starts_its_own_thread_and_a_reply_joins_the_answered_one():
    first = received("Vos résultats sont arrivés.")
    assert first.thread == first.id
    reply = sent("Merci, je passe demain.", minutes=5, in_reply_to=first.id)
    assert reply.thread == first.id
    with pytest.raises(ValidationError, match="cannot answer itself"):
        sent(in_reply_to="same", id="same")


def test_only_an_unread_incoming_message_counts_as_unread():
    assert received(read=False).unread
    assert not received(read=True).unread
    assert not Message(PROFILE, "out", DR_MARTIN, T0, text="Bonjour", read=False).unread


# -- Correspondent --------------------------------------------------------------------------------------
def test_a_correspondent_has_a_name_and_a_checked_reference():
    dr = Correspondent("  Dr Martin  ", DR_MARTIN, role="Médecin généraliste")
    assert (dr.name, dr.origin, dr.blocked) == ("Dr Martin", "hand", False)
    with pytest.raises(ValidationError, match="Give the name"):
        Correspondent(" ", DR_MARTIN)
    with pytest.raises(ValidationError, match="does not name a professional"):
        Correspondent("Léo", "Patient/leo")
    with pytest.raises(ValidationError, match="Unknown origin"):
        Correspondent("Dr Martin", DR_MARTIN, origin="guess")


def test_an_mssante_address_has_the_shape_of_a_mailbox():
    ok = Correspondent("Cardiologie", "Organization/ch-xyz", address=" cardiologie@ch-xyz.mssante.fr ")
    assert ok.address == "cardiologie@ch-xyz.mssante.fr"
    for wrong in ("cardiologie", "a@b", "a b@ch.mssante.fr", "a@-x.fr", "a@" + "x" * 250 + ".fr"):
        with pytest.raises(ValidationError, match="not a messaging address"):
            Correspondent("Cardiologie", "Organization/ch-xyz", address=wrong)


# -- threads --------------------------------------------------------------------------------------------
def test_threads_group_by_correspondent_newest_exchange_first_with_unread_counts():
    book = [Correspondent("Dr Martin", DR_MARTIN), Correspondent("Pharmacie du Port", PHARMACY, blocked=True)]
    messages = [
        received("Résultats", minutes=0),
        received("Rappel vaccin", minutes=10),
        sent("Merci", minutes=20),
        received("Votre commande est prête", minutes=5, who=PHARMACY, read=True),
        received("Nouveau", minutes=1, who="Practitioner/inconnu"),
    ]
    listed = threads(messages, book)
    assert [t.name for t in listed] == ["Dr Martin", "Pharmacie du Port", "Practitioner/inconnu"]
    assert [(t.count, t.unread) for t in listed] == [(3, 2), (1, 0), (1, 1)]
    assert listed[0].last.text == "Merci"
    assert [t.blocked for t in listed] == [False, True, False]


def test_the_thread_of_a_message_holds_its_replies_in_the_order_written():
    question = sent("Puis-je prendre de l'ibuprofène ?", minutes=0)
    answer = received("Non, du paracétamol.", minutes=30, in_reply_to=question.id)
    thanks = sent("Merci !", minutes=40, in_reply_to=answer.id, thread=answer.thread)
    other = received("Autre sujet", minutes=35)
    everything = [thanks, other, answer, question]
    assert thread_of(everything, thanks) == [question, answer, thanks]
    assert conversation(everything, DR_MARTIN) == [question, answer, other, thanks]


def test_a_reply_to_a_message_held_here_takes_its_thread_and_otherwise_names_the_answered_one():
    root = received("Début", minutes=0)
    middle = sent("Suite", minutes=1, in_reply_to=root.id)
    assert thread_for_reply(middle.id, {m.id: m for m in (root, middle)}) == root.id
    assert thread_for_reply("unknown-id", {}) == "unknown-id"
    assert thread_for_reply("", {}) == ""


# -- search ---------------------------------------------------------------------------------------------
def test_words_are_folded_without_accents_case_or_ligatures():
    assert folded_words("Hémoglobine : 13,4 — CŒUR Élodie") == ["hemoglobine", "13", "4", "coeur", "elodie"]


def test_search_ignores_accents_and_case_and_every_word_must_match():
    blood = received("Votre bilan : hémoglobine normale.", minutes=0)
    heart = received("Échographie du cœur prévue.", minutes=10)
    assert search([blood, heart], "HEMOGLOBINE") == [blood]
    assert search([blood, heart], "echographie coeur") == [heart]
    assert search([blood, heart], "echographie hemoglobine") == []
    assert search([blood, heart], "   ") == []


def test_a_query_word_of_three_letters_or_more_also_matches_the_words_it_begins():
    blood = received("Hémoglobine normale")
    assert search([blood], "hémo") == [blood]
    assert search([blood], "globine") == []  # a prefix, not any substring
    assert search([blood], "he") == []  # two letters: the whole word only


def test_search_finds_the_correspondent_by_name_or_role_newest_first():
    book = [Correspondent("Dr Élise Martin", DR_MARTIN, role="Cardiologue")]
    older, newer = received("Bonjour", minutes=0), sent("Merci", minutes=9)
    unrelated = received("Bonjour", who=PHARMACY)
    assert search([older, unrelated, newer], "elise", book) == [newer, older]
    assert search([older, unrelated, newer], "cardio", book) == [newer, older]


# -- address book ---------------------------------------------------------------------------------------
def test_merging_keeps_the_users_choices_and_only_fills_what_is_missing():
    mine = Correspondent("Mon médecin", DR_MARTIN, blocked=True)
    from_server = Correspondent(
        "Dr Martin",
        DR_MARTIN,
        role="Médecin généraliste",
        address="martin@medecin.mssante.fr",
        origin="server",
    )
    new = Correspondent("Pharmacie du Port", PHARMACY, origin="document")
    merged = {c.reference: c for c in merge_correspondents([mine], [from_server, new])}
    kept = merged[DR_MARTIN]
    assert (kept.name, kept.blocked, kept.origin, kept.id) == ("Mon médecin", True, "hand", mine.id)
    assert (kept.role, kept.address) == ("Médecin généraliste", "martin@medecin.mssante.fr")
    assert merged[PHARMACY] is new
    assert merge_correspondents([mine], [Correspondent("Autre nom", DR_MARTIN)]) == [mine]

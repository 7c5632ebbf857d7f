"""Messages in the vault: delivery states read from the sync's ledger, blocks, announcements, what the pull
stores of a Communication, and the Bundle export and import."""

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.errors import ValidationError
from domain.messages import Message
from services import records
from services.fhir import bundle as fhir_bundle
from services.i18n import catalog
from services.messaging import announce, inbound, store
from services.messaging.mapping import Refused, communication
from services.notifications import Notification
from storage.repositories import Change
from storage.sync_ledger import REJECTED

TODAY = date(2026, 6, 1)
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
DR = "Practitioner/dr-martin"
LAB = "Organization/labo"
fr = catalog("fr")


@pytest.fixture
def holder(session):
    return records.add_profile(
        session, TODAY, first_name="Claire", last_name="Durand", birth_date=date(1990, 3, 2), sex="F"
    )


def receive(session, profile_id, text, who=DR, minutes=0, rid=None):
    message = Message(
        profile_id, "in", who, NOW - timedelta(minutes=minutes), text=text, **({"id": rid} if rid else {})
    )
    with session.uow(from_server=True) as uow:
        records.store(uow, profile_id, message, "sync", "receive")
        uow.commit()
    return message


def delivery(session, profile_id):
    return [(m.delivery, m.failure) for m in store.inbox(session, profile_id, TODAY).messages]


class Shown:
    def __init__(self):
        self.notifications = []

    def send(self, notification: Notification) -> str:
        self.notifications.append(notification)
        return "in_app"


def test_the_delivery_state_is_the_sync_ledgers_waiting_refused_then_sent(session, holder):
    message = store.send_message(session, holder.id, DR, "Bonjour", NOW)
    assert delivery(session, holder.id) == [("pending", "")]
    with session.uow() as uow:  # what the push does with a 422
        uow.outbox.drop_row(message.id)
        content = {
            "msgid": "The server refused this change: {reason}",
            "params": {"reason": "HTTP 422: unknown"},
        }
        uow.issues.add(REJECTED, Change("records", message.id, holder.id, "put"), "Communication", content)
        uow.commit()
    assert delivery(session, holder.id) == [("failed", "The server refused this change: HTTP 422: unknown")]
    store.resend(session, holder.id, message.id)
    assert delivery(session, holder.id) == [("pending", "")]
    with session.uow() as uow:  # what the push does with a 201
        uow.outbox.drop_row(message.id)
        uow.remote.set(message.id, holder.id, "Communication", "1")
        uow.commit()
    assert delivery(session, holder.id) == [("sent", "")]


def test_a_blocked_correspondent_cannot_be_written_to_and_no_sharing_block_means_none(session, holder):
    store.add_correspondent(session, holder.id, TODAY, name="Dr Anne Martin", reference=DR)
    with session.uow() as uow:
        assert store.sharing_blocks(uow, holder.id) == []
    store.set_blocked(session, holder.id, DR, True, TODAY)
    with pytest.raises(ValidationError, match="is blocked"):
        store.send_message(session, holder.id, DR, "Bonjour", NOW)
    assert store.inbox(session, holder.id, TODAY).messages == []
    with pytest.raises(ValidationError, match="already in the address book"):
        store.add_correspondent(session, holder.id, TODAY, name="Autre", reference=DR)


def test_new_messages_are_announced_once_privately_and_never_from_a_blocked_professional(session, holder):
    store.add_correspondent(session, holder.id, TODAY, name="Dr Anne Martin", reference=DR)
    store.add_correspondent(session, holder.id, TODAY, name="Labo", reference=LAB, blocked=True)
    receive(session, holder.id, "Résultats normaux")
    receive(session, holder.id, "Publicité", who=LAB)
    shown = Shown()
    announce.announce_new_messages(session, shown, fr.gettext, fr.ngettext, NOW, private=True)
    assert announce.announce_new_messages(session, shown, fr.gettext, fr.ngettext, NOW, private=True) == []
    assert [n.body for n in shown.notifications] == ["1 nouveau message pour Claire."]
    receive(session, holder.id, "Rendez-vous confirmé", minutes=-1)
    announce.announce_new_messages(session, shown, fr.gettext, fr.ngettext, NOW, private=False)
    assert (
        shown.notifications[-1].body == "Nouveau message de Dr Anne Martin pour Claire : Rendez-vous confirmé"
    )


def test_a_new_version_from_the_server_keeps_the_read_flag_of_this_device(session, holder):
    first = receive(session, holder.id, "Résultats normaux", rid="pro-1")
    store.mark_read(session, holder.id, [first.id])
    resource = communication(
        Message(holder.id, "in", DR, NOW, text="Résultats normaux (corrigé)", id="pro-1")
    )
    with session.uow(from_server=True) as uow:
        inbound.apply_communication(uow, "pro-1", resource, TODAY)
        uow.commit()
    (message,) = store.inbox(session, holder.id, TODAY).messages
    assert message.text == "Résultats normaux (corrigé)" and not message.unread


def test_a_communication_under_the_id_of_a_document_or_about_a_sibling_sent_here_is_refused(session, holder):
    sibling = records.add_profile(
        session, TODAY, first_name="Léo", last_name="Durand", birth_date=date(2020, 1, 1), sex="M"
    )
    resource = communication(Message(holder.id, "in", DR, NOW, text="Bonjour", id="pro-2"))
    resource["subject"] = {"reference": "Patient/stranger"}
    resource["recipient"] = [{"reference": f"Patient/{sibling.id}"}]
    with session.uow(from_server=True) as uow, pytest.raises(Refused, match="another person"):
        inbound.apply_communication(uow, "pro-2", resource, TODAY)
    assert store.inbox(session, sibling.id, TODAY).messages == []


def test_messages_travel_in_the_fhir_bundle_export_and_import(session, holder, tmp_path):
    sent = store.send_message(session, holder.id, DR, "Voici mon ordonnance", NOW)
    got = receive(session, holder.id, "Bien reçu", rid="pro-3")
    bundle = fhir_bundle.export_bundle(session)
    types = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert types.count("Communication") == 2
    from services.session import Session
    from storage.keys import MemoryKeyHolder

    other = Session(tmp_path / "other", MemoryKeyHolder())
    other.create("correct horse battery")
    try:
        fhir_bundle.store_bundle(other, fhir_bundle.check_bundle(bundle, TODAY), TODAY)
        texts = {(m.id, m.direction, m.text) for m in store.inbox(other, holder.id, TODAY).messages}
        assert texts == {(sent.id, "out", "Voici mon ordonnance"), (got.id, "in", "Bien reçu")}
    finally:
        other.lock()


def test_the_author_of_a_document_from_the_server_joins_the_address_book(session, holder):
    from domain.models import Document
    from services.fhir import mapping as fm
    from services.sync.apply import apply_resource

    scan = Document("Compte rendu", "11488-4", TODAY, attachment_id="cr-1")
    resource = fm.document_reference(holder.id, scan, b"%PDF-1.4 compte rendu")
    resource["author"] = [
        {"reference": "PractitionerRole/cardio-1", "display": "Dr Paul Cœur"},
        {"display": "Secrétariat"},
    ]
    with session.uow(from_server=True) as uow:
        apply_resource(uow, None, "DocumentReference", scan.id, resource, {}, TODAY)
        uow.commit()
    book = store.inbox(session, holder.id, TODAY).correspondents
    assert [(c.name, c.reference, c.origin) for c in book] == [
        ("Dr Paul Cœur", "PractitionerRole/cardio-1", "document")
    ]


def test_a_professional_blocked_in_partager_is_blocked_in_the_address_book_until_unblocked(session, holder):
    from services.sharing import access

    store.add_correspondent(session, holder.id, TODAY, name="Dr Anne Martin", reference=DR)
    block = access.add_block(session, holder.id, "professional", "DR ANNE MARTIN", TODAY, NOW)
    assert store.inbox(session, holder.id, TODAY).blocked == frozenset({DR})
    with pytest.raises(ValidationError, match="is blocked"):
        store.send_message(session, holder.id, DR, "Bonjour", NOW)
    access.lift_block(session, block, TODAY, NOW)
    assert store.inbox(session, holder.id, TODAY).blocked == frozenset()
    store.send_message(session, holder.id, DR, "Bonjour", NOW)


def test_a_message_met_in_the_history_before_the_document_it_carries_is_stored_with_it(session, holder):
    """The server's history is newest first: the Communication comes before its DocumentReference."""
    from domain.models import Document
    from services.fhir import mapping as fm
    from services.sync import round as sync
    from tests.unit.services.fake_fhir import FakeFhir

    server = FakeFhir()
    assert (
        sync.sync_now(session, "https://fhir.example.org/fhir", "t", transport=server.transport()).error
        is None
    )
    scan = Document("Ordonnance", "57833-6", TODAY, attachment_id="scan-1")
    server.put(fm.document_reference(holder.id, scan, b"%PDF-1.4 ordonnance"))
    with_scan = Message(holder.id, "in", DR, NOW, text="Votre ordonnance", attachments=(scan.id,), id="pro-4")
    server.put(communication(with_scan))

    report = sync.sync_now(session, transport=server.transport())
    assert report.error is None and report.quarantined == 0
    (message,) = store.inbox(session, holder.id, TODAY).messages
    assert message.attachments == (scan.id,)

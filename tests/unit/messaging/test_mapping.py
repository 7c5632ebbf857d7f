"""Messages <-> FHIR R4 Communications, checked with fhir.resources R4B both ways; hostile ones refused."""

import copy
from datetime import UTC, datetime

import pytest

from domain.errors import Unsyncable, ValidationError
from domain.messages import MAX_TEXT
from services.fhir.validation import invalid_reason
from services.i18n import translator
from services.messaging.mapping import (
    MAX_PAYLOADS,
    THREAD_EXT,
    Refused,
    communication,
    message_from,
)

from .helpers import DR_MARTIN, NOW, PHARMACY, PROFILE, received, sent

DOCUMENTS = {"ordonnance-1", "bilan-2"}


def from_doctor(**changes):
    """A Communication as a professional's software posts it: to the Patient, about the Patient."""
    resource = {
        "resourceType": "Communication",
        "id": "c-42",
        "status": "completed",
        "subject": {"reference": f"Patient/{PROFILE}"},
        "sent": "2026-05-04T11:30:00+02:00",
        "sender": {"reference": DR_MARTIN, "display": "Dr Élise Martin"},
        "recipient": [{"reference": f"Patient/{PROFILE}"}],
        "payload": [{"contentString": "Vos résultats sont normaux."}],
    }
    resource.update(changes)
    return resource


def refusal(resource, **options):
    with pytest.raises(Refused) as caught:
        message_from(resource, PROFILE, options.pop("documents", DOCUMENTS), NOW, **options)
    return caught.value.render()


# -- out and back ---------------------------------------------------------------------------------------
def test_a_message_written_here_becomes_a_valid_r4_communication_and_comes_back_the_same():
    message = sent(
        "Voici mon ordonnance.",
        attachments=("ordonnance-1",),
        delivery="pending",
        in_reply_to="c-41",
        thread="c-40",
    )
    resource = communication(message, name="Pharmacie")
    assert invalid_reason(resource) == ""
    assert resource["sender"] == {"reference": f"Patient/{PROFILE}"}
    assert resource["recipient"] == [{"reference": DR_MARTIN, "display": "Pharmacie"}]
    assert resource["payload"] == [
        {"contentString": "Voici mon ordonnance."},
        {"contentReference": {"reference": "DocumentReference/ordonnance-1"}},
    ]
    assert resource["inResponseTo"] == [{"reference": "Communication/c-41"}]
    back = message_from(resource, PROFILE, DOCUMENTS, NOW).message
    assert (back.id, back.direction, back.correspondent, back.at) == (
        message.id,
        "out",
        DR_MARTIN,
        message.at,
    )
    assert (back.text, back.attachments, back.in_reply_to, back.thread) == (
        message.text,
        message.attachments,
        "c-41",
        "c-40",
    )
    assert (back.delivery, back.read) == ("sent", True)  # on the server: sent, by one of us


def test_a_message_starting_its_thread_carries_no_thread_extension():
    resource = communication(sent("Bonjour"))
    assert "extension" not in resource and "inResponseTo" not in resource


def test_a_received_message_keeps_the_professional_as_sender():
    resource = communication(received("Bonjour"), name="Dr Martin")
    assert resource["sender"] == {"reference": DR_MARTIN, "display": "Dr Martin"}
    assert resource["recipient"] == [{"reference": f"Patient/{PROFILE}"}]


def test_a_message_the_server_refused_is_not_sent_again_as_is():
    with pytest.raises(Unsyncable, match="send it again"):
        communication(sent(delivery="failed", failure="HTTP 422"))


# -- in from a professional -----------------------------------------------------------------------------
def test_a_professionals_message_arrives_unread_with_its_sender_as_correspondent():
    inbound = message_from(from_doctor(), PROFILE, DOCUMENTS, NOW)
    message = inbound.message
    assert (message.direction, message.correspondent, message.read, message.delivery) == (
        "in",
        DR_MARTIN,
        False,
        "sent",
    )
    assert message.at == datetime(2026, 5, 4, 9, 30, tzinfo=UTC)
    assert message.thread == "c-42" and not inbound.flagged
    assert (inbound.correspondent.name, inbound.correspondent.origin) == ("Dr Élise Martin", "server")


def test_several_text_parts_are_joined_and_documents_of_the_vault_are_attached():
    payload = [
        {"contentString": "Bonjour,"},
        {"contentReference": {"reference": "DocumentReference/bilan-2"}},
        {"contentString": "Bien à vous."},
    ]
    message = message_from(from_doctor(payload=payload), PROFILE, DOCUMENTS, NOW).message
    assert message.text == "Bonjour,\n\nBien à vous."
    assert message.attachments == ("bilan-2",)


def test_a_reply_without_the_thread_extension_joins_the_thread_of_the_answered_message_held_here():
    root = sent("Question", minutes=0, id="q-1")
    answer = sent("Précision", minutes=1, id="q-2", in_reply_to="q-1")
    resource = from_doctor(inResponseTo=[{"reference": "Communication/q-2"}])
    message = message_from(
        resource, PROFILE, DOCUMENTS, NOW, known_messages={"q-1": root, "q-2": answer}
    ).message
    assert (message.in_reply_to, message.thread) == ("q-2", "q-1")
    marked = from_doctor(
        inResponseTo=[{"reference": "Communication/q-2"}],
        extension=[{"url": THREAD_EXT, "valueString": "q-0"}],
    )
    assert message_from(marked, PROFILE, DOCUMENTS, NOW).message.thread == "q-0"


def test_a_day_without_time_is_midnight_utc():
    message = message_from(from_doctor(sent="2026-05-04"), PROFILE, DOCUMENTS, NOW).message
    assert message.at == datetime(2026, 5, 4, tzinfo=UTC)


def test_a_message_from_a_blocked_professional_is_kept_but_flagged():
    inbound = message_from(from_doctor(), PROFILE, DOCUMENTS, NOW, blocked={DR_MARTIN})
    assert inbound.flagged and inbound.message.text == "Vos résultats sont normaux."
    assert not message_from(from_doctor(), PROFILE, DOCUMENTS, NOW, blocked={PHARMACY}).flagged


# -- hostile Communications -----------------------------------------------------------------------------
def test_a_huge_text_is_refused_before_anything_else():
    reason = refusal(from_doctor(payload=[{"contentString": "x" * (MAX_TEXT + 1)}]))
    assert "longer than 20000 characters" in reason


def test_too_many_parts_are_refused():
    payload = [{"contentString": "spam"}] * (MAX_PAYLOADS + 1)
    assert "more than 20 parts" in refusal(from_doctor(payload=payload))


def test_megabytes_hidden_in_another_field_are_refused_as_too_large():
    hostile = from_doctor(note=[{"text": "x" * 2_000_000}])
    assert refusal(hostile).endswith("it is too large.")


def test_a_document_that_this_vault_does_not_hold_is_refused():
    unknown = from_doctor(payload=[{"contentReference": {"reference": "DocumentReference/not-here"}}])
    assert "points to DocumentReference/not-here, not to a document of this record" in refusal(unknown)
    elsewhere = from_doctor(payload=[{"contentReference": {"reference": "Binary/ordonnance-1"}}])
    assert "points to Binary/ordonnance-1" in refusal(elsewhere)


def test_a_file_carried_inside_the_message_is_refused():
    inline = from_doctor(
        payload=[{"contentAttachment": {"contentType": "application/pdf", "data": "JVBERg=="}}]
    )
    assert "carries a file inside it" in refusal(inline)


def test_another_patients_message_is_refused():
    assert "about another person" in refusal(from_doctor(subject={"reference": "Patient/someone-else"}))
    assert "whom it is about" in refusal(from_doctor(subject=None))
    assert "not addressed to this person" in refusal(
        from_doctor(recipient=[{"reference": "Patient/someone-else"}])
    )
    assert "sent by another person" in refusal(from_doctor(sender={"reference": "Patient/someone-else"}))


def test_a_sender_that_is_not_a_professional_is_refused():
    assert "does not say who sent it" in refusal(from_doctor(sender=None))
    assert "not a professional or an establishment" in refusal(
        from_doctor(sender={"reference": "Device/robot"})
    )
    own = from_doctor(sender={"reference": f"Patient/{PROFILE}"}, recipient=[{"reference": "Device/robot"}])
    assert "no professional or establishment receives it" in refusal(own)


def test_missing_or_malformed_fields_are_refused_with_their_reason():
    assert "not valid FHIR (payload.0" in refusal(from_doctor(payload=[{}]))
    assert "not valid FHIR" in refusal(from_doctor(sent="yesterday"))
    assert "does not say when it was sent" in refusal(from_doctor(sent=None))
    assert "sending day is not given" in refusal(from_doctor(sent="2026-05"))
    assert "dated in the future" in refusal(from_doctor(sent="2099-01-01T00:00:00Z"))
    assert "has no identifier" in refusal(from_doctor(id=None))
    assert "neither text nor document" in refusal(from_doctor(payload=[]))
    assert "not a delivered message (status entered-in-error)" in refusal(
        from_doctor(status="entered-in-error")
    )
    assert "answers something that is not a message" in refusal(
        from_doctor(inResponseTo=[{"reference": "Observation/1"}])
    )
    bad_thread = from_doctor(extension=[{"url": THREAD_EXT, "valueString": "a b"}])
    assert "thread is not a message identifier" in refusal(bad_thread)
    assert "not a Communication" in refusal({"resourceType": "Observation"})
    assert "not a Communication" in refusal("not even a dict")


def test_a_refusal_is_a_validation_error_that_speaks_french():
    with pytest.raises(ValidationError) as caught:
        message_from(from_doctor(subject={"reference": "Patient/x"}), PROFILE, DOCUMENTS, NOW)
    assert caught.value.render(translator("fr")) == (
        "Un message du serveur a été mis de côté : il concerne une autre personne."
    )


def test_a_refused_communication_is_left_untouched():
    resource = from_doctor(payload=[{"contentReference": {"reference": "DocumentReference/not-here"}}])
    before = copy.deepcopy(resource)
    refusal(resource)
    assert resource == before


def test_explicit_nulls_from_a_lax_server_read_as_absent():
    message = message_from(from_doctor(extension=None, inResponseTo=None), PROFILE, DOCUMENTS, NOW).message
    assert (message.in_reply_to, message.thread) == ("", "c-42")

"""`messages` prints one escaped line per message, newest first; `send-message` arguments are checked."""

from zoneinfo import ZoneInfo

import pytest

from domain.errors import ValidationError
from domain.messages import Correspondent
from services.i18n import catalog
from services.messaging.headless import message_lines, send_message_request

from .helpers import DR_MARTIN, NOW, PHARMACY, PROFILE, T0, received, sent

PARIS = ZoneInfo("Europe/Paris")
FRENCH, ENGLISH = catalog("fr"), catalog("en")
BOOK = [
    Correspondent("Dr Élise Martin", DR_MARTIN),
    Correspondent("Pharmacie du Port", PHARMACY, blocked=True),
]


def lines(messages, lang=FRENCH, code="fr"):
    return message_lines(messages, BOOK, lang.gettext, lang.ngettext, code, tz=PARIS)


def test_one_line_per_message_newest_first_with_local_date_direction_correspondent_and_text():
    printed = lines([received("Bonjour", minutes=0), sent("Merci", minutes=90, who="Organization/inconnu")])
    assert printed == [
        "04/05/2026 13:00\tenvoyé\tOrganization/inconnu\tMerci",
        "04/05/2026 11:30\treçu\tDr Élise Martin\tBonjour",
    ]


def test_the_sending_state_and_a_blocked_sender_are_shown():
    printed = lines(
        [
            sent("a", minutes=3, delivery="pending"),
            sent("b", minutes=2, delivery="failed", failure="HTTP 422"),
            received("c", minutes=1, who=PHARMACY),
        ]
    )
    assert [line.split("\t")[1] for line in printed] == [
        "en attente d'envoi",
        "échec de l’envoi : HTTP 422",
        "reçu d'un professionnel bloqué",
    ]


def test_english_labels_and_counted_documents():
    printed = lines(
        [sent("", attachments=("d1",)), sent("Voir pièces", minutes=1, attachments=("d1", "d2"))],
        ENGLISH,
        "en",
    )
    assert [line.split("\t")[3] for line in printed] == ["Voir pièces [2 documents]", "[1 document]"]
    assert printed[0].split("\t")[1] == "sent"


def test_a_text_holding_newlines_tabs_or_terminal_escapes_stays_one_line_of_four_columns():
    hostile = received("ligne 1\nligne 2\tcolonne\x1b[31mrouge\u202e", who=DR_MARTIN)
    (line,) = lines([hostile])
    assert line.count("\t") == 3 and "\n" not in line and "\x1b" not in line
    assert line.endswith("ligne 1\\nligne 2\\tcolonne\\x1b[31mrouge\\u202e")


def test_send_message_builds_a_message_waiting_for_the_next_sync():
    message = send_message_request(
        PROFILE, " Practitioner/dr-martin ", " Voici l'ordonnance ", ["ord-1"], {"ord-1"}, BOOK, NOW
    )
    assert (message.direction, message.delivery, message.correspondent) == ("out", "pending", DR_MARTIN)
    assert (message.text, message.attachments, message.at, message.read) == (
        "Voici l'ordonnance",
        ("ord-1",),
        NOW,
        True,
    )


def test_send_message_refuses_what_cannot_be_sent():
    def attempt(to=DR_MARTIN, text="Bonjour", attach=(), **more):
        with pytest.raises(ValidationError) as caught:
            send_message_request(PROFILE, to, text, list(attach), {"ord-1"}, BOOK, NOW, **more)
        return caught.value.render()

    assert "does not name a professional" in attempt(to="Patient/leo")
    assert "does not name a professional" in attempt(to="dr-martin@medecin.mssante.fr")
    assert attempt(to=PHARMACY) == "Pharmacie du Port is blocked: unblock them before writing to them."
    assert "is blocked" in attempt(to="Practitioner/other", blocked={"Practitioner/other"})
    assert attempt(attach=["not-mine"]) == "No document not-mine in this profile's record."
    assert "text or an attachment" in attempt(text="  ")
    assert "at most 20000 characters" in attempt(text="x" * 20_001)
    other = received("Bonjour", who="Organization/x")
    assert "same profile" in attempt(reply_to=other)


def test_a_reply_from_the_command_line_joins_the_thread():
    question = received("Question", minutes=0)
    reply = send_message_request(PROFILE, DR_MARTIN, "Réponse", [], set(), BOOK, NOW, reply_to=question)
    assert (reply.in_reply_to, reply.thread) == (question.id, question.thread)


def test_a_naive_time_is_refused():
    with pytest.raises(ValidationError, match="time zone"):
        send_message_request(PROFILE, DR_MARTIN, "Bonjour", [], set(), BOOK, T0.replace(tzinfo=None))

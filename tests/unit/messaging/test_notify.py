"""The notification of new messages: counted with plurals, no medical detail in private mode."""

from domain.messages import Correspondent
from services.i18n import catalog
from services.messaging.notify import excerpt, new_messages_notification

from .helpers import DR_MARTIN, PHARMACY, received, sent

BOOK = [
    Correspondent("Dr Élise Martin", DR_MARTIN, role="Oncologue"),
    Correspondent("Pharmacie du Port", PHARMACY),
]
FRENCH, ENGLISH = catalog("fr"), catalog("en")


def notify(messages, private, lang=FRENCH, **options):
    return new_messages_notification(messages, BOOK, "Léo", lang.gettext, lang.ngettext, private, **options)


def test_in_private_mode_only_the_count_and_the_person_are_said_with_french_plurals():
    one = notify([received("Résultats de la biopsie")], private=True)
    assert (one.title, one.body) == ("Carnet", "1 nouveau message pour Léo.")
    three = notify([received("a"), received("b", minutes=1), received("c", who=PHARMACY)], private=True)
    assert three.body == "3 nouveaux messages pour Léo."
    for note in (one, three):
        assert "Martin" not in note.body and "biopsie" not in note.body and "Pharmacie" not in note.body


def test_english_counts_one_message_and_several_messages():
    assert notify([received()], private=True, lang=ENGLISH).body == "1 new message for Léo."
    assert notify([received(), received()], private=True, lang=ENGLISH).body == "2 new messages for Léo."


def test_without_privacy_one_message_shows_its_sender_and_the_start_of_its_text():
    note = notify([received("Vos résultats\nsont arrivés.\x1b[2J")], private=False)
    assert note.body == "Nouveau message de Dr Élise Martin pour Léo : Vos résultats sont arrivés.\\x1b[2J"


def test_without_privacy_a_message_with_documents_only_counts_them():
    note = notify([received("", attachments=("doc-1", "doc-2"))], private=False)
    assert note.body == "Nouveau message de Dr Élise Martin pour Léo : 2 documents"


def test_without_privacy_several_messages_name_their_senders_newest_first():
    note = notify([received("a", minutes=0), received("b", minutes=5, who=PHARMACY)], private=False)
    assert note.body == "2 nouveaux messages pour Léo, de Pharmacie du Port, Dr Élise Martin."


def test_read_sent_or_blocked_messages_raise_no_notification():
    assert notify([received(read=True), sent("Merci")], private=True) is None
    assert notify([received()], private=True, blocked={DR_MARTIN}) is None
    blocked_book = [Correspondent("Dr Élise Martin", DR_MARTIN, blocked=True)]
    assert new_messages_notification([received()], blocked_book, "Léo", str, FRENCH.ngettext, True) is None


def test_one_notification_per_profile_replaces_the_previous_one():
    assert (
        notify([received()], private=True).key
        == notify([received(minutes=3)], private=True).key
        == "messages:leo"
    )


def test_an_excerpt_is_one_short_line():
    assert excerpt("a\n\n  b\tc") == "a b c"
    long = excerpt("mot " * 100)
    assert len(long) <= 80 and long.endswith("…")

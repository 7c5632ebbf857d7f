"""The command line's side of messages: the lines of ``messages`` and the checks of ``send-message``.

``python main.py messages --data-dir DIR --profile ID`` prints one line per message, newest first:
date (dd/mm/yyyy HH:MM, local time, through babel), direction with the sending state, correspondent, text;
tab-separated, every field with its control characters escaped so that a text holding a newline or a
terminal escape stays one line and cannot forge a column. ``send-message`` builds the message to queue,
or refuses with a ValidationError before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import datetime, tzinfo

from babel.dates import format_datetime

from domain.errors import ValidationError
from domain.messages import Correspondent, Message, blocked_references, check_reference, newest_first
from services.files import printable

DATE_PATTERN = "dd/MM/yyyy HH:mm"  # CLDR pattern: 31/12/2026 08:05
Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]


def direction_label(message: Message, _: Gettext, blocked: bool = False) -> str:
    """Received, sent, waiting to be sent, or not sent with the server's reason."""
    if message.direction == "in":
        return _("received from a blocked professional") if blocked else _("received")
    if message.delivery == "pending":
        return _("waiting to be sent")
    if message.delivery == "failed":
        return _("not sent: {reason}").format(reason=message.failure)
    return _("sent")


def message_lines(
    messages: Iterable[Message],
    correspondents: Iterable[Correspondent],
    _: Gettext,
    ngettext: Ngettext,
    lang: str,
    tz: tzinfo | None = None,
) -> list[str]:
    """One line per message, newest first; ``tz``: the time zone of the dates (None: this computer's)."""
    book = {c.reference: c for c in correspondents}
    lines = []
    for message in newest_first(messages):
        who = book.get(message.correspondent)
        when = format_datetime(message.at.astimezone(tz), DATE_PATTERN, locale=lang)
        text = message.text
        if message.attachments:
            count = len(message.attachments)
            documents = ngettext("[{n} document]", "[{n} documents]", count).format(n=count)
            text = f"{text} {documents}" if text else documents
        fields = (
            when,
            direction_label(message, _, blocked=bool(who and who.blocked)),
            who.name if who else message.correspondent,
            text,
        )
        lines.append("\t".join(printable(field) for field in fields))
    return lines


def send_message_request(
    profile_id: str,
    to: str,
    text: str,
    attach: Sequence[str],
    known_documents: Collection[str],
    correspondents: Iterable[Correspondent],
    now: datetime,
    blocked: Collection[str] = frozenset(),
    reply_to: Message | None = None,
) -> Message:
    """The message ``send-message`` queues (waiting to be sent at the next sync); a ValidationError when
    the recipient is not a professional's reference or is blocked, or a document is not in the record."""
    reference = check_reference(to)
    book = list(correspondents)
    if reference in blocked_references(book) | frozenset(blocked):
        name = next((c.name for c in book if c.reference == reference), reference)
        raise ValidationError("{name} is blocked: unblock them before writing to them.", name=name)
    for document_id in attach:
        if document_id not in known_documents:
            raise ValidationError("No document {id} in this profile's record.", id=str(document_id)[:80])
    if reply_to is not None and (reply_to.profile != profile_id or reply_to.correspondent != reference):
        raise ValidationError("A reply goes to the person who wrote the message, for the same profile.")
    return Message(
        profile=profile_id,
        direction="out",
        correspondent=reference,
        at=now,
        text=(text or "").strip(),
        attachments=tuple(attach),
        delivery="pending",
        read=True,
        in_reply_to=reply_to.id if reply_to else "",
        thread=reply_to.thread if reply_to else "",
    )

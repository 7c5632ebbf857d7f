"""The notification of new messages, worded within the privacy setting (as services/reminders.py does).

In private mode (the default) it says how many messages came and for whom in the family, nothing else:
no professional's name (a specialist's name already says a lot), no word of the text, since a lock screen
is seen by others. Otherwise one message shows its sender and the beginning of its text, several their
senders. Messages from a blocked professional are kept, flagged, but never announced.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from domain.messages import Correspondent, Message, blocked_references, newest_first
from services.files import printable
from services.notifications import Notification

EXCERPT = 80  # characters of the text shown, on one line
MAX_SENDERS = 3
Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The start of a text on one line: spaces and newlines collapsed, control characters escaped."""
    line = printable(" ".join(text.split()))
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def new_messages_notification(
    messages: Iterable[Message],
    correspondents: Iterable[Correspondent],
    name: str,
    _: Gettext,
    ngettext: Ngettext,
    private: bool,
    blocked: Collection[str] = frozenset(),
) -> Notification | None:
    """The one notification for the unread incoming ``messages`` the sync just brought to the profile
    named ``name``; None when there is nothing to announce. ``blocked``: references blocked elsewhere
    (the sharing consents), beside those of the address book."""
    book = list(correspondents)
    silent = blocked_references(book) | frozenset(blocked)
    fresh = newest_first(m for m in messages if m.unread and m.correspondent not in silent)
    if not fresh:
        return None
    count, key = len(fresh), f"messages:{fresh[0].profile}"
    if private:
        body = ngettext("{count} new message for {name}.", "{count} new messages for {name}.", count)
        return Notification("Carnet", body.format(count=count, name=name), key)
    names = {c.reference: c.name for c in book}
    senders = list(dict.fromkeys(printable(names.get(m.correspondent, m.correspondent)) for m in fresh))
    if count == 1:
        message = fresh[0]
        documents = len(message.attachments)
        what = excerpt(message.text) or ngettext("{n} document", "{n} documents", documents).format(
            n=documents
        )
        body = _("New message from {sender} for {name}: {excerpt}").format(
            sender=senders[0], name=name, excerpt=what
        )
        return Notification("Carnet", body, key)
    shown = ", ".join(senders[:MAX_SENDERS]) + (", …" if len(senders) > MAX_SENDERS else "")
    body = ngettext(
        "{count} new message for {name}, from {senders}.",
        "{count} new messages for {name}, from {senders}.",
        count,
    )
    return Notification("Carnet", body.format(count=count, name=name, senders=shown), key)

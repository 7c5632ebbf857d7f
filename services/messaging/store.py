"""Messages and correspondents of a profile in the vault: the use cases of the Messages screen and of the
``messages`` / ``send-message`` commands.

Both are record kinds (domain/kinds.py: ``message``, ``correspondent``), sealed like every record, and
written only through services/records.py, so each exchange joins the access history: ``send`` when a
message is written (queued in the outbox in the same transaction), ``receive`` when the sync brings one
(services/messaging/inbound.py), ``read`` when the user opens it. Reading a message changes only this
device's copy (a unit of work without outbox): the professional's Communication is never rewritten.

The delivery state of a message written here is not stored but read from the sync's own ledger, so it can
never disagree with it: in the outbox = en attente d'envoi; refused by the server = échec, with the
server's reason; a version known on the server = envoyé.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.errors import CarnetError, NotFoundError, ValidationError
from domain.messages import (
    MAX_REASON,
    Correspondent,
    Message,
    blocked_references,
    merge_correspondents,
    newest_first,
)
from services import records
from services.messaging.headless import send_message_request
from services.session import Session
from storage.repositories import Change
from storage.sync_ledger import REJECTED
from storage.uow import UnitOfWork

MESSAGE = "message"
CORRESPONDENT = "correspondent"
BLOCK = "block"  # the sharing work's kind (issue 16); absent from KINDS until it is merged
Gettext = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Inbox:
    """What the Messages screen and the commands show of one profile."""

    messages: list[Message]  # newest first, outgoing ones with their delivery state
    correspondents: list[Correspondent]
    blocked: frozenset[str]  # references that cannot be written to (address book or sharing blocks)


def sharing_blocks(uow: UnitOfWork, profile_id: str) -> list[Any]:
    """The profile's blocks of professionals and establishments (Partager, issue 16)."""
    return uow.records.list(profile_id, BLOCK)


def blocked_in(
    uow: UnitOfWork, profile_id: str, book: Iterable[Correspondent], today: date
) -> frozenset[str]:
    """References blocked in the address book, or whose name an active sharing block names."""
    book = list(book)
    blocks = sharing_blocks(uow, profile_id)
    from_sharing: set[str] = set()
    if blocks:
        from domain.sharing import blocked_author

        from_sharing = {c.reference for c in book if blocked_author(c.name, blocks, today) is not None}
    return blocked_references(book) | frozenset(from_sharing)


def with_delivery(uow: UnitOfWork, message: Message, refusals: dict[str, Any], _: Gettext | None) -> Message:
    """A message written here with the state the sync's ledger gives it."""
    if message.direction != "out":
        return message
    if uow.outbox.has(message.id):
        return dataclasses.replace(message, delivery="pending", failure="")
    refusal = refusals.get(message.id)
    if refusal is not None:
        reason = CarnetError(refusal.get("msgid", ""), **refusal.get("params", {})).render(_)
        reason = reason.strip()[:MAX_REASON] or "?"
        return dataclasses.replace(message, delivery="failed", failure=reason)
    if uow.remote.version(message.id):
        return dataclasses.replace(message, delivery="sent", failure="")
    return message


def inbox(session: Session, profile_id: str, today: date, _: Gettext | None = None) -> Inbox:
    with session.uow() as uow:
        book = uow.records.list(profile_id, CORRESPONDENT)
        refusals = {i.row_id: i.content for i in uow.issues.list(REJECTED) if i.profile_id == profile_id}
        stored = uow.records.list(profile_id, MESSAGE)
        messages = [with_delivery(uow, m, refusals, _) for m in stored]
        return Inbox(newest_first(messages), book, blocked_in(uow, profile_id, book, today))


def send_message(
    session: Session,
    profile_id: str,
    to: str,
    text: str,
    now: datetime,
    attach: Sequence[str] = (),
    reply_to: str = "",
) -> Message:
    """Queues a message (sent at the next sync); refuses a blocked recipient or a document not in the
    record before anything is written."""
    today = now.date()
    with session.uow() as uow:
        profile = uow.profiles.get(profile_id)
        book = uow.records.list(profile_id, CORRESPONDENT)
        answered = _message(uow, profile_id, reply_to) if reply_to else None
        message = send_message_request(
            profile_id,
            to,
            text,
            attach,
            known_documents=set(uow.records.ids(profile_id, "document")),
            correspondents=book,
            now=now,
            blocked=blocked_in(uow, profile_id, book, today),
            reply_to=answered,
        )
        records.add(uow, profile, message, today, action="send")
        uow.commit()
    return message


def _message(uow: UnitOfWork, profile_id: str, message_id: str) -> Message:
    found = next((m for m in uow.records.list(profile_id, MESSAGE) if m.id == message_id), None)
    if found is None:
        raise NotFoundError(record=message_id)
    return found


def mark_read(session: Session, profile_id: str, message_ids: Iterable[str]) -> int:
    """The received messages among ``message_ids`` become read here (logged "read"); no outbox entry."""
    wanted = set(message_ids)
    with session.uow(from_server=True) as uow:
        unread = [m for m in uow.records.list(profile_id, MESSAGE) if m.id in wanted and m.unread]
        for message in unread:
            records.store(uow, profile_id, dataclasses.replace(message, read=True), "me", "read")
        uow.commit()
    return len(unread)


def resend(session: Session, profile_id: str, message_id: str) -> None:
    """A message the server refused goes into the outbox again (after its reason was dealt with)."""
    with session.uow() as uow:
        _message(uow, profile_id, message_id)
        refused = uow.issues.list(REJECTED, message_id)
        if not refused:
            raise ValidationError("This message is not waiting to be sent again.")
        uow.outbox.requeue(Change("records", message_id, profile_id, "put"))
        for issue in refused:
            uow.issues.drop(issue.id)
        uow.commit()


# -- correspondents ----------------------------------------------------------------------------------------
def add_correspondent(session: Session, profile_id: str, today: date, **fields: Any) -> Correspondent:
    """A professional or an establishment entered by hand; one entry per reference."""
    correspondent = Correspondent(**fields)
    with session.uow() as uow:
        profile = uow.profiles.get(profile_id)
        if any(c.reference == correspondent.reference for c in uow.records.list(profile_id, CORRESPONDENT)):
            raise ValidationError(
                "{reference} is already in the address book.", reference=correspondent.reference
            )
        records.add(uow, profile, correspondent, today)
        uow.commit()
    return correspondent


def set_blocked(session: Session, profile_id: str, reference: str, blocked: bool, today: date) -> None:
    """Blocks (or unblocks) a correspondent: no message can be written to them, theirs are flagged and
    never announced."""
    with session.uow() as uow:
        profile = uow.profiles.get(profile_id)
        book = uow.records.list(profile_id, CORRESPONDENT)
        known = next((c for c in book if c.reference == reference), None)
        if known is None:  # a correspondent known from messages only joins the book, named by reference
            entry = Correspondent(name=reference, reference=reference, blocked=blocked)
            records.add(uow, profile, entry, today)
        else:
            records.update(uow, profile, dataclasses.replace(known, blocked=blocked), today)
        uow.commit()


def learn(uow: UnitOfWork, profile_id: str, found: Iterable[Correspondent]) -> int:
    """Adds what documents or the server taught to the address book (the user's entries win); inside the
    caller's unit of work (the sync's). The number of entries added or completed."""
    book = {c.reference: c for c in uow.records.list(profile_id, CORRESPONDENT)}
    found = list(found)
    named = {c.reference: c.name for c in found if c.name != c.reference}
    # An entry named by its bare reference (a message that gave no name) takes the first real name.
    current = [
        dataclasses.replace(c, name=named[c.reference])
        if c.name == c.reference and c.reference in named
        else c
        for c in book.values()
    ]
    changed = 0
    for entry in merge_correspondents(current, found):
        old = book.get(entry.reference)
        if old == entry:
            continue
        records.store(uow, profile_id, entry, "sync", "add" if old is None else "update")
        changed += 1
    return changed

"""Messagerie santé: messages exchanged with professionals, and the address book of correspondents.

A message travels as a FHIR R4 ``Communication`` (services/messaging/mapping.py); here it is a frozen
record that checks itself, plus pure functions over lists of them: threads by correspondent with unread
counts, the thread of one message, and a search without accents or case.

Correspondents are named by a relative FHIR reference (``Practitioner/…``, ``PractitionerRole/…`` or
``Organization/…``) on the user's server: a message is addressed to that reference. The optional MSSanté
address is kept as what it is in the Annuaire Santé, an e-mail address (a ContactPoint of type MSSANTE,
FR Core ``fr-core-contact-point-email-type``), not as an identifier: no official identifier system names
a mailbox. Its shape only is checked here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from domain.errors import N_, ValidationError
from domain.models import new_id

DIRECTIONS = ("in", "out")
# pending: written, waiting for the next sync (en attente d'envoi); sent: on the server (envoyé, or
# received for an incoming one); failed: the server refused it (échec), with the reason.
DELIVERY = ("pending", "sent", "failed")
ORIGINS = ("hand", "document", "server")  # how a correspondent entered the address book
CORRESPONDENT_TYPES = ("Practitioner", "PractitionerRole", "Organization")

MAX_TEXT = 20_000  # characters of one message: a long letter, far below a hostile payload
MAX_ATTACHMENTS = 10
MAX_NAME = 200
MAX_REASON = 500
MAX_ADDRESS = 254  # RFC 5321 path limit

# FHIR R4 id: 1 to 64 of A-Z a-z 0-9 - . (http://hl7.org/fhir/R4/datatypes.html#id)
_FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")
_REFERENCE = re.compile(r"(Practitioner|PractitionerRole|Organization)/([A-Za-z0-9\-.]{1,64})")
# One @, no space, a dotted domain: the shape of an address, not a proof that the mailbox exists.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"[^@\s]+@{_LABEL}(?:\.{_LABEL})+")


def is_fhir_id(value: object) -> bool:
    return isinstance(value, str) and _FHIR_ID.fullmatch(value) is not None


def is_correspondent_reference(value: object) -> bool:
    return isinstance(value, str) and _REFERENCE.fullmatch(value) is not None


def is_messaging_address(value: object) -> bool:
    """The shape of a mailbox address (name@domain), e.g. an MSSanté one."""
    if not isinstance(value, str):
        return False
    address = value.strip()
    return len(address) <= MAX_ADDRESS and _ADDRESS.fullmatch(address) is not None


def check_reference(value: object) -> str:
    """The reference of a professional or an establishment, or a ValidationError saying what is expected."""
    reference = value.strip() if isinstance(value, str) else ""
    if not is_correspondent_reference(reference):
        raise ValidationError(
            "{reference!r} does not name a professional or an establishment: write Practitioner/…, "
            "PractitionerRole/… or Organization/… followed by its identifier on the server.",
            reference=str(value)[:80],
        )
    return reference


def _check_id(value: object, msgid: str) -> None:
    if not is_fhir_id(value):
        raise ValidationError(msgid, value=str(value)[:80])


@dataclass(frozen=True, slots=True)
class Correspondent:
    """A professional or an establishment of a profile's address book."""

    name: str
    reference: str
    role: str = ""
    address: str = ""  # MSSanté mailbox, e.g. dupont@ch-xyz.mssante.fr
    origin: str = "hand"
    blocked: bool = False
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        name = (self.name or "").strip() if isinstance(self.name, str) else ""
        if not name:
            raise ValidationError("Give the name of the professional or the establishment.")
        if len(name) > MAX_NAME or len(self.role or "") > MAX_NAME:
            raise ValidationError("A name or a role has at most {n} characters.", n=MAX_NAME)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "reference", check_reference(self.reference))
        address = (self.address or "").strip()
        if address and not is_messaging_address(address):
            raise ValidationError(
                "{address!r} is not a messaging address (name@domain, e.g. dupont@ch-xyz.mssante.fr).",
                address=address[:80],
            )
        object.__setattr__(self, "address", address)
        if self.origin not in ORIGINS:
            raise ValidationError("Unknown origin {origin!r}.", origin=self.origin)

    def check(self, today: date, birth_date: date | None = None) -> Correspondent:
        """The record kind's door check (services/records.py): every rule is already in __post_init__."""
        return self


@dataclass(frozen=True, slots=True)
class Message:
    """One message of a profile. ``at``: when it was sent (for one still waiting: when it was written).
    ``thread``: the id of the first message of its thread (this one's own id when it starts one)."""

    profile: str
    direction: str
    correspondent: str  # reference of the professional or establishment written to or heard from
    at: datetime
    text: str = ""
    attachments: tuple[str, ...] = ()  # ids of documents of the vault (DocumentReference)
    delivery: str = "sent"
    failure: str = ""  # why the server refused it, when delivery is "failed"
    read: bool = False  # meaningful for incoming messages; outgoing ones are never unread
    in_reply_to: str = ""
    thread: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _check_id(self.id, N_("{value!r} is not a valid message identifier."))
        _check_id(self.profile, N_("{value!r} is not a valid profile identifier."))
        if self.direction not in DIRECTIONS:
            raise ValidationError("Unknown message direction {direction!r}.", direction=self.direction)
        object.__setattr__(self, "correspondent", check_reference(self.correspondent))
        if not isinstance(self.at, datetime) or self.at.tzinfo is None:
            raise ValidationError("The time of a message must say its time zone.")
        self._check_content()
        self._check_delivery()
        if self.in_reply_to:
            _check_id(self.in_reply_to, N_("{value!r} is not a valid message identifier."))
            if self.in_reply_to == self.id:
                raise ValidationError("A message cannot answer itself.")
        if self.thread:
            _check_id(self.thread, N_("{value!r} is not a valid message identifier."))
        else:
            object.__setattr__(self, "thread", self.in_reply_to or self.id)

    def _check_content(self) -> None:
        if not isinstance(self.text, str):
            raise ValidationError("A message needs a text or an attachment.")
        attachments = tuple(dict.fromkeys(self.attachments))  # a list in JSON, a tuple here, no double
        for document_id in attachments:
            _check_id(document_id, N_("{value!r} is not a valid document identifier."))
        object.__setattr__(self, "attachments", attachments)
        if not self.text.strip() and not attachments:
            raise ValidationError("A message needs a text or an attachment.")
        if len(self.text) > MAX_TEXT:
            raise ValidationError("A message has at most {n} characters.", n=MAX_TEXT)
        if len(attachments) > MAX_ATTACHMENTS:
            raise ValidationError("A message carries at most {n} documents.", n=MAX_ATTACHMENTS)

    def _check_delivery(self) -> None:
        if self.delivery not in DELIVERY:
            raise ValidationError("Unknown delivery state {state!r}.", state=self.delivery)
        if self.direction == "in" and self.delivery != "sent":
            raise ValidationError("A received message has no sending state.")
        if (self.delivery == "failed") != bool(self.failure.strip()):
            raise ValidationError("A message that could not be sent says why, and only such a message.")
        if len(self.failure) > MAX_REASON:
            raise ValidationError("The reason of a failure has at most {n} characters.", n=MAX_REASON)

    def check(self, today: date, birth_date: date | None = None) -> Message:
        """The record kind's door check: a message is not dated after today (clocks disagree by a day)."""
        if self.at.date() > today + timedelta(days=1):
            raise ValidationError("A message cannot be dated in the future.")
        return self

    @property
    def unread(self) -> bool:
        return self.direction == "in" and not self.read


def thread_for_reply(in_reply_to: str, known: Mapping[str, Message]) -> str:
    """The thread of a message answering ``in_reply_to``: that message's thread when it is known here,
    else the answered message itself ("" for a message that answers nothing: its own thread)."""
    parent = known.get(in_reply_to) if in_reply_to else None
    return parent.thread if parent is not None else in_reply_to


def _newest_first_key(message: Message) -> tuple[datetime, str]:
    return message.at, message.id


def newest_first(messages: Iterable[Message]) -> list[Message]:
    return sorted(messages, key=_newest_first_key, reverse=True)


@dataclass(frozen=True, slots=True)
class Thread:
    """Every message exchanged with one correspondent: the line of the list of conversations."""

    correspondent: str
    name: str
    last: Message
    count: int
    unread: int
    blocked: bool


def threads(messages: Iterable[Message], correspondents: Iterable[Correspondent] = ()) -> list[Thread]:
    """One thread per correspondent, the most recent exchange first; a reference missing from the
    address book is named by itself."""
    book = {c.reference: c for c in correspondents}
    grouped: dict[str, list[Message]] = {}
    for message in messages:
        grouped.setdefault(message.correspondent, []).append(message)
    result = []
    for reference, group in grouped.items():
        known = book.get(reference)
        result.append(
            Thread(
                correspondent=reference,
                name=known.name if known else reference,
                last=max(group, key=_newest_first_key),
                count=len(group),
                unread=sum(m.unread for m in group),
                blocked=bool(known and known.blocked),
            )
        )
    result.sort(key=lambda t: _newest_first_key(t.last), reverse=True)
    return result


def thread_of(messages: Iterable[Message], message: Message) -> list[Message]:
    """The messages of ``message``'s thread, in the order they were written (oldest first)."""
    return sorted((m for m in messages if m.thread == message.thread), key=_newest_first_key)


def conversation(messages: Iterable[Message], reference: str) -> list[Message]:
    """Every message with one correspondent, oldest first (the thread view of a correspondent)."""
    return sorted((m for m in messages if m.correspondent == reference), key=_newest_first_key)


# -- search ---------------------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W_]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})  # NFKD does not split them: "cœur" is found by "coeur"
PREFIX_FROM = 3  # as services/documents/search.py: a query word of 3 letters or more matches longer words


def folded_words(text: str) -> list[str]:
    """The words of ``text`` without accents or case."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold().translate(_LIGATURES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return [w for w in _WORD.findall(plain) if len(w) > 1 or w.isdigit()]


def _matches(term: str, haystack: set[str]) -> bool:
    if len(term) < PREFIX_FROM:
        return term in haystack
    return any(word.startswith(term) for word in haystack)


def search(
    messages: Iterable[Message], query: str, correspondents: Iterable[Correspondent] = ()
) -> list[Message]:
    """Messages whose text or correspondent (name, role) holds every word of ``query``, newest first."""
    terms = list(dict.fromkeys(folded_words(query)))
    if not terms:
        return []
    book = {c.reference: f"{c.name} {c.role}" for c in correspondents}
    found = []
    for message in messages:
        haystack = set(folded_words(f"{message.text} {book.get(message.correspondent, '')}"))
        if all(_matches(term, haystack) for term in terms):
            found.append(message)
    return newest_first(found)


# -- address book ---------------------------------------------------------------------------------------
def merge_correspondents(
    book: Iterable[Correspondent], found: Iterable[Correspondent]
) -> list[Correspondent]:
    """The address book with what documents or the server taught: a new reference is added; a known one
    keeps its name, origin and blocked flag (the user's choices) and only gains a missing role or address."""
    merged = {c.reference: c for c in book}
    for new in found:
        old = merged.get(new.reference)
        if old is None:
            merged[new.reference] = new
        elif (not old.role and new.role) or (not old.address and new.address):
            role, address = old.role or new.role, old.address or new.address
            merged[new.reference] = replace(old, role=role, address=address)
    return list(merged.values())


def blocked_references(book: Iterable[Correspondent]) -> frozenset[str]:
    return frozenset(c.reference for c in book if c.blocked)

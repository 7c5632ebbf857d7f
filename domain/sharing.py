"""Partager: what the user decides to share, with whom, for how long, and whom they keep out.

Three records, each checking itself (``today``/``now`` passed in):

* ``Share``: documents chosen one by one (never a masked one), optionally the patient summary, for a
  limited time; it becomes a SMART Health Link (services/sharing/shlink.py).
* ``Block``: a professional or an establishment refused access (a FHIR Consent that denies that actor,
  services/sharing/consent.py); documents they wrote are marked.
* ``CaregiverGrant``: an "aidant" helps a person, with that person's recorded consent (who, when, which
  sections), until an expiry, revocable at any time (FHIR RelatedPerson + Consent).

Identifier systems of French professionals and establishments: ANS "Annuaire Santé" FHIR IG (IDNPS
urn:oid:1.2.250.1.71.4.2.1, RPPS http://rpps.fr, IDNST urn:oid:1.2.250.1.71.4.2.2) and the FR Core
Organization profile (FINESS http://finess.sante.gouv.fr).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from domain.errors import N_, ValidationError

# A SMART Health Link's label is at most 80 characters (HL7 SMART Health Links, payload ``label``).
from domain.medical import MEDICAL_KINDS
from domain.models import Document, new_id
from domain.prevention_records import PREVENTION_KINDS

MAX_LABEL = 80
# A share is time-limited by design; the longest duration offered is a year.
MAX_SHARE = timedelta(days=365)
MIN_SHARE = timedelta(minutes=1)
SHARE_DURATIONS_DAYS = (1, 7, 30, 90)  # the choices a screen offers

BLOCK_KINDS = ("professional", "establishment")
RPPS = "http://rpps.fr"
IDNPS = "urn:oid:1.2.250.1.71.4.2.1"
FINESS = "http://finess.sante.gouv.fr"
IDNST = "urn:oid:1.2.250.1.71.4.2.2"
IDENTIFIER_SYSTEMS: dict[str, dict[str, str]] = {
    "professional": {RPPS: N_("RPPS number"), IDNPS: N_("National health professional identifier")},
    "establishment": {FINESS: N_("FINESS number"), IDNST: N_("National establishment identifier")},
}
_IDENTIFIER_FORMS = {RPPS: r"\d{11}", FINESS: r"(\d{2}|2A|2B)\d{7}", IDNPS: r"\d{1,20}", IDNST: r"\d{1,20}"}

# The sections a caregiver may be given, each with the Carnet record kinds it opens.
CAREGIVER_SECTIONS: dict[str, tuple[str, ...]] = {
    "documents": ("document",),
    "vaccinations": ("immunization",),
    "measurements": ("measurement", "blood_pressure", "glucose_day"),  # the last two: issue 15
    "medical_profile": (*MEDICAL_KINDS, "emergency_contact", "risk_questionnaire"),
    "agenda": ("appointment", "child_exam", "agenda_mark", "reminder_setting"),
    "pregnancy": ("pregnancy",),
    "prevention": PREVENTION_KINDS,
    "messages": ("message", "correspondent"),  # Messagerie santé (issue 17): messages and address book
}
# The records about access itself (shares, blocks, grants): the user's decisions, never opened to a
# caregiver by a section (they see their own grant through its Consent).
ACCESS_KINDS = ("share", "block", "caregiver_grant")
SECTION_NAMES = {
    "documents": N_("Documents"),
    "vaccinations": N_("Vaccinations"),
    "measurements": N_("Measurements"),
    "medical_profile": N_("Medical profile"),
    "agenda": N_("Agenda and appointments"),
    "pregnancy": N_("Pregnancy"),
    "prevention": N_("Prevention"),
    "messages": N_("Messages"),
}
# Who the caregiver is to the person helped (HL7 v3 RoleCode, personal relationship).
RELATIONSHIPS = {
    "SPS": N_("Spouse or partner"),
    "CHILD": N_("Son or daughter"),
    "PRN": N_("Parent"),
    "SIB": N_("Brother or sister"),
    "FAMMEMB": N_("Other family member"),
    "FRND": N_("Friend"),
    "NBOR": N_("Neighbour"),
}
CONSENTERS = ("person", "representative")  # the person helped, or their legal representative


def _text(value: object, msgid: str, longest: int = 200) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(msgid)
    text = " ".join(value.split())
    if len(text) > longest or any(unicodedata.category(c) == "Cc" for c in text):
        raise ValidationError("This text is too long or holds control characters (at most {n}).", n=longest)
    return text


def _aware(value: object, msgid: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValidationError(msgid)
    return value


def _day(value: object, msgid: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date) or value.year < 1900:
        raise ValidationError(msgid)
    return value


def _not_after(today: date, *days: date | None) -> None:
    late = [day for day in days if day is not None and day > today]
    if late:
        raise ValidationError("The date {day} is in the future.", day=late[0])


def fold(name: str) -> str:
    """A name as compared: no accents, no case, no punctuation ("Dr. Léa MARTIN" ~ "dr lea martin")."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


# -- Share ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Share:
    """Documents of one profile (and/or its summary) shared until ``expires`` (aware datetimes)."""

    profile_id: str
    label: str
    created: datetime
    expires: datetime
    document_ids: tuple[str, ...] = ()
    summary: bool = False
    revoked: datetime | None = None
    uploaded: str = ""  # where its encrypted files were put on the user's FHIR server ("": saved as a file)
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _text(self.profile_id, N_("Say whose documents are shared."))
        label = _text(self.label, N_("Give the share a name."), MAX_LABEL)
        ids = tuple(self.document_ids) if isinstance(self.document_ids, tuple | list) else None
        if ids is None or not all(isinstance(i, str) and i.strip() for i in ids):
            raise ValidationError("The documents to share are not valid.")
        if len(set(ids)) != len(ids):
            raise ValidationError("A document is chosen twice.")
        if not isinstance(self.summary, bool) or not (ids or self.summary):
            raise ValidationError("Choose at least one document or the summary to share.")
        created = _aware(self.created, N_("The share needs its date of creation, with its time zone."))
        expires = _aware(self.expires, N_("The share needs an expiry, with its time zone."))
        if not created + MIN_SHARE <= expires <= created + MAX_SHARE:
            raise ValidationError("A share lasts from one minute to one year.")
        if (
            self.revoked is not None
            and _aware(self.revoked, N_("The revocation needs its time zone.")) < created
        ):
            raise ValidationError("A share cannot be revoked before it is made.")
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "document_ids", ids)

    def check(self, now: datetime | date, documents: Iterable[Document] | None = None) -> Share:
        """Refuses a share made in the future, or naming a document that is not the profile's or is
        masked (a masked document is never shared, unless the user unmasks it first). Without
        ``documents`` (a share read back from a file or a server, checked when it was made), the date
        only; ``now`` may then be a day."""
        late = self.created > now if isinstance(now, datetime) else self.created.date() > now
        if late:
            raise ValidationError("The share is dated in the future.")
        if documents is None:
            return self
        known = {d.id: d for d in documents}
        for document_id in self.document_ids:
            document = known.get(document_id)
            if document is None:
                raise ValidationError("A document to share is not in this profile.")
            if document.masked:
                raise ValidationError(
                    "The document {title!r} is masked: unmask it to share it.", title=document.title
                )
        return self

    def state(self, now: datetime) -> str:
        """ "revoked", "expired" (from the second of expiry on) or "active"."""
        if self.revoked is not None and self.revoked <= now:
            return "revoked"
        return "expired" if now >= self.expires else "active"


def shareable(documents: Iterable[Document]) -> list[Document]:
    """The documents a share may propose: never a masked one; newest first."""
    return sorted((d for d in documents if not d.masked), key=lambda d: (d.on, d.id), reverse=True)


# -- Block ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Block:
    """A professional or an establishment denied access from ``since`` (until ``lifted``, if lifted)."""

    profile_id: str
    kind: str
    name: str
    since: date
    identifier_system: str = ""
    identifier_value: str = ""
    lifted: date | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _text(self.profile_id, N_("Say whose record the block protects."))
        if self.kind not in BLOCK_KINDS:
            raise ValidationError("Unknown kind of actor {kind!r}.", kind=self.kind)
        object.__setattr__(self, "name", _text(self.name, N_("Give the name of whom to block.")))
        _day(self.since, N_("The date of the block is not valid."))
        system, value = self.identifier_system, self.identifier_value
        if not isinstance(system, str) or not isinstance(value, str) or bool(system) != bool(value):
            raise ValidationError("An identifier needs both its type and its value.")
        if system:
            _check_identifier(self.kind, system, value)
        if self.lifted is not None and _day(self.lifted, N_("The date is not valid.")) < self.since:
            raise ValidationError("A block cannot be lifted before it starts.")

    def check(self, today: date) -> Block:
        _not_after(today, self.since, self.lifted)
        return self

    def active(self, today: date) -> bool:
        return self.since <= today and (self.lifted is None or today < self.lifted)


def _check_identifier(kind: str, system: str, value: str) -> None:
    if system not in IDENTIFIER_SYSTEMS[kind]:
        raise ValidationError("Unknown identifier type {system!r}.", system=system)
    if not re.fullmatch(_IDENTIFIER_FORMS[system], value):
        raise ValidationError("The identifier {value!r} does not have the expected form.", value=value)


def blocked_author(author: str, blocks: Iterable[Block], today: date) -> Block | None:
    """The active block whose name is the document's author, compared without accents or case."""
    wanted = fold(author or "")
    if not wanted:
        return None
    return next((b for b in blocks if b.active(today) and fold(b.name) == wanted), None)


# -- Caregiver grant ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CaregiverGrant:
    """``caregiver`` helps the person of ``profile_id``, who (or whose representative) consented on
    ``consented_on`` to the sections given, until ``expires_on`` included, unless ``revoked_on``."""

    profile_id: str
    caregiver: str
    relationship: str
    consented_by: str
    consented_on: date
    expires_on: date
    everything: bool = False
    sections: tuple[str, ...] = ()
    representative: str = ""  # the name of whoever consented for the person, when it is not them
    revoked_on: date | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _text(self.profile_id, N_("Say who is helped."))
        object.__setattr__(self, "caregiver", _text(self.caregiver, N_("Give the caregiver's name.")))
        if self.relationship not in RELATIONSHIPS:
            raise ValidationError("Unknown relationship {code!r}.", code=self.relationship)
        self._check_consenter()
        self._check_scope()
        _day(self.consented_on, N_("The date of consent is not valid."))
        _day(self.expires_on, N_("The expiry date is not valid."))
        if self.expires_on <= self.consented_on:
            raise ValidationError("The help must end after the day of consent.")
        if (
            self.revoked_on is not None
            and _day(self.revoked_on, N_("The date is not valid.")) < self.consented_on
        ):
            raise ValidationError("Help cannot be withdrawn before it was consented to.")

    def _check_consenter(self) -> None:
        if self.consented_by not in CONSENTERS:
            raise ValidationError("Say who gave consent: the person helped or their representative.")
        if self.consented_by == "representative":
            name = _text(self.representative, N_("Give the name of the representative who consented."))
            object.__setattr__(self, "representative", name)
        elif self.representative:
            raise ValidationError("The person consented themselves: no representative is named.")

    def _check_scope(self) -> None:
        sections = tuple(self.sections) if isinstance(self.sections, tuple | list) else None
        if sections is None or not isinstance(self.everything, bool):
            raise ValidationError("The sections given are not valid.")
        unknown = [s for s in sections if s not in CAREGIVER_SECTIONS]
        if unknown:
            raise ValidationError("Unknown section {section!r}.", section=str(unknown[0]))
        if self.everything == bool(sections):
            raise ValidationError("Give either everything or some sections, not both nor neither.")
        ordered = tuple(s for s in CAREGIVER_SECTIONS if s in sections)
        if len(ordered) != len(sections):
            raise ValidationError("A section is chosen twice.")
        object.__setattr__(self, "sections", ordered)

    def check(self, today: date) -> CaregiverGrant:
        _not_after(today, self.consented_on, self.revoked_on)
        return self

    def active(self, today: date) -> bool:
        revoked = self.revoked_on is not None and self.revoked_on <= today
        return not revoked and self.consented_on <= today <= self.expires_on

    def opens(self, kind: str, today: date) -> bool:
        """Whether the caregiver may see records of ``kind`` today."""
        if not self.active(today):
            return False
        return self.everything or any(kind in CAREGIVER_SECTIONS[s] for s in self.sections)

"""Historique des échanges: one entry per share, revocation, consent, block, caregiver grant, sync to a
server and export, saying who, what and when.

An entry is kept in the sealed, chained access history (services/access_log.py); the adapter that writes
and reads it there is services/sharing/exchange_log.py.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from domain.errors import N_, ValidationError
from domain.models import new_id

EXCHANGE_KINDS = {
    "share": N_("Shared"),
    "revoke": N_("Share revoked"),
    "consent": N_("Consent recorded"),
    "block": N_("Blocked"),
    "unblock": N_("Unblocked"),
    "caregiver_grant": N_("Caregiver given access"),
    "caregiver_withdrawal": N_("Caregiver access withdrawn"),
    "sync": N_("Synchronised with the server"),
    "export": N_("Exported"),
}
# Who acted: the actors of the access history (services/access_log.ACTORS).
EXCHANGE_ACTORS = ("me", "professional", "sync")
MAX_TEXT = 200


def _clean(value: object, msgid: str, required: bool) -> str:
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValidationError(msgid)
    text = " ".join(value.split())
    if len(text) > MAX_TEXT or any(unicodedata.category(c) == "Cc" for c in text):
        raise ValidationError("This text is too long or holds control characters (at most {n}).", n=MAX_TEXT)
    return text


@dataclass(frozen=True, slots=True)
class Exchange:
    """``who`` did ``kind`` at ``at`` about ``subject_id`` (a share, block, grant...), with
    ``counterpart`` (the professional, the caregiver, the server) and a short ``label`` (what)."""

    profile_id: str
    kind: str
    at: datetime
    who: str = "me"
    label: str = ""
    counterpart: str = ""
    subject_id: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _clean(self.profile_id, N_("Say which profile the exchange concerns."), required=True)
        if self.kind not in EXCHANGE_KINDS:
            raise ValidationError("Unknown kind of exchange {kind!r}.", kind=self.kind)
        if self.who not in EXCHANGE_ACTORS:
            raise ValidationError("Unknown actor {who!r}.", who=self.who)
        if not isinstance(self.at, datetime) or self.at.tzinfo is None:
            raise ValidationError("The exchange needs its date and time, with its time zone.")
        object.__setattr__(self, "label", _clean(self.label, N_("The label is not valid."), required=False))
        counterpart = _clean(self.counterpart, N_("The counterpart is not valid."), required=False)
        object.__setattr__(self, "counterpart", counterpart)
        _clean(self.subject_id, N_("The subject is not valid."), required=False)

    def check(self, now: datetime) -> Exchange:
        if self.at > now:
            raise ValidationError("The exchange is dated in the future.")
        return self


def history(
    exchanges: Iterable[Exchange], profile_id: str | None = None, kinds: Iterable[str] | None = None
) -> list[Exchange]:
    """The exchanges of one profile (or all), of some kinds (or all), newest first."""
    wanted = set(kinds) if kinds is not None else None
    return sorted(
        (
            e
            for e in exchanges
            if (profile_id is None or e.profile_id == profile_id) and (wanted is None or e.kind in wanted)
        ),
        key=lambda e: (e.at, e.id),
        reverse=True,
    )

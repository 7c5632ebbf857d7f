"""Historique des accès: every read and change done through the services, in the vault's sealed, chained
log (storage/access_log.py). Here: who may act, what the actions are called, and the reads of the log.
"""

from __future__ import annotations

from datetime import UTC, datetime

from domain.errors import N_, ValidationError
from services.session import Session
from storage.access_log import AccessEntry, ChainCheck
from storage.uow import UnitOfWork

__all__ = ["ACTION_NAMES", "ACTORS", "AccessEntry", "ChainCheck", "append", "entries", "verify"]

ACTORS = ("me", "professional", "sync")
ACTION_NAMES = {
    "add": N_("added"),
    "update": N_("changed"),
    "delete": N_("deleted"),
    "restore": N_("restored"),
    "read": N_("opened"),
    "export": N_("saved a copy"),
    "mask": N_("masked"),
    "unmask": N_("unmasked"),
    "send": N_("sent"),
    "receive": N_("received"),
}


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def append(
    uow: UnitOfWork,
    profile_id: str,
    who: str,
    action: str,
    kind: str,
    record_id: str,
    label: str = "",
    at: datetime | None = None,
) -> int:
    """Adds one entry; call it inside the unit of work of the change it describes (it never commits)."""
    if who not in ACTORS:
        raise ValidationError("Unknown actor {who!r}.", who=who)
    entry = AccessEntry(0, at or now_utc(), who, action, kind, record_id, label)
    return uow.access_log.append(profile_id, entry)


def log_access(
    session: Session, profile_id: str, who: str, action: str, kind: str, record_id: str, label: str = ""
) -> None:
    """A read, logged in its own small transaction."""
    with session.uow() as uow:
        append(uow, profile_id, who, action, kind, record_id, label)
        uow.commit()


def entries(session: Session, profile_id: str, limit: int = 200) -> list[AccessEntry]:
    """The profile's entries, newest first; entries that no longer open (a deleted key) are left out."""
    with session.uow() as uow:
        return uow.access_log.entries(profile_id, limit)


def new_documents(session: Session, profile_id: str, since: datetime, limit: int = 5) -> list[AccessEntry]:
    """« Nouveau document » events: documents added since ``since`` that are still there, newest first."""
    present = set(session.reader().ids(profile_id, "document"))
    added = [
        e
        for e in entries(session, profile_id)
        if e.action == "add" and e.kind == "document" and e.at >= since and e.record_id in present
    ]
    return added[:limit]


def verify(session: Session) -> ChainCheck:
    """Walks the whole chain; reports the first entry whose link or seal is broken."""
    with session.uow() as uow:
        return uow.access_log.verify()

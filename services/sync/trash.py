"""What a sync never destroys: records and profiles deleted on another device.

A record deleted elsewhere goes to the Corbeille (storage/trash.py), a document with its bytes, for
``KEEP_DAYS`` days; the user may restore it, which sends it to the server again. A profile (Patient)
deleted elsewhere is only marked, with everything it holds left readable and exportable, and its
changes held back from the server, until the user chooses: keep it (it is created again on the server
at the next round, with all its records) or delete it here (the normal deletion of a profile).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from domain.errors import NotFoundError
from domain.models import Document, Profile
from services import access_log, records
from services.documents import TEXT_SUFFIX
from services.session import Session
from storage import codec
from storage.sync_ledger import DELETED_ELSEWHERE, SyncIssue
from storage.trash import TrashEntry
from storage.uow import UnitOfWork

KEEP_DAYS = 30


@dataclass(frozen=True, slots=True)
class TrashItem:
    record: Any
    profile_id: str
    kind: str
    deleted_on: date
    purge_on: date  # the first day it is no longer there

    @property
    def id(self) -> str:
        return str(self.record.id)


# -- inside the pull's unit of work ----------------------------------------------------------------------
def move_to_trash(uow: UnitOfWork, profile_id: str, record_id: str, today: date) -> None:
    """The record, a document's bytes and words with it, leaves the records for the Corbeille (no outbox
    entry: the pull's unit of work writes none)."""
    record = uow.records.get(profile_id, record_id)  # an unreadable record stays where it is
    files = []
    if isinstance(record, Document):
        for name in (record.attachment_id, record.attachment_id + TEXT_SUFFIX):
            try:
                files.append((name, uow.attachments.get(profile_id, name)))
            except NotFoundError:
                continue
    uow.trash.put(TrashEntry(record, profile_id, today, tuple(files)))
    uow.records.delete(profile_id, record_id)
    for name, _ in files:
        uow.attachments.delete(profile_id, name)
    label = getattr(record, "title", "")
    access_log.append(uow, profile_id, "sync", "delete", codec.kind_of(record), record_id, label)


def came_back(uow: UnitOfWork, record_id: str) -> None:
    """The server sent the record again (restored on another device): the Corbeille lets it go."""
    uow.trash.remove(record_id)


def mark_deleted_elsewhere(uow: UnitOfWork, profile_id: str) -> bool:
    """The profile stays whole; its changes wait (push.py) until the user keeps it or deletes it here."""
    if _marker(uow, profile_id) is not None:
        return False
    uow.issues.add(
        DELETED_ELSEWHERE,
        None,
        "Patient",
        {},
        row_table="identities",
        row_id=profile_id,
        profile_id=profile_id,
    )
    return True


def unmark(uow: UnitOfWork, profile_id: str) -> None:
    """The Patient is on the server again (kept by another device): nothing left to ask."""
    marker = _marker(uow, profile_id)
    if marker is not None:
        uow.issues.drop(marker.id)


def held_profiles(uow: UnitOfWork) -> set[str]:
    """Profiles whose changes wait for the user's choice before going to the server."""
    return {i.row_id for i in uow.issues.list(DELETED_ELSEWHERE, with_content=False)}


def _marker(uow: UnitOfWork, profile_id: str) -> SyncIssue | None:
    found = uow.issues.list(DELETED_ELSEWHERE, profile_id, with_content=False)
    return found[0] if found else None


# -- the user's choices ------------------------------------------------------------------------------------
def deleted_elsewhere(session: Session) -> list[Profile]:
    """Profiles deleted on another device that wait for a choice (markers of profiles gone are dropped)."""
    with session.uow() as uow:
        found, stale = [], []
        for marker in uow.issues.list(DELETED_ELSEWHERE, with_content=False):
            try:
                found.append(uow.profiles.get(marker.row_id))
            except NotFoundError:
                stale.append(marker.id)
        for issue_id in stale:
            uow.issues.drop(issue_id)
        uow.commit()
    return found


def keep_profile(session: Session, profile_id: str) -> None:
    """Keep it: the profile and every record it holds go to the server again at the next round."""
    with session.uow() as uow:
        marker = _marker(uow, profile_id)
        if marker is None:
            raise NotFoundError(record=profile_id)
        uow.profiles.get(profile_id)
        uow.remote.forget_profile(profile_id)  # created again: no If-Match on a deleted version
        uow.outbox.requeue_profile(profile_id)
        uow.issues.drop(marker.id)
        uow.commit()


def delete_profile_here(session: Session, profile_id: str) -> None:
    """Delete it here too: the normal deletion of a profile (its key destroyed), and its Corbeille."""
    if _held(session, profile_id) is None:
        raise NotFoundError(record=profile_id)
    records.delete_profile(session, profile_id)
    with session.uow() as uow:
        uow.trash.remove_profile(profile_id)
        unmark(uow, profile_id)
        uow.commit()


def _held(session: Session, profile_id: str) -> SyncIssue | None:
    with session.uow() as uow:
        return _marker(uow, profile_id)


# -- the Corbeille -----------------------------------------------------------------------------------------
def list_trash(session: Session, today: date) -> list[TrashItem]:
    """What the Corbeille holds today, most recently deleted first (what is too old is purged first)."""
    purge_trash(session, today)
    with session.uow() as uow:
        entries = [e for pid in uow.trash.profile_ids() for e in uow.trash.entries(pid)]
    items = [
        TrashItem(e.record, e.profile_id, codec.kind_of(e.record), e.deleted_on, _purge_on(e.deleted_on))
        for e in entries
    ]
    return sorted(items, key=lambda i: (i.deleted_on, i.id), reverse=True)


def trash_count(session: Session) -> int:
    with session.uow() as uow:
        return sum(len(uow.trash.entries(pid)) for pid in uow.trash.profile_ids())


def purge_trash(session: Session, today: date) -> int:
    """Removes what has been in the Corbeille for ``KEEP_DAYS`` days, and what can no longer be read."""
    with session.uow() as uow:
        trash = uow.trash
        purged = trash.drop_unreadable()
        for profile_id in trash.profile_ids():
            for entry in trash.entries(profile_id):
                if today >= _purge_on(entry.deleted_on):
                    trash.remove(entry.id)
                    purged += 1
        uow.commit()
    return purged


def _purge_on(deleted_on: date) -> date:
    return deleted_on + timedelta(days=KEEP_DAYS)


def restore(session: Session, profile_id: str, record_id: str) -> Any:
    """The record back in place, a document with its bytes, and on its way to the server again."""
    with session.uow() as uow:
        trash = uow.trash
        entry = trash.get(profile_id, record_id)
        uow.profiles.get(profile_id)
        uow.records.drop_tombstone(record_id)
        uow.remote.forget(record_id)  # the server holds it deleted: it is created again
        for name, data in entry.files:
            uow.attachments.put(profile_id, name, data)
        uow.records.add(profile_id, entry.record)  # with its outbox entry
        trash.remove(record_id)
        label, kind = getattr(entry.record, "title", ""), codec.kind_of(entry.record)
        access_log.append(uow, profile_id, "me", "restore", kind, record_id, label)
        uow.commit()
    return entry.record

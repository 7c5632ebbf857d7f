"""Unit of work: ``with vault_uow(vault) as uow: ...; uow.commit()`` — rolled back otherwise.

It begins with ``BEGIN IMMEDIATE``: it holds the write lock from its start, so two writers (two
processes, or a sync thread and the window) wait for each other instead of failing.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from types import TracebackType

from domain.errors import StorageError
from storage import tx
from storage.access_log import AccessLog
from storage.deliveries import DeliveryLog
from storage.repositories import AttachmentRepository, Outbox, ProfileRepository, RecordRepository
from storage.sync_ledger import RemoteVersions, SyncIssues, SyncState
from storage.trash import TrashRepository
from storage.vault import Vault


class UnitOfWork:
    def __init__(self, vault: Vault, *, from_server: bool = False) -> None:
        """``from_server``: the changes are the server's own (a sync pull), so they leave no outbox entry."""
        self.vault = vault
        self.outbox = Outbox(vault, enabled=not from_server)
        self.profiles = ProfileRepository(vault, self.outbox)
        self.records = RecordRepository(vault, self.outbox)
        self.attachments = AttachmentRepository(vault)
        self.trash = TrashRepository(vault)
        self.deliveries = DeliveryLog(vault)
        self.access_log = AccessLog(vault)
        self.sync_state = SyncState(vault)
        self.remote = RemoteVersions(vault)
        self.issues = SyncIssues(vault)
        self._committed = False

    def __enter__(self) -> UnitOfWork:
        try:
            tx.begin(self.vault.db)
        except sqlite3.Error as exc:
            raise StorageError() from exc
        self.records.reset()
        self.profiles.deleted_any = False
        self._committed = False
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self._committed:
            self.rollback()
        if isinstance(exc, sqlite3.Error):
            raise StorageError() from exc

    def commit(self) -> None:
        try:
            self.records.flush()  # the order indexes changed here, written once
            self.vault.db.commit()
        except sqlite3.Error as exc:
            self.rollback()
            raise StorageError() from exc
        self._committed = True
        if self.profiles.deleted_any:  # a deleted profile leaves no ciphertext in the -wal file either
            with contextlib.suppress(sqlite3.Error):  # committed anyway; SQLite's next checkpoint does it
                tx.checkpoint(self.vault.db)

    def rollback(self) -> None:
        self.records.reset()
        self.vault.db.rollback()

    @contextlib.contextmanager
    def savepoint(self, name: str = "step") -> Iterator[None]:
        """A step that leaves nothing behind when it raises (the unit of work itself goes on)."""
        db = self.vault.db
        db.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            db.execute(f"ROLLBACK TO {name}")
            db.execute(f"RELEASE {name}")
            self.records.undone = True  # the order indexes keep only the changes whose rows hold
            raise
        db.execute(f"RELEASE {name}")


def records_of(vault: Vault) -> RecordRepository:
    """The records for a read outside any unit of work (inside one, its changes are not yet in the
    order indexes, which are written at commit)."""
    return RecordRepository(vault, Outbox(vault, enabled=False))

"""Unit of work: ``with vault_uow(vault) as uow: ...; uow.commit()`` — rolled back otherwise."""

from __future__ import annotations

import sqlite3
from types import TracebackType

from domain.errors import CarnetError
from storage.repositories import AttachmentRepository, Outbox, ProfileRepository, RecordRepository
from storage.vault import Vault


class UnitOfWork:
    def __init__(self, vault: Vault, *, from_server: bool = False) -> None:
        """``from_server``: the changes are the server's own (a sync pull), so they leave no outbox entry."""
        self.vault = vault
        self.outbox = Outbox(vault, enabled=not from_server)
        self.profiles = ProfileRepository(vault, self.outbox)
        self.records = RecordRepository(vault, self.outbox)
        self.attachments = AttachmentRepository(vault)
        self._committed = False

    def __enter__(self) -> UnitOfWork:
        self.vault.db.begin()
        self._committed = False
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self._committed:
            self.rollback()
        if isinstance(exc, sqlite3.Error):
            raise CarnetError("The vault could not be written; nothing was changed.") from exc

    def commit(self) -> None:
        try:
            self.vault.db.commit()
        except sqlite3.Error as exc:
            self.rollback()
            raise CarnetError("The vault could not be written; nothing was changed.") from exc
        self._committed = True

    def rollback(self) -> None:
        self.vault.db.rollback()

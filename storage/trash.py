"""The Corbeille: records deleted on another device, kept so that a sync never loses anything for good.

One row per record. Its random id and its profile's id are clear, as in ``records``; the record itself,
its kind, the day it went and the names of its files are sealed in ``blob``, and the files' bytes (a
document's content and its words) in ``data``, both padded to a size bucket, sealed with the profile's
data key and bound to the row and its profile.
A profile deleted since has lost its key: its rows can no longer be opened (``drop_unreadable``).
The caller's unit of work commits.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.errors import CarnetError, NotFoundError
from storage import codec
from storage.vault import Vault

TABLE, DATA = "trash", "trash_data"


@dataclass(frozen=True, slots=True)
class TrashEntry:
    record: Any  # the domain record as it was when it went
    profile_id: str
    deleted_on: date
    files: tuple[tuple[str, bytes], ...] = ()  # (attachment id, bytes); left empty by ``entries``

    @property
    def id(self) -> str:
        return str(self.record.id)


class TrashRepository:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.damaged: list[str] = []

    def put(self, entry: TrashEntry) -> None:
        meta = {
            "kind": codec.kind_of(entry.record),
            "record": codec.to_dict(entry.record),
            "deleted_on": entry.deleted_on.isoformat(),
            "files": [[name, len(data)] for name, data in entry.files],
        }
        sealer = self.vault.sealer(entry.profile_id)
        meta_bytes, bound = json.dumps(meta, ensure_ascii=False).encode(), (entry.profile_id,)
        row = {
            "id": entry.id,
            "profile_id": entry.profile_id,
            "blob": sealer.seal(meta_bytes, TABLE, entry.id, bound, padded=True),
            "data": sealer.seal(b"".join(d for _, d in entry.files), DATA, entry.id, bound, padded=True),
        }
        self.vault.db.table(TABLE).insert(row, pk="id", replace=True)

    def entries(self, profile_id: str) -> list[TrashEntry]:
        """The profile's entries without their files, most recently deleted first; damaged ids go to
        ``damaged``."""
        self.damaged = []
        rows = self.vault.db.execute(f"SELECT id, blob FROM {TABLE} WHERE profile_id = ?", [profile_id])
        found = []
        for record_id, blob in rows.fetchall():
            try:
                found.append(self._entry(profile_id, record_id, blob)[0])
            except (CarnetError, ValueError, KeyError, TypeError):
                self.damaged.append(record_id)
        return sorted(found, key=lambda e: (e.deleted_on, e.id), reverse=True)

    def get(self, profile_id: str, record_id: str) -> TrashEntry:
        """One entry with its files' bytes."""
        row = self.vault.db.execute(
            f"SELECT blob, data FROM {TABLE} WHERE id = ? AND profile_id = ?", [record_id, profile_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(record=record_id)
        entry, sizes = self._entry(profile_id, record_id, row[0])
        data = self.vault.sealer(profile_id).open(row[1], DATA, record_id, (profile_id,), padded=True)
        files, start = [], 0
        for name, size in sizes:
            files.append((name, data[start : start + size]))
            start += size
        return TrashEntry(entry.record, profile_id, entry.deleted_on, tuple(files))

    def _entry(self, profile_id: str, record_id: str, blob: bytes) -> tuple[TrashEntry, list[Any]]:
        plain = self.vault.sealer(profile_id).open(blob, TABLE, record_id, (profile_id,), padded=True)
        meta = json.loads(plain)
        record = codec.from_dict(meta["kind"], meta["record"])
        return TrashEntry(record, profile_id, date.fromisoformat(meta["deleted_on"])), meta["files"]

    def count(self) -> int:
        return int(self.vault.db.execute(f"SELECT COUNT(*) FROM {TABLE}").fetchone()[0])

    def holds(self, record_id: str) -> bool:
        found = self.vault.db.execute(f"SELECT 1 FROM {TABLE} WHERE id = ?", [record_id]).fetchone()
        return found is not None

    def remove(self, record_id: str) -> None:
        self.vault.db.execute(f"DELETE FROM {TABLE} WHERE id = ?", [record_id])

    def remove_profile(self, profile_id: str) -> None:
        self.vault.db.execute(f"DELETE FROM {TABLE} WHERE profile_id = ?", [profile_id])

    def profile_ids(self) -> list[str]:
        rows = self.vault.db.execute(f"SELECT DISTINCT profile_id FROM {TABLE}").fetchall()
        return [str(r[0]) for r in rows]

    def drop_unreadable(self) -> int:
        """Rows of profiles deleted since (their key is gone, so is any way to read them)."""
        gone = self.vault.db.execute(
            f"SELECT COUNT(*) FROM {TABLE} WHERE profile_id NOT IN (SELECT id FROM keys)"
        ).fetchone()[0]
        self.vault.db.execute(f"DELETE FROM {TABLE} WHERE profile_id NOT IN (SELECT id FROM keys)")
        return int(gone)

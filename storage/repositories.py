"""Repositories over the sealed tables. They never commit: the unit of work does."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from domain.errors import AttachmentExistsError, IntegrityError, NotFoundError
from domain.models import Profile
from storage import codec
from storage.records import CHUNK, ORDER_TABLE, RecordRepository
from storage.vault import Vault

__all__ = ["AttachmentRepository", "Change", "Outbox", "ProfileRepository", "RecordRepository"]


@dataclass(frozen=True, slots=True)
class Change:
    """The latest pending operation on one row, and every outbox entry it stands for."""

    row_table: str
    row_id: str
    profile_id: str
    op: str
    seqs: tuple[int, ...] = field(default=())


class Outbox:
    """Every local change leaves an entry here, in the same transaction as the change; the sync reads them
    in order and settles them once sent (or moved to a list the user sees)."""

    def __init__(self, vault: Vault, enabled: bool = True) -> None:
        # Disabled only for changes that come from the server: sending them back would echo forever.
        self.vault, self.enabled = vault, enabled

    def add(self, table: str, row_id: str, profile_id: str, op: str, version: int) -> None:
        self.add_many(table, [row_id], profile_id, op, version)

    def add_many(self, table: str, row_ids: list[str], profile_id: str, op: str, version: int) -> None:
        if not self.enabled:
            return
        self.vault.db.conn.executemany(
            "INSERT INTO outbox (row_table, row_id, profile_id, op, version) VALUES (?, ?, ?, ?, ?)",
            [(table, row_id, profile_id, op, version) for row_id in row_ids],
        )

    def pending(self) -> int:
        return int(self.vault.db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])

    def changes(self) -> list[Change]:
        """One Change per row, in the order of its first entry, carrying its last operation."""
        rows = self.vault.db.execute(
            "SELECT seq, row_table, row_id, profile_id, op FROM outbox ORDER BY seq"
        ).fetchall()
        by_row: dict[str, Change] = {}
        for seq, table, row_id, profile_id, op in rows:
            old = by_row.get(row_id)
            by_row[row_id] = Change(table, row_id, profile_id, op, (*(old.seqs if old else ()), seq))
        return list(by_row.values())

    def pending_rows(self) -> int:
        return int(self.vault.db.execute("SELECT COUNT(DISTINCT row_id) FROM outbox").fetchone()[0])

    def has(self, row_id: str) -> bool:
        sql = "SELECT 1 FROM outbox WHERE row_id = ? LIMIT 1"
        return self.vault.db.execute(sql, [row_id]).fetchone() is not None

    def settle(self, seqs: Iterable[int]) -> None:
        """The entries are done with (sent, or moved to a visible list): only those, never a later edit."""
        self.vault.db.conn.executemany("DELETE FROM outbox WHERE seq = ?", [(s,) for s in seqs])

    def drop_row(self, row_id: str) -> None:
        """Every pending change of a row is set aside (the server's version was chosen over them)."""
        self.vault.db.execute("DELETE FROM outbox WHERE row_id = ?", [row_id])

    def requeue(self, change: Change) -> None:
        """Sends the row again, whatever this outbox's ``enabled`` (the user asked for it)."""
        self.vault.db.execute(
            "INSERT INTO outbox (row_table, row_id, profile_id, op, version) VALUES (?, ?, ?, ?, 0)",
            [change.row_table, change.row_id, change.profile_id, change.op],
        )

    def requeue_profile(self, profile_id: str) -> None:
        """Entries that send a profile and every live record of it again (identity first)."""
        self.requeue(Change("identities", profile_id, profile_id, "put"))
        self.vault.db.execute(
            "INSERT INTO outbox (row_table, row_id, profile_id, op, version) SELECT 'records', id, "
            "profile_id, 'put', version FROM records WHERE profile_id = ? AND deleted = 0",
            [profile_id],
        )


class ProfileRepository:
    """Identities (names, birth dates, national ids), sealed with the identity key, apart from health rows."""

    def __init__(self, vault: Vault, outbox: Outbox) -> None:
        self.vault, self.outbox = vault, outbox
        self.damaged: list[str] = []
        self.deleted_any = False  # the unit of work then empties the -wal after its commit

    def add(self, profile: Profile) -> Profile:
        self.vault.new_profile_key(profile.id)
        self._write(profile, insert=True)
        self.outbox.add("identities", profile.id, profile.id, "put", 1)
        return profile

    def update(self, profile: Profile) -> Profile:
        self.get(profile.id)
        self._write(profile, insert=False)
        self.outbox.add("identities", profile.id, profile.id, "put", 1)
        return profile

    def _write(self, profile: Profile, insert: bool) -> None:
        blob = self.vault.sealer("identity").seal(
            codec.encode(profile), "identities", profile.id, padded=True
        )
        table = self.vault.db.table("identities")
        if insert:
            table.insert({"id": profile.id, "blob": blob}, pk="id")
        else:
            table.update(profile.id, {"blob": blob})

    def get(self, profile_id: str) -> Profile:
        row = self.vault.db.execute("SELECT blob FROM identities WHERE id = ?", [profile_id]).fetchone()
        if row is None:
            raise NotFoundError(record=profile_id)
        plain = self.vault.sealer("identity").open(row[0], "identities", profile_id, padded=True)
        profile: Profile = codec.decode("profile", plain)
        return profile

    def exists(self, profile_id: str) -> bool:
        sql = "SELECT 1 FROM identities WHERE id = ?"
        return self.vault.db.execute(sql, [profile_id]).fetchone() is not None

    def has_key(self, profile_id: str) -> bool:
        """Whether the profile's key is still there (it goes with the profile, and its data with it)."""
        return self.vault.holds_key(profile_id)

    def count(self) -> int:
        """Every profile, readable or not."""
        return int(self.vault.db.execute("SELECT COUNT(*) FROM identities").fetchone()[0])

    def list(self) -> list[Profile]:
        """Every readable profile, holder first then by birth date; damaged ids go to ``damaged``."""
        self.damaged = []
        profiles = []
        for (profile_id,) in self.vault.db.execute("SELECT id FROM identities").fetchall():
            try:
                profiles.append(self.get(profile_id))
            except IntegrityError:
                self.damaged.append(profile_id)
        return sorted(profiles, key=lambda p: (p.role != "holder", p.birth_date, p.first_name))

    def delete(self, profile_id: str) -> None:
        """Remove a profile and destroy its data key: its records can never be read again. The unit of
        work then empties the -wal file, where their ciphertexts would otherwise stay for a while."""
        self.get(profile_id)
        db = self.vault.db
        for table in ("records", ORDER_TABLE, "attachments", "reminder_deliveries"):
            db.execute(f"DELETE FROM {table} WHERE profile_id = ?", [profile_id])
        db.execute("DELETE FROM identities WHERE id = ?", [profile_id])
        db.execute("DELETE FROM outbox WHERE profile_id = ? AND op != 'delete'", [profile_id])
        self.vault.destroy_profile_key(profile_id)
        self.outbox.add("identities", profile_id, profile_id, "delete", 0)
        self.deleted_any = True


class AttachmentRepository:
    """The bytes of documents, sealed (padded) with the profile's data key.

    A row's id is a keyed tag of the attachment id, so the file says neither which document a file
    belongs to nor which file is the text of a PDF; the same id in two profiles gives two rows."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def _row_id(self, profile_id: str, attachment_id: str) -> str:
        return self.vault.tagger(profile_id).tag("attachment:" + attachment_id)

    def put(self, profile_id: str, attachment_id: str, data: bytes, *, replace: bool = False) -> None:
        """Stores new bytes. Existing bytes are never replaced silently: the same bytes again are a no-op,
        other bytes are refused unless ``replace`` says the caller means it."""
        row_id = self._row_id(profile_id, attachment_id)
        row = self.vault.db.execute("SELECT blob FROM attachments WHERE id = ?", [row_id]).fetchone()
        if row is not None and not replace:
            if self._open(profile_id, row_id, row[0]) == data:
                return
            raise AttachmentExistsError(record=attachment_id)
        blob = self.vault.sealer(profile_id).seal(data, "attachments", row_id, (profile_id,), padded=True)
        self.vault.db.execute(
            "INSERT OR REPLACE INTO attachments (id, profile_id, blob) VALUES (?, ?, ?)",
            [row_id, profile_id, blob],
        )

    def exists(self, profile_id: str, attachment_id: str) -> bool:
        row_id = self._row_id(profile_id, attachment_id)
        sql = "SELECT 1 FROM attachments WHERE id = ? AND profile_id = ?"
        return self.vault.db.execute(sql, [row_id, profile_id]).fetchone() is not None

    def get(self, profile_id: str, attachment_id: str) -> bytes:
        row_id = self._row_id(profile_id, attachment_id)
        row = self.vault.db.execute(
            "SELECT blob FROM attachments WHERE id = ? AND profile_id = ?", [row_id, profile_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(record=attachment_id)
        return self._open(profile_id, row_id, row[0])

    def get_many(self, profile_id: str, attachment_ids: list[str]) -> dict[str, bytes]:
        """The bytes of those of ``attachment_ids`` that are stored (a batch: the search index's texts)."""
        by_row = {self._row_id(profile_id, attachment_id): attachment_id for attachment_id in attachment_ids}
        rows = list(by_row)
        found: dict[str, bytes] = {}
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            marks = ",".join("?" * len(chunk))
            # by primary key only: the index on profile_id would read every file of the profile
            sql = f"SELECT id, profile_id, blob FROM attachments WHERE id IN ({marks})"
            for row_id, owner, blob in self.vault.db.execute(sql, chunk):
                if owner == profile_id:
                    found[by_row[row_id]] = self._open(profile_id, row_id, blob)
        return found

    def _open(self, profile_id: str, row_id: str, blob: bytes) -> bytes:
        return self.vault.sealer(profile_id).open(blob, "attachments", row_id, (profile_id,), padded=True)

    def delete(self, profile_id: str, attachment_id: str) -> None:
        self.vault.db.execute(
            "DELETE FROM attachments WHERE id = ? AND profile_id = ?",
            [self._row_id(profile_id, attachment_id), profile_id],
        )

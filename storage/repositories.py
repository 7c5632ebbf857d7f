"""Repositories over the sealed tables. They never commit: the unit of work does."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from domain.errors import IntegrityError, NotFoundError
from domain.models import Profile
from storage import codec
from storage.vault import Vault


class Outbox:
    """Every local change leaves an entry here, in the same transaction as the change."""

    def __init__(self, vault: Vault, enabled: bool = True) -> None:
        # Disabled only for changes that come from the server: sending them back would echo forever.
        self.vault, self.enabled = vault, enabled

    def add(self, table: str, row_id: str, profile_id: str, op: str, version: int) -> None:
        if not self.enabled:
            return
        self.vault.db.execute(
            "INSERT INTO outbox (row_table, row_id, profile_id, op, version) VALUES (?, ?, ?, ?, ?)",
            [table, row_id, profile_id, op, version],
        )

    def pending(self) -> int:
        return int(self.vault.db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])


class ProfileRepository:
    """Identities (names, birth dates, national ids), sealed with the identity key, apart from health rows."""

    def __init__(self, vault: Vault, outbox: Outbox) -> None:
        self.vault, self.outbox = vault, outbox
        self.damaged: list[str] = []

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
        blob = self.vault.sealer("identity").seal(codec.encode(profile), "identities", profile.id)
        table = self.vault.db.table("identities")
        if insert:
            table.insert({"id": profile.id, "blob": blob}, pk="id")
        else:
            table.update(profile.id, {"blob": blob})

    def get(self, profile_id: str) -> Profile:
        row = self.vault.db.execute("SELECT blob FROM identities WHERE id = ?", [profile_id]).fetchone()
        if row is None:
            raise NotFoundError(record=profile_id)
        plain = self.vault.sealer("identity").open(row[0], "identities", profile_id)
        profile: Profile = codec.decode("profile", plain)
        return profile

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
        """Remove a profile and destroy its data key: its records can never be read again."""
        self.get(profile_id)
        db = self.vault.db
        for table in ("records", "attachments"):
            db.execute(f"DELETE FROM {table} WHERE profile_id = ?", [profile_id])
        db.execute("DELETE FROM identities WHERE id = ?", [profile_id])
        db.execute("DELETE FROM outbox WHERE profile_id = ? AND op != 'delete'", [profile_id])
        self.vault.destroy_profile_key(profile_id)
        self.outbox.add("identities", profile_id, profile_id, "delete", 0)


class RecordRepository:
    """Health records of every kind, each sealed with its profile's data key."""

    def __init__(self, vault: Vault, outbox: Outbox) -> None:
        self.vault, self.outbox = vault, outbox
        self.damaged: list[str] = []

    def _row(self, profile_id: str, obj: Any, version: int) -> dict[str, Any]:
        blob = self.vault.sealer(profile_id).seal(codec.encode(obj), "records", obj.id)
        return {
            "id": obj.id,
            "profile_id": profile_id,
            "kind": codec.kind_of(obj),
            "month": codec.month_of(obj),
            "version": version,
            "deleted": 0,
            "blob": blob,
        }

    def add(self, profile_id: str, obj: Any) -> Any:
        self.vault.db.table("records").insert(self._row(profile_id, obj, 1), pk="id")
        self.outbox.add("records", obj.id, profile_id, "put", 1)
        return obj

    def add_many(self, profile_id: str, objs: Iterable[Any]) -> int:
        rows = [self._row(profile_id, obj, 1) for obj in objs]
        self.vault.db.table("records").insert_all(rows, pk="id", batch_size=1000)
        for row in rows:
            self.outbox.add("records", row["id"], profile_id, "put", 1)
        return len(rows)

    def update(self, profile_id: str, obj: Any) -> Any:
        version = self._version(profile_id, obj.id) + 1
        self.vault.db.table("records").update(obj.id, self._row(profile_id, obj, version))
        self.outbox.add("records", obj.id, profile_id, "put", version)
        return obj

    def delete(self, profile_id: str, record_id: str) -> None:
        """A tombstone stays (for sync), with no content left in it."""
        version = self._version(profile_id, record_id) + 1
        self.vault.db.table("records").update(record_id, {"deleted": 1, "blob": b"", "version": version})
        self.outbox.add("records", record_id, profile_id, "delete", version)

    def _version(self, profile_id: str, record_id: str) -> int:
        row = self.vault.db.execute(
            "SELECT version FROM records WHERE id = ? AND profile_id = ? AND deleted = 0",
            [record_id, profile_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(record=record_id)
        return int(row[0])

    def get(self, profile_id: str, record_id: str) -> Any:
        row = self.vault.db.execute(
            "SELECT kind, blob FROM records WHERE id = ? AND profile_id = ? AND deleted = 0",
            [record_id, profile_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(record=record_id)
        return codec.decode(row[0], self.vault.sealer(profile_id).open(row[1], "records", record_id))

    def list(self, profile_id: str, kind: str, limit: int | None = None) -> list[Any]:
        """Newest first. Only the coarse month is in clear, so the exact order is made after opening:
        the rows of the months that reach ``limit`` are opened, sorted, then cut."""
        self.damaged = []
        where = "profile_id = ? AND kind = ? AND deleted = 0"
        params: list[Any] = [profile_id, kind]
        if limit is not None:
            boundary = self.vault.db.execute(
                f"SELECT month FROM records WHERE {where} ORDER BY month DESC LIMIT 1 OFFSET ?",
                [*params, limit - 1],
            ).fetchone()
            if boundary is not None:
                where += " AND month >= ?"
                params.append(boundary[0])
        rows = self.vault.db.execute(f"SELECT id, blob FROM records WHERE {where}", params).fetchall()
        sealer = self.vault.sealer(profile_id)
        items = []
        for record_id, blob in rows:
            try:
                items.append(codec.decode(kind, sealer.open(blob, "records", record_id)))
            except IntegrityError:
                self.damaged.append(record_id)
        items.sort(key=_sort_key, reverse=True)
        return items[:limit] if limit is not None else items

    def count(self, profile_id: str, kind: str) -> int:
        sql = "SELECT COUNT(*) FROM records WHERE profile_id = ? AND kind = ? AND deleted = 0"
        return int(self.vault.db.execute(sql, [profile_id, kind]).fetchone()[0])


def _sort_key(obj: Any) -> tuple[str, str]:
    for name in ("on", "at", "lmp"):
        value = getattr(obj, name, None)
        if value is not None:
            return (value.isoformat(), obj.id)
    return ("", obj.id)


class AttachmentRepository:
    """The bytes of documents, sealed with the profile's data key."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def put(self, profile_id: str, attachment_id: str, data: bytes) -> None:
        blob = self.vault.sealer(profile_id).seal(data, "attachments", attachment_id)
        self.vault.db.table("attachments").insert(
            {"id": attachment_id, "profile_id": profile_id, "blob": blob}, pk="id", replace=True
        )

    def get(self, profile_id: str, attachment_id: str) -> bytes:
        row = self.vault.db.execute(
            "SELECT blob FROM attachments WHERE id = ? AND profile_id = ?", [attachment_id, profile_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(record=attachment_id)
        return self.vault.sealer(profile_id).open(row[0], "attachments", attachment_id)

    def delete(self, profile_id: str, attachment_id: str) -> None:
        self.vault.db.execute(
            "DELETE FROM attachments WHERE id = ? AND profile_id = ?", [attachment_id, profile_id]
        )

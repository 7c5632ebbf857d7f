"""Health records of every kind, each sealed with its profile's data key.

In clear per row: the random id, the random profile id, a keyed tag of the kind (meaningless without the
profile's key, different in every profile), the sync version and the deletion flag. The sealed content is
padded, and bound to its id, profile, kind, version and deletion flag. The order of the live records, with
their versions, is in one sealed row per (profile, kind): see storage.record_index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol

from domain.errors import IntegrityError, NotFoundError
from storage import codec, crypto
from storage.record_index import Entry, OrderIndex, serialize

if TYPE_CHECKING:  # the migration that creates these tables uses this module before any Vault exists
    from storage.vault import Vault

TABLE, ORDER_TABLE = "records", "record_order"


class Keys(Protocol):
    """What sealing needs of a vault (the migration passes the vault being unlocked)."""

    def sealer(self, key_id: str) -> crypto.Sealer: ...
    def tagger(self, key_id: str) -> crypto.Tagger: ...


Ids = list[str]  # (the method ``list`` hides the builtin inside the class)
CHUNK = 500  # ids per "IN (...)" query, under SQLite's variable limit


def context(profile_id: str, kind: str, version: int, deleted: bool) -> tuple[str, ...]:
    return (profile_id, kind, str(version), "1" if deleted else "0")


def sort_key(obj: Any) -> str:
    for name in ("on", "at", "lmp"):
        value = getattr(obj, name, None)
        if value is not None:
            return str(value.isoformat())
    return ""


def kind_tag(vault: Keys, profile_id: str, kind: str) -> str:
    return vault.tagger(profile_id).tag("kind:" + kind)


def kind_of_tag(vault: Keys, profile_id: str, tag: str) -> str | None:
    return next((k for k in codec.KINDS if kind_tag(vault, profile_id, k) == tag), None)


def seal_order(vault: Keys, profile_id: str, tag: str, raw: bytes) -> bytes:
    return vault.sealer(profile_id).seal(raw, ORDER_TABLE, profile_id, (tag,), padded=True)


class RecordRepository:
    """Reads and writes records; the order indexes it touches are written back by ``flush`` (at commit)."""

    def __init__(self, vault: Vault, outbox: Any) -> None:
        self.vault, self.outbox = vault, outbox
        self.damaged: list[str] = []
        self._indexes: dict[tuple[str, str], OrderIndex] = {}
        self.undone = False  # a savepoint of this unit of work was rolled back: some changes may not hold

    def reset(self) -> None:
        """Forget the indexes read: a new transaction must read them again."""
        self._indexes.clear()
        self.undone = False

    # -- writing ---------------------------------------------------------------------------------------
    def _sealed(
        self, sealer: crypto.Sealer, profile_id: str, obj: Any, version: int, tags: dict[str, Any]
    ) -> tuple[str, str, str, int, int, bytes]:
        """The row of ``obj`` at ``version``, its order index entry put; ``tags``: kind -> (tag, index),
        filled as met, so that a batch looks each up once."""
        kind = codec.kind_of(obj)
        found = tags.get(kind)
        if found is None:
            tag = kind_tag(self.vault, profile_id, kind)
            found = tags[kind] = (tag, self._index(profile_id, tag))
        tag, index = found
        blob = sealer.seal(
            codec.encode(obj), TABLE, obj.id, context(profile_id, kind, version, False), padded=True
        )
        index.put(obj.id, sort_key(obj), version)
        return (obj.id, profile_id, tag, version, 0, blob)

    def add(self, profile_id: str, obj: Any) -> Any:
        self.add_many(profile_id, [obj])
        return obj

    def add_many(self, profile_id: str, objs: Iterable[Any]) -> int:
        sealer, tags = self.vault.sealer(profile_id), dict[str, Any]()  # looked up once for the batch
        rows = [self._sealed(sealer, profile_id, obj, 1, tags) for obj in objs]
        self.vault.db.conn.executemany(
            f"INSERT INTO {TABLE} (id, profile_id, tag, version, deleted, blob) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        self.outbox.add_many(TABLE, [row[0] for row in rows], profile_id, "put", 1)
        return len(rows)

    def update(self, profile_id: str, obj: Any) -> Any:
        old_tag, old_version = self._live(profile_id, obj.id)
        sealed = self._sealed(self.vault.sealer(profile_id), profile_id, obj, old_version + 1, {})
        record_id, _pid, tag, version, _deleted, blob = sealed
        if tag != old_tag:  # another kind under the same id: it leaves the other list
            self._index(profile_id, old_tag).remove(record_id)
        self.vault.db.execute(
            f"UPDATE {TABLE} SET tag = ?, version = ?, deleted = 0, blob = ? WHERE id = ?",
            [tag, version, blob, record_id],
        )
        self.outbox.add(TABLE, record_id, profile_id, "put", version)
        return obj

    def delete(self, profile_id: str, record_id: str) -> None:
        """A tombstone stays (for sync), with no content left in it: an empty value, still sealed, so its
        version and flag cannot be changed unseen."""
        tag, old_version = self._live(profile_id, record_id)
        version = old_version + 1
        kind = self._kind(profile_id, tag)
        blob = self.vault.sealer(profile_id).seal(
            b"", TABLE, record_id, context(profile_id, kind, version, True), padded=True
        )
        self.vault.db.execute(
            f"UPDATE {TABLE} SET deleted = 1, blob = ?, version = ? WHERE id = ?", [blob, version, record_id]
        )
        self._index(profile_id, tag).remove(record_id)
        self.outbox.add(TABLE, record_id, profile_id, "delete", version)

    def purge(self, record_id: str) -> None:
        """Removes the row itself, tombstone or not (the server brought it back under another profile)."""
        row = self.vault.db.execute(
            f"SELECT profile_id, tag, deleted FROM {TABLE} WHERE id = ?", [record_id]
        ).fetchone()
        if row is None:
            return
        self.vault.db.execute(f"DELETE FROM {TABLE} WHERE id = ?", [record_id])
        if not row[2]:
            self._index(row[0], row[1]).remove(record_id)

    def _live(self, profile_id: str, record_id: str) -> tuple[str, int]:
        row = self.vault.db.execute(
            f"SELECT tag, version FROM {TABLE} WHERE id = ? AND profile_id = ? AND deleted = 0",
            [record_id, profile_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(record=record_id)
        return str(row[0]), int(row[1])

    # -- reading ---------------------------------------------------------------------------------------
    def get(self, profile_id: str, record_id: str) -> Any:
        row = self.vault.db.execute(
            f"SELECT tag, version, deleted, blob FROM {TABLE} WHERE id = ? AND profile_id = ?",
            [record_id, profile_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(record=record_id)
        tag, version, deleted, blob = row
        entry = self._index(profile_id, tag).get(record_id)
        if deleted:
            if entry is not None:  # listed as live: its deletion flag was set behind Carnet's back
                raise IntegrityError(record=f"{TABLE}/{record_id}")
            raise NotFoundError(record=record_id)
        if entry is None or entry[1] != version:  # not listed, or another version than the one written last
            raise IntegrityError(record=f"{TABLE}/{record_id}")
        return self._open(profile_id, self._kind(profile_id, tag), record_id, version, blob)

    def list(self, profile_id: str, kind: str, limit: int | None = None) -> list[Any]:
        """Newest first; rows that fail any check go to ``damaged`` (never silently left out)."""
        self.damaged = []
        tag = kind_tag(self.vault, profile_id, kind)
        index = self._index(profile_id, tag)
        items: list[Any] = []
        seen = 0
        while limit is None or len(items) < limit:
            wanted = None if limit is None else seen + limit - len(items)
            batch = index.newest(wanted)[seen:]
            if not batch:
                break
            seen += len(batch)
            rows = self._rows([record_id for record_id, _v in batch])
            for record_id, version in batch:
                item = self._checked(profile_id, kind, tag, record_id, version, rows.get(record_id))
                if item is not None:
                    items.append(item)
        self._report_unlisted(profile_id, tag, index)
        return items

    def _checked(self, profile_id: str, kind: str, tag: str, record_id: str, version: int, row: Any) -> Any:
        if row is None or row[0] != profile_id or row[1] != tag or row[2] != version or row[3]:
            self.damaged.append(record_id)
            return None
        try:
            return self._open(profile_id, kind, record_id, version, row[4])
        except IntegrityError:
            self.damaged.append(record_id)
            return None

    def _report_unlisted(self, profile_id: str, tag: str, index: OrderIndex) -> None:
        """Live rows the index does not name, and named rows that are not live: damaged."""
        sql = f"SELECT COUNT(*) FROM {TABLE} WHERE profile_id = ? AND tag = ? AND deleted = 0"
        if int(self.vault.db.execute(sql, [profile_id, tag]).fetchone()[0]) == len(index):
            return
        sql = f"SELECT id FROM {TABLE} WHERE profile_id = ? AND tag = ? AND deleted = 0"
        live = {row[0] for row in self.vault.db.execute(sql, [profile_id, tag])}
        listed = index.entries()
        for record_id in sorted(live.symmetric_difference(listed)):
            if record_id not in self.damaged:
                self.damaged.append(record_id)

    def _rows(self, ids: Ids, columns: str = "profile_id, tag, version, deleted, blob") -> dict[str, Any]:
        """The rows of ``ids`` by id, as tuples of ``columns``."""
        found: dict[str, Any] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            sql = f"SELECT id, {columns} FROM {TABLE} WHERE id IN ({','.join('?' * len(chunk))})"
            for row in self.vault.db.execute(sql, chunk):
                found[row[0]] = row[1:]
        return found

    def _open(self, profile_id: str, kind: str, record_id: str, version: int, blob: bytes) -> Any:
        plain = self.vault.sealer(profile_id).open(
            blob, TABLE, record_id, context(profile_id, kind, version, False), padded=True
        )
        return codec.decode(kind, plain)

    def count(self, profile_id: str, kind: str) -> int:
        return len(self._index(profile_id, kind_tag(self.vault, profile_id, kind)))

    def ids(self, profile_id: str, kind: str) -> Ids:
        """The ids of the live records of a kind, newest first (nothing opened but the index)."""
        index = self._index(profile_id, kind_tag(self.vault, profile_id, kind))
        return [record_id for record_id, _version in index.newest()]

    def state(self, record_id: str) -> tuple[str, bool] | None:
        """(kind, deleted) of a row, tombstones included; None when there is no such row."""
        row = self.vault.db.execute(
            f"SELECT profile_id, tag, deleted FROM {TABLE} WHERE id = ?", [record_id]
        ).fetchone()
        return None if row is None else (self._kind(row[0], row[1]), bool(row[2]))

    def exists(self, record_id: str) -> bool:
        """Any row of that id, a tombstone too (what the sync knows of it)."""
        sql = f"SELECT 1 FROM {TABLE} WHERE id = ?"
        return self.vault.db.execute(sql, [record_id]).fetchone() is not None

    def owner(self, record_id: str, *, live: bool = False) -> str:
        """The profile of a row (with ``live``, only of a row that is not deleted); "" when none."""
        sql = f"SELECT profile_id FROM {TABLE} WHERE id = ?" + (" AND deleted = 0" if live else "")
        row = self.vault.db.execute(sql, [record_id]).fetchone()
        return str(row[0]) if row else ""

    def gone(self, record_id: str) -> bool:
        """True when there is no such row, or only its tombstone (nothing opened: its key may be gone)."""
        row = self.vault.db.execute(f"SELECT deleted FROM {TABLE} WHERE id = ?", [record_id]).fetchone()
        return row is None or bool(row[0])

    def drop_tombstone(self, record_id: str) -> None:
        """The empty row a deletion leaves, before the same record is written again."""
        self.vault.db.execute(f"DELETE FROM {TABLE} WHERE id = ? AND deleted = 1", [record_id])

    def kind_of(self, record_id: str) -> str:
        """The kind of a row, tombstones included; "" when there is no such row."""
        found = self.state(record_id)
        return found[0] if found else ""

    def signature(self, profile_id: str, kind: str) -> tuple[int, int]:
        """(rows, sum of versions) of a kind, tombstones included: changes with any put or delete."""
        sql = f"SELECT COUNT(*), COALESCE(SUM(version), 0) FROM {TABLE} WHERE profile_id = ? AND tag = ?"
        row = self.vault.db.execute(sql, [profile_id, kind_tag(self.vault, profile_id, kind)]).fetchone()
        return int(row[0]), int(row[1])

    def _kind(self, profile_id: str, tag: str) -> str:
        kind = kind_of_tag(self.vault, profile_id, tag)
        if kind is None:
            raise IntegrityError(record=f"{TABLE}/{tag}")
        return kind

    # -- the order indexes ------------------------------------------------------------------------------
    def _index(self, profile_id: str, tag: str) -> OrderIndex:
        key = (profile_id, tag)
        if key not in self._indexes:
            self._indexes[key] = self._load_index(profile_id, tag)
        return self._indexes[key]

    def _load_index(self, profile_id: str, tag: str) -> OrderIndex:
        row = self.vault.db.execute(
            f"SELECT blob FROM {ORDER_TABLE} WHERE profile_id = ? AND tag = ?", [profile_id, tag]
        ).fetchone()
        if row is None:
            return OrderIndex()  # no record of this kind yet (a live row would be reported as unlisted)
        try:
            raw = self.vault.sealer(profile_id).open(row[0], ORDER_TABLE, profile_id, (tag,), padded=True)
        except IntegrityError:
            # The index itself is damaged: reported, and made again from the rows (each still sealed and
            # bound to its version), so that no readable record is lost.
            self.damaged.append(f"{ORDER_TABLE}/{tag}")
            return self._rebuilt(profile_id, tag)
        return OrderIndex(raw)

    def _rebuilt(self, profile_id: str, tag: str) -> OrderIndex:
        kind, entries = self._kind(profile_id, tag), dict[str, Entry]()
        sql = f"SELECT id, version, blob FROM {TABLE} WHERE profile_id = ? AND tag = ? AND deleted = 0"
        for record_id, version, blob in self.vault.db.execute(sql, [profile_id, tag]).fetchall():
            try:
                entries[record_id] = (
                    sort_key(self._open(profile_id, kind, record_id, version, blob)),
                    version,
                )
            except IntegrityError:
                continue  # left out of the index: reported as damaged by every list
        return OrderIndex.of(entries)

    def flush(self) -> None:
        """Writes back the indexes changed in this unit of work; only the changes whose rows hold."""
        for (profile_id, tag), index in self._indexes.items():
            if not index.dirty or not self.vault.holds_key(profile_id):
                continue  # unchanged, or the profile was deleted with its key and its rows
            if self.undone:  # only the changes that the rows confirm (the others were rolled back)
                rows = self._rows(list(index.changes), columns="profile_id, tag, version, deleted")
                raw = serialize(index.settled(_confirmer(rows, profile_id, tag)))
            else:
                raw = serialize(index.settled(None))
            self.vault.db.execute(
                f"INSERT OR REPLACE INTO {ORDER_TABLE} (profile_id, tag, blob) VALUES (?, ?, ?)",
                [profile_id, tag, seal_order(self.vault, profile_id, tag, raw)],
            )
        self._indexes.clear()


def _confirmer(
    rows: dict[str, tuple[Any, ...]], profile_id: str, tag: str
) -> Callable[[str, Entry | None], bool]:
    """Whether a row is as a change says: live at that version, or gone from this list."""

    def holds(record_id: str, entry: Entry | None) -> bool:
        row = rows.get(record_id)
        live_here = row is not None and row[0] == profile_id and row[1] == tag and not row[3]
        if entry is None:
            return not live_here
        return live_here and row is not None and row[2] == entry[1]

    return holds

"""The order index of one profile's records of one kind: sealed, one row, newest first.

It replaces the month that used to sit in clear for ordering: ``list(limit)`` opens this one blob and
fetches only the rows it names. It is also the list of what must be there, at which version: a live row
it does not name, a row it names that is missing, deleted or at another version (a ciphertext rolled back,
a deletion flag flipped) is reported as damaged instead of being silently shown or hidden.

Serialized as lines ``sort key \\t id \\t version``, newest first, so that the first page reads only the
first lines. Changes made in a unit of work stay in memory and are written once, at commit, after being
checked against the rows (a savepoint rolled back since must not leave them in the index).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Entry = tuple[str, int]  # (sort key, version)
_KEEP: Any = object()


class OrderIndex:
    def __init__(self, raw: bytes = b"", *, dirty: bool = False) -> None:
        self._raw = raw
        self._base: dict[str, Entry] | None = None
        self._merged: dict[str, Entry] | None = None
        self._order: list[tuple[str, int]] | None = None
        # Every change of each id in order (a savepoint may undo the last ones but not the first).
        self.changes: dict[str, list[Entry | None]] = {}
        self.dirty = dirty  # written back at commit

    @classmethod
    def of(cls, entries: dict[str, Entry], *, dirty: bool = False) -> OrderIndex:
        return cls(serialize(entries), dirty=dirty)

    # -- reading ---------------------------------------------------------------------------------------
    def base(self) -> dict[str, Entry]:
        """The entries as stored (before this unit of work's changes)."""
        if self._base is None:
            self._base = dict(_parse(self._raw.split(b"\n")))
        return self._base

    def entries(self) -> dict[str, Entry]:
        if self._merged is None:
            merged = dict(self.base())
            for record_id, history in self.changes.items():
                entry = history[-1]
                if entry is None:
                    merged.pop(record_id, None)
                else:
                    merged[record_id] = entry
            self._merged = merged
        return self._merged

    def get(self, record_id: str) -> Entry | None:
        return self.entries().get(record_id)

    def __len__(self) -> int:
        if not self.changes and self._base is None:
            return self._raw.count(b"\n")
        return len(self.entries())

    def newest(self, limit: int | None = None) -> list[tuple[str, int]]:
        """(id, version) newest first; the first page of an unchanged index parses only its first lines."""
        if not self.changes:
            lines = self._raw.split(b"\n", limit)[:limit] if limit is not None else self._raw.split(b"\n")
            return [(record_id, version) for record_id, (_key, version) in _parse(lines)]
        if self._order is None:
            ordered = sorted(self.entries().items(), key=lambda item: (item[1][0], item[0]), reverse=True)
            self._order = [(record_id, version) for record_id, (_key, version) in ordered]
        return self._order[:limit] if limit is not None else list(self._order)

    # -- changing ----------------------------------------------------------------------------------------
    def put(self, record_id: str, key: str, version: int) -> None:
        self._change(record_id, (key, version))

    def remove(self, record_id: str) -> None:
        self._change(record_id, None)

    def _change(self, record_id: str, entry: Entry | None) -> None:
        self.changes.setdefault(record_id, []).append(entry)
        self._merged = self._order = None
        self.dirty = True

    def settled(self, holds: Callable[[str, Entry | None], bool] | None) -> dict[str, Entry]:
        """The entries to write: for each id, its latest change that the row confirms (``holds``); changes
        undone by a rollback to a savepoint are dropped, and with none left the stored entry stays.
        ``holds`` None: nothing was rolled back, every latest change holds."""
        entries = dict(self.base())
        if holds is None:
            for record_id, history in self.changes.items():
                if history[-1] is None:
                    entries.pop(record_id, None)
                else:
                    entries[record_id] = history[-1]
            return entries
        for record_id, history in self.changes.items():
            entry = next((e for e in reversed(history) if holds(record_id, e)), _KEEP)
            if entry is None:
                entries.pop(record_id, None)
            elif entry is not _KEEP:
                entries[record_id] = entry
        return entries


def serialize(entries: dict[str, Entry]) -> bytes:
    # (key, id, version) tuples sort by key then id, ids being unique: no key function to call
    ordered = sorted(
        ((key, record_id, version) for record_id, (key, version) in entries.items()), reverse=True
    )
    return "".join(f"{key}\t{record_id}\t{version}\n" for key, record_id, version in ordered).encode()


def _parse(lines: Iterable[bytes]) -> Iterable[tuple[str, Entry]]:
    for line in lines:
        if not line:
            continue
        key, record_id, version = line.decode().split("\t")
        yield record_id, (key, int(version))

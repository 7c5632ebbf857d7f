"""The migration that takes health facts out of the clear columns (it needs the keys, see migrations).

Before: ``records`` kept the kind and month in clear (``pregnancy|2026-09``), every sealed value had its
exact length, a record's ciphertext was bound to its id only (an old version replayed, or the deletion
flag flipped, went unseen) and attachment ids said which row was the text of which PDF.
After: a keyed tag instead of the kind, no month, one sealed order index per (profile, kind), padded
values bound to profile, kind, version and deletion flag, and attachment rows under keyed tags.
A value that no longer opens stays as it is (it keeps being reported as damaged); rows whose profile key
is gone (unreadable for ever) are dropped.
"""

from __future__ import annotations

import contextlib
from typing import Any

from sqlite_utils import Database

from domain.errors import CarnetError
from storage import codec, records
from storage.fields import pad_json, seal_text
from storage.record_index import Entry, serialize

RECORDS_SQL = (
    "CREATE TABLE {name} (id TEXT PRIMARY KEY, profile_id TEXT NOT NULL, tag TEXT NOT NULL, "
    "version INTEGER NOT NULL DEFAULT 1, deleted INTEGER NOT NULL DEFAULT 0, blob BLOB NOT NULL)"
)


def seal_index_metadata(db: Database, keys: Any) -> None:
    """records: kind -> keyed tag, month dropped, order indexes; identities, attachments and reminder
    deliveries padded; attachments under keyed tags. One transaction (the caller's)."""
    _records(db, keys)
    _resealed(db, keys, "identities", "'identity'")
    _resealed(db, keys, "reminder_deliveries", "profile_id")
    _attachments(db, keys)


def _sealer(keys: Any, key_id: str) -> Any:
    try:
        return keys.sealer(key_id)
    except CarnetError:
        return None  # the profile was deleted with its key


def _records(db: Database, keys: Any) -> None:
    db.execute(RECORDS_SQL.format(name="records_sealed"))
    db.execute(
        "CREATE TABLE record_order (profile_id TEXT NOT NULL, tag TEXT NOT NULL, blob BLOB NOT NULL, "
        "PRIMARY KEY (profile_id, tag))"
    )
    indexes: dict[tuple[str, str], dict[str, Entry]] = {}
    rows = db.execute("SELECT id, profile_id, kind, version, deleted, blob FROM records")
    for record_id, profile_id, kind, version, deleted, blob in rows:
        sealer = _sealer(keys, profile_id)
        if sealer is None:
            continue
        tag = records.kind_tag(keys, profile_id, kind)
        bound = records.context(profile_id, kind, version, bool(deleted))
        if deleted:
            blob = sealer.seal(b"", "records", record_id, bound, padded=True)
        else:
            key = ""  # listed even when it no longer opens: reported as damaged, never silently gone
            with contextlib.suppress(CarnetError):
                plain = sealer.open(blob, "records", record_id)
                blob = sealer.seal(plain, "records", record_id, bound, padded=True)
                with contextlib.suppress(ValueError, TypeError, KeyError):  # not a record of today's kinds
                    key = records.sort_key(codec.decode(kind, plain))
            indexes.setdefault((profile_id, tag), {})[record_id] = (key, version)
        db.execute(
            "INSERT INTO records_sealed (id, profile_id, tag, version, deleted, blob) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [record_id, profile_id, tag, version, deleted, blob],
        )
    db.execute("DROP TABLE records")  # secure_delete zeroes its pages: the clear kinds and months go
    db.execute("ALTER TABLE records_sealed RENAME TO records")
    db.execute("CREATE INDEX records_by_profile_tag ON records (profile_id, tag, deleted)")
    for (profile_id, tag), entries in indexes.items():
        db.execute(
            "INSERT INTO record_order (profile_id, tag, blob) VALUES (?, ?, ?)",
            [profile_id, tag, records.seal_order(keys, profile_id, tag, serialize(entries))],
        )


def _resealed(db: Database, keys: Any, table: str, key_column: str) -> None:
    """Re-seals every value of ``table`` padded, under the same associated data."""
    for row_id, key_id, blob in db.execute(f"SELECT id, {key_column}, blob FROM {table}").fetchall():
        sealer = _sealer(keys, key_id)
        if sealer is None:
            continue
        try:
            plain = sealer.open(blob, table, row_id)
        except CarnetError:
            continue
        db.execute(
            f"UPDATE {table} SET blob = ? WHERE id = ?",
            [sealer.seal(plain, table, row_id, padded=True), row_id],
        )


def _attachments(db: Database, keys: Any) -> None:
    db.execute(
        "CREATE TABLE attachments_sealed (id TEXT PRIMARY KEY, profile_id TEXT NOT NULL, blob BLOB NOT NULL)"
    )
    for attachment_id, profile_id, blob in db.execute("SELECT id, profile_id, blob FROM attachments"):
        sealer = _sealer(keys, profile_id)
        if sealer is None:
            continue
        row_id = keys.tagger(profile_id).tag("attachment:" + attachment_id)
        # One that no longer opens is kept as it is under its new id: it keeps failing to open, as before.
        with contextlib.suppress(CarnetError):
            plain = sealer.open(blob, "attachments", attachment_id)
            blob = sealer.seal(plain, "attachments", row_id, (profile_id,), padded=True)
        db.execute(
            "INSERT INTO attachments_sealed (id, profile_id, blob) VALUES (?, ?, ?)",
            [row_id, profile_id, blob],
        )
    db.execute("DROP TABLE attachments")
    db.execute("ALTER TABLE attachments_sealed RENAME TO attachments")
    db.execute("CREATE INDEX attachments_by_profile ON attachments (profile_id)")


def seal_sync_metadata(db: Database, keys: Any) -> None:
    """sync_state values (server address, last error...) and the FHIR types of sync_remote and sync_issues
    sealed with the identity key (types outlive a deleted profile: its deletion is sent with them); the
    contents of sync issues padded. One transaction (the caller's)."""
    for key, value in db.execute("SELECT key, value FROM sync_state").fetchall():
        sealed = seal_text(keys, "identity", str(value), "sync_state", key)
        db.execute("UPDATE sync_state SET value = ? WHERE key = ?", [sealed, key])
    for row_id, rtype in db.execute("SELECT row_id, resource_type FROM sync_remote").fetchall():
        sealed = seal_text(keys, "identity", str(rtype), "sync_remote", row_id)
        db.execute("UPDATE sync_remote SET resource_type = ? WHERE row_id = ?", [sealed, row_id])
    for issue_id, rtype, key_id, blob in db.execute(
        "SELECT id, resource_type, key_id, blob FROM sync_issues"
    ).fetchall():
        sealer = _sealer(keys, key_id)
        with contextlib.suppress(CarnetError):
            if sealer is not None:
                blob = sealer.seal(
                    pad_json(sealer.open(blob, "sync_issues", issue_id)), "sync_issues", issue_id
                )
        sealed = seal_text(keys, "identity", str(rtype or ""), "sync_issues", issue_id)
        db.execute(
            "UPDATE sync_issues SET resource_type = ?, blob = ? WHERE id = ?", [sealed, blob, issue_id]
        )

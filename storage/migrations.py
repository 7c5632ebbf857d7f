"""Versioned schema changes. Each is a named function, applied in one transaction with its version row.

Steps listed in ``NEEDS_KEYS`` re-seal rows: they run only once the vault's keys are known (the vault
opens its database before knowing them, to check the key against it), so ``migrate`` stops before the
first such step when called without keys, and the vault calls it again right after unlocking.
See README "What stays in clear" for what the tables keep in clear after the last step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from storage import tx
from storage.upgrade import seal_index_metadata, seal_sync_metadata


def create_vault_tables(db: Database) -> None:
    db.table("meta").create({"key": str, "value": bytes}, pk="key")
    db.table("keys").create({"id": str, "wrapped": bytes}, pk="id")
    db.table("identities").create({"id": str, "blob": bytes}, pk="id")
    db.table("records").create(
        {
            "id": str,
            "profile_id": str,
            "kind": str,
            "month": str,
            "version": int,
            "deleted": int,
            "blob": bytes,
        },
        pk="id",
        defaults={"version": 1, "deleted": 0},
    )
    db.table("records").create_index(
        ["profile_id", "kind", "month"], index_name="records_by_profile_kind_month"
    )
    db.table("attachments").create({"id": str, "profile_id": str, "blob": bytes}, pk="id")
    db.table("attachments").create_index(["profile_id"], index_name="attachments_by_profile")


def add_sync_outbox(db: Database) -> None:
    # Written in the same transaction as the change it describes, so no change escapes the sync.
    db.execute(
        "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, row_table TEXT NOT NULL, "
        "row_id TEXT NOT NULL, profile_id TEXT NOT NULL, op TEXT NOT NULL, version INTEGER NOT NULL)"
    )
    db.table("sync_state").create({"key": str, "value": str}, pk="key")


def add_sync_tables(db: Database) -> None:
    # The server's version of each record last exchanged with it: the If-Match of its next update.
    db.table("sync_remote").create(
        {"row_id": str, "profile_id": str, "resource_type": str, "version": str}, pk="row_id"
    )
    # Conflicts (both versions kept until the user chooses), changes the server refused for good and
    # resources from the server that failed validation. Ids and kind in clear, the content sealed.
    db.table("sync_issues").create(
        dict.fromkeys(
            ("id", "kind", "row_table", "row_id", "profile_id", "resource_type", "key_id", "at"), str
        )
        | {"blob": bytes},
        pk="id",
    )
    db.table("sync_issues").create_index(["kind", "row_id"], index_name="sync_issues_by_kind_row")


def add_reminder_deliveries(db: Database) -> None:
    # One row per reminder delivered, so that none is shown twice, even after a restart. What it was
    # about (item, date, text) is sealed with the profile's key; only a random id and the profile are clear.
    db.table("reminder_deliveries").create({"id": str, "profile_id": str, "blob": bytes}, pk="id")
    db.table("reminder_deliveries").create_index(["profile_id"], index_name="reminder_deliveries_by_profile")


def add_access_log(db: Database) -> None:
    # Append-only: each entry is sealed with its profile's key (bound to its sequence number and the previous
    # hash) and chained by hash; only the sequence, the random profile id and the hashes are clear.
    # The triggers refuse UPDATE and DELETE, so only a hand-edited file can change it (and breaks the chain).
    db.execute(
        "CREATE TABLE access_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, profile_id TEXT NOT NULL, "
        "prev_hash TEXT NOT NULL, blob BLOB NOT NULL, hash TEXT NOT NULL)"
    )
    db.execute(
        "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log "
        "BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log "
        "BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END"
    )


def add_trash(db: Database) -> None:
    # The Corbeille: records deleted on another device, kept 30 days (storage/trash.py). Only the record's
    # random id and its profile's are clear; what it was, when it went, and a document's bytes are sealed.
    db.table("trash").create({"id": str, "profile_id": str, "blob": bytes, "data": bytes}, pk="id")
    db.table("trash").create_index(["profile_id"], index_name="trash_by_profile")


MIGRATIONS: list[Callable[..., None]] = [
    create_vault_tables,
    add_sync_outbox,
    add_sync_tables,
    add_reminder_deliveries,
    add_access_log,
    seal_index_metadata,
    seal_sync_metadata,
    add_trash,
]
NEEDS_KEYS: set[Callable[..., None]] = {seal_index_metadata, seal_sync_metadata}


def current_version(db: Database) -> int:
    if "schema_migrations" not in db.table_names():
        return 0
    row = db.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(db: Database, keys: Any = None, now: datetime | None = None) -> list[str]:
    """Apply the missing migrations in order; returns the names applied. ``keys``: the unlocked vault,
    for the steps that re-seal rows; without it, migration stops before the first of them."""
    if "schema_migrations" not in db.table_names():
        with tx.immediate(db):
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
            )
    applied = []
    for version, step in enumerate(MIGRATIONS, start=1):
        if version <= current_version(db):
            continue
        if step in NEEDS_KEYS and keys is None:
            break
        with tx.immediate(db):  # the write lock first: another process may be migrating the same file
            if version <= current_version(db):
                continue  # it did, while this one waited
            step(db, keys) if step in NEEDS_KEYS else step(db)
            stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
            db.table("schema_migrations").insert(
                {"version": version, "name": step.__name__, "applied_at": stamp}
            )
        applied.append(step.__name__)
    return applied

"""Write transactions that take SQLite's write lock when they begin.

A deferred ``BEGIN`` takes the lock at the first write: if another connection committed in between,
SQLite refuses at once with "database is locked" (the snapshot is stale), whatever the busy timeout.
``BEGIN IMMEDIATE`` takes the lock first, so a second writer waits (up to the busy timeout) and then
succeeds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

# How long a writer waits for another one to commit (a sync pull commits every 500 resources).
BUSY_TIMEOUT_S = 30.0


def begin(db: Database) -> None:
    db.execute("BEGIN IMMEDIATE")


@contextmanager
def immediate(db: Database) -> Iterator[Database]:
    """One write transaction: committed at the end of the block, rolled back on any error."""
    begin(db)
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise


def checkpoint(db: Database) -> None:
    """Copies the write-ahead log into the database file and empties it, so that rows just deleted (their
    freed pages zeroed by ``secure_delete``) no longer sit in the -wal file."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

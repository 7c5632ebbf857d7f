"""What the sync keeps in the vault: server versions, pending changes, conflicts, refusals, quarantine.

Functions take the vault and run inside the caller's transaction. Conflicts, refusals and quarantined
resources keep their content (a server's version of a record, its diagnostics) sealed: with the
profile's data key when the row belongs to a profile, with the identity key otherwise.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from domain.errors import CarnetError
from storage.fields import open_text, pad_json, seal_text
from storage.keys import keyring_usable
from storage.vault import Vault

CONFLICT, REJECTED, QUARANTINE = "conflict", "rejected", "quarantine"
WAITING = "waiting"  # a record from the server whose Patient has not come yet (later in the same history)
TOKEN_SERVICE = "carnet-sync"


@dataclass(frozen=True, slots=True)
class Change:
    """The latest pending operation on one row, and every outbox entry it stands for."""

    row_table: str
    row_id: str
    profile_id: str
    op: str
    seqs: tuple[int, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class SyncIssue:
    id: str
    kind: str
    row_table: str
    row_id: str
    profile_id: str
    resource_type: str
    at: str
    content: dict[str, Any]


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- key/value state -----------------------------------------------------------------------------
def get_state(vault: Vault, key: str, default: str = "") -> str:
    row = vault.db.execute("SELECT value FROM sync_state WHERE key = ?", [key]).fetchone()
    value = open_text(vault, "identity", row[0], "sync_state", key) if row else None
    return default if value is None else value


def set_state(vault: Vault, key: str, value: str) -> None:
    sealed = seal_text(vault, "identity", value, "sync_state", key)
    vault.db.execute("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", [key, sealed])


# -- outbox ----------------------------------------------------------------------------------------
def pending_changes(vault: Vault, limit: int | None = None) -> list[Change]:
    """One Change per row, in the order of its first entry, carrying its last operation."""
    rows = vault.db.execute(
        "SELECT seq, row_table, row_id, profile_id, op FROM outbox ORDER BY seq"
    ).fetchall()
    by_row: dict[str, Change] = {}
    for seq, table, row_id, profile_id, op in rows:
        old = by_row.get(row_id)
        by_row[row_id] = Change(table, row_id, profile_id, op, (*(old.seqs if old else ()), seq))
    changes = list(by_row.values())
    return changes[:limit] if limit is not None else changes


def pending_count(vault: Vault) -> int:
    return int(vault.db.execute("SELECT COUNT(DISTINCT row_id) FROM outbox").fetchone()[0])


def has_pending(vault: Vault, row_id: str) -> bool:
    return vault.db.execute("SELECT 1 FROM outbox WHERE row_id = ? LIMIT 1", [row_id]).fetchone() is not None


def settle(vault: Vault, seqs: Iterable[int]) -> None:
    """The outbox entries are done with (sent, or moved to a visible list): only those, never a later edit."""
    vault.db.conn.executemany("DELETE FROM outbox WHERE seq = ?", [(s,) for s in seqs])


def requeue(vault: Vault, change: Change) -> None:
    vault.db.execute(
        "INSERT INTO outbox (row_table, row_id, profile_id, op, version) VALUES (?, ?, ?, ?, 0)",
        [change.row_table, change.row_id, change.profile_id, change.op],
    )


def requeue_profile(vault: Vault, profile_id: str) -> None:
    """Outbox entries that send a profile and every live record of it again (identity first)."""
    requeue(vault, Change("identities", profile_id, profile_id, "put"))
    vault.db.execute(
        "INSERT INTO outbox (row_table, row_id, profile_id, op, version) "
        "SELECT 'records', id, profile_id, 'put', version FROM records WHERE profile_id = ? AND deleted = 0",
        [profile_id],
    )


def drop_tombstone(vault: Vault, row_id: str) -> None:
    """The empty row a deletion leaves, before the same record is written again."""
    vault.db.execute("DELETE FROM records WHERE id = ? AND deleted = 1", [row_id])


# -- server versions -------------------------------------------------------------------------------
def remote_version(vault: Vault, row_id: str) -> str | None:
    row = vault.db.execute("SELECT version FROM sync_remote WHERE row_id = ?", [row_id]).fetchone()
    return str(row[0]) if row else None


def set_remote(vault: Vault, row_id: str, profile_id: str, resource_type: str, version: str) -> None:
    vault.db.execute(
        "INSERT OR REPLACE INTO sync_remote (row_id, profile_id, resource_type, version) VALUES (?, ?, ?, ?)",
        [row_id, profile_id, seal_text(vault, "identity", resource_type, "sync_remote", row_id), version],
    )


def forget_remote(vault: Vault, row_id: str) -> None:
    vault.db.execute("DELETE FROM sync_remote WHERE row_id = ?", [row_id])


def forget_profile_remote(vault: Vault, profile_id: str) -> None:
    """The server holds none of this profile any more: its next push creates everything again."""
    vault.db.execute("DELETE FROM sync_remote WHERE profile_id = ?", [profile_id])


def remote_rows_of(vault: Vault, profile_id: str) -> list[tuple[str, str]]:
    """(resource type, id) of every record of a profile that the server holds."""
    sql = "SELECT resource_type, row_id FROM sync_remote WHERE profile_id = ? AND row_id != ?"
    rows = vault.db.execute(sql, [profile_id, profile_id]).fetchall()
    return [(open_text(vault, "identity", t, "sync_remote", i) or "", str(i)) for t, i in rows]


# -- conflicts, refusals, quarantine ---------------------------------------------------------------
def _key_id(vault: Vault, profile_id: str) -> str:
    has_key = profile_id and vault.db.execute("SELECT 1 FROM keys WHERE id = ?", [profile_id]).fetchone()
    return profile_id if has_key else "identity"


def add_issue(
    vault: Vault, kind: str, change: Change | None, resource_type: str, content: dict[str, Any], **ids: str
) -> str:
    issue_id = os.urandom(16).hex()
    row_table = change.row_table if change else ids.get("row_table", "")
    row_id = change.row_id if change else ids.get("row_id", "")
    profile_id = change.profile_id if change else ids.get("profile_id", "")
    key_id = _key_id(vault, profile_id)
    plain = pad_json(json.dumps(content, ensure_ascii=False).encode())
    blob = vault.sealer(key_id).seal(plain, "sync_issues", issue_id)
    resource_type = seal_text(vault, "identity", resource_type, "sync_issues", issue_id)
    vault.db.execute(
        "INSERT INTO sync_issues (id, kind, row_table, row_id, profile_id, resource_type, key_id, at, blob) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [issue_id, kind, row_table, row_id, profile_id, resource_type, key_id, now_text(), blob],
    )
    return issue_id


def issues(
    vault: Vault,
    kind: str | None = None,
    row_id: str | None = None,
    *,
    profile_id: str | None = None,
    with_content: bool = True,
) -> list[SyncIssue]:
    sql = "SELECT id, kind, row_table, row_id, profile_id, resource_type, key_id, at, blob FROM sync_issues"
    where, params = [], []
    for column, value in (("kind", kind), ("row_id", row_id), ("profile_id", profile_id)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY at, id"
    found = []
    for issue_id, k, table, rid, pid, rtype, key_id, at, blob in vault.db.execute(sql, params).fetchall():
        content = {}
        try:
            if with_content:
                content = json.loads(vault.sealer(key_id).open(blob, "sync_issues", issue_id))
        except CarnetError:  # the profile was deleted since: its key, and so this content, are gone
            content = {}
        rtype = open_text(vault, "identity", rtype, "sync_issues", issue_id) or ""
        found.append(SyncIssue(issue_id, k, table, rid, pid, rtype, at, content))
    return found


def replace_issue_content(vault: Vault, issue: SyncIssue, content: dict[str, Any]) -> None:
    key_id = _key_id(vault, issue.profile_id)
    blob = vault.sealer(key_id).seal(pad_json(json.dumps(content).encode()), "sync_issues", issue.id)
    vault.db.execute("UPDATE sync_issues SET blob = ?, key_id = ? WHERE id = ?", [blob, key_id, issue.id])


def retag(vault: Vault, issue_id: str, kind: str) -> None:
    vault.db.execute("UPDATE sync_issues SET kind = ? WHERE id = ?", [kind, issue_id])


def drop_issue(vault: Vault, issue_id: str) -> None:
    vault.db.execute("DELETE FROM sync_issues WHERE id = ?", [issue_id])


def issue_counts(vault: Vault) -> dict[str, int]:
    """Per kind; the three lists of the sync always present, other markers (deleted_elsewhere) if any."""
    rows = vault.db.execute("SELECT kind, COUNT(*) FROM sync_issues GROUP BY kind").fetchall()
    return {CONFLICT: 0, REJECTED: 0, QUARANTINE: 0} | {str(k): int(n) for k, n in rows}


# -- the access token ------------------------------------------------------------------------------
def save_token(vault: Vault, server: str, token: str) -> None:
    """In the OS keyring where one answers; otherwise sealed in the vault with the identity key."""
    if keyring_usable():
        import keyring

        keyring.set_password(TOKEN_SERVICE, server, token)
        set_state(vault, "token", "")
        return
    sealed = vault.sealer("identity").seal(token.encode(), "sync_state", "token")
    set_state(vault, "token", sealed.hex())


def load_token(vault: Vault, server: str) -> str | None:
    sealed = get_state(vault, "token")
    if sealed:
        return vault.sealer("identity").open(bytes.fromhex(sealed), "sync_state", "token").decode()
    if keyring_usable():
        import keyring

        return keyring.get_password(TOKEN_SERVICE, server)
    return None

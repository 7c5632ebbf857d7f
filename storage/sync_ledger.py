"""What the sync keeps in the vault besides the records: its state, the server's version of each row, and
the issues it keeps for the user (conflicts, refusals, quarantine, waiting records, profiles deleted
elsewhere). The outbox, written with every change, is ``storage.repositories.Outbox``.

The repositories run inside the caller's unit of work (they never commit). Values are sealed: the state's
values and the FHIR types with the identity key (padded to one size, storage.fields); an issue's content
(a server's version of a record, its diagnostics) with the profile's data key when the row belongs to a
profile that still has one, with the identity key otherwise.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from domain.errors import CarnetError
from storage.fields import open_text, pad_json, seal_text
from storage.repositories import Change
from storage.vault import Vault

CONFLICT, REJECTED, QUARANTINE = "conflict", "rejected", "quarantine"
WAITING = "waiting"  # a record from the server whose Patient has not come yet (later in the same history)
DELETED_ELSEWHERE = "deleted_elsewhere"  # a profile the server deleted, waiting for the user's choice


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SyncState:
    """Named values (server address, last error, the history cursor...), sealed with the identity key."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def get(self, key: str, default: str = "") -> str:
        row = self.vault.db.execute("SELECT value FROM sync_state WHERE key = ?", [key]).fetchone()
        value = open_text(self.vault, "identity", row[0], "sync_state", key) if row else None
        return default if value is None else value

    def set(self, key: str, value: str) -> None:
        sealed = seal_text(self.vault, "identity", value, "sync_state", key)
        self.vault.db.execute("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", [key, sealed])

    def set_secret(self, key: str, value: str) -> None:
        """A secret of any length (the access token): sealed whole, then kept as a state value."""
        self.set(key, self.vault.sealer("identity").seal(value.encode(), "sync_state", key).hex())

    def secret(self, key: str) -> str | None:
        sealed = self.get(key)
        if not sealed:
            return None
        return self.vault.sealer("identity").open(bytes.fromhex(sealed), "sync_state", key).decode()


class RemoteVersions:
    """The server's version of each row last exchanged with it: the If-Match of its next update."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def version(self, row_id: str) -> str | None:
        row = self.vault.db.execute("SELECT version FROM sync_remote WHERE row_id = ?", [row_id]).fetchone()
        return str(row[0]) if row else None

    def set(self, row_id: str, profile_id: str, resource_type: str, version: str) -> None:
        sealed = seal_text(self.vault, "identity", resource_type, "sync_remote", row_id)
        self.vault.db.execute(
            "INSERT OR REPLACE INTO sync_remote (row_id, profile_id, resource_type, version) "
            "VALUES (?, ?, ?, ?)",
            [row_id, profile_id, sealed, version],
        )

    def resource_type(self, row_id: str) -> str | None:
        """The resource type the server held a row as when last exchanged; None: never exchanged."""
        row = self.vault.db.execute(
            "SELECT resource_type FROM sync_remote WHERE row_id = ?", [row_id]
        ).fetchone()
        return open_text(self.vault, "identity", row[0], "sync_remote", row_id) if row else None

    def forget(self, row_id: str) -> None:
        self.vault.db.execute("DELETE FROM sync_remote WHERE row_id = ?", [row_id])

    def forget_profile(self, profile_id: str) -> None:
        """The server holds none of this profile any more: its next push creates everything again."""
        self.vault.db.execute("DELETE FROM sync_remote WHERE profile_id = ?", [profile_id])

    def rows_of(self, profile_id: str) -> list[tuple[str, str]]:
        """(resource type, id) of every record of a profile that the server holds."""
        sql = "SELECT resource_type, row_id FROM sync_remote WHERE profile_id = ? AND row_id != ?"
        rows = self.vault.db.execute(sql, [profile_id, profile_id]).fetchall()
        return [(open_text(self.vault, "identity", t, "sync_remote", i) or "", str(i)) for t, i in rows]


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


class SyncIssues:
    """Conflicts, refusals, quarantined resources and the other markers of the sync: ids and kind in clear,
    the content sealed (padded)."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def _key_id(self, profile_id: str) -> str:
        return profile_id if profile_id and self.vault.holds_key(profile_id) else "identity"

    def add(
        self, kind: str, change: Change | None, resource_type: str, content: dict[str, Any], **ids: str
    ) -> str:
        issue_id = os.urandom(16).hex()
        row_table = change.row_table if change else ids.get("row_table", "")
        row_id = change.row_id if change else ids.get("row_id", "")
        profile_id = change.profile_id if change else ids.get("profile_id", "")
        key_id = self._key_id(profile_id)
        plain = pad_json(json.dumps(content, ensure_ascii=False).encode())
        blob = self.vault.sealer(key_id).seal(plain, "sync_issues", issue_id)
        rtype = seal_text(self.vault, "identity", resource_type, "sync_issues", issue_id)
        self.vault.db.execute(
            "INSERT INTO sync_issues (id, kind, row_table, row_id, profile_id, resource_type, key_id, at, "
            "blob) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [issue_id, kind, row_table, row_id, profile_id, rtype, key_id, now_text(), blob],
        )
        return issue_id

    def list(
        self,
        kind: str | None = None,
        row_id: str | None = None,
        *,
        profile_id: str | None = None,
        with_content: bool = True,
    ) -> list[SyncIssue]:
        columns = "id, kind, row_table, row_id, profile_id, resource_type, key_id, at, blob"
        sql = f"SELECT {columns} FROM sync_issues"
        where, params = [], []
        for column, value in (("kind", kind), ("row_id", row_id), ("profile_id", profile_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY at, id"
        found = []
        for issue_id, k, table, rid, pid, rtype, key_id, at, blob in self.vault.db.execute(sql, params):
            content = self._content(issue_id, key_id, blob) if with_content else {}
            rtype = open_text(self.vault, "identity", rtype, "sync_issues", issue_id) or ""
            found.append(SyncIssue(issue_id, k, table, rid, pid, rtype, at, content))
        return found

    def _content(self, issue_id: str, key_id: str, blob: bytes) -> dict[str, Any]:
        try:
            plain = self.vault.sealer(key_id).open(blob, "sync_issues", issue_id)
            content: dict[str, Any] = json.loads(plain)
        except CarnetError:  # the profile was deleted since: its key, and so this content, are gone
            return {}
        return content

    def replace_content(self, issue: SyncIssue, content: dict[str, Any]) -> None:
        key_id = self._key_id(issue.profile_id)
        plain = pad_json(json.dumps(content).encode())
        blob = self.vault.sealer(key_id).seal(plain, "sync_issues", issue.id)
        self.vault.db.execute(
            "UPDATE sync_issues SET blob = ?, key_id = ? WHERE id = ?", [blob, key_id, issue.id]
        )

    def retag(self, issue_id: str, kind: str) -> None:
        self.vault.db.execute("UPDATE sync_issues SET kind = ? WHERE id = ?", [kind, issue_id])

    def drop(self, issue_id: str) -> None:
        self.vault.db.execute("DELETE FROM sync_issues WHERE id = ?", [issue_id])

    def counts(self) -> dict[str, int]:
        """Per kind; the three lists of the sync always present, other markers (deleted_elsewhere) if any."""
        rows = self.vault.db.execute("SELECT kind, COUNT(*) FROM sync_issues GROUP BY kind").fetchall()
        return {CONFLICT: 0, REJECTED: 0, QUARANTINE: 0} | {str(k): int(n) for k, n in rows}

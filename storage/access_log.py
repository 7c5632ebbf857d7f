"""The access history's chain: append-only, each entry sealed with its profile's data key and chained by hash.

``hash = sha256(prev_hash | seq | profile | ciphertext)``, and the ciphertext is sealed with ``seq`` and
``prev_hash`` as associated data, so an entry cannot be edited, removed from the middle, re-ordered or
re-chained without the key. The table refuses UPDATE and DELETE (SQLite triggers, storage/migrations.py);
``verify`` finds the first link broken by hand-editing the file. Known limit: dropping the newest entries
at the tail of the chain is not detectable from the file alone. The caller's unit of work commits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from domain.errors import N_, CarnetError
from storage.fields import pad_json
from storage.vault import Vault

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AccessEntry:
    seq: int
    at: datetime
    who: str
    action: str
    kind: str
    record_id: str
    label: str


@dataclass(frozen=True, slots=True)
class ChainCheck:
    ok: bool
    checked: int
    broken_at: int | None = None  # the sequence number of the first entry that fails
    reason: str = ""


def link_hash(prev_hash: str, seq: int, profile_id: str, blob: bytes) -> str:
    head = f"{prev_hash}|{seq}|{profile_id}|".encode()
    return hashlib.sha256(head + blob).hexdigest()


def _aad_id(seq: int, prev_hash: str) -> str:
    return f"{seq}:{prev_hash}"


class AccessLog:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def append(self, profile_id: str, entry: AccessEntry) -> int:
        """Adds ``entry`` (its ``seq`` is ignored) at the end of the chain; returns its sequence number."""
        db = self.vault.db
        last = db.execute("SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
        data = {
            "at": entry.at.isoformat(),
            "who": entry.who,
            "action": entry.action,
            "kind": entry.kind,
            "record_id": entry.record_id,
            "label": entry.label,
        }
        plain = pad_json(json.dumps(data, ensure_ascii=False).encode("utf-8"))  # its size says nothing
        blob = self.vault.sealer(profile_id).seal(plain, "access_log", _aad_id(seq, prev_hash))
        db.execute(
            "INSERT INTO access_log (seq, profile_id, prev_hash, blob, hash) VALUES (?, ?, ?, ?, ?)",
            [seq, profile_id, prev_hash, blob, link_hash(prev_hash, seq, profile_id, blob)],
        )
        return int(seq)

    def entries(self, profile_id: str, limit: int = 200) -> list[AccessEntry]:
        """The profile's entries, newest first; entries that no longer open (a deleted key) are left out."""
        rows = self.vault.db.execute(
            "SELECT seq, prev_hash, blob FROM access_log WHERE profile_id = ? ORDER BY seq DESC LIMIT ?",
            [profile_id, limit],
        ).fetchall()
        found = []
        for seq, prev_hash, blob in rows:
            try:
                plain = self.vault.sealer(profile_id).open(blob, "access_log", _aad_id(seq, prev_hash))
                data = json.loads(plain)
            except (CarnetError, ValueError):
                continue
            at = datetime.fromisoformat(data["at"])
            found.append(
                AccessEntry(
                    seq,
                    at,
                    data["who"],
                    data["action"],
                    data["kind"],
                    data["record_id"],
                    data.get("label", ""),
                )
            )
        return found

    def verify(self) -> ChainCheck:
        """Walks the whole chain; reports the first entry whose link or seal is broken."""
        prev_hash, checked = GENESIS, 0
        rows = self.vault.db.execute(
            "SELECT seq, profile_id, prev_hash, blob, hash FROM access_log ORDER BY seq"
        )
        for seq, profile_id, stored_prev, blob, stored_hash in rows:
            if stored_prev != prev_hash:
                return ChainCheck(False, checked, seq, N_("The entry does not follow the previous one."))
            if link_hash(prev_hash, seq, profile_id, blob) != stored_hash:
                return ChainCheck(False, checked, seq, N_("The entry was changed after it was written."))
            if not self._seal_holds(profile_id, seq, prev_hash, blob):
                return ChainCheck(False, checked, seq, N_("The entry's seal is broken."))
            prev_hash, checked = stored_hash, checked + 1
        return ChainCheck(True, checked)

    def _seal_holds(self, profile_id: str, seq: int, prev_hash: str, blob: bytes) -> bool:
        opener: Callable[[bytes, str, str], bytes]
        try:
            opener = self.vault.sealer(profile_id).open
        except CarnetError:
            return True  # the profile was deleted with its key: only the hash chain can be checked
        try:
            opener(blob, "access_log", _aad_id(seq, prev_hash))
        except CarnetError:
            return False
        return True

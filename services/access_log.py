"""Historique des accès: an append-only log of every read and change done through the services.

Each entry (who, what, when, which record) is sealed with its profile's data key, so the log holds no
health plaintext at rest. Entries are chained: ``hash = sha256(prev_hash | seq | profile | ciphertext)``,
and the ciphertext is sealed with ``seq`` and ``prev_hash`` as associated data, so an entry cannot be
edited, removed from the middle, re-ordered or re-chained without the key. The table refuses UPDATE and
DELETE (SQLite triggers); ``verify`` finds the first link broken by hand-editing the file.
Known limit: dropping the newest entries at the tail of the chain is not detectable from the file alone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from domain.errors import CarnetError, ValidationError
from services.i18n import N_
from storage.fields import pad_json
from storage.uow import UnitOfWork, records_of
from storage.vault import Vault

ACTORS = ("me", "professional", "sync")
GENESIS = "0" * 64
ACTION_NAMES = {
    "add": N_("added"),
    "update": N_("changed"),
    "delete": N_("deleted"),
    "restore": N_("restored"),
    "read": N_("opened"),
    "export": N_("saved a copy"),
    "mask": N_("masked"),
    "unmask": N_("unmasked"),
}


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


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _link_hash(prev_hash: str, seq: int, profile_id: str, blob: bytes) -> str:
    head = f"{prev_hash}|{seq}|{profile_id}|".encode()
    return hashlib.sha256(head + blob).hexdigest()


def _aad_id(seq: int, prev_hash: str) -> str:
    return f"{seq}:{prev_hash}"


def append(
    vault: Vault,
    profile_id: str,
    who: str,
    action: str,
    kind: str,
    record_id: str,
    label: str = "",
    at: datetime | None = None,
) -> int:
    """Adds one entry; call it inside the unit of work of the change it describes (it never commits)."""
    if who not in ACTORS:
        raise ValidationError("Unknown actor {who!r}.", who=who)
    db = vault.db
    last = db.execute("SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
    entry = {
        "at": (at or now_utc()).isoformat(),
        "who": who,
        "action": action,
        "kind": kind,
        "record_id": record_id,
        "label": label,
    }
    plain = pad_json(json.dumps(entry, ensure_ascii=False).encode("utf-8"))  # its size says nothing
    blob = vault.sealer(profile_id).seal(plain, "access_log", _aad_id(seq, prev_hash))
    db.execute(
        "INSERT INTO access_log (seq, profile_id, prev_hash, blob, hash) VALUES (?, ?, ?, ?, ?)",
        [seq, profile_id, prev_hash, blob, _link_hash(prev_hash, seq, profile_id, blob)],
    )
    return int(seq)


def log_access(
    vault: Vault, profile_id: str, who: str, action: str, kind: str, record_id: str, label: str = ""
) -> None:
    """A read, logged in its own small transaction."""
    with UnitOfWork(vault) as uow:
        append(vault, profile_id, who, action, kind, record_id, label)
        uow.commit()


def entries(vault: Vault, profile_id: str, limit: int = 200) -> list[AccessEntry]:
    """The profile's entries, newest first; entries that no longer open (a deleted key) are left out."""
    rows = vault.db.execute(
        "SELECT seq, prev_hash, blob FROM access_log WHERE profile_id = ? ORDER BY seq DESC LIMIT ?",
        [profile_id, limit],
    ).fetchall()
    found = []
    for seq, prev_hash, blob in rows:
        try:
            data = json.loads(vault.sealer(profile_id).open(blob, "access_log", _aad_id(seq, prev_hash)))
        except (CarnetError, ValueError):
            continue
        found.append(
            AccessEntry(
                seq,
                datetime.fromisoformat(data["at"]),
                data["who"],
                data["action"],
                data["kind"],
                data["record_id"],
                data.get("label", ""),
            )
        )
    return found


def new_documents(vault: Vault, profile_id: str, since: datetime, limit: int = 5) -> list[AccessEntry]:
    """« Nouveau document » events: documents added since ``since`` that are still there, newest first."""
    present = set(records_of(vault).ids(profile_id, "document"))
    added = [
        e
        for e in entries(vault, profile_id)
        if e.action == "add" and e.kind == "document" and e.at >= since and e.record_id in present
    ]
    return added[:limit]


def verify(vault: Vault) -> ChainCheck:
    """Walks the whole chain; reports the first entry whose link or seal is broken."""
    prev_hash, checked = GENESIS, 0
    rows = vault.db.execute("SELECT seq, profile_id, prev_hash, blob, hash FROM access_log ORDER BY seq")
    for seq, profile_id, stored_prev, blob, stored_hash in rows:
        if stored_prev != prev_hash:
            return ChainCheck(False, checked, seq, N_("The entry does not follow the previous one."))
        if _link_hash(prev_hash, seq, profile_id, blob) != stored_hash:
            return ChainCheck(False, checked, seq, N_("The entry was changed after it was written."))
        if not _seal_holds(vault, profile_id, seq, prev_hash, blob):
            return ChainCheck(False, checked, seq, N_("The entry's seal is broken."))
        prev_hash, checked = stored_hash, checked + 1
    return ChainCheck(True, checked)


def _seal_holds(vault: Vault, profile_id: str, seq: int, prev_hash: str, blob: bytes) -> bool:
    opener: Callable[[bytes, str, str], bytes]
    try:
        opener = vault.sealer(profile_id).open
    except CarnetError:
        return True  # the profile was deleted with its key: only the hash chain can be checked
    try:
        opener(blob, "access_log", _aad_id(seq, prev_hash))
    except CarnetError:
        return False
    return True

"""keyfile.json: the vault key wrapped by a key derived from the passphrase.

Everything read from it is checked before use (types, base64, lengths, key derivation bounds), so a
damaged or tampered file is refused with one line instead of a crash or a 16 GB allocation.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from domain.errors import CarnetError, WrongPassphraseError
from storage import crypto

FORMAT = 2  # 1: scrypt only (before 2026-12); 2: Argon2id, scrypt still read
WRAPPED_BYTES = crypto.NONCE_BYTES + crypto.KEY_BYTES + 16
MAX_FILE_BYTES = 4096


@dataclass(frozen=True, slots=True)
class KeyFile:
    vault_id: str
    kdf: dict[str, Any]
    salt: bytes
    wrapped: bytes


def write(path: Path, vault_id: str, vault_key: bytes, passphrase: str) -> None:
    """Wraps ``vault_key`` with the current parameters; atomic: the old file works until the new one does."""
    salt, kdf = os.urandom(16), crypto.current_kdf()
    kek = crypto.derive_key(passphrase, salt, kdf)
    wrapped = crypto.Sealer(kek).seal(vault_key, "keyfile", vault_id)
    content = {
        "format": FORMAT,
        "vault_id": vault_id,
        "kdf": kdf,
        "salt": base64.b64encode(salt).decode(),
        "wrapped_vault_key": base64.b64encode(wrapped).decode(),
    }
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")  # two unlocks at once
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(json.dumps(content, indent=1))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read(path: Path) -> KeyFile:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise ValueError("too large")
        data = json.loads(raw)
        return _parse(data)
    except (OSError, ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise CarnetError(
            "The key file {path} is damaged or was tampered with; it is refused.", path=str(path)
        ) from exc


def _parse(data: Any) -> KeyFile:
    if not isinstance(data, dict) or data.get("format", 1) not in (1, FORMAT):
        raise ValueError("unknown format")
    vault_id = data["vault_id"]
    if not isinstance(vault_id, str) or len(vault_id) != 32 or not _is_hex(vault_id):
        raise ValueError("bad vault id")
    kdf = crypto.check_kdf(data["kdf"])
    salt = _b64(data["salt"])
    if not crypto.SALT_BYTES[0] <= len(salt) <= crypto.SALT_BYTES[1]:
        raise ValueError("bad salt length")
    wrapped = _b64(data["wrapped_vault_key"])
    if len(wrapped) != WRAPPED_BYTES:
        raise ValueError("bad wrapped key length")
    return KeyFile(vault_id, kdf, salt, wrapped)


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


def _b64(value: Any) -> bytes:
    if not isinstance(value, str):
        raise ValueError("not base64 text")
    return base64.b64decode(value, validate=True)


def unwrap(keyfile: KeyFile, passphrase: str) -> bytes:
    """The vault key; WrongPassphraseError when ``passphrase`` is not the one."""
    kek = crypto.derive_key(passphrase, keyfile.salt, keyfile.kdf)
    try:
        return crypto.Sealer(kek).open(keyfile.wrapped, "keyfile", keyfile.vault_id)
    except CarnetError as exc:
        raise WrongPassphraseError() from exc

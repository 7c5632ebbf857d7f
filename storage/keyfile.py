"""keyfile.json: the vault key wrapped by a key derived from the passphrase, and optionally, a second
time, by a key derived from the recovery key (a random code printed once for the owner to keep on paper).

Everything read from it is checked before use (types, base64, lengths, key derivation bounds), so a
damaged or tampered file is refused with one line instead of a crash or a 16 GB allocation.

The recovery key has 160 random bits, so a fast derivation (HKDF-SHA256 with a random salt) is enough:
guessing it is out of reach whatever the cost per guess. It is shown as 32 Crockford base32 characters
in 8 groups of 4, typed back without regard to case, dashes, spaces, or the letters O, I and L (read as
0, 1, 1). It is never stored: only what it wraps.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from domain.errors import CarnetError, StorageError, WrongPassphraseError, WrongRecoveryKeyError
from storage import crypto

FORMAT = 2  # 1: scrypt only (before 2026-12); 2: Argon2id, scrypt still read
WRAPPED_BYTES = crypto.NONCE_BYTES + crypto.KEY_BYTES + 16
MAX_FILE_BYTES = 4096


RECOVERY_BYTES = 20
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_INFO = b"carnet recovery key v1"


@dataclass(frozen=True, slots=True)
class Recovery:
    salt: bytes
    wrapped: bytes


@dataclass(frozen=True, slots=True)
class KeyFile:
    vault_id: str
    kdf: dict[str, Any]
    salt: bytes
    wrapped: bytes
    recovery: Recovery | None = None


def write(
    path: Path, vault_id: str, vault_key: bytes, passphrase: str, recovery: Recovery | None = None
) -> None:
    """Wraps ``vault_key`` with the current parameters, keeping ``recovery`` (the recovery key's own
    wrapping) as it is; atomic: the old file works until the new one does."""
    salt, kdf = os.urandom(16), crypto.current_kdf()
    kek = crypto.derive_key(passphrase, salt, kdf)
    wrapped = crypto.Sealer(kek).seal(vault_key, "keyfile", vault_id)
    _write_atomically(path, public_fields(KeyFile(vault_id, kdf, salt, wrapped, recovery)))


def write_recovery(path: Path, keyfile: KeyFile, recovery: Recovery) -> None:
    """The same file with a new recovery wrapping (the passphrase's wrapping is kept as it is)."""
    _write_atomically(path, public_fields(dataclasses.replace(keyfile, recovery=recovery)))


def public_fields(keyfile: KeyFile) -> dict[str, Any]:
    """The file's content as written (nothing secret: what opening needs besides the passphrase)."""
    fields: dict[str, Any] = {
        "format": FORMAT,
        "vault_id": keyfile.vault_id,
        "kdf": keyfile.kdf,
        "salt": base64.b64encode(keyfile.salt).decode(),
        "wrapped_vault_key": base64.b64encode(keyfile.wrapped).decode(),
    }
    if keyfile.recovery is not None:
        fields["recovery"] = {
            "kdf": "hkdf-sha256",
            "salt": base64.b64encode(keyfile.recovery.salt).decode(),
            "wrapped_vault_key": base64.b64encode(keyfile.recovery.wrapped).decode(),
        }
    return fields


def _write_atomically(path: Path, content: dict[str, Any]) -> None:
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
        raise StorageError(
            "The key file {path} is damaged or was tampered with; it is refused.", path=str(path)
        ) from exc


def parse(data: Any) -> KeyFile:
    """The key file held in a backup's header: the same checks as ``read``; ValueError when refused."""
    try:
        return _parse(data)
    except (KeyError, TypeError, binascii.Error) as exc:
        raise ValueError("not a key file") from exc


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
    return KeyFile(vault_id, kdf, salt, wrapped, _parse_recovery(data.get("recovery")))


def _parse_recovery(data: Any) -> Recovery | None:
    if data is None:
        return None
    if not isinstance(data, dict) or data.get("kdf") != "hkdf-sha256":
        raise ValueError("unknown recovery wrapping")
    salt, wrapped = _b64(data["salt"]), _b64(data["wrapped_vault_key"])
    if len(salt) != 16 or len(wrapped) != WRAPPED_BYTES:
        raise ValueError("bad recovery lengths")
    return Recovery(salt, wrapped)


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


# -- the recovery key --------------------------------------------------------------------------------------
def new_recovery(vault_id: str, vault_key: bytes) -> tuple[str, Recovery]:
    """A fresh recovery key (to show once) and its wrapping of ``vault_key`` (to store)."""
    secret, salt = os.urandom(RECOVERY_BYTES), os.urandom(16)
    wrapped = crypto.Sealer(_recovery_kek(secret, salt)).seal(vault_key, "keyfile-recovery", vault_id)
    return format_recovery_key(secret), Recovery(salt, wrapped)


def unwrap_recovery(keyfile: KeyFile, code: str) -> bytes:
    """The vault key; WrongRecoveryKeyError for a code that is not this vault's (or no recovery key)."""
    secret = parse_recovery_key(code)
    if keyfile.recovery is None or secret is None:
        raise WrongRecoveryKeyError()
    kek = _recovery_kek(secret, keyfile.recovery.salt)
    try:
        return crypto.Sealer(kek).open(keyfile.recovery.wrapped, "keyfile-recovery", keyfile.vault_id)
    except CarnetError as exc:
        raise WrongRecoveryKeyError() from exc


def _recovery_kek(secret: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=crypto.KEY_BYTES, salt=salt, info=RECOVERY_INFO).derive(
        secret
    )


def format_recovery_key(secret: bytes) -> str:
    number, text = int.from_bytes(secret, "big"), ""
    for _ in range(len(secret) * 8 // 5):
        number, digit = divmod(number, 32)
        text = CROCKFORD[digit] + text
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(code: str) -> bytes | None:
    """The 20 bytes of a typed recovery key; None when it cannot be one (wrong length or letters)."""
    cleaned = (code or "").upper().translate(str.maketrans("OIL", "011", " -_\t\n"))
    if len(cleaned) != RECOVERY_BYTES * 8 // 5 or any(c not in CROCKFORD for c in cleaned):
        return None
    number = 0
    for c in cleaned:
        number = number * 32 + CROCKFORD.index(c)
    return number.to_bytes(RECOVERY_BYTES, "big")

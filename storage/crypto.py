"""AES-256-GCM sealing with the row's address as associated data, and scrypt key derivation.

Each sealed value is ``nonce (12 bytes) || ciphertext || tag``. The associated data is
``b"<table>:<id>"``, so a ciphertext copied into another row (or another table) fails to open.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from domain.errors import IntegrityError

KEY_BYTES = 32
NONCE_BYTES = 12
# scrypt cost: about 0.1 s and 32 MiB here; enough to slow guessing, light enough for a phone.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def aad(table: str, row_id: str) -> bytes:
    return f"{table}:{row_id}".encode()


class Sealer:
    """Seals and opens values for the rows of one key."""

    __slots__ = ("_aead",)

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("AES-256 needs a 32-byte key")
        self._aead = AESGCM(key)

    def seal(self, plaintext: bytes, table: str, row_id: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)  # fresh for every write, never reused with this key
        return nonce + self._aead.encrypt(nonce, plaintext, aad(table, row_id))

    def open(self, sealed: bytes, table: str, row_id: str) -> bytes:
        try:
            return self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad(table, row_id))
        except (InvalidTag, ValueError, TypeError) as exc:
            raise IntegrityError(record=f"{table}/{row_id}") from exc


def derive_key(
    passphrase: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P
) -> bytes:
    return Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))

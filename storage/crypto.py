"""AES-256-GCM sealing bound to the row it belongs to, padding, keyed index tags, and key derivation.

Each sealed value is ``nonce (12 bytes) || ciphertext || tag``. The associated data is
``b"<table>:<id>[:<context>...]"``: a ciphertext copied into another row, another table, or the same row
with another version, profile, kind or deletion flag, fails to open.
"""

from __future__ import annotations

import hmac
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from domain.errors import IntegrityError

KEY_BYTES = 32
NONCE_BYTES = 12

# Argon2id with RFC 9106's second recommended setting (64 MiB, 3 passes, 4 lanes): stronger than OWASP's
# minimum (19 MiB, 2 passes) and than scrypt N=2^17, for about 0.11 s and 64 MiB here; scrypt N=2^17
# would take 0.3 s and 128 MiB, pushing the start-up process past its 200 MB target.
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_ITERATIONS = 3
ARGON2_LANES = 4

# Bounds for the parameters read from a key file: a tampered file must not make unlocking take gigabytes
# or minutes. The lower bounds are the weakest settings Carnet ever wrote (scrypt N=2^15 before 2026-12)
# and OWASP's minimum for Argon2id; tests lower them together with the cost itself.
MIN_ARGON2_MEMORY_KIB = 19 * 1024
MAX_ARGON2_MEMORY_KIB = 256 * 1024
MAX_ARGON2_ITERATIONS = 10
MAX_ARGON2_LANES = 8
MIN_SCRYPT_N = 2**15
MAX_SCRYPT_N = 2**18
MAX_SCRYPT_MEMORY = 256 * 1024 * 1024  # 128 * n * r bytes
SALT_BYTES = (16, 64)

INDEX_TAG_INFO = b"carnet/index-tags/v1"
TAG_BYTES = 16


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def aad(table: str, row_id: str, context: tuple[str, ...] = ()) -> bytes:
    # Ids are hex, kinds and tables are [a-z_], numbers are digits: ':' cannot occur inside a part.
    return ":".join((table, row_id, *context)).encode()


# -- padding -------------------------------------------------------------------------------------------
MIN_PADDED = 256
POWER_OF_TWO_UP_TO = 64 * 1024


def padded_size(length: int, minimum: int = MIN_PADDED) -> int:
    """At least ``minimum`` bytes (256: records and identities all look alike); powers of two up to
    64 KiB; above, Padmé (at most 12% more, and only O(log log n) bits of the size left to see)."""
    if length <= minimum:
        return minimum
    if length <= POWER_OF_TWO_UP_TO:
        return 1 << (length - 1).bit_length()
    exponent = length.bit_length() - 1
    low_bits = exponent - exponent.bit_length()
    mask = (1 << low_bits) - 1
    return (length + mask) & ~mask


def pad(data: bytes, minimum: int = MIN_PADDED) -> bytes:
    """ISO/IEC 7816-4 padding: 0x80 then zeros, up to the bucket size."""
    size = padded_size(len(data) + 1, minimum)
    return data + b"\x80" + bytes(size - len(data) - 1)


def unpad(data: bytes) -> bytes:
    """One copy of the value, whatever its size: the marker is looked for from the end."""
    marker = data.rfind(b"\x80")
    if marker < 0 or data.count(b"\x00", marker + 1) != len(data) - marker - 1:
        raise ValueError("bad padding")
    return data[:marker]


# -- sealing ---------------------------------------------------------------------------------------------
class Sealer:
    """Seals and opens values for the rows of one key."""

    __slots__ = ("_aead",)

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("AES-256 needs a 32-byte key")
        self._aead = AESGCM(key)

    def seal(
        self,
        plaintext: bytes,
        table: str,
        row_id: str,
        context: tuple[str, ...] = (),
        *,
        padded: bool = False,
    ) -> bytes:
        nonce = os.urandom(NONCE_BYTES)  # fresh for every write, never reused with this key
        data = pad(plaintext) if padded else plaintext
        return nonce + self._aead.encrypt(nonce, data, aad(table, row_id, context))

    def open(
        self, sealed: bytes, table: str, row_id: str, context: tuple[str, ...] = (), *, padded: bool = False
    ) -> bytes:
        try:
            data = self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad(table, row_id, context))
            return unpad(data) if padded else data
        except (InvalidTag, ValueError, TypeError) as exc:
            raise IntegrityError(record=f"{table}/{row_id}") from exc


class Tagger:
    """Keyed tags (HMAC-SHA256, truncated) that index rows without saying what they index.

    The tag key is derived from a profile's data key with HKDF, so no new key is stored, and a tag means
    nothing without that key: the same kind gets another tag in every profile."""

    __slots__ = ("_key", "_cache")

    def __init__(self, data_key: bytes) -> None:
        self._key = HKDF(hashes.SHA256(), KEY_BYTES, salt=None, info=INDEX_TAG_INFO).derive(data_key)
        self._cache: dict[str, str] = {}

    def tag(self, value: str) -> str:
        found = self._cache.get(value)
        if found is None:
            digest = hmac.digest(self._key, value.encode(), "sha256")  # the one-shot C HMAC-SHA256
            found = self._cache[value] = digest[:TAG_BYTES].hex()
        return found


# -- key derivation ----------------------------------------------------------------------------------------
def current_kdf() -> dict[str, Any]:
    """The parameters new key files are written with (read at call time: tests lower them)."""
    return {
        "name": "argon2id",
        "memory_kib": ARGON2_MEMORY_KIB,
        "iterations": ARGON2_ITERATIONS,
        "lanes": ARGON2_LANES,
    }


def weaker_than_current(kdf: dict[str, Any]) -> bool:
    """True when a key file should be wrapped again with the current parameters."""
    now = current_kdf()
    if kdf.get("name") != now["name"]:
        return True
    return bool(kdf["memory_kib"] < now["memory_kib"] or kdf["iterations"] < now["iterations"])


def check_kdf(kdf: Any) -> dict[str, Any]:
    """The parameters if they are within the safe bounds; ValueError otherwise."""
    if not isinstance(kdf, dict):
        raise ValueError("kdf is not an object")
    name = kdf.get("name")
    if name == "argon2id":
        memory, iterations, lanes = (_int(kdf, k) for k in ("memory_kib", "iterations", "lanes"))
        if not 1 <= lanes <= MAX_ARGON2_LANES or not 1 <= iterations <= MAX_ARGON2_ITERATIONS:
            raise ValueError("argon2id lanes or iterations out of bounds")
        if not max(MIN_ARGON2_MEMORY_KIB, 8 * lanes) <= memory <= MAX_ARGON2_MEMORY_KIB:
            raise ValueError("argon2id memory out of bounds")
        return {"name": name, "memory_kib": memory, "iterations": iterations, "lanes": lanes}
    if name == "scrypt":
        n, r, p = (_int(kdf, k) for k in ("n", "r", "p"))
        if n & (n - 1) or not MIN_SCRYPT_N <= n <= MAX_SCRYPT_N:
            raise ValueError("scrypt n is not a power of two within bounds")
        if not 1 <= r <= 32 or not 1 <= p <= 4 or 128 * n * r > MAX_SCRYPT_MEMORY:
            raise ValueError("scrypt r or p out of bounds")
        return {"name": name, "n": n, "r": r, "p": p}
    raise ValueError("unknown key derivation")


def _int(kdf: dict[str, Any], key: str) -> int:
    value = kdf.get(key)
    if type(value) is not int:  # not a bool, a float or a string
        raise ValueError(f"{key} is not an integer")
    return value


def derive_key(passphrase: str, salt: bytes, kdf: dict[str, Any]) -> bytes:
    """The key-encryption key; ``kdf`` must have gone through ``check_kdf`` (or be ``current_kdf()``)."""
    secret = passphrase.encode("utf-8")
    if kdf["name"] == "argon2id":
        return Argon2id(
            salt=salt,
            length=KEY_BYTES,
            iterations=kdf["iterations"],
            lanes=kdf["lanes"],
            memory_cost=kdf["memory_kib"],
        ).derive(secret)
    return Scrypt(salt=salt, length=KEY_BYTES, n=kdf["n"], r=kdf["r"], p=kdf["p"]).derive(secret)

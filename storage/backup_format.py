"""The one-file backup: a versioned header, then authenticated encrypted chunks (a STREAM construction).

Layout (version 1)::

    magic        8 bytes   b"CARNETBK"
    version      1 byte    1
    header size  4 bytes   big-endian
    header       JSON      public unwrapping data (KDF name, parameters and salt, the wrapped vault key,
                           the same for the recovery key), the chunk size and a random nonce prefix
    chunks       repeated  4-byte big-endian length, then nonce-less AES-256-GCM ciphertext + tag

Every chunk is sealed with a content key derived (HKDF-SHA256) from the vault key and a random salt of the
header; its nonce is ``prefix (7 bytes) || index (4 bytes) || final flag (1 byte)`` and its associated data
is ``SHA-256(magic, version, header) || index || final flag``. So the header cannot be altered, a chunk cannot
be moved, dropped or altered, and a file cut after any chunk lacks the final flag: each of these fails before
the caller writes anything (the restore reads the whole file once before writing). Memory stays at one
chunk whatever the size.

The plaintext stream is a sequence of entries ``name size (2 bytes) | name | size (8 bytes) | bytes``; the
reader accepts only the names it is given, each at most once.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from domain.errors import N_, ValidationError

MAGIC = b"CARNETBK"
VERSION = 1
CHUNK_SIZE = 1 << 20  # 1 MiB: large enough for speed, small enough that memory stays flat
MAX_CHUNK_SIZE = 1 << 24
MAX_HEADER = 64 * 1024
TAG = 16
PREFIX = 7
INFO = b"carnet backup v1"


class BackupError(ValidationError):
    """The backup file is not one, is damaged, cut short or altered: nothing was written."""

    msgid = N_("The backup file is damaged, incomplete or was altered; nothing was restored.")


@dataclass(frozen=True, slots=True)
class Header:
    fields: dict[str, Any]  # public: what opening needs (KDF, salts, wrapped keys), never a secret
    raw: bytes  # the exact bytes read or written, bound into every chunk

    @property
    def digest(self) -> bytes:
        return hashlib.sha256(MAGIC + bytes([VERSION]) + self.raw).digest()

    @property
    def chunk_size(self) -> int:
        return int(self.fields["chunk_size"])


def content_key(vault_key: bytes, header: Header) -> bytes:
    salt = base64.b64decode(header.fields["content_salt"])
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=INFO).derive(vault_key)


def _nonce(header: Header, index: int, final: bool) -> bytes:
    return base64.b64decode(header.fields["nonce_prefix"]) + struct.pack(">I?", index, final)


def _aad(header: Header, index: int, final: bool) -> bytes:
    return header.digest + struct.pack(">Q?", index, final)


# -- writing --------------------------------------------------------------------------------------------
class BackupWriter:
    """``with BackupWriter(out, vault_key, public) as w: w.add(name, size, reader)``: streams and seals."""

    def __init__(self, out: BinaryIO, vault_key: bytes, public: dict[str, Any], chunk_size: int = CHUNK_SIZE):
        fields = {
            **public,
            "chunk_size": chunk_size,
            "content_salt": base64.b64encode(os.urandom(32)).decode(),
            "nonce_prefix": base64.b64encode(os.urandom(PREFIX)).decode(),
        }
        raw = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()
        self.header = Header(fields, raw)
        self._aead = AESGCM(content_key(vault_key, self.header))
        self._out, self._buffer, self._index = out, bytearray(), 0
        out.write(MAGIC + bytes([VERSION]) + struct.pack(">I", len(raw)) + raw)

    def __enter__(self) -> BackupWriter:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.close()

    def add(self, name: str, size: int, read: Callable[[int], bytes]) -> None:
        """One entry of exactly ``size`` bytes, pulled from ``read(n)`` a chunk at a time."""
        encoded = name.encode("utf-8")
        self._feed(struct.pack(">H", len(encoded)) + encoded + struct.pack(">Q", size))
        left = size
        while left:
            piece = read(min(left, self.header.chunk_size))
            if not piece:
                raise ValidationError(N_("The file {name} changed while it was being saved."), name=name)
            self._feed(piece)
            left -= len(piece)

    def _feed(self, data: bytes) -> None:
        self._buffer += data
        size = self.header.chunk_size
        while len(self._buffer) > size:  # keep at least one byte back: the last chunk must carry the flag
            self._seal(bytes(self._buffer[:size]), final=False)
            del self._buffer[:size]

    def _seal(self, plain: bytes, final: bool) -> None:
        nonce, aad = _nonce(self.header, self._index, final), _aad(self.header, self._index, final)
        sealed = self._aead.encrypt(nonce, plain, aad)
        self._out.write(struct.pack(">I", len(sealed)) + sealed)
        self._index += 1

    def close(self) -> None:
        self._seal(bytes(self._buffer), final=True)
        self._buffer.clear()


# -- reading --------------------------------------------------------------------------------------------
def read_header(source: BinaryIO) -> Header:
    """The header of a backup file, checked for shape; nothing is decrypted yet."""
    start = source.read(len(MAGIC) + 5)
    if len(start) < len(MAGIC) + 5 or start[: len(MAGIC)] != MAGIC:
        raise BackupError(N_("This file is not a Carnet backup."))
    if start[len(MAGIC)] != VERSION:
        raise BackupError(
            N_("This backup was made by a newer version of Carnet (format {version})."),
            version=start[len(MAGIC)],
        )
    (size,) = struct.unpack(">I", start[len(MAGIC) + 1 :])
    if not 0 < size <= MAX_HEADER:
        raise BackupError()
    raw = source.read(size)
    try:
        fields = json.loads(raw)
        header = Header(fields, raw)
        if not 1 <= header.chunk_size <= MAX_CHUNK_SIZE or len(_nonce(header, 0, False)) != 12:
            raise ValueError("chunk size or nonce")
        if len(base64.b64decode(fields["content_salt"])) < 16:
            raise ValueError("salt")
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise BackupError() from exc
    return header


def chunks(source: BinaryIO, header: Header, vault_key: bytes) -> Iterator[bytes]:
    """The plaintext chunks in order; raises BackupError on any cut, reordering or alteration."""
    aead = AESGCM(content_key(vault_key, header))
    limit = header.chunk_size + TAG
    index = 0
    while True:
        prefix = source.read(4)
        if len(prefix) != 4:
            raise BackupError()  # ended before the final chunk: cut short
        (size,) = struct.unpack(">I", prefix)
        sealed = source.read(size) if TAG <= size <= limit else b""
        if len(sealed) != size or not sealed:
            raise BackupError()
        plain, final = _open(aead, header, index, sealed)
        yield plain
        if final:
            if source.read(1):
                raise BackupError()  # bytes after the final chunk
            return
        index += 1


def _open(aead: AESGCM, header: Header, index: int, sealed: bytes) -> tuple[bytes, bool]:
    for final in (False, True):
        try:
            return aead.decrypt(_nonce(header, index, final), sealed, _aad(header, index, final)), final
        except InvalidTag:
            continue
    raise BackupError()


class EntryReader:
    """Splits the plaintext chunks back into named entries, each handed out as pieces."""

    def __init__(self, pieces: Iterator[bytes], allowed: frozenset[str], max_size: int) -> None:
        self._pieces, self._allowed, self._max = pieces, allowed, max_size
        self._buffer = bytearray()
        self.seen: set[str] = set()

    def _take(self, n: int) -> bytes:
        while len(self._buffer) < n:
            piece = next(self._pieces, None)
            if piece is None:
                raise BackupError()
            self._buffer += piece
        out = bytes(self._buffer[:n])
        del self._buffer[:n]
        return out

    def entries(self) -> Iterator[tuple[str, int, Iterator[bytes]]]:
        while True:
            if not self._buffer:
                piece = next(self._pieces, None)
                if piece is None:
                    return
                self._buffer += piece
                if not self._buffer:
                    continue
            (length,) = struct.unpack(">H", self._take(2))
            name = self._take(length).decode("utf-8", errors="replace")
            (size,) = struct.unpack(">Q", self._take(8))
            if name not in self._allowed or name in self.seen or size > self._max:
                raise BackupError()
            self.seen.add(name)
            yield name, size, self._stream(size)

    def _stream(self, size: int) -> Iterator[bytes]:
        left = size
        while left:
            if not self._buffer:
                piece = next(self._pieces, None)
                if piece is None:
                    raise BackupError()
                self._buffer += piece
            part = bytes(self._buffer[:left])
            del self._buffer[: len(part)]
            left -= len(part)
            yield part

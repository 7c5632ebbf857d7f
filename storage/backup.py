"""A whole vault as one encrypted file, and back (the file format: storage/backup_format.py).

What is saved: ``keyfile.json``, ``settings.json`` and a consistent copy of ``vault.db`` taken with
SQLite's online backup (every profile, record, attachment, the access history, the sync's state). The
backup's header holds the key file's public part, so the same passphrase (or the recovery key) that
opened the vault when the backup was made opens the backup; its chunks are sealed with a key derived
from the vault key.

A restore reads the whole file twice: first to check every chunk (a cut, reordered or altered file is
refused before anything is written), then to write the files into a hidden folder beside the target,
which is renamed into place only once complete. A process killed half-way leaves that hidden folder,
never a vault; the next attempt removes it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from domain.errors import N_, LockedError, ValidationError, WrongPassphraseError
from storage import keyfile
from storage.backup_format import BackupError, BackupWriter, EntryReader, Header, chunks, read_header
from storage.vault import DB_NAME, KEYFILE_NAME, Vault

SETTINGS_NAME = "settings.json"
SAVED = (KEYFILE_NAME, SETTINGS_NAME, DB_NAME)
MAX_ENTRY = 1 << 40  # far above any real vault; a header claiming more is refused at once
RESTORING = ".restoring-"


class VaultExistsError(ValidationError):
    msgid = N_("The folder {dir} already holds a carnet; a backup is restored into a new, empty folder.")


def write_backup(vault: Vault, out: BinaryIO) -> None:
    """Streams the unlocked vault as one encrypted file into ``out`` (memory stays at one chunk)."""
    key = vault.vault_key()
    stored = keyfile.read(vault.keyfile_path)
    write_snapshot(vault.db.conn, vault.data_dir, key, keyfile.public_fields(stored), out)


def vault_safety_copy(vault: Vault, reason: str, now: datetime) -> Path:
    public = keyfile.public_fields(keyfile.read(vault.keyfile_path))
    return safety_copy(vault.db.conn, vault.data_dir, vault.vault_key(), public, reason, now)


def write_snapshot(
    conn: sqlite3.Connection, data_dir: Path, vault_key: bytes, public: dict[str, object], out: BinaryIO
) -> None:
    """The backup of the database behind ``conn`` (also used before a migration, with the key known)."""
    scratch = data_dir / SAFETY_FOLDER
    scratch.mkdir(mode=0o700, exist_ok=True)
    snapshot = scratch / f".snapshot-{os.urandom(8).hex()}.db"
    try:
        with contextlib.closing(sqlite3.connect(snapshot)) as copy:
            conn.backup(copy)  # a consistent copy, even while another connection writes
        with BackupWriter(out, vault_key, {"keyfile": public}) as writer:
            for name in SAVED:
                path = snapshot if name == DB_NAME else data_dir / name
                if name == DB_NAME or path.is_file():
                    with path.open("rb") as source:
                        writer.add(name, os.fstat(source.fileno()).st_size, source.read)
    finally:
        snapshot.unlink(missing_ok=True)


# -- safety copies -------------------------------------------------------------------------------------
SAFETY_FOLDER = "backups"
SAFETY_SUFFIX = ".carnet"
KEEP_SAFETY_COPIES = 5


def safety_copy(
    conn: sqlite3.Connection,
    data_dir: Path,
    vault_key: bytes,
    public: dict[str, object],
    reason: str,
    now: datetime,
) -> Path:
    """An encrypted copy in the data folder's backups/ before a destructive change (a profile deleted, the
    demo removed, a migration); the last few are kept. Written beside and renamed: never half a file."""
    folder = data_dir / SAFETY_FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"auto-{now:%Y%m%d-%H%M%S}-{reason}{SAFETY_SUFFIX}"
    write_file(target, lambda out: write_snapshot(conn, data_dir, vault_key, public, out))
    for old in safety_copies(data_dir)[KEEP_SAFETY_COPIES:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def safety_copies(data_dir: Path) -> list[Path]:
    """The automatic copies, newest first."""
    folder = Path(data_dir) / SAFETY_FOLDER
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"auto-*{SAFETY_SUFFIX}"), key=lambda p: p.name, reverse=True)


def write_file(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """``write(stream)`` into ``target`` (0600) through a hidden partial file renamed at the end."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.urandom(4).hex()}.part")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


# -- restoring -------------------------------------------------------------------------------------------
def restore_backup(source: Path, data_dir: Path, secret: str, *, recovery: bool = False) -> None:
    """Makes ``data_dir`` (absent or empty) the vault saved in ``source``; ``secret`` is the passphrase
    of the vault when it was saved, or its recovery key. Refused, with nothing written, when the folder
    holds anything, the secret is wrong, or the file is not a whole, unaltered backup."""
    _check_target(data_dir)
    with _open_regular(source) as stream:
        header = read_header(stream)
        vault_key = _unwrap(header.fields, secret, recovery)
        start = stream.tell()
        for _name, _size, parts in _entries(stream, header, vault_key):
            for _part in parts:  # the first pass only checks: nothing is written yet
                pass
        stream.seek(start)
        _write_into_place(data_dir, _entries(stream, header, vault_key))


# What the app writes in its folder before any vault is there (the language chosen on the first screen):
# a restore may go there, and the backup's own settings replace them.
BEFORE_A_VAULT = frozenset({SETTINGS_NAME, "settings.tmp"})


def _check_target(data_dir: Path) -> None:
    if Vault(data_dir).exists():
        raise VaultExistsError(dir=str(data_dir))
    if data_dir.exists() and (not data_dir.is_dir() or not _only_leftovers(data_dir)):
        raise ValidationError("The folder {dir} is not empty; choose a new folder.", dir=str(data_dir))


def _only_leftovers(data_dir: Path) -> bool:
    return all(p.name in BEFORE_A_VAULT and p.is_file() for p in data_dir.iterdir())


@contextlib.contextmanager
def _open_regular(path: Path) -> Iterator[BinaryIO]:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ValidationError("The file {path} cannot be read.", path=str(path)) from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ValidationError("The file {path} cannot be read.", path=str(path))
    os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as stream:
        yield stream


def _unwrap(fields: dict[str, object], secret: str, recovery: bool) -> bytes:
    try:
        saved = keyfile.parse(fields.get("keyfile"))
    except ValueError as exc:
        raise BackupError() from exc
    if recovery:
        return keyfile.unwrap_recovery(saved, secret)
    if not secret:
        raise LockedError("A passphrase is needed: set CARNET_PASSPHRASE or type it.")
    try:
        return keyfile.unwrap(saved, secret)
    except WrongPassphraseError:
        raise WrongPassphraseError(
            N_("This passphrase does not open this backup (it is the one the carnet had when it was saved).")
        ) from None


def _entries(
    stream: BinaryIO, header: Header, vault_key: bytes
) -> Iterator[tuple[str, int, Iterator[bytes]]]:
    reader = EntryReader(chunks(stream, header, vault_key), frozenset(SAVED), MAX_ENTRY)
    yield from reader.entries()
    if not {KEYFILE_NAME, DB_NAME} <= reader.seen:
        raise BackupError()


def _write_into_place(data_dir: Path, entries: Iterator[tuple[str, int, Iterator[bytes]]]) -> None:
    parent = data_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    for stale in parent.glob(f"{RESTORING}{data_dir.name}-*"):  # left by a restore that was killed
        shutil.rmtree(stale, ignore_errors=True)
    hidden = parent / f"{RESTORING}{data_dir.name}-{os.urandom(6).hex()}"
    hidden.mkdir(mode=0o700)
    try:
        for name, _size, parts in entries:
            _write_file(hidden / name, parts)
        _fsync_dir(hidden)
        if data_dir.exists():
            for leftover in BEFORE_A_VAULT:  # checked: nothing else is there
                (data_dir / leftover).unlink(missing_ok=True)
            data_dir.rmdir()  # now empty: the rename below cannot replace a folder with files
        os.replace(hidden, data_dir)
        _fsync_dir(parent)
    except BaseException:
        shutil.rmtree(hidden, ignore_errors=True)
        raise


def _write_file(path: Path, parts: Iterator[bytes]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        for part in parts:
            out.write(part)
        out.flush()
        os.fsync(out.fileno())


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform lets a folder be opened
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

"""The vault: one SQLite file of sealed rows, plus a small key file, inside the data directory.

Key hierarchy:
    passphrase --Argon2id--> KEK --wraps--> vault key (random, 256 bits)  [keyfile.json]
    vault key --wraps--> identity key, and one data key per profile        [table keys]
    identity key seals names, birth dates, national ids                    [table identities]
    a profile's data key seals its health records and attachments          [tables records, attachments]
    a profile's data key --HKDF--> its tag key (keyed index tags)          [never stored]
The vault key may also be held by the OS keyring or mobile secure storage (storage.keys).
The passphrase is checked against the key file before the database is even opened, so a wrong
passphrase changes no file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import weakref
from pathlib import Path

from sqlite_utils import Database

from domain.errors import (
    CarnetError,
    LockedError,
    MissingPassphraseError,
    StorageError,
    ValidationError,
    WrongPassphraseError,
)
from storage import crypto, keyfile, throttle, tx
from storage.keys import KeyHolder, NoKeyHolder
from storage.migrations import MIGRATIONS, current_version, migrate
from storage.passphrase import check_strength

DB_NAME = "vault.db"
KEYFILE_NAME = "keyfile.json"
# Files Carnet may have written in its folder before a vault exists there: the lock screen's language
# and theme, or a creation interrupted half-way.
OWN_FILES = {"settings.json", "settings.tmp", KEYFILE_NAME, DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"}


def check_passphrase_strength(passphrase: str) -> None:
    check_strength(passphrase)


class Vault:
    def __init__(self, data_dir: Path | str, holder: KeyHolder | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.holder: KeyHolder = holder or NoKeyHolder()
        self._db: Database | None = None
        self._vault_key: bytes | None = None
        self._sealers: dict[str, crypto.Sealer] = {}
        self._taggers: dict[str, crypto.Tagger] = {}
        self._siblings: weakref.WeakSet[Vault] = weakref.WeakSet()
        self.vault_id = ""

    # -- paths and state -------------------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def keyfile_path(self) -> Path:
        return self.data_dir / KEYFILE_NAME

    def exists(self) -> bool:
        return self.keyfile_path.exists() and self.db_path.exists()

    @property
    def unlocked(self) -> bool:
        return self._db is not None and self._vault_key is not None

    @property
    def db(self) -> Database:
        if self._db is None:
            raise LockedError()
        return self._db

    @property
    def throttle(self) -> throttle.UnlockThrottle:
        """Wrong passphrases counted for this folder by every Vault of the process."""
        return throttle.for_folder(self.data_dir)

    # -- life cycle ------------------------------------------------------------------------------
    def create(self, passphrase: str, *, remember_on_device: bool = True) -> None:
        """A new, empty vault protected by ``passphrase``; it is left unlocked."""
        if self.exists():
            raise ValidationError("A vault already exists in {dir}.", dir=str(self.data_dir))
        check_passphrase_strength(passphrase)
        ours = not self.data_dir.exists() or {p.name for p in self.data_dir.iterdir()} <= OWN_FILES
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if ours:  # never the permissions of a folder of the user's that already holds other files
            self.data_dir.chmod(0o700)  # other accounts of the machine see nothing, not even sizes
        vault_key, self.vault_id = crypto.new_key(), os.urandom(16).hex()
        keyfile.write(self.keyfile_path, self.vault_id, vault_key, passphrase)
        self._open_db(vault_key)
        with tx.immediate(self.db):
            self._store_wrapped("identity", crypto.new_key())
        self._finish_migrations()
        if remember_on_device:
            self.holder.store(self.vault_id, vault_key)

    def stored_id(self) -> str:
        """The id of the vault on disk (to fetch its key from a device holder before unlocking)."""
        return keyfile.read(self.keyfile_path).vault_id

    def remember_on_device(self, passphrase: str) -> None:
        """Hands the vault key to the device's key holder, once the passphrase shows the owner asks it."""
        stored = keyfile.read(self.keyfile_path)
        self.holder.store(stored.vault_id, self._unwrap(stored, passphrase))

    def unlock(self, passphrase: str | None = None) -> None:
        """Open the vault with the passphrase, or with the key this device holds when none is given."""
        if not self.exists():
            raise LockedError("No vault in {dir}.", dir=str(self.data_dir))
        stored = keyfile.read(self.keyfile_path)
        self.vault_id = stored.vault_id
        if passphrase:
            vault_key = self._unwrap(stored, passphrase)
            if crypto.weaker_than_current(stored.kdf):  # wrapped again with today's cost, atomically
                with contextlib.suppress(OSError):  # a read-only folder: the old file still opens it
                    keyfile.write(self.keyfile_path, self.vault_id, vault_key, passphrase, stored.recovery)
        else:
            held = self.holder.load(self.vault_id)
            if held is None:
                raise MissingPassphraseError()
            vault_key = held
        self._open_db(vault_key)
        try:
            self.sealer("identity")
        except CarnetError:
            self.lock()
            raise WrongPassphraseError() from None
        try:
            self._finish_migrations()
        except BaseException:
            self.lock()
            raise

    def lock(self) -> None:
        """Forget every key in memory and close the database. A sibling working in another thread forgets
        its keys at once too (its next read or write fails as locked); it closes its own connection."""
        for other in list(self._siblings):
            other._forget_keys()
        self._siblings.clear()
        self._vault_key = None
        self._sealers.clear()
        self._taggers.clear()
        if self._db is not None:
            self._db.close()
            self._db = None

    def sibling(self) -> Vault:
        """The same unlocked vault on a connection of its own, for a background thread (a sync round):
        one SQLite connection cannot hold two threads' transactions at once."""
        if self._vault_key is None:
            raise LockedError()
        other = Vault(self.data_dir, self.holder)
        other.vault_id = self.vault_id
        other._open_db(self._vault_key)
        self._siblings.add(other)  # a lock of this vault makes it forget its keys too
        return other

    def change_passphrase(self, old: str, new: str) -> None:
        """Wraps the vault key again (nothing else is re-sealed: instant whatever the vault's size); the
        recovery key, if any, keeps working."""
        check_passphrase_strength(new)
        stored = keyfile.read(self.keyfile_path)
        vault_key = self._unwrap(stored, old)
        keyfile.write(self.keyfile_path, stored.vault_id, vault_key, new, stored.recovery)

    def verify_passphrase(self, passphrase: str) -> None:
        """WrongPassphraseError unless ``passphrase`` opens this vault (throttled like an unlock): what an
        open session asks before a change that grants access, such as a new recovery key."""
        self._unwrap(keyfile.read(self.keyfile_path), passphrase)

    def vault_key(self) -> bytes:
        """The vault key itself, for the storage code that seals a whole copy (storage/backup.py)."""
        if self._vault_key is None:
            raise LockedError()
        return self._vault_key

    # -- the recovery key --------------------------------------------------------------------------
    def has_recovery_key(self) -> bool:
        return self.exists() and keyfile.read(self.keyfile_path).recovery is not None

    def new_recovery_key(self) -> str:
        """A new recovery key, which also wraps the vault key from now on (an older one stops working).
        Returned once, to be shown and printed; never stored."""
        if self._vault_key is None:
            raise LockedError()
        stored = keyfile.read(self.keyfile_path)
        code, recovery = keyfile.new_recovery(stored.vault_id, self._vault_key)
        keyfile.write_recovery(self.keyfile_path, stored, recovery)
        return code

    def reset_passphrase(self, recovery_code: str, new: str) -> None:
        """ "J'ai perdu ma phrase de passe": the recovery key opens the vault and a new passphrase replaces
        the old one (the recovery key keeps working). Throttled like a passphrase; leaves it unlocked."""
        check_passphrase_strength(new)
        stored = keyfile.read(self.keyfile_path)
        self.throttle.check()
        try:
            vault_key = keyfile.unwrap_recovery(stored, recovery_code)
        except WrongPassphraseError:
            self.throttle.failed()
            raise
        self.throttle.succeeded()
        keyfile.write(self.keyfile_path, stored.vault_id, vault_key, new, stored.recovery)
        self.unlock(new)

    def _unwrap(self, stored: keyfile.KeyFile, passphrase: str) -> bytes:
        """The vault key; refused without running the key derivation while too many failures are recent."""
        self.throttle.check()
        try:
            vault_key = keyfile.unwrap(stored, passphrase)
        except WrongPassphraseError:
            self.throttle.failed()
            raise
        self.throttle.succeeded()
        return vault_key

    # -- keys --------------------------------------------------------------------------------------
    def sealer(self, key_id: str) -> crypto.Sealer:
        """The sealer of the identity key or of one profile's data key."""
        found = self._sealers.get(key_id) if self._vault_key is not None else None
        return found or self._load_key(key_id)[0]

    def tagger(self, key_id: str) -> crypto.Tagger:
        """Keyed tags of one profile (its data key, through HKDF)."""
        found = self._taggers.get(key_id) if self._vault_key is not None else None
        return found or self._load_key(key_id)[1]

    def _load_key(self, key_id: str) -> tuple[crypto.Sealer, crypto.Tagger]:
        vault_key = self._vault_key  # read once: a lock from another thread may clear it meanwhile
        if vault_key is None:
            raise LockedError()
        row = self.db.execute("SELECT wrapped FROM keys WHERE id = ?", [key_id]).fetchone()
        if row is None:
            raise LockedError("The key of {record} is gone (the profile was deleted).", record=key_id)
        key = crypto.Sealer(vault_key).open(row[0], "keys", key_id)
        pair = crypto.Sealer(key), crypto.Tagger(key)
        if self._vault_key is not None:  # not kept when the vault was locked while it was being read
            self._sealers[key_id], self._taggers[key_id] = pair
        return pair

    def _forget_keys(self) -> None:
        self._vault_key = None
        self._sealers.clear()
        self._taggers.clear()

    def holds_key(self, key_id: str) -> bool:
        """Whether a profile's key (or the identity key) is still in the vault: a deleted profile's is not."""
        return self.db.execute("SELECT 1 FROM keys WHERE id = ?", [key_id]).fetchone() is not None

    def new_profile_key(self, profile_id: str) -> None:
        self._store_wrapped(profile_id, crypto.new_key())

    def destroy_profile_key(self, profile_id: str) -> None:
        self.db.execute("DELETE FROM keys WHERE id = ?", [profile_id])
        self._sealers.pop(profile_id, None)
        self._taggers.pop(profile_id, None)

    def _store_wrapped(self, key_id: str, key: bytes) -> None:
        assert self._vault_key is not None
        wrapped = crypto.Sealer(self._vault_key).seal(key, "keys", key_id)
        self.db.table("keys").insert({"id": key_id, "wrapped": wrapped}, pk="id")

    # -- files ---------------------------------------------------------------------------------------
    def _open_db(self, vault_key: bytes) -> None:
        try:
            conn = sqlite3.connect(
                self.db_path, isolation_level=None, check_same_thread=False, timeout=tx.BUSY_TIMEOUT_S
            )
            db = Database(conn)
            db.execute("PRAGMA journal_mode = WAL")
            # Freed pages are zeroed, so a deleted record leaves no ciphertext behind.
            db.execute("PRAGMA secure_delete = ON")
            db.execute("PRAGMA foreign_keys = ON")
            if 0 < current_version(db) < len(MIGRATIONS):
                self._copy_before_migration(db, vault_key)
            migrate(db)  # the steps that need no key; those that do wait for _finish_migrations
        except sqlite3.DatabaseError as exc:
            raise StorageError("The vault file {path} cannot be opened.", path=str(self.db_path)) from exc
        self._db, self._vault_key = db, vault_key

    def _copy_before_migration(self, db: Database, vault_key: bytes) -> None:
        """A vault written by an older Carnet: an encrypted safety copy before its schema changes."""
        from datetime import datetime

        from storage import backup  # imports this module

        public = keyfile.public_fields(keyfile.read(self.keyfile_path))
        backup.safety_copy(db.conn, self.data_dir, vault_key, public, "migration", datetime.now())

    def _finish_migrations(self) -> None:
        """The steps that re-seal rows, once the keys are known; then no clear copy stays in the -wal."""
        try:
            if migrate(self.db, self):
                tx.checkpoint(self.db)
        except sqlite3.DatabaseError as exc:
            raise StorageError("The vault file {path} cannot be opened.", path=str(self.db_path)) from exc

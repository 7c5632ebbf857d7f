"""The vault: one SQLite file of sealed rows, plus a small key file, inside the data directory.

Key hierarchy:
    passphrase --scrypt--> KEK --wraps--> vault key (random, 256 bits)   [keyfile.json]
    vault key --wraps--> identity key, and one data key per profile       [table keys]
    identity key seals names, birth dates, national ids                   [table identities]
    a profile's data key seals its health records and attachments         [tables records, attachments]
The vault key may also be held by the OS keyring or mobile secure storage (storage.keys).
The passphrase is checked against the key file before the database is even opened, so a wrong
passphrase changes no file.
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from domain.errors import (
    CarnetError,
    LockedError,
    MissingPassphraseError,
    ValidationError,
    WrongPassphraseError,
)
from storage import crypto
from storage.keys import KeyHolder, NoKeyHolder
from storage.migrations import migrate

DB_NAME = "vault.db"
KEYFILE_NAME = "keyfile.json"
MIN_PASSPHRASE = 8


def check_passphrase_strength(passphrase: str) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise ValidationError("The passphrase must have at least {n} characters.", n=MIN_PASSPHRASE)


class Vault:
    def __init__(self, data_dir: Path | str, holder: KeyHolder | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.holder: KeyHolder = holder or NoKeyHolder()
        self._db: Database | None = None
        self._vault_key: bytes | None = None
        self._sealers: dict[str, crypto.Sealer] = {}
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

    # -- life cycle ------------------------------------------------------------------------------
    def create(self, passphrase: str, *, remember_on_device: bool = True) -> None:
        """A new, empty vault protected by ``passphrase``; it is left unlocked."""
        if self.exists():
            raise ValidationError("A vault already exists in {dir}.", dir=str(self.data_dir))
        check_passphrase_strength(passphrase)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir.chmod(0o700)  # other accounts of the machine see nothing, not even sizes
        vault_key, self.vault_id = crypto.new_key(), os.urandom(16).hex()
        self._write_keyfile(vault_key, passphrase)
        self._open_db(vault_key)
        with self.db.atomic():
            self._store_wrapped("identity", crypto.new_key())
        if remember_on_device:
            self.holder.store(self.vault_id, vault_key)

    def stored_id(self) -> str:
        """The id of the vault on disk (to fetch its key from a device holder before unlocking)."""
        return str(self._read_keyfile()["vault_id"])

    def remember_on_device(self, passphrase: str) -> None:
        """Hands the vault key to the device's key holder, once the passphrase shows the owner asks it."""
        keyfile = self._read_keyfile()
        self.holder.store(str(keyfile["vault_id"]), self._unwrap_with_passphrase(keyfile, passphrase))

    def unlock(self, passphrase: str | None = None) -> None:
        """Open the vault with the passphrase, or with the key this device holds when none is given."""
        if not self.exists():
            raise LockedError("No vault in {dir}.", dir=str(self.data_dir))
        keyfile = self._read_keyfile()
        self.vault_id = keyfile["vault_id"]
        if passphrase:
            vault_key = self._unwrap_with_passphrase(keyfile, passphrase)
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

    def lock(self) -> None:
        """Forget every key in memory and close the database."""
        self._vault_key = None
        self._sealers.clear()
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
        return other

    def change_passphrase(self, old: str, new: str) -> None:
        check_passphrase_strength(new)
        vault_key = self._unwrap_with_passphrase(self._read_keyfile(), old)
        self._write_keyfile(vault_key, new)

    # -- keys --------------------------------------------------------------------------------------
    def sealer(self, key_id: str) -> crypto.Sealer:
        """The sealer of the identity key or of one profile's data key."""
        if self._vault_key is None:
            raise LockedError()
        if key_id not in self._sealers:
            row = self.db.execute("SELECT wrapped FROM keys WHERE id = ?", [key_id]).fetchone()
            if row is None:
                raise LockedError("The key of {record} is gone (the profile was deleted).", record=key_id)
            key = crypto.Sealer(self._vault_key).open(row[0], "keys", key_id)
            self._sealers[key_id] = crypto.Sealer(key)
        return self._sealers[key_id]

    def new_profile_key(self, profile_id: str) -> None:
        self._store_wrapped(profile_id, crypto.new_key())

    def destroy_profile_key(self, profile_id: str) -> None:
        self.db.execute("DELETE FROM keys WHERE id = ?", [profile_id])
        self._sealers.pop(profile_id, None)

    def _store_wrapped(self, key_id: str, key: bytes) -> None:
        assert self._vault_key is not None
        wrapped = crypto.Sealer(self._vault_key).seal(key, "keys", key_id)
        self.db.table("keys").insert({"id": key_id, "wrapped": wrapped}, pk="id")

    # -- files ---------------------------------------------------------------------------------------
    def _open_db(self, vault_key: bytes) -> None:
        try:
            conn = sqlite3.connect(self.db_path, isolation_level=None, check_same_thread=False)
            db = Database(conn)
            db.execute("PRAGMA journal_mode = WAL")
            # Freed pages are zeroed, so a deleted record leaves no ciphertext behind.
            db.execute("PRAGMA secure_delete = ON")
            db.execute("PRAGMA foreign_keys = ON")
            migrate(db)
        except sqlite3.DatabaseError as exc:
            raise CarnetError("The vault file {path} cannot be opened.", path=str(self.db_path)) from exc
        self._db, self._vault_key = db, vault_key

    def _write_keyfile(self, vault_key: bytes, passphrase: str) -> None:
        salt = os.urandom(16)
        kek = crypto.derive_key(passphrase, salt, crypto.SCRYPT_N, crypto.SCRYPT_R, crypto.SCRYPT_P)
        wrapped = crypto.Sealer(kek).seal(vault_key, "keyfile", self.vault_id)
        content = {
            "format": 1,
            "vault_id": self.vault_id,
            "kdf": {"name": "scrypt", "n": crypto.SCRYPT_N, "r": crypto.SCRYPT_R, "p": crypto.SCRYPT_P},
            "salt": base64.b64encode(salt).decode(),
            "wrapped_vault_key": base64.b64encode(wrapped).decode(),
        }
        tmp = self.keyfile_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(content, indent=1), encoding="utf-8")
        tmp.chmod(0o600)
        os.replace(tmp, self.keyfile_path)  # atomic: the old passphrase works until the new one does

    def _read_keyfile(self) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(self.keyfile_path.read_text(encoding="utf-8"))
            data["vault_id"]  # noqa: B018 - fails early on a truncated file
            return data
        except (OSError, ValueError, KeyError) as exc:
            raise CarnetError("The key file {path} is damaged.", path=str(self.keyfile_path)) from exc

    def _unwrap_with_passphrase(self, keyfile: dict[str, Any], passphrase: str) -> bytes:
        kdf = keyfile["kdf"]
        kek = crypto.derive_key(passphrase, base64.b64decode(keyfile["salt"]), kdf["n"], kdf["r"], kdf["p"])
        try:
            wrapped = base64.b64decode(keyfile["wrapped_vault_key"])
            return crypto.Sealer(kek).open(wrapped, "keyfile", keyfile["vault_id"])
        except CarnetError as exc:
            raise WrongPassphraseError() from exc

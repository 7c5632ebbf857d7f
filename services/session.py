"""The open carnet: one ``Session`` per app session (a window, a browser tab) or per command.

It owns the vault, its settings and the key holder, the search indexes built while it is unlocked and the
decrypted copies handed to the system viewer: locking forgets every key and drops the indexes and the
copies. Every use case of services/ takes the session as its first argument and opens its units of work
from it (``session.uow()``); no screen holds a vault. ``Sessions`` is the registry of a process's open
sessions, so that a lock in one of them locks them all.
"""

from __future__ import annotations

import contextlib
import logging
import time
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from domain.errors import LockedError, MissingPassphraseError
from storage.keys import KeyHolder, KeyringHolder, NoKeyHolder, SecureStorageHolder, keyring_usable
from storage.passphrase import MIN_LENGTH, PASSPHRASE_RULE
from storage.records import RecordRepository
from storage.settings import Settings
from storage.uow import UnitOfWork, records_of
from storage.vault import Vault

if TYPE_CHECKING:
    from services.documents.search import SearchIndex

__all__ = ["MIN_LENGTH", "PASSPHRASE_RULE", "KeyHolder", "Session", "Sessions"]

log = logging.getLogger("carnet")
PASSPHRASE_VARIABLE = "CARNET_PASSPHRASE"


class Session:
    def __init__(
        self, data_dir: Path | str, holder: KeyHolder | None = None, *, viewer: bool = False
    ) -> None:
        """``viewer``: this session (the app's, not a command's) hands decrypted copies to the system
        viewer, and removes them when it locks."""
        self.vault = Vault(data_dir, holder)  # for the storage code (backups) and the tests, not screens
        self.settings = Settings(data_dir)
        self.search_indexes: dict[
            str, SearchIndex
        ] = {}  # per profile, while unlocked (services/documents/search.py)
        self.viewer = viewer

    @classmethod
    def around(cls, vault: Vault) -> Session:
        """A session on a vault already opened (a background thread's sibling, a test's vault)."""
        session = cls(vault.data_dir)
        session.vault = vault
        return session

    # -- units of work ---------------------------------------------------------------------------------
    def uow(self, *, from_server: bool = False) -> UnitOfWork:
        """A new unit of work: ``with session.uow() as uow: ...; uow.commit()``."""
        return UnitOfWork(self.vault, from_server=from_server)

    def reader(self) -> RecordRepository:
        """The records for a read outside any unit of work (the order indexes as last committed)."""
        return records_of(self.vault)

    def worker(self) -> Session:
        """The same open carnet on a connection of its own, for a background thread (a sync round, a
        backup); a lock of this session makes it forget its keys too."""
        return Session.around(self.vault.sibling())

    # -- state and life cycle ---------------------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        return self.vault.data_dir

    def exists(self) -> bool:
        return self.vault.exists()

    @property
    def unlocked(self) -> bool:
        return self.vault.unlocked

    def create(self, passphrase: str, *, remember_on_device: bool = True) -> None:
        self.vault.create(passphrase, remember_on_device=remember_on_device)

    def unlock(self, passphrase: str | None = None) -> None:
        """With the passphrase, or with the key this device holds when none is given."""
        self.vault.unlock(passphrase)

    def lock(self) -> None:
        """Every key forgotten; no document text stays in memory; the viewer's decrypted copies are gone."""
        self.vault.lock()
        self.search_indexes.clear()
        if self.viewer:
            from services.documents import purge_copies  # documents use the session: imported when used

            purge_copies()

    # -- the passphrase, the recovery key and the device's key holder -----------------------------------
    def change_passphrase(self, old: str, new: str) -> None:
        self.vault.change_passphrase(old, new)

    def verify_passphrase(self, passphrase: str) -> None:
        self.vault.verify_passphrase(passphrase)

    def has_recovery_key(self) -> bool:
        return self.vault.has_recovery_key()

    def new_recovery_key(self) -> str:
        return self.vault.new_recovery_key()

    def reset_passphrase(self, recovery_code: str, new: str) -> None:
        self.vault.reset_passphrase(recovery_code, new)

    @property
    def device_holder_usable(self) -> bool:
        """A keyring or secure storage answers (a browser session never has one)."""
        return not isinstance(self.vault.holder, NoKeyHolder)

    def remember_on_device(self, passphrase: str) -> None:
        self.vault.remember_on_device(passphrase)

    def forget_device_key(self) -> None:
        """Removes the vault key from the device's holder (a keyring that does not answer: next time)."""
        if not self.vault.exists():
            return
        try:
            self.vault.holder.forget(self.vault.stored_id())
        except Exception:  # a keyring that does not answer now; the next start tries again
            log.warning("the device key could not be removed from the keyring", exc_info=True)

    # -- preferences (settings.json: nothing about anyone's health) -------------------------------------
    def preference(self, name: str) -> Any:
        return self.settings.get(name)

    def set_preference(self, name: str, value: Any) -> None:
        self.settings.set(name, value)


class Member(Protocol):
    @property
    def locked(self) -> bool: ...
    def forget_keys(self) -> None: ...
    def notify(self) -> None: ...


class Sessions:
    """Every open session of this process (browser tabs in web mode, the one window otherwise).

    Each session unlocks on its own, with the passphrase typed in it. Locking is for all of them: a lock in
    one tab, or the inactivity delay, locks every tab at once, so no forgotten tab stays open on the data.
    Activity anywhere counts for all, since one person at one machine uses them.
    """

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.monotonic = monotonic
        self.last_activity = monotonic()
        # Weak: a session that vanished without saying goodbye must not keep its vault alive.
        self._members: weakref.WeakSet[Member] = weakref.WeakSet()

    def join(self, member: Member) -> None:
        self._members.add(member)

    def leave(self, member: Member) -> None:
        self._members.discard(member)

    def __len__(self) -> int:
        return len(self._members)

    def touch(self) -> None:
        self.last_activity = self.monotonic()

    def idle_expired(self, minutes: int) -> bool:
        """True when some session is open and nothing happened in any session for ``minutes``."""
        open_ones = any(not m.locked for m in list(self._members))
        return minutes > 0 and open_ones and self.monotonic() - self.last_activity >= minutes * 60

    def lock_all(self) -> None:
        """Every key forgotten first, then every screen redrawn; a tab that cannot be redrawn (closed
        meanwhile) does not stop the others from showing their lock screen."""
        members = list(self._members)
        for member in members:
            member.forget_keys()
        for member in members:
            try:
                member.notify()
            except Exception:  # a page whose connection just went away
                log.info("a session could not show its lock screen", exc_info=True)


PROCESS_SESSIONS = Sessions()  # the app's sessions; tests build their own


# -- the command line's and the platforms' ways to open ----------------------------------------------------
def default_data_dir(environ: Mapping[str, str]) -> Path:
    if environ.get("CARNET_DATA_DIR"):
        return Path(environ["CARNET_DATA_DIR"])
    if environ.get("FLET_APP_STORAGE_DATA"):  # set by Flet in built mobile and desktop apps
        return Path(environ["FLET_APP_STORAGE_DATA"]) / "carnet"
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "carnet"


def passphrase_from_env(environ: Mapping[str, str]) -> str | None:
    return environ.get(PASSPHRASE_VARIABLE) or None


def device_holder() -> KeyHolder:
    """The OS keyring where one answers; otherwise nothing, and the passphrase is asked."""
    return KeyringHolder() if keyring_usable() else NoKeyHolder()


async def secure_storage_holder(storage: Any, data_dir: Path | str) -> KeyHolder:
    """The platform's secure storage (flet-secure-storage, handed by the app) as this device's key holder,
    with the key of this folder's vault read ahead (that storage answers asynchronously only)."""
    holder = SecureStorageHolder(storage)
    vault = Vault(data_dir)
    if vault.exists():
        # No key stored yet, or the storage unavailable: the passphrase is asked instead.
        with contextlib.suppress(Exception):
            await holder.aload(vault.stored_id())
    return holder


def open_session(
    data_dir: Path | str, passphrase: str | None, holder: KeyHolder | None = None, *, create: bool = False
) -> Session:
    """The unlocked carnet of ``data_dir``; created with ``passphrase`` when ``create`` and none exists."""
    session = Session(data_dir, holder or NoKeyHolder())
    if session.exists():
        session.unlock(passphrase)
        return session
    if not create:
        raise LockedError("No vault in {dir}.", dir=str(data_dir))
    if not passphrase:
        raise MissingPassphraseError()
    # The device keeps the key only when the owner turns that on in Réglages (AppState.set_device_unlock).
    session.create(passphrase, remember_on_device=False)
    return session

"""Where the vault key is held between sessions: the OS keyring, mobile secure storage, or nowhere.

The vault key is always also wrapped by a key derived from the passphrase (scrypt) inside the vault,
so the passphrase alone can always open it. A device holder only spares the user from typing it.
"""

from __future__ import annotations

import base64
import contextlib
from typing import Any, Protocol

SERVICE = "carnet"


class KeyHolder(Protocol):
    def load(self, vault_id: str) -> bytes | None: ...
    def store(self, vault_id: str, key: bytes) -> None: ...
    def forget(self, vault_id: str) -> None: ...


class NoKeyHolder:
    """No device storage: the passphrase is asked every time (headless servers, CI)."""

    def load(self, vault_id: str) -> bytes | None:
        return None

    def store(self, vault_id: str, key: bytes) -> None:
        return None

    def forget(self, vault_id: str) -> None:
        return None


class MemoryKeyHolder:
    """Keeps keys in a dict: for tests and for a session that was unlocked once."""

    def __init__(self) -> None:
        self.keys: dict[str, bytes] = {}

    def load(self, vault_id: str) -> bytes | None:
        return self.keys.get(vault_id)

    def store(self, vault_id: str, key: bytes) -> None:
        self.keys[vault_id] = key

    def forget(self, vault_id: str) -> None:
        self.keys.pop(vault_id, None)


class KeyringHolder:
    """The desktop OS keyring (Secret Service, macOS Keychain, Windows Credential Locker)."""

    def __init__(self, backend: Any = None) -> None:
        import keyring

        self._keyring = backend or keyring.get_keyring()

    def load(self, vault_id: str) -> bytes | None:
        value = self._keyring.get_password(SERVICE, vault_id)
        return base64.b64decode(value) if value else None

    def store(self, vault_id: str, key: bytes) -> None:
        self._keyring.set_password(SERVICE, vault_id, base64.b64encode(key).decode())

    def forget(self, vault_id: str) -> None:
        import keyring.errors

        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self._keyring.delete_password(SERVICE, vault_id)


def keyring_usable() -> bool:
    """True when a real keyring backend answers (not the 'fail' or null backends of headless Linux)."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring | null.Keyring) or getattr(backend, "priority", 0) <= 0:
            return False
        backend.get_password(SERVICE, "__probe__")
        return True
    except Exception:  # any backend failure (no D-Bus, locked collection) means: not usable
        return False


class SecureStorageHolder:
    """Mobile: flet-secure-storage (Keychain on iOS, Keystore-backed on Android).

    The Flet service is asynchronous; the app prefetches the key with ``aload`` before unlocking,
    then the vault reads it synchronously through ``load``.
    """

    def __init__(self, storage: Any) -> None:
        self._storage = storage  # a flet_secure_storage.SecureStorage added to page.services
        self._cache: dict[str, bytes] = {}

    async def aload(self, vault_id: str) -> bytes | None:
        value = await self._storage.get(f"{SERVICE}.{vault_id}")
        if value:
            self._cache[vault_id] = base64.b64decode(value)
        return self._cache.get(vault_id)

    def load(self, vault_id: str) -> bytes | None:
        return self._cache.get(vault_id)

    def store(self, vault_id: str, key: bytes) -> None:
        self._cache[vault_id] = key
        _schedule(self._storage.set(f"{SERVICE}.{vault_id}", base64.b64encode(key).decode()))

    def forget(self, vault_id: str) -> None:
        self._cache.pop(vault_id, None)
        _schedule(self._storage.remove(f"{SERVICE}.{vault_id}"))


def _schedule(coroutine: Any) -> None:
    """Run a Flet service call from sync code: on the app's loop when there is one."""
    import asyncio

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    _tasks.add(task := loop.create_task(coroutine))
    task.add_done_callback(_tasks.discard)


_tasks: set[Any] = set()

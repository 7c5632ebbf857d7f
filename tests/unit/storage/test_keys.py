import asyncio

import keyring.errors

from storage.keys import KeyringHolder, SecureStorageHolder
from storage.vault import Vault

from .conftest import PASSPHRASE


class FakeKeyringBackend:
    def __init__(self):
        self.passwords = {}

    def get_password(self, service, name):
        return self.passwords.get((service, name))

    def set_password(self, service, name, value):
        self.passwords[(service, name)] = value

    def delete_password(self, service, name):
        if (service, name) not in self.passwords:
            raise keyring.errors.PasswordDeleteError(name)
        del self.passwords[(service, name)]


class FakeSecureStorage:
    """The async API of flet_secure_storage.SecureStorage."""

    def __init__(self):
        self.values = {}

    async def get(self, key):
        return self.values.get(key)

    async def set(self, key, value):
        self.values[key] = value

    async def remove(self, key):
        self.values.pop(key, None)


def test_the_os_keyring_keeps_the_vault_key_between_sessions(tmp_path):
    backend = FakeKeyringBackend()
    vault = Vault(tmp_path, KeyringHolder(backend))
    vault.create(PASSPHRASE)
    vault.lock()
    assert len(backend.passwords) == 1
    again = Vault(tmp_path, KeyringHolder(backend))
    again.unlock()
    assert again.unlocked
    KeyringHolder(backend).forget(again.vault_id)
    KeyringHolder(backend).forget(again.vault_id)  # forgetting twice is harmless
    assert backend.passwords == {}


def test_mobile_secure_storage_is_prefetched_then_opens_the_vault(tmp_path):
    storage = FakeSecureStorage()

    async def scenario():
        first = Vault(tmp_path, SecureStorageHolder(storage))
        first.create(PASSPHRASE)  # stores the key through the app's running loop
        first.lock()
        await asyncio.sleep(0)
        holder = SecureStorageHolder(storage)
        later = Vault(tmp_path, holder)
        assert holder.load(later.stored_id()) is None
        await holder.aload(later.stored_id())
        later.unlock()
        return later.unlocked

    assert asyncio.run(scenario())
    assert list(storage.values) == [f"carnet.{Vault(tmp_path).stored_id()}"]

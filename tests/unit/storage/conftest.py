import pytest

from storage import crypto
from storage.keys import MemoryKeyHolder
from storage.vault import Vault

PASSPHRASE = "correct horse battery"


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch):
    # Unit tests do not need the real cost of the key derivation; the format stores n, so
    # vaults made here stay valid.
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


@pytest.fixture
def vault(tmp_path):
    v = Vault(tmp_path / "data", MemoryKeyHolder())
    v.create(PASSPHRASE)
    yield v
    v.lock()

from datetime import date

import pytest

from services import demo
from storage import crypto
from storage.keys import MemoryKeyHolder
from storage.vault import Vault

PASSPHRASE = "correct horse battery"
TODAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch):
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


@pytest.fixture
def vault(tmp_path):
    v = Vault(tmp_path / "data", MemoryKeyHolder())
    v.create(PASSPHRASE)
    yield v
    v.lock()


@pytest.fixture
def family(vault):
    return demo.create_demo_family(vault, TODAY)

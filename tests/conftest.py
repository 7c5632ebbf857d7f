"""Fixtures shared by every test folder."""

import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from storage import crypto  # noqa: E402
from storage.keys import MemoryKeyHolder  # noqa: E402
from storage.vault import Vault  # noqa: E402

PASSPHRASE = "correct horse battery"
TODAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch):
    # In-process tests do not need the real cost of the key derivation. The key file records n, so
    # vaults made here stay valid; processes started by tests use the real cost.
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


@pytest.fixture
def vault(tmp_path):
    """A new, unlocked, empty vault whose key the device holds."""
    v = Vault(tmp_path / "data", MemoryKeyHolder())
    v.create(PASSPHRASE)
    yield v
    v.lock()

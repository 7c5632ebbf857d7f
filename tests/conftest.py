"""Fixtures shared by every test folder."""

import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from storage import crypto  # noqa: E402

REAL_KDF = {name: getattr(crypto, name) for name in dir(crypto) if name.isupper()}
from services.session import Session  # noqa: E402
from storage.keys import MemoryKeyHolder  # noqa: E402

PASSPHRASE = "correct horse battery"
TODAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch):
    # In-process tests do not need the real cost of the key derivation, so the cost and the lowest
    # cost accepted from a key file are lowered together. Processes started by tests use the real
    # bounds: a vault they open must be written at the real cost (see the `real_kdf_cost` fixture).
    monkeypatch.setattr(crypto, "ARGON2_MEMORY_KIB", 64)
    monkeypatch.setattr(crypto, "ARGON2_ITERATIONS", 1)
    monkeypatch.setattr(crypto, "ARGON2_LANES", 1)
    monkeypatch.setattr(crypto, "MIN_ARGON2_MEMORY_KIB", 8)
    monkeypatch.setattr(crypto, "MIN_SCRYPT_N", 2**10)


@pytest.fixture
def real_kdf_cost(monkeypatch):
    """The real key derivation cost, for a vault that a process started by the test will open."""
    for name in (
        "ARGON2_MEMORY_KIB",
        "ARGON2_ITERATIONS",
        "ARGON2_LANES",
        "MIN_ARGON2_MEMORY_KIB",
        "MIN_SCRYPT_N",
    ):
        monkeypatch.setattr(crypto, name, REAL_KDF[name])


@pytest.fixture
def session(tmp_path):
    """A new, unlocked, empty carnet whose key the device holds."""
    s = Session(tmp_path / "data", MemoryKeyHolder())
    s.create(PASSPHRASE)
    yield s
    s.lock()


@pytest.fixture
def vault(session):
    """The vault of ``session``, for the tests of the storage itself."""
    return session.vault


def stored_bytes(session, profile_id, attachment_id):
    """The bytes the vault holds for an attachment, read by the test without the access log."""
    with session.uow() as uow:
        return uow.attachments.get(profile_id, attachment_id)

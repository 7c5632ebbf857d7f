"""Fixtures shared by every test folder."""

import re
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from storage import crypto  # noqa: E402

REAL_KDF = {name: getattr(crypto, name) for name in dir(crypto) if name.isupper()}
from domain.errors import CarnetError  # noqa: E402
from services.i18n import translator  # noqa: E402
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


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(autouse=True)
def no_iso_date_in_error_messages(monkeypatch):
    """Every refusal met by any test, rendered in French and English, writes its dates as people do
    (31/12/2025, 12/31/2025), never ISO (issue 13): a date parameter must stay a ``date`` so that
    ``CarnetError.render`` writes it in the user's language. An ISO-looking text inside a longer string
    parameter (a file path, a typed text echoed back, a server's reason) is not the code's date."""
    met: list[CarnetError] = []
    original = CarnetError.__init__

    def recording(self, msgid=None, **params):
        original(self, msgid, **params)
        met.append(self)

    monkeypatch.setattr(CarnetError, "__init__", recording)
    yield
    iso = [f"{type(e).__name__}: {text}" for e in met for text in _iso_renderings(e)]
    assert iso == [], "a date written as ISO in a message"


def _iso_renderings(error):
    texts = [str(v) for v in error.params.values() if isinstance(v, str | Path)]
    if any(ISO_DAY.fullmatch(text.strip()) for text in texts):  # a date handed over as its ISO text
        return [error.render(translator(lang)) for lang in ("fr", "en")]
    rendered = (error.render(translator(lang)) for lang in ("fr", "en"))
    return [text for text in rendered if any(d not in "".join(texts) for d in ISO_DAY.findall(text))]

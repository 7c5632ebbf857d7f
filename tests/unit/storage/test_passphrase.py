"""Passphrases: weak ones refused, the key derivation's cost, key files checked and upgraded, and a growing
delay after wrong passphrases."""

import base64
import json
import os
from datetime import date

import pytest

from domain.errors import CarnetError, TooManyAttemptsError, WeakPassphraseError, WrongPassphraseError
from domain.models import Measurement, Profile
from services.i18n import translator
from storage import crypto
from storage.keys import MemoryKeyHolder, NoKeyHolder
from storage.uow import UnitOfWork
from storage.vault import Vault
from tests.conftest import REAL_KDF

from .conftest import PASSPHRASE


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    "weak",
    [
        "        ",
        "password",
        "short",
        "0123456789",
        "azertyuiop",
        "motdepasse123",
        "carnetdesante",
        "  a  b  ",
    ],
)
def test_a_blank_short_or_common_passphrase_creates_no_vault(tmp_path, weak):
    vault = Vault(tmp_path / "data")
    with pytest.raises(WeakPassphraseError):
        vault.create(weak)
    assert not vault.exists()


@pytest.mark.parametrize(
    "strong", [PASSPHRASE, "phrase de passe du test", "Fraise-Tulipe-Nuage-42", "une phrase secrète"]
)
def test_phrases_of_unrelated_words_are_accepted(tmp_path, strong):
    vault = Vault(tmp_path / "data")
    vault.create(strong)
    assert vault.unlocked


def test_the_refusal_says_in_french_what_a_good_passphrase_is(tmp_path):
    with pytest.raises(WeakPassphraseError) as refused:
        Vault(tmp_path).create("password")
    message = refused.value.render(translator("fr"))
    assert "10 caractères" in message and "facile à deviner" in message


def test_a_new_passphrase_must_be_strong_too(vault):
    with pytest.raises(WeakPassphraseError):
        vault.change_passphrase(PASSPHRASE, "password")


def test_the_real_cost_meets_owasp_guidance_for_argon2id():
    # OWASP's Password Storage Cheat Sheet: Argon2id, at least 19 MiB of memory and 2 passes (or an
    # equivalent: more memory, fewer passes); RFC 9106's second recommendation is 64 MiB, 3 passes.
    assert REAL_KDF["ARGON2_MEMORY_KIB"] >= 64 * 1024 and REAL_KDF["ARGON2_ITERATIONS"] >= 3
    assert REAL_KDF["MIN_ARGON2_MEMORY_KIB"] >= 19 * 1024


def test_a_new_key_file_uses_argon2id_with_the_current_cost(vault):
    stored = json.loads(vault.keyfile_path.read_text())
    assert stored["kdf"] == crypto.current_kdf() and stored["kdf"]["name"] == "argon2id"


def legacy_scrypt_keyfile(vault: Vault, passphrase: str) -> None:
    """The key file as Carnet wrote it before Argon2id (format 1, scrypt)."""
    vault_key = vault.holder.load(vault.vault_id)
    salt = os.urandom(16)
    kdf = {"name": "scrypt", "n": crypto.MIN_SCRYPT_N, "r": 8, "p": 1}
    wrapped = crypto.Sealer(crypto.derive_key(passphrase, salt, kdf)).seal(
        vault_key, "keyfile", vault.vault_id
    )
    vault.keyfile_path.write_text(
        json.dumps(
            {
                "format": 1,
                "vault_id": vault.vault_id,
                "kdf": kdf,
                "salt": base64.b64encode(salt).decode(),
                "wrapped_vault_key": base64.b64encode(wrapped).decode(),
            }
        )
    )


def test_an_old_scrypt_key_file_is_wrapped_again_with_argon2id_at_the_next_unlock(vault):
    legacy_scrypt_keyfile(vault, PASSPHRASE)
    vault.lock()
    legacy = vault.keyfile_path.read_bytes()
    with pytest.raises(WrongPassphraseError):
        Vault(vault.data_dir).unlock("not the passphrase at all")
    assert vault.keyfile_path.read_bytes() == legacy  # a wrong passphrase changes nothing

    Vault(vault.data_dir).unlock(PASSPHRASE)
    upgraded = json.loads(vault.keyfile_path.read_text())
    assert upgraded["format"] == 2 and upgraded["kdf"] == crypto.current_kdf()
    assert [p.name for p in vault.data_dir.iterdir() if p.name.endswith(".tmp")] == []
    again = Vault(vault.data_dir)
    again.unlock(PASSPHRASE)
    assert again.unlocked


def test_a_key_file_is_not_rewritten_when_it_is_already_as_strong(vault):
    vault.lock()
    before = vault.keyfile_path.read_bytes()
    Vault(vault.data_dir).unlock(PASSPHRASE)
    assert vault.keyfile_path.read_bytes() == before


TAMPERED = [
    {"name": "scrypt", "n": 2**34, "r": 8, "p": 1},  # 16 GiB
    {"name": "scrypt", "n": 2**17 + 1, "r": 8, "p": 1},  # not a power of two
    {"name": "scrypt", "n": 2**15, "r": 4096, "p": 1},
    {"name": "scrypt", "n": 2**15, "r": 8, "p": 1000},
    {"name": "scrypt", "n": 2, "r": 8, "p": 1},
    {"name": "argon2id", "memory_kib": 16 * 1024 * 1024, "iterations": 3, "lanes": 4},
    {"name": "argon2id", "memory_kib": 65536, "iterations": 10**6, "lanes": 4},
    {"name": "argon2id", "memory_kib": 65536, "iterations": "3", "lanes": 4},
    {"name": "argon2id", "memory_kib": 65536, "iterations": True, "lanes": 4},
    {"name": "argon2id", "memory_kib": 65536.0, "iterations": 3, "lanes": 4},
    {"name": "pbkdf2", "iterations": 1},
    "scrypt",
]


@pytest.mark.parametrize("kdf", TAMPERED)
def test_a_key_file_with_parameters_out_of_bounds_is_refused_without_deriving(vault, monkeypatch, kdf):
    data = json.loads(vault.keyfile_path.read_text())
    data["kdf"] = kdf
    vault.keyfile_path.write_text(json.dumps(data))
    vault.lock()
    monkeypatch.setattr(crypto, "derive_key", lambda *a: pytest.fail("the key derivation ran"))
    with pytest.raises(CarnetError) as refused:
        Vault(vault.data_dir).unlock(PASSPHRASE)
    assert "key file" in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("salt", "%%% not base64"),
        ("salt", base64.b64encode(b"short").decode()),
        ("salt", 12),
        ("wrapped_vault_key", base64.b64encode(b"x" * 20).decode()),
        ("vault_id", "../../etc"),
        ("format", 99),
    ],
)
def test_a_key_file_with_bad_fields_is_refused_with_one_line(vault, field, value):
    data = json.loads(vault.keyfile_path.read_text())
    data[field] = value
    vault.keyfile_path.write_text(json.dumps(data))
    vault.lock()
    with pytest.raises(CarnetError, match="key file"):
        Vault(vault.data_dir).unlock(PASSPHRASE)


def test_a_huge_key_file_is_refused_without_reading_it_whole(vault):
    vault.keyfile_path.write_text('{"vault_id": "' + "a" * 10_000_000 + '"}')
    vault.lock()
    with pytest.raises(CarnetError, match="key file"):
        Vault(vault.data_dir).unlock(PASSPHRASE)


# -- the delay after wrong passphrases --------------------------------------------------------------------
@pytest.fixture
def locked(vault, monkeypatch):
    """The vault locked, its throttle on a fake clock, and a count of key derivations."""
    with UnitOfWork(vault) as uow:
        profile = Profile("Alice", "Martin", date(1990, 5, 17), "F")
        uow.profiles.add(profile)
        uow.records.add(profile.id, Measurement("weight", 60, date(2026, 1, 1)))
        uow.commit()
    vault.lock()
    clock = FakeClock()
    vault.throttle.clock = clock
    derivations = []
    real = crypto.derive_key
    monkeypatch.setattr(crypto, "derive_key", lambda *a: derivations.append(1) or real(*a))
    return vault, clock, derivations


def test_after_three_wrong_passphrases_the_next_attempt_waits_without_deriving_a_key(locked):
    vault, clock, derivations = locked
    for _ in range(3):
        with pytest.raises(WrongPassphraseError):
            Vault(vault.data_dir).unlock("not the passphrase at all")
    assert len(derivations) == 3
    with pytest.raises(TooManyAttemptsError) as waiting:
        Vault(vault.data_dir).unlock(PASSPHRASE)  # even the right one, until the delay is over
    assert len(derivations) == 3
    assert "2 s" in str(waiting.value)
    assert "2 s" in waiting.value.render(translator("fr"))
    clock.now += 2
    opened = Vault(vault.data_dir)
    opened.unlock(PASSPHRASE)
    assert opened.unlocked and vault.throttle.failures == 0


def test_the_delay_doubles_with_each_failure_up_to_five_minutes(locked):
    vault, clock, _ = locked
    delays = []
    for _ in range(12):
        with pytest.raises(WrongPassphraseError):
            Vault(vault.data_dir).unlock("not the passphrase at all")
        try:
            vault.throttle.check()
        except TooManyAttemptsError as waiting:
            delays.append(waiting.params["seconds"])
            clock.now += waiting.params["seconds"]
    assert delays == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]


def test_the_count_is_shared_by_every_vault_object_of_the_folder_and_not_by_others(locked, tmp_path):
    vault, _clock, _ = locked
    sessions = [Vault(vault.data_dir, NoKeyHolder()) for _ in range(3)]
    for session in sessions:
        with pytest.raises(WrongPassphraseError):
            session.unlock("not the passphrase at all")
    with pytest.raises(TooManyAttemptsError):
        Vault(vault.data_dir).unlock(PASSPHRASE)
    other = Vault(tmp_path / "other", MemoryKeyHolder())
    other.create(PASSPHRASE)
    other.lock()
    other.unlock(PASSPHRASE)
    assert other.unlocked


def test_the_device_key_still_opens_while_passphrases_wait(locked):
    vault, _clock, _ = locked
    for _ in range(3):
        with pytest.raises(WrongPassphraseError):
            Vault(vault.data_dir).unlock("not the passphrase at all")
    device = Vault(vault.data_dir, vault.holder)
    device.unlock()
    assert device.unlocked


def test_changing_the_passphrase_counts_wrong_old_passphrases_too(locked):
    vault, _clock, _ = locked
    vault.unlock()
    for _ in range(3):
        with pytest.raises(WrongPassphraseError):
            vault.change_passphrase("not the passphrase at all", "another long passphrase")
    with pytest.raises(TooManyAttemptsError):
        vault.change_passphrase(PASSPHRASE, "another long passphrase")

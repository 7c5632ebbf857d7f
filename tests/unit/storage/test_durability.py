"""Two writers at once, a deleted profile gone from every file at once, and the folder's permissions."""

import sqlite3
import stat
import threading
from datetime import date, datetime

import pytest

from domain.models import Measurement, Profile
from storage.deliveries import Delivery, DeliveryLog
from storage.keys import MemoryKeyHolder
from storage.settings import Settings
from storage.uow import UnitOfWork
from storage.vault import Vault

from .conftest import PASSPHRASE


def alice():
    return Profile("Alice", "Martin", date(1990, 5, 17), "F")


def test_a_unit_of_work_holds_the_write_lock_from_its_start(vault):
    other = sqlite3.connect(vault.db_path, isolation_level=None, timeout=0)
    try:
        with UnitOfWork(vault), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")  # a second writer would wait here, not fail later
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_two_vaults_writing_at_once_both_succeed(vault):
    profile = alice()
    with UnitOfWork(vault) as uow:
        uow.profiles.add(profile)
        uow.commit()
    second = Vault(vault.data_dir, vault.holder)
    second.unlock()
    errors: list[BaseException] = []

    def writer(v: Vault, base: int) -> None:
        try:
            for i in range(40):
                with UnitOfWork(v) as uow:
                    uow.records.list(profile.id, "measurement", limit=5)  # read, then write
                    uow.records.add(profile.id, Measurement("weight", base + i, date(2026, 1, 1)))
                    uow.commit()
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(v, b)) for v, b in ((vault, 100), (second, 200))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with UnitOfWork(vault) as uow:
        values = sorted(m.value for m in uow.records.list(profile.id, "measurement"))
        assert uow.records.damaged == []
    assert values == [*range(100, 140), *range(200, 240)]
    second.lock()


def test_a_deleted_profile_leaves_no_ciphertext_in_the_database_or_its_log(vault):
    profile, other = alice(), Profile("Léo", "Martin", date(2025, 9, 1), "M", role="child")
    with UnitOfWork(vault) as uow:
        uow.profiles.add(profile)
        uow.profiles.add(other)
        for i in range(20):
            uow.records.add(profile.id, Measurement("weight", 60 + i, date(2026, 1, 1 + i)))
        uow.attachments.put(profile.id, "scan", b"%PDF-1.4 " + bytes(range(256)) * 40)
        DeliveryLog(vault).add(
            Delivery("k1", profile.id, datetime(2026, 11, 30, 9), "Vaccin", "ROR", "in_app")
        )
        uow.commit()
    db = vault.db
    sealed = [r[0] for r in db.execute("SELECT blob FROM records WHERE profile_id = ?", [profile.id])]
    sealed += [r[0] for r in db.execute("SELECT blob FROM attachments WHERE profile_id = ?", [profile.id])]
    sealed += [r[0] for r in db.execute("SELECT blob FROM identities WHERE id = ?", [profile.id])]
    sealed += [r[0] for r in db.execute("SELECT wrapped FROM keys WHERE id = ?", [profile.id])]
    sealed += [
        r[0] for r in db.execute("SELECT blob FROM reminder_deliveries WHERE profile_id = ?", [profile.id])
    ]
    assert len(sealed) == 24
    with UnitOfWork(vault) as uow:
        uow.profiles.delete(profile.id)
        uow.commit()
    files = [vault.db_path, vault.db_path.with_name("vault.db-wal")]
    content = b"".join(f.read_bytes() for f in files if f.exists())
    leftovers = [blob for blob in sealed if blob[12:44] in content]
    assert leftovers == []
    with UnitOfWork(vault) as uow:
        assert [p.id for p in uow.profiles.list()] == [other.id]


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_folder_is_closed_to_other_accounts(tmp_path):
    Vault(tmp_path / "new", MemoryKeyHolder()).create(PASSPHRASE)
    assert mode(tmp_path / "new") == 0o700


def test_an_empty_folder_or_one_with_only_carnet_settings_is_closed_too(tmp_path):
    for name, files in (("empty", []), ("settings", ["settings.json"])):
        folder = tmp_path / name
        folder.mkdir(mode=0o755)
        for file in files:
            (folder / file).write_text("{}")
        Vault(folder, MemoryKeyHolder()).create(PASSPHRASE)
        assert mode(folder) == 0o700, name


def test_an_existing_folder_with_other_files_keeps_its_permissions(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    (folder / "notes.txt").write_text("mine")
    Vault(folder, MemoryKeyHolder()).create(PASSPHRASE)
    assert mode(folder) == 0o755


def test_the_settings_written_before_any_vault_make_a_closed_folder(tmp_path):
    Settings(tmp_path / "carnet").set("language", "en")
    assert mode(tmp_path / "carnet") == 0o700

from datetime import date

import pytest

from domain.errors import IntegrityError, LockedError, MissingPassphraseError, WrongPassphraseError
from domain.models import Document, Measurement, Profile
from storage.keys import MemoryKeyHolder, NoKeyHolder
from storage.migrations import MIGRATIONS, current_version
from storage.uow import UnitOfWork
from storage.vault import Vault

from .conftest import PASSPHRASE


def alice():
    return Profile("Alice", "Martin", date(1990, 5, 17), "F", national_id="2900575123456")


def test_a_profile_and_its_records_come_back_after_lock_and_unlock(vault):
    profile = alice()
    weight = Measurement("weight", 61.5, date(2026, 3, 2))
    with UnitOfWork(vault) as uow:
        uow.profiles.add(profile)
        uow.records.add(profile.id, weight)
        uow.commit()
    vault.lock()
    vault.unlock(PASSPHRASE)
    with UnitOfWork(vault) as uow:
        assert uow.profiles.list() == [profile]
        assert uow.records.list(profile.id, "measurement") == [weight]


def test_changes_not_committed_are_rolled_back(vault):
    with UnitOfWork(vault) as uow:
        uow.profiles.add(alice())
    with UnitOfWork(vault) as uow:
        assert uow.profiles.list() == []


def test_an_error_inside_the_unit_of_work_leaves_nothing_half_written(vault):
    profile = alice()
    with pytest.raises(RuntimeError), UnitOfWork(vault) as uow:
        uow.profiles.add(profile)
        uow.records.add(profile.id, Measurement("weight", 60, date(2026, 1, 1)))
        raise RuntimeError("crash between two writes")
    assert vault.db.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 0
    assert vault.db.execute("SELECT COUNT(*) FROM identities").fetchone()[0] == 0


def test_a_wrong_passphrase_is_refused_and_changes_no_file(vault):
    with UnitOfWork(vault) as uow:
        uow.profiles.add(alice())
        uow.commit()
    vault.lock()
    before = {p.name: p.read_bytes() for p in vault.data_dir.iterdir()}
    other = Vault(vault.data_dir, NoKeyHolder())
    with pytest.raises(WrongPassphraseError):
        other.unlock("not the passphrase")
    assert not other.unlocked
    assert {p.name: p.read_bytes() for p in vault.data_dir.iterdir()} == before


def test_without_passphrase_or_device_key_the_vault_asks_for_one(vault):
    vault.lock()
    with pytest.raises(MissingPassphraseError):
        Vault(vault.data_dir, NoKeyHolder()).unlock()


def test_the_device_key_opens_the_vault_without_passphrase(tmp_path):
    holder = MemoryKeyHolder()
    v = Vault(tmp_path, holder)
    v.create(PASSPHRASE)
    v.lock()
    again = Vault(tmp_path, holder)
    again.unlock()
    assert again.unlocked


def test_a_ciphertext_moved_to_another_row_fails_to_open(vault):
    profile = alice()
    first, second = Measurement("weight", 60, date(2026, 1, 1)), Measurement("weight", 70, date(2026, 2, 1))
    with UnitOfWork(vault) as uow:
        uow.profiles.add(profile)
        uow.records.add(profile.id, first)
        uow.records.add(profile.id, second)
        uow.commit()
    blob = vault.db.execute("SELECT blob FROM records WHERE id = ?", [first.id]).fetchone()[0]
    vault.db.execute("UPDATE records SET blob = ? WHERE id = ?", [blob, second.id])
    with UnitOfWork(vault) as uow, pytest.raises(IntegrityError):
        uow.records.get(profile.id, second.id)


def test_one_flipped_byte_damages_only_that_record(vault):
    profile = alice()
    records = [Measurement("weight", 60 + i, date(2026, 1, 1 + i)) for i in range(3)]
    with UnitOfWork(vault) as uow:
        uow.profiles.add(profile)
        for record in records:
            uow.records.add(profile.id, record)
        uow.commit()
    blob = bytearray(vault.db.execute("SELECT blob FROM records WHERE id = ?", [records[1].id]).fetchone()[0])
    blob[20] ^= 0x01
    vault.db.execute("UPDATE records SET blob = ? WHERE id = ?", [bytes(blob), records[1].id])
    with UnitOfWork(vault) as uow:
        with pytest.raises(IntegrityError):
            uow.records.get(profile.id, records[1].id)
        readable = uow.records.list(profile.id, "measurement")
        assert [r.id for r in readable] == [records[2].id, records[0].id]
        assert uow.records.damaged == [records[1].id]


def test_deleting_a_profile_destroys_its_data_key_and_records(vault):
    profile, other = alice(), Profile("Léo", "Martin", date(2025, 9, 1), "M", role="child")
    with UnitOfWork(vault) as uow:
        uow.profiles.add(profile)
        uow.profiles.add(other)
        uow.records.add(profile.id, Measurement("weight", 60, date(2026, 1, 1)))
        uow.attachments.put(profile.id, "att1", b"%PDF-1.4 secret")
        uow.commit()
    with UnitOfWork(vault) as uow:
        uow.profiles.delete(profile.id)
        uow.commit()
    db = vault.db
    assert db.execute("SELECT COUNT(*) FROM keys WHERE id = ?", [profile.id]).fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM records WHERE profile_id = ?", [profile.id]).fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM attachments").fetchone()[0] == 0
    with UnitOfWork(vault) as uow:
        assert [p.id for p in uow.profiles.list()] == [other.id]
    with pytest.raises(LockedError):
        vault.sealer(profile.id)


def test_the_newest_documents_come_first_even_within_one_month(vault):
    profile = alice()
    days = [date(2025, 12, 30), date(2026, 1, 3), date(2026, 1, 28), date(2026, 1, 10), date(2025, 11, 2)]
    docs = [Document(f"Doc {d}", "11502-2", d) for d in days]
    with UnitOfWork(vault) as uow:
        uow.profiles.add(profile)
        uow.records.add_many(profile.id, docs)
        uow.commit()
    with UnitOfWork(vault) as uow:
        newest = uow.records.list(profile.id, "document", limit=2)
    assert [d.on for d in newest] == [date(2026, 1, 28), date(2026, 1, 10)]


def test_every_change_writes_an_outbox_entry_in_its_transaction(vault):
    profile = alice()
    weight = Measurement("weight", 60, date(2026, 1, 1))
    with UnitOfWork(vault) as uow:
        uow.profiles.add(profile)
        uow.records.add(profile.id, weight)
        uow.records.delete(profile.id, weight.id)
        uow.commit()
    ops = vault.db.execute("SELECT row_table, op, version FROM outbox ORDER BY seq").fetchall()
    assert ops == [("identities", "put", 1), ("records", "put", 1), ("records", "delete", 2)]


def test_migrations_bring_an_empty_vault_to_the_latest_version(vault):
    assert current_version(vault.db) == len(MIGRATIONS)
    names = [r[0] for r in vault.db.execute("SELECT name FROM schema_migrations ORDER BY version")]
    assert names == [m.__name__ for m in MIGRATIONS]


def test_changing_the_passphrase_keeps_the_data(vault):
    vault.change_passphrase(PASSPHRASE, "another long passphrase")
    vault.lock()
    with pytest.raises(WrongPassphraseError):
        Vault(vault.data_dir).unlock(PASSPHRASE)
    v = Vault(vault.data_dir)
    v.unlock("another long passphrase")
    assert v.unlocked
    v.lock()


def test_a_lock_makes_a_sibling_working_in_another_thread_forget_its_keys_too(vault):
    profile = alice()
    with UnitOfWork(vault) as uow:
        uow.profiles.add(profile)
        uow.commit()
    worker = vault.sibling()  # a sync round's own connection
    assert UnitOfWork(worker).profiles.get(profile.id) == profile
    vault.lock()
    assert not worker.unlocked
    with pytest.raises(LockedError):
        worker.sealer(profile.id)
    worker.lock()

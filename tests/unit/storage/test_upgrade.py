"""A vault written by the previous version (kind and month in clear, values unpadded and bound to their id
only) is converted at its first unlock, in one transaction, and reads the same afterwards."""

import json
from datetime import date

from sqlite_utils import Database

from domain.models import Document, Measurement, Pregnancy, Profile
from storage import codec, migrations
from storage.deliveries import DeliveryLog
from storage.keys import MemoryKeyHolder
from storage.uow import UnitOfWork
from storage.vault import Vault

from .conftest import PASSPHRASE


def legacy_vault(tmp_path, monkeypatch):
    """A vault at schema 5, its rows written exactly as the previous version wrote them."""
    holder = MemoryKeyHolder()
    with monkeypatch.context() as old:
        old.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:5])
        vault = Vault(tmp_path / "data", holder)
        vault.create(PASSPHRASE)
        alice = Profile("Alice", "Martin", date(1990, 5, 17), "F")
        vault.new_profile_key(alice.id)
        identity = vault.sealer("identity").seal(codec.encode(alice), "identities", alice.id)
        vault.db.execute("INSERT INTO identities (id, blob) VALUES (?, ?)", [alice.id, identity])
        sealer = vault.sealer(alice.id)
        pregnancy = Pregnancy(date(2026, 9, 3))
        weights = [Measurement("weight", 60 + i, date(2026, 1, 1 + i)) for i in range(3)]
        scan = Document("Échographie", "11525-3", date(2026, 10, 1), attachment_id="att1")
        rows = [(pregnancy, 1, 0), (weights[0], 1, 0), (weights[1], 2, 0), (weights[2], 3, 1), (scan, 1, 0)]
        for obj, version, deleted in rows:
            blob = b"" if deleted else sealer.seal(codec.encode(obj), "records", obj.id)
            vault.db.execute(
                "INSERT INTO records (id, profile_id, kind, month, version, deleted, blob) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [obj.id, alice.id, codec.kind_of(obj), codec.month_of(obj), version, deleted, blob],
            )
        for attachment_id, data in (("att1", b"%PDF-1.4 echo"), ("att1.text", b"echographie")):
            sealed = sealer.seal(data, "attachments", attachment_id)
            vault.db.execute(
                "INSERT INTO attachments (id, profile_id, blob) VALUES (?, ?, ?)",
                [attachment_id, alice.id, sealed],
            )
        plain = {
            "key": "k1",
            "at": "2026-11-30T09:00:00",
            "title": "Vaccin",
            "body": "ROR",
            "channel": "in_app",
        }
        delivery = sealer.seal(json.dumps(plain).encode(), "reminder_deliveries", "d1")
        vault.db.execute(
            "INSERT INTO reminder_deliveries (id, profile_id, blob) VALUES (?, ?, ?)",
            ["d1", alice.id, delivery],
        )
        vault.db.execute(
            "INSERT INTO sync_state (key, value) VALUES ('server', 'https://fhir.chu-nord.example')"
        )
        vault.db.execute(
            "INSERT INTO sync_remote (row_id, profile_id, resource_type, version) "
            "VALUES (?, ?, 'Immunization', '3')",
            [weights[0].id, alice.id],
        )
        issue = sealer.seal(json.dumps({"reason": "refused"}).encode(), "sync_issues", "i1")
        vault.db.execute(
            "INSERT INTO sync_issues (id, kind, row_table, row_id, profile_id, resource_type, key_id, at, "
            "blob) VALUES ('i1', 'rejected', 'records', ?, ?, 'AllergyIntolerance', ?, '2026-11-30', ?)",
            [pregnancy.id, alice.id, alice.id, issue],
        )
        vault.lock()
    return holder, alice, pregnancy, weights, scan


def test_the_first_unlock_converts_an_old_vault_and_every_record_reads_the_same(tmp_path, monkeypatch):
    holder, alice, pregnancy, weights, scan = legacy_vault(tmp_path, monkeypatch)
    vault = Vault(tmp_path / "data", holder)
    vault.unlock(PASSPHRASE)
    names = [r[0] for r in vault.db.execute("SELECT name FROM schema_migrations ORDER BY version")]
    assert names.index("seal_sync_metadata") == names.index("seal_index_metadata") + 1
    assert len(names) == len(migrations.MIGRATIONS)
    with UnitOfWork(vault) as uow:
        assert uow.profiles.list() == [alice]
        assert uow.records.list(alice.id, "pregnancy") == [pregnancy]
        assert uow.records.list(alice.id, "measurement") == [weights[1], weights[0]]
        assert uow.records.damaged == []
        assert uow.records.state(weights[2].id) == ("measurement", True)
        assert uow.records.get(alice.id, scan.id) == scan
        assert uow.attachments.get(alice.id, "att1") == b"%PDF-1.4 echo"
        assert uow.attachments.get(alice.id, "att1.text") == b"echographie"
        weight = uow.records.get(alice.id, weights[1].id)
        uow.records.update(alice.id, weight)
        uow.commit()
    assert [d.title for d in DeliveryLog(vault).read([alice.id])] == ["Vaccin"]
    with UnitOfWork(vault) as uow:
        assert uow.sync_state.get("server") == "https://fhir.chu-nord.example"
        assert uow.remote.rows_of(alice.id) == [("Immunization", weights[0].id)]
        [issue] = uow.issues.list("rejected")
    assert issue.resource_type == "AllergyIntolerance" and issue.content == {"reason": "refused"}
    columns = {c[1] for c in vault.db.execute("PRAGMA table_info(records)")}
    assert "kind" not in columns and "month" not in columns
    vault.lock()
    content = b"".join(p.read_bytes() for p in (tmp_path / "data").iterdir() if p.is_file())
    for clear in (
        b"pregnancy",
        b"measurement",
        b"2026-09",
        b"att1.text",
        b"Immunization",
        b"Allergy",
        b"chu-nord",
    ):
        assert clear not in content, clear


def test_a_record_damaged_before_the_upgrade_stays_reported_as_damaged(tmp_path, monkeypatch):
    holder, alice, _pregnancy, weights, _scan = legacy_vault(tmp_path, monkeypatch)
    with monkeypatch.context() as old:
        old.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:5])
        vault = Vault(tmp_path / "data", holder)
        vault.unlock()
        vault.db.execute("UPDATE records SET blob = zeroblob(60) WHERE id = ?", [weights[0].id])
        vault.lock()
    vault = Vault(tmp_path / "data", holder)
    vault.unlock()
    with UnitOfWork(vault) as uow:
        assert uow.records.list(alice.id, "measurement") == [weights[1]]
        assert uow.records.damaged == [weights[0].id]


def test_the_conversion_waits_for_the_keys(tmp_path, monkeypatch):
    legacy_vault(tmp_path, monkeypatch)
    db = Database(tmp_path / "data" / "vault.db")
    assert migrations.migrate(db) == []  # without the keys: the steps that need none only
    assert migrations.current_version(db) == 5
    db.close()

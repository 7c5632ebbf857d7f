"""The repositories of the unit of work, each on its own: what they keep, refuse, and leave in clear."""

from datetime import UTC, date, datetime

import pytest

from domain.errors import AttachmentExistsError, NotFoundError
from domain.medical import Allergy
from domain.models import Measurement, Profile
from storage.access_log import AccessEntry
from storage.repositories import Change
from storage.sync_ledger import CONFLICT, QUARANTINE, REJECTED
from storage.uow import UnitOfWork, records_of

from .conftest import TODAY


def new_profile(vault, first_name="Alice", born=date(1990, 5, 17), role="holder"):
    profile = Profile(first_name, "Martin", born, "F", role=role)
    with UnitOfWork(vault) as uow:
        uow.profiles.add(profile)
        uow.commit()
    return profile


def weight(value=60.0, on=TODAY):
    return Measurement("weight", value, on)


@pytest.fixture
def alice(vault):
    return new_profile(vault)


# -- profiles --------------------------------------------------------------------------------------
def test_profiles_list_the_holder_first_then_by_birth_date(vault):
    child = new_profile(vault, "Léo", date(2025, 1, 2), role="child")
    older = new_profile(vault, "Inès", date(2019, 3, 4), role="child")
    holder = new_profile(vault, "Camille", date(1990, 1, 1))
    with UnitOfWork(vault) as uow:
        assert [p.first_name for p in uow.profiles.list()] == ["Camille", "Inès", "Léo"]
        assert uow.profiles.count() == 3 and uow.profiles.exists(child.id) and uow.profiles.has_key(older.id)
        assert uow.profiles.get(holder.id) == holder


def test_a_profile_deleted_takes_its_key_its_records_and_files_with_it(vault, alice):
    with UnitOfWork(vault) as uow:
        uow.records.add(alice.id, weight())
        uow.attachments.put(alice.id, "scan", b"%PDF-")
        uow.commit()
    with UnitOfWork(vault) as uow:
        uow.profiles.delete(alice.id)
        uow.commit()
    with UnitOfWork(vault) as uow:
        assert not uow.profiles.exists(alice.id) and not uow.profiles.has_key(alice.id)
        with pytest.raises(NotFoundError):
            uow.profiles.get(alice.id)
    assert (
        vault.db.execute("SELECT COUNT(*) FROM records WHERE profile_id = ?", [alice.id]).fetchone()[0] == 0
    )
    assert vault.db.execute("SELECT COUNT(*) FROM attachments").fetchone()[0] == 0


def test_a_damaged_identity_is_named_not_hidden(vault, alice):
    bob = new_profile(vault, "Bob", date(1988, 2, 2))
    blob = bytearray(vault.db.execute("SELECT blob FROM identities WHERE id = ?", [bob.id]).fetchone()[0])
    blob[-1] ^= 1
    vault.db.execute("UPDATE identities SET blob = ? WHERE id = ?", [bytes(blob), bob.id])
    with UnitOfWork(vault) as uow:
        assert [p.id for p in uow.profiles.list()] == [alice.id] and uow.profiles.damaged == [bob.id]


# -- records ---------------------------------------------------------------------------------------
def test_a_record_lives_updates_and_leaves_a_tombstone(vault, alice):
    first = weight(60.0)
    with UnitOfWork(vault) as uow:
        uow.records.add(alice.id, first)
        uow.commit()
    changed = Measurement("weight", 61.0, TODAY, id=first.id)
    with UnitOfWork(vault) as uow:
        uow.records.update(alice.id, changed)
        uow.commit()
    reader = records_of(vault)
    assert reader.get(alice.id, first.id) == changed and reader.owner(first.id) == alice.id
    assert reader.state(first.id) == ("measurement", False) and not reader.gone(first.id)
    with UnitOfWork(vault) as uow:
        uow.records.delete(alice.id, first.id)
        uow.commit()
    reader = records_of(vault)
    assert reader.exists(first.id) and reader.gone(first.id) and reader.owner(first.id, live=True) == ""
    with pytest.raises(NotFoundError):
        reader.get(alice.id, first.id)
    with UnitOfWork(vault) as uow:
        uow.records.drop_tombstone(first.id)
        uow.commit()
    assert not records_of(vault).exists(first.id)


def test_lists_are_newest_first_and_a_limit_opens_only_that_many(vault, alice):
    days = [date(2026, month, 1) for month in (3, 1, 7, 5)]
    with UnitOfWork(vault) as uow:
        uow.records.add_many(alice.id, [weight(60 + i, day) for i, day in enumerate(days)])
        uow.commit()
    reader = records_of(vault)
    assert [m.on.month for m in reader.list(alice.id, "measurement")] == [7, 5, 3, 1]
    assert [m.on.month for m in reader.list(alice.id, "measurement", limit=2)] == [7, 5]
    assert reader.count(alice.id, "measurement") == 4 and reader.list(alice.id, "allergy") == []


def test_the_signature_of_a_kind_changes_with_any_put_or_delete(vault, alice):
    reader = records_of(vault)
    empty = reader.signature(alice.id, "measurement")
    with UnitOfWork(vault) as uow:
        kept = uow.records.add(alice.id, weight())
        uow.commit()
    added = records_of(vault).signature(alice.id, "measurement")
    with UnitOfWork(vault) as uow:
        uow.records.delete(alice.id, kept.id)
        uow.commit()
    assert len({empty, added, records_of(vault).signature(alice.id, "measurement")}) == 3


def test_a_savepoint_undoes_its_step_and_the_unit_of_work_goes_on(vault, alice):
    kept, undone = weight(60.0), weight(61.0)
    with UnitOfWork(vault) as uow:
        uow.records.add(alice.id, kept)
        with pytest.raises(RuntimeError), uow.savepoint():
            uow.records.add(alice.id, undone)
            raise RuntimeError("this resource is refused")
        uow.commit()
    reader = records_of(vault)
    assert [m.id for m in reader.list(alice.id, "measurement")] == [kept.id] and reader.damaged == []


# -- attachments -----------------------------------------------------------------------------------
def test_an_attachment_is_never_replaced_silently(vault, alice):
    with UnitOfWork(vault) as uow:
        uow.attachments.put(alice.id, "scan", b"first")
        uow.attachments.put(alice.id, "scan", b"first")  # the same bytes again: nothing to do
        with pytest.raises(AttachmentExistsError):
            uow.attachments.put(alice.id, "scan", b"other")
        uow.attachments.put(alice.id, "scan", b"other", replace=True)
        uow.commit()
    with UnitOfWork(vault) as uow:
        assert uow.attachments.get(alice.id, "scan") == b"other" and uow.attachments.exists(alice.id, "scan")
        uow.attachments.delete(alice.id, "scan")
        assert not uow.attachments.exists(alice.id, "scan")


def test_an_attachment_id_of_one_profile_does_not_reach_another(vault, alice):
    bob = new_profile(vault, "Bob", date(1988, 2, 2))
    with UnitOfWork(vault) as uow:
        uow.attachments.put(alice.id, "same", b"alice's")
        uow.commit()
    with UnitOfWork(vault) as uow, pytest.raises(NotFoundError):
        uow.attachments.get(bob.id, "same")


# -- the outbox ------------------------------------------------------------------------------------
def test_the_outbox_gives_one_change_per_row_with_its_last_operation_and_every_entry(vault, alice):
    item = weight()
    with UnitOfWork(vault) as uow:
        uow.records.add(alice.id, item)
        uow.commit()
    with UnitOfWork(vault) as uow:
        uow.records.delete(alice.id, item.id)
        uow.commit()
    with UnitOfWork(vault) as uow:
        changes = {c.row_id: c for c in uow.outbox.changes()}
        assert changes[alice.id].op == "put" and changes[item.id].op == "delete"
        assert len(changes[item.id].seqs) == 2 and uow.outbox.pending_rows() == 2 and uow.outbox.has(item.id)
        uow.outbox.settle(changes[item.id].seqs)
        assert not uow.outbox.has(item.id) and uow.outbox.pending_rows() == 1


def test_changes_from_the_server_leave_no_outbox_entry_but_a_requeue_does(vault, alice):
    with UnitOfWork(vault) as uow:
        uow.outbox.settle(c for change in uow.outbox.changes() for c in change.seqs)
        uow.commit()
    with UnitOfWork(vault, from_server=True) as uow:
        pulled = uow.records.add(alice.id, weight())
        assert uow.outbox.pending_rows() == 0
        uow.outbox.requeue(Change("records", pulled.id, alice.id, "put"))
        assert [c.row_id for c in uow.outbox.changes()] == [pulled.id]
        uow.outbox.drop_row(pulled.id)
        uow.outbox.requeue_profile(alice.id)
        assert [c.row_id for c in uow.outbox.changes()] == [alice.id, pulled.id]


# -- the sync's ledger -----------------------------------------------------------------------------
def test_the_sync_state_seals_its_values_and_its_secret(vault):
    with UnitOfWork(vault) as uow:
        uow.sync_state.set("server", "https://fhir.example.org")
        uow.sync_state.set_secret("token", "s3cret-token")
        uow.commit()
    with UnitOfWork(vault) as uow:
        assert uow.sync_state.get("server") == "https://fhir.example.org" and uow.sync_state.get("none") == ""
        assert uow.sync_state.secret("token") == "s3cret-token" and uow.sync_state.secret("none") is None
    clear = b"".join(bytes.fromhex(v) for (v,) in vault.db.execute("SELECT value FROM sync_state"))
    assert b"fhir.example" not in clear and b"s3cret" not in clear


def test_the_server_versions_are_forgotten_one_or_by_profile(vault, alice):
    with UnitOfWork(vault) as uow:
        uow.remote.set(alice.id, alice.id, "Patient", "1")
        uow.remote.set("w1", alice.id, "Observation", "3")
        uow.remote.set("w2", alice.id, "Observation", "5")
        assert uow.remote.version("w1") == "3" and sorted(uow.remote.rows_of(alice.id))[0] == (
            "Observation",
            "w1",
        )
        uow.remote.forget("w1")
        assert uow.remote.version("w1") is None and uow.remote.rows_of(alice.id) == [("Observation", "w2")]
        uow.remote.forget_profile(alice.id)
        assert uow.remote.version(alice.id) is None and uow.remote.rows_of(alice.id) == []


def test_issues_are_listed_by_kind_and_row_and_their_content_is_sealed(vault, alice):
    change = Change("records", "r1", alice.id, "put")
    with UnitOfWork(vault) as uow:
        conflict = uow.issues.add(CONFLICT, change, "Observation", {"remote": {"value": 61}})
        uow.issues.add(REJECTED, None, "", {"reason": "no"}, row_id="r2", profile_id=alice.id)
        uow.commit()
    with UnitOfWork(vault) as uow:
        assert uow.issues.counts() == {CONFLICT: 1, REJECTED: 1, QUARANTINE: 0}
        [found] = uow.issues.list(CONFLICT, "r1")
        assert found.id == conflict and found.resource_type == "Observation" and found.content["remote"]
        uow.issues.replace_content(found, {"remote": None})
        uow.issues.retag(found.id, QUARANTINE)
        assert uow.issues.list(QUARANTINE)[0].content == {"remote": None}
        assert uow.issues.list(REJECTED, with_content=False)[0].content == {}
        uow.issues.drop(found.id)
        assert uow.issues.counts()[QUARANTINE] == 0
    assert b"Observation" not in b"".join(r[0] for r in vault.db.execute("SELECT blob FROM sync_issues"))


def test_an_issue_of_a_deleted_profile_opens_empty(vault, alice):
    with UnitOfWork(vault) as uow:
        uow.issues.add(REJECTED, Change("records", "r1", alice.id, "put"), "Observation", {"reason": "no"})
        uow.profiles.delete(alice.id)
        uow.commit()
    with UnitOfWork(vault) as uow:
        [issue] = uow.issues.list(REJECTED)
        assert issue.content == {} and issue.resource_type == "Observation"


# -- the access log --------------------------------------------------------------------------------
def test_the_access_log_reads_back_newest_first_and_verifies(vault, alice):
    moments = [datetime(2026, 11, day, 9, tzinfo=UTC) for day in (1, 2)]
    with UnitOfWork(vault) as uow:
        for at in moments:
            uow.access_log.append(alice.id, AccessEntry(0, at, "me", "read", "document", "d1", "Bilan"))
        uow.commit()
    with UnitOfWork(vault) as uow:
        found = uow.access_log.entries(alice.id)
        assert [e.at for e in found] == moments[::-1] and [e.seq for e in found] == [2, 1]
        assert uow.access_log.verify().ok and uow.access_log.verify().checked == 2


def test_the_access_log_outlives_its_profile_as_a_chain_only(vault, alice):
    other = new_profile(vault, "Bob", date(1988, 2, 2))
    with UnitOfWork(vault) as uow:
        uow.access_log.append(alice.id, AccessEntry(0, datetime.now(UTC), "me", "add", "allergy", "a1", ""))
        uow.access_log.append(other.id, AccessEntry(0, datetime.now(UTC), "me", "add", "allergy", "a2", ""))
        uow.profiles.delete(alice.id)
        uow.commit()
    with UnitOfWork(vault) as uow:
        assert uow.access_log.entries(alice.id) == [] and len(uow.access_log.entries(other.id)) == 1
        assert uow.access_log.verify().ok


def test_a_medical_entry_round_trips_through_its_repository(vault, alice):
    allergy = Allergy("Pollen", date(2020, 4, 1), reaction="Rhinite", severity="mild")
    with UnitOfWork(vault) as uow:
        uow.records.add(alice.id, allergy)
        uow.commit()
    assert records_of(vault).list(alice.id, "allergy") == [allergy]

"""What the file says without the key: no kind, no month, no exact size; and what tampering with the clear
columns (version, deletion flag, profile) does: an integrity error, never a silent change."""

import dataclasses
from datetime import date

import pytest

from domain.errors import AttachmentExistsError, IntegrityError, NotFoundError
from domain.medical import Hospitalisation, Treatment
from domain.models import Document, Measurement, Pregnancy, Profile
from services import access_log, demo
from services.session import Session
from storage import codec, tx
from storage.uow import UnitOfWork, records_of

from .conftest import TODAY


def alice():
    return Profile("Alice", "Martin", date(1990, 5, 17), "F")


def file_bytes(vault) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(vault.data_dir.iterdir()) if p.is_file())


@pytest.fixture
def profile(vault):
    p = alice()
    with UnitOfWork(vault) as uow:
        uow.profiles.add(p)
        uow.commit()
    return p


def add(vault, profile_id, *objs):
    with UnitOfWork(vault) as uow:
        for obj in objs:
            uow.records.add(profile_id, obj)
        uow.commit()


def row(vault, record_id):
    sql = "SELECT version, deleted, blob, profile_id FROM records WHERE id = ?"
    return vault.db.execute(sql, [record_id]).fetchone()


# -- nothing in clear --------------------------------------------------------------------------------------
def test_no_kind_and_no_month_of_any_record_is_in_the_file(vault):
    family = demo.create_demo_family(Session.around(vault), TODAY)
    pregnancy, stay = Pregnancy(date(2026, 9, 3)), Hospitalisation("Hôpital Nord", date(2026, 3, 8))
    add(vault, family[0].id, pregnancy, stay)
    columns = {c[1] for c in vault.db.execute("PRAGMA table_info(records)")}
    assert columns == {"id", "profile_id", "tag", "version", "deleted", "blob"}
    tx.checkpoint(vault.db)
    content = file_bytes(vault)
    for kind in set(codec.KINDS) - {"profile"}:  # "profile" is in the column name profile_id
        assert kind.encode() not in content, kind
    for month in (b"2026-09", b"2026-03", b"pregnancy|", b".text"):
        assert month not in content


def test_a_kind_gets_another_tag_in_every_profile(vault, profile):
    other = Profile("Léo", "Martin", date(2025, 9, 1), "M", role="child")
    with UnitOfWork(vault) as uow:
        uow.profiles.add(other)
        uow.commit()
    first, second = Measurement("weight", 60, date(2026, 1, 1)), Measurement("weight", 9, date(2026, 1, 1))
    add(vault, profile.id, first)
    add(vault, other.id, second)
    tags = {
        vault.db.execute("SELECT tag FROM records WHERE id = ?", [r.id]).fetchone()[0]
        for r in (first, second)
    }
    assert len(tags) == 2


def test_sealed_sizes_fall_in_buckets_that_hide_the_exact_length(vault, profile):
    short = Document("Ordonnance", "57833-6", date(2026, 1, 2))
    long = Document("Compte rendu d'hospitalisation, service de cardiologie", "11490-0", date(2026, 1, 3))
    add(vault, profile.id, short, long)
    assert len(row(vault, short.id)[2]) == len(row(vault, long.id)[2])
    with UnitOfWork(vault) as uow:
        uow.attachments.put(profile.id, "a1", b"%PDF" + b"1" * 3000)
        uow.attachments.put(profile.id, "a2", b"%PDF" + b"2" * 3500)
        uow.commit()
    sizes = {len(r[0]) for r in vault.db.execute("SELECT blob FROM attachments")}
    assert len(sizes) == 1
    with UnitOfWork(vault) as uow:
        assert uow.attachments.get(profile.id, "a2") == b"%PDF" + b"2" * 3500


def test_attachment_rows_say_neither_their_document_nor_which_one_is_a_pdf_text(vault, profile):
    with UnitOfWork(vault) as uow:
        uow.attachments.put(profile.id, "doc1", b"%PDF-1.4 bytes")
        uow.attachments.put(profile.id, "doc1.text", b"words of the pdf")
        uow.commit()
    ids = [r[0] for r in vault.db.execute("SELECT id FROM attachments")]
    assert len(ids) == 2 and not any("doc1" in i or i.endswith(".text") for i in ids)


# -- tampering with the clear columns ------------------------------------------------------------------------
def test_replaying_an_old_ciphertext_does_not_unmask_a_masked_document(vault, profile):
    document = Document("Résultat VIH", "11502-2", date(2026, 1, 2))
    add(vault, profile.id, document)
    version, _deleted, old_blob, _pid = row(vault, document.id)
    with UnitOfWork(vault) as uow:
        uow.records.update(profile.id, dataclasses.replace(document, masked=True))
        uow.commit()
    vault.db.execute("UPDATE records SET blob = ? WHERE id = ?", [old_blob, document.id])  # blob alone
    with UnitOfWork(vault) as uow, pytest.raises(IntegrityError):
        uow.records.get(profile.id, document.id)
    vault.db.execute(
        "UPDATE records SET version = ? WHERE id = ?", [version, document.id]
    )  # with its version
    with UnitOfWork(vault) as uow:
        with pytest.raises(IntegrityError):
            uow.records.get(profile.id, document.id)
        assert uow.records.list(profile.id, "document") == []
        assert uow.records.damaged == [document.id]


def test_flipping_the_deletion_flag_of_a_treatment_is_reported_not_hidden(vault, profile):
    kept, hidden = Treatment("Levothyrox", date(2026, 1, 5)), Treatment("Kardegic", date(2026, 2, 1))
    add(vault, profile.id, kept, hidden)
    vault.db.execute("UPDATE records SET deleted = 1 WHERE id = ?", [hidden.id])
    with UnitOfWork(vault) as uow:
        assert uow.records.list(profile.id, "treatment") == [kept]
        assert uow.records.damaged == [hidden.id]
        assert uow.records.list(profile.id, "treatment", limit=1) == [kept]
        assert uow.records.damaged == [hidden.id]
        with pytest.raises(IntegrityError):
            uow.records.get(profile.id, hidden.id)


def test_bringing_a_tombstone_back_to_life_is_reported(vault, profile):
    gone = Treatment("Doliprane", date(2026, 1, 5))
    add(vault, profile.id, gone)
    with UnitOfWork(vault) as uow:
        uow.records.delete(profile.id, gone.id)
        uow.commit()
    vault.db.execute("UPDATE records SET deleted = 0 WHERE id = ?", [gone.id])
    with UnitOfWork(vault) as uow:
        assert uow.records.list(profile.id, "treatment") == []
        assert uow.records.damaged == [gone.id]
        with pytest.raises(IntegrityError):
            uow.records.get(profile.id, gone.id)


def test_a_record_moved_to_another_profile_fails_to_open(vault, profile):
    other = Profile("Léo", "Martin", date(2025, 9, 1), "M", role="child")
    with UnitOfWork(vault) as uow:
        uow.profiles.add(other)
        uow.commit()
    weight = Measurement("weight", 60, date(2026, 1, 1))
    add(vault, profile.id, weight)
    vault.db.execute("UPDATE records SET profile_id = ? WHERE id = ?", [other.id, weight.id])
    with UnitOfWork(vault) as uow, pytest.raises(IntegrityError):
        uow.records.get(other.id, weight.id)


def test_a_changed_kind_tag_fails_to_open(vault, profile):
    weight, stay = Measurement("weight", 60, date(2026, 1, 1)), Hospitalisation("Clinique", date(2026, 1, 1))
    add(vault, profile.id, weight, stay)
    other_tag = vault.db.execute("SELECT tag FROM records WHERE id = ?", [stay.id]).fetchone()[0]
    vault.db.execute("UPDATE records SET tag = ? WHERE id = ?", [other_tag, weight.id])
    with UnitOfWork(vault) as uow, pytest.raises(IntegrityError):
        uow.records.get(profile.id, weight.id)


def test_a_damaged_order_index_is_reported_and_no_readable_record_is_lost(vault, profile):
    weights = [Measurement("weight", 60 + i, date(2026, 1, 1 + i)) for i in range(3)]
    add(vault, profile.id, *weights)
    vault.db.execute("UPDATE record_order SET blob = zeroblob(300)")
    with UnitOfWork(vault) as uow:
        assert uow.records.list(profile.id, "measurement") == weights[::-1]
        assert len(uow.records.damaged) == 1 and uow.records.damaged[0].startswith("record_order/")


# -- the order index in a unit of work -----------------------------------------------------------------------
def test_changes_rolled_back_to_a_savepoint_leave_the_index_as_the_rows(vault, profile):
    kept, undone = Measurement("weight", 60, date(2026, 1, 1)), Measurement("weight", 61, date(2026, 1, 2))
    with UnitOfWork(vault) as uow:
        uow.records.add(profile.id, kept)
        with pytest.raises(RuntimeError), uow.savepoint("pulled"):
            uow.records.add(profile.id, undone)
            uow.records.update(profile.id, dataclasses.replace(kept, value=99))
            raise RuntimeError("this resource is set aside")
        uow.commit()
    with UnitOfWork(vault) as uow:
        assert uow.records.list(profile.id, "measurement") == [kept]
        assert uow.records.damaged == []
        assert uow.records.count(profile.id, "measurement") == 1


def test_a_unit_of_work_sees_its_own_changes_before_commit(vault, profile):
    older, newer = Measurement("weight", 60, date(2026, 1, 1)), Measurement("weight", 61, date(2026, 2, 1))
    add(vault, profile.id, older)
    with UnitOfWork(vault) as uow:
        uow.records.add(profile.id, newer)
        assert uow.records.list(profile.id, "measurement", limit=1) == [newer]
        uow.records.delete(profile.id, older.id)
        assert uow.records.count(profile.id, "measurement") == 1


def test_kind_state_and_purge_for_the_sync(vault, profile):
    weight = Measurement("weight", 60, date(2026, 1, 1))
    add(vault, profile.id, weight)
    with UnitOfWork(vault) as uow:
        assert uow.records.state(weight.id) == ("measurement", False)
        uow.records.delete(profile.id, weight.id)
        assert uow.records.state(weight.id) == ("measurement", True)
        assert uow.records.kind_of(weight.id) == "measurement" and uow.records.kind_of("nothing") == ""
        uow.records.purge(weight.id)
        assert uow.records.state(weight.id) is None
        uow.commit()
    assert records_of(vault).ids(profile.id, "measurement") == []


# -- attachments are never replaced silently ---------------------------------------------------------------
def test_an_attachment_is_not_overwritten_by_other_bytes(vault, profile):
    with UnitOfWork(vault) as uow:
        uow.attachments.put(profile.id, "scan", b"%PDF-1.4 the real scan")
        uow.commit()
    with UnitOfWork(vault) as uow:
        uow.attachments.put(profile.id, "scan", b"%PDF-1.4 the real scan")  # the same bytes: nothing to do
        with pytest.raises(AttachmentExistsError):
            uow.attachments.put(profile.id, "scan", b"%PDF-1.4 an impostor")
        uow.commit()
    with UnitOfWork(vault) as uow:
        assert uow.attachments.get(profile.id, "scan") == b"%PDF-1.4 the real scan"
        uow.attachments.put(profile.id, "scan", b"%PDF-1.4 meant", replace=True)
        assert uow.attachments.get(profile.id, "scan") == b"%PDF-1.4 meant"


def test_the_same_attachment_id_in_two_profiles_gives_two_rows(vault, profile):
    other = Profile("Léo", "Martin", date(2025, 9, 1), "M", role="child")
    with UnitOfWork(vault) as uow:
        uow.profiles.add(other)
        uow.attachments.put(profile.id, "same", b"alice's")
        uow.attachments.put(other.id, "same", b"leo's")
        uow.commit()
    with UnitOfWork(vault) as uow:
        assert uow.attachments.get(profile.id, "same") == b"alice's"
        assert uow.attachments.get(other.id, "same") == b"leo's"
        with pytest.raises(NotFoundError):
            uow.attachments.get(profile.id, "other")


# -- the sync's bookkeeping and the access log ------------------------------------------------------------
def test_the_sync_bookkeeping_names_no_server_and_no_fhir_type_in_clear(vault, profile):
    with UnitOfWork(vault) as uow:
        uow.sync_state.set("server", "https://fhir.chu-nord.example")
        uow.remote.set("r1", profile.id, "Immunization", "3")
        uow.remote.set("r2", profile.id, "AllergyIntolerance", "1")
        uow.issues.add("rejected", None, "MedicationStatement", {"reason": "no"}, row_id="r3")
        uow.commit()
        assert uow.sync_state.get("server") == "https://fhir.chu-nord.example"
        assert sorted(uow.remote.rows_of(profile.id)) == [
            ("AllergyIntolerance", "r2"),
            ("Immunization", "r1"),
        ]
        assert [i.resource_type for i in uow.issues.list("rejected")] == ["MedicationStatement"]
    types = {len(r[0]) for r in vault.db.execute("SELECT resource_type FROM sync_remote")}
    assert len(types) == 1  # not even their lengths differ
    tx.checkpoint(vault.db)
    content = file_bytes(vault)
    for clear in (b"Immunization", b"Allergy", b"Medication", b"chu-nord"):
        assert clear not in content, clear


def test_access_log_entries_do_not_give_the_length_of_a_title(vault, profile):
    with UnitOfWork(vault) as uow:
        access_log.append(uow, profile.id, "me", "add", "document", "d1", "Ordonnance")
        access_log.append(
            uow, profile.id, "me", "add", "document", "d2", "Compte rendu opératoire, service d'urologie"
        )
        uow.commit()
    assert len({len(r[0]) for r in vault.db.execute("SELECT blob FROM access_log")}) == 1
    assert [e.label for e in access_log.entries(Session.around(vault), profile.id)][
        0
    ] == "Compte rendu opératoire, service d'urologie"
    assert access_log.verify(Session.around(vault)).ok

"""Nothing deleted on the server is destroyed here: profiles wait for a choice, records go to the trash."""

from datetime import date, timedelta

import pytest

from domain.errors import NotFoundError
from domain.models import Measurement
from services import records
from services.fhir import bundle as fhir_bundle
from services.fhir import mapping as fm
from services.sync import round as sync
from services.sync import trash as sync_trash
from tests.conftest import stored_bytes

from .conftest import TODAY
from .fake_fhir import FakeFhir

URL = "https://fhir.example.org/fhir"


@pytest.fixture
def server():
    return FakeFhir()


def round_(session, server, **options):
    return sync.sync_now(session, URL, "token", transport=server.transport(), backoff=0, **options)


def owned_by(server, profile_id):
    def belongs(key, resource):
        owner = resource.get("subject") or resource.get("patient") or {}
        return key == ("Patient", profile_id) or owner.get("reference") == f"Patient/{profile_id}"

    return [k for k, v in server.current.items() if v is not None and belongs(k, v)]


def another_device_deletes_the_profile(server, profile_id):
    """As Carnet itself does it: every record of the profile, then its Patient (the newest entry)."""
    for key in sorted(owned_by(server, profile_id), key=lambda k: k[0] == "Patient"):
        server.delete(key)


def everything(session):
    return fhir_bundle.export_bundle(session)


def test_a_patient_deleted_on_the_server_leaves_the_profile_its_key_records_and_documents(
    session, family, server
):
    round_(session, server)
    holder = family[0]
    before = everything(session)
    documents = records.list_records(session, holder.id, "document")
    another_device_deletes_the_profile(server, holder.id)

    report = round_(session, server)
    assert everything(session) == before  # readable and exportable, every record of it included
    assert report.error is None and report.deleted_elsewhere == 1 and report.trashed == 0
    assert session.vault.db.execute("SELECT 1 FROM keys WHERE id = ?", [holder.id]).fetchone() is not None
    assert stored_bytes(session, holder.id, documents[0].attachment_id).startswith(b"%PDF-")
    assert [p.id for p in sync_trash.deleted_elsewhere(session)] == [holder.id]
    assert sync.sync_status(session).deleted_elsewhere == 1
    assert "deleted elsewhere 1" in report.line()


def test_a_hostile_history_deleting_every_patient_empties_nothing(session, family, server):
    round_(session, server)
    before = everything(session)
    for profile in family:
        server.delete(("Patient", profile.id))
    report = round_(session, server)
    assert everything(session) == before
    assert report.error is None and report.deleted_elsewhere == len(family)
    assert round_(session, server).deleted_elsewhere == 0  # asked once, not at every round


def test_keeping_a_profile_deleted_elsewhere_sends_it_and_all_its_records_again(session, family, server):
    round_(session, server)
    child = family[1]
    kept = sorted(owned_by(server, child.id))
    another_device_deletes_the_profile(server, child.id)
    round_(session, server)
    assert owned_by(server, child.id) == []

    sync_trash.keep_profile(session, child.id)
    report = round_(session, server)
    assert report.error is None and report.conflicts == 0 and report.pending == 0
    assert sorted(owned_by(server, child.id)) == kept
    assert sync_trash.deleted_elsewhere(session) == [] and sync.sync_status(session).deleted_elsewhere == 0


def test_deleting_it_here_is_the_normal_deletion_of_a_profile(session, family, server):
    round_(session, server)
    child = family[1]
    another_device_deletes_the_profile(server, child.id)
    round_(session, server)

    sync_trash.delete_profile_here(session, child.id)
    assert child.id not in {p.id for p in records.list_profiles(session)}
    assert session.vault.db.execute("SELECT 1 FROM keys WHERE id = ?", [child.id]).fetchone() is None
    report = round_(session, server)
    assert report.error is None and report.pending == 0 and report.rejected == 0
    assert sync_trash.deleted_elsewhere(session) == []


def test_changes_to_a_profile_deleted_elsewhere_wait_for_the_users_choice(session, family, server):
    round_(session, server)
    holder = family[0]
    server.delete(("Patient", holder.id))
    round_(session, server)
    weight = records.add_measurement(session, holder.id, TODAY, kind="weight", value=61.0, on=TODAY)

    waiting = round_(session, server)
    assert waiting.pending == 1 and ("Observation", weight.id) not in server.current
    sync_trash.keep_profile(session, holder.id)
    round_(session, server)
    assert server.current[("Observation", weight.id)] is not None
    assert server.current[("Patient", holder.id)] is not None


def test_the_patient_sent_again_by_another_device_needs_no_choice_any_more(session, family, server):
    round_(session, server)
    holder = family[0]
    server.delete(("Patient", holder.id))
    round_(session, server)
    server.put(fm.patient(holder))  # the other device kept it
    round_(session, server)
    assert sync_trash.deleted_elsewhere(session) == []


def test_a_choice_is_only_offered_for_a_profile_deleted_elsewhere(session, family):
    with pytest.raises(NotFoundError):
        sync_trash.keep_profile(session, family[0].id)
    with pytest.raises(NotFoundError):
        sync_trash.delete_profile_here(session, family[0].id)
    assert len(records.list_profiles(session)) == len(family)


# -- the Corbeille --------------------------------------------------------------------------------------
def test_a_record_deleted_elsewhere_goes_to_the_trash_and_is_restored_here_and_on_the_server(
    session, family, server
):
    round_(session, server)
    child = family[1]
    gone = records.list_records(session, child.id, "measurement")[0]
    server.delete(("Observation", gone.id))

    report = round_(session, server, today=TODAY)
    assert report.trashed == 1 and "trashed 1" in report.line()
    assert gone.id not in {m.id for m in records.list_records(session, child.id, "measurement")}
    [item] = sync_trash.list_trash(session, TODAY)
    assert (item.record, item.profile_id, item.deleted_on) == (gone, child.id, TODAY)
    assert item.purge_on == TODAY + timedelta(days=30)

    sync_trash.restore(session, child.id, gone.id)
    assert gone in records.list_records(session, child.id, "measurement")
    assert sync_trash.list_trash(session, TODAY) == []
    assert round_(session, server).pushed == 1
    assert server.current[("Observation", gone.id)]["valueQuantity"]["value"] == gone.value


def test_a_document_deleted_elsewhere_keeps_its_bytes_in_the_trash_and_comes_back_whole(
    session, family, server
):
    round_(session, server)
    holder = family[0]
    document = records.list_records(session, holder.id, "document")[0]
    content = stored_bytes(session, holder.id, document.attachment_id)
    server.delete(("DocumentReference", document.id))
    round_(session, server)
    with pytest.raises(NotFoundError):
        stored_bytes(session, holder.id, document.attachment_id)

    sync_trash.restore(session, holder.id, document.id)
    assert stored_bytes(session, holder.id, document.attachment_id) == content
    assert document in records.list_records(session, holder.id, "document")


def test_what_the_trash_holds_is_sealed(session, family, server):
    round_(session, server)
    holder = family[0]
    document = records.list_records(session, holder.id, "document")[0]
    content = stored_bytes(session, holder.id, document.attachment_id)
    server.delete(("DocumentReference", document.id))
    round_(session, server)
    [(blob, data)] = session.vault.db.execute("SELECT blob, data FROM trash").fetchall()
    assert document.title.encode() not in blob and b"document" not in blob
    assert content[:64] not in data and len(data) > len(content)


def test_the_trash_is_purged_after_30_days(session, family, server):
    round_(session, server)
    child = family[1]
    gone = records.list_records(session, child.id, "measurement")[0]
    server.delete(("Observation", gone.id))
    round_(session, server, today=TODAY)

    assert [i.id for i in sync_trash.list_trash(session, TODAY + timedelta(days=29))] == [gone.id]
    assert sync_trash.list_trash(session, TODAY + timedelta(days=30)) == []
    assert session.vault.db.execute("SELECT COUNT(*) FROM trash").fetchone()[0] == 0


def test_a_round_purges_the_trash_with_the_day_it_is_given(session, family, server):
    round_(session, server)
    gone = records.list_records(session, family[1].id, "measurement")[0]
    server.delete(("Observation", gone.id))
    round_(session, server, today=TODAY)
    round_(session, server, today=TODAY + timedelta(days=31))
    assert session.vault.db.execute("SELECT COUNT(*) FROM trash").fetchone()[0] == 0


def test_a_record_restored_on_another_device_leaves_this_devices_trash(session, family, server):
    round_(session, server)
    child = family[1]
    gone = records.list_records(session, child.id, "measurement")[0]
    server.delete(("Observation", gone.id))
    round_(session, server)
    server.put(fm.observation(child.id, gone))
    round_(session, server)
    assert gone in records.list_records(session, child.id, "measurement")
    assert sync_trash.list_trash(session, TODAY) == []


def test_the_servers_deletion_chosen_in_a_conflict_sends_the_record_to_the_trash(session, family, server):
    round_(session, server)
    holder = family[0]
    weight = records.add_measurement(session, holder.id, TODAY, kind="weight", value=60.0, on=TODAY)
    round_(session, server)
    server.delete(("Observation", weight.id))
    records_edit = Measurement(kind="weight", value=60.5, on=TODAY, id=weight.id)

    with session.uow() as uow:
        uow.records.update(holder.id, records_edit)
        uow.commit()
    assert round_(session, server).conflicts == 1
    [conflict] = sync.list_issues(session, "conflict")
    sync.resolve_conflict(session, conflict.id, keep="theirs", today=TODAY)
    assert [i.record for i in sync_trash.list_trash(session, TODAY)] == [records_edit]


def test_a_profile_deleted_here_takes_its_trash_with_it(session, family, server):
    round_(session, server)
    child = family[1]
    gone = records.list_records(session, child.id, "measurement")[0]
    server.delete(("Observation", gone.id))
    round_(session, server)
    records.delete_profile(session, child.id)
    assert sync_trash.list_trash(session, date(2026, 12, 1)) == []
    assert session.vault.db.execute("SELECT COUNT(*) FROM trash").fetchone()[0] == 0

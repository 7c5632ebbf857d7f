import dataclasses
import json
from datetime import date

import pytest

from domain.errors import ValidationError
from domain.models import Measurement, Profile
from services import records
from services.fhir import bundle as fhir_bundle
from services.fhir import mapping as fm
from services.sync import round as sync

from .conftest import TODAY
from .fake_fhir import FakeFhir

URL = "https://fhir.example.org/fhir"


@pytest.fixture
def server():
    return FakeFhir()


def round_(session, server, **options):
    return sync.sync_now(session, URL, "token", transport=server.transport(), backoff=0, **options)


def outbox_size(session):
    return session.vault.db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]


def another_device_adds(server, profile: Profile, *measurements: Measurement):
    server.put(fm.patient(profile))
    for m in measurements:
        server.put(fm.observation(profile.id, m))


def test_a_first_round_pushes_the_family_in_transactions_of_100_changes_and_empties_the_outbox(
    session, family, server
):
    from services.sync.push import CHUNK

    changes = outbox_size(session)
    report = round_(session, server)
    assert report.error is None and report.pending == 0 and outbox_size(session) == 0
    bundles = [json.loads(r.content) for r in server.requests if r.method == "POST"]
    assert [b["type"] for b in bundles] == ["transaction"] * -(-changes // CHUNK)
    documents = sum(len(records.list_records(session, p.id, "document")) for p in family)
    children = [p for p in family if p.role == "child"]
    # every change, plus each document's Binary and each child's parent (RelatedPerson)
    assert sum(len(b["entry"]) for b in bundles) == changes + documents + len(children)
    parent = server.current[("RelatedPerson", f"{children[0].id}-parent")]
    assert parent["patient"]["reference"] == f"Patient/{children[0].id}"
    assert parent["name"][0]["given"] == [family[0].first_name]
    assert all(
        e["request"]["method"] == "PUT" and "ifMatch" not in e["request"] for b in bundles for e in b["entry"]
    )
    assert server.current[("Patient", family[0].id)]["name"][0]["given"] == [family[0].first_name]


def test_an_update_carries_the_server_version_it_replaces(session, family, server):
    round_(session, server)
    records.update_profile(session, family[0], TODAY, last_name="Durand-Moreau")
    server.requests.clear()
    round_(session, server)
    [entry] = json.loads(server.requests[0].content)["entry"]
    assert entry["request"] == {"method": "PUT", "url": f"Patient/{family[0].id}", "ifMatch": 'W/"1"'}
    assert server.current[("Patient", family[0].id)]["name"][0]["family"] == "Durand-Moreau"


def test_records_pulled_from_the_server_leave_no_outbox_entry(session, server):
    grandma = Profile("Jeanne", "Petit", date(1950, 3, 2), "F", role="helped")
    weight = Measurement(kind="weight", value=58.2, on=date(2026, 11, 2))
    another_device_adds(server, grandma, weight)
    report = round_(session, server)
    assert report.pulled == 2 and outbox_size(session) == 0
    assert records.list_records(session, grandma.id, "measurement") == [weight]


def test_a_round_with_nothing_new_sends_one_request(session, family, server):
    round_(session, server)
    server.requests.clear()
    report = round_(session, server)
    assert (report.pushed, report.pulled, report.requests) == (0, 0, 1)
    assert [r.url.path for r in server.requests] == ["/fhir/_history"]


def test_a_deletion_on_the_server_removes_the_local_record(session, family, server):
    round_(session, server)
    gone = records.list_records(session, family[1].id, "measurement")[0]
    server.delete(("Observation", gone.id))
    assert round_(session, server).pulled == 1
    assert gone.id not in {m.id for m in records.list_records(session, family[1].id, "measurement")}
    assert outbox_size(session) == 0


def test_a_profile_deleted_here_leaves_the_server_with_its_records(session, family, server):
    round_(session, server)
    child = family[2]
    records.delete_profile(session, child.id)
    round_(session, server)

    def belongs_to_child(key, resource):
        owner = resource.get("subject") or resource.get("patient") or {}
        return key == ("Patient", child.id) or owner.get("reference") == f"Patient/{child.id}"

    assert [k for k, v in server.current.items() if v is not None and belongs_to_child(k, v)] == []
    assert ("Patient", family[0].id) in server.current


def test_a_change_the_server_refuses_is_listed_as_not_synced_with_its_reason(session, family, server):
    server.refuse.add("Immunization")
    report = round_(session, server)
    doses = sum(len(records.list_records(session, p.id, "immunization")) for p in family)
    assert report.rejected == doses and report.pending == 0 and report.error is None
    refused = sync.list_issues(session, "rejected")
    assert len(refused) == doses
    assert "Immunization not accepted here" in refused[0].content["params"]["reason"]
    assert ("Patient", family[0].id) in server.current  # the rest went through
    assert sync.sync_status(session).not_synced == doses

    server.refuse.clear()
    assert sync.retry_not_synced(session) == doses
    assert round_(session, server).pushed == doses
    assert sync.sync_status(session).not_synced == 0


def test_a_412_on_content_the_server_already_holds_is_adopted_not_a_conflict(session, family, server):
    """The answer to a push was lost (crash, network): the retry meets its own earlier write."""
    round_(session, server)
    renamed = records.update_profile(session, family[0], TODAY, first_name="Camille")
    server.put(fm.patient(renamed))  # as if the push had reached the server but not its answer
    report = round_(session, server)
    assert report.conflicts == 0 and report.pending == 0 and report.pushed == 1


def test_a_412_on_other_content_keeps_both_versions_until_the_user_chooses(session, family, server):
    round_(session, server)
    server.put(fm.patient(dataclasses.replace(family[0], last_name="Server-Side")))
    mine = records.update_profile(session, family[0], TODAY, last_name="Local-Side")
    report = round_(session, server)
    assert report.conflicts == 1 and report.pending == 0
    assert records.get_profile(session, family[0].id).last_name == "Local-Side"
    assert server.current[("Patient", mine.id)]["name"][0]["family"] == "Server-Side"
    [conflict] = sync.list_issues(session, "conflict")
    assert conflict.content["remote"]["name"][0]["family"] == "Server-Side"

    sync.resolve_conflict(session, conflict.id, keep="mine")
    round_(session, server)
    assert server.current[("Patient", mine.id)]["name"][0]["family"] == "Local-Side"
    assert sync.sync_status(session).conflicts == 0


def test_resolving_needs_a_choice(session):
    with pytest.raises(ValidationError):
        sync.resolve_conflict(session, "x", keep="both")


def test_an_invalid_resource_from_the_server_is_quarantined_and_never_touches_the_vault(
    session, family, server
):
    round_(session, server)
    before = fhir_bundle.export_bundle(session)
    broken = fm.observation(family[0].id, Measurement(kind="weight", value=60.0, on=TODAY))
    del broken["status"]
    server.put(broken)
    server.put(fm.observation("someone-else", Measurement(kind="weight", value=70.0, on=TODAY)))
    report = round_(session, server)
    assert report.error is None and report.quarantined == 2
    assert fhir_bundle.export_bundle(session) == before
    reasons = sorted(q.content["reason"] for q in sync.list_issues(session, "quarantine"))
    assert "status" in reasons[0] and "patient" in reasons[1]
    assert round_(session, server).quarantined == 2  # set aside once, not once per round


def test_the_status_tells_last_sync_pending_and_errors(session, family, server):
    status = sync.sync_status(session)
    assert status.last_sync == "" and status.pending > 0
    round_(session, server)
    status = sync.sync_status(session)
    assert status.server == URL and status.last_sync and status.pending == 0 and status.last_error is None


def test_without_a_keyring_the_token_is_kept_sealed_in_the_vault(session, family, server, monkeypatch):
    monkeypatch.setattr("services.sync.token.keyring_usable", lambda: False)
    round_(session, server)
    assert server.requests[0].headers["Authorization"] == "Bearer token"
    stored = dict(session.vault.db.execute("SELECT key, value FROM sync_state").fetchall())
    sealed = bytes.fromhex(stored["token"])
    assert b"token" not in sealed and len(sealed) > len(b"token")
    server.requests.clear()
    sync.sync_now(session, transport=server.transport())  # no token given: the sealed one is used
    assert server.requests[0].headers["Authorization"] == "Bearer token"


def test_a_server_must_be_set_before_a_round(session):
    with pytest.raises(ValidationError):
        sync.sync_now(session)


def test_every_kind_of_record_reaches_the_other_device_unchanged(session, family, server, tmp_path):
    from datetime import datetime

    from domain.medical import Allergy, BloodGroup, FamilyHistory, Hospitalisation, MedicalHistory, Treatment
    from domain.models import AgendaMark, Appointment, ChildExam, Pregnancy, ReminderSetting
    from services.session import Session
    from storage import codec

    from .conftest import PASSPHRASE

    holder, child = family[0], family[1]
    day = date(2026, 10, 5)
    mine = {
        holder.id: [
            Allergy("Pollen de bouleau", day, reaction="Rhinite", severity="mild"),
            Allergy("Pénicilline", day),
            Treatment(
                "Ventoline", day, dosage="2 bouffées si besoin", until=date(2026, 11, 5), prescriber="Dr Roux"
            ),
            Treatment("Lévothyrox 50", day),
            MedicalHistory("Asthme", day, note="depuis l'enfance"),
            Hospitalisation("Hôpital Édouard-Herriot", day, reason="appendicite", until=date(2026, 10, 8)),
            FamilyHistory("mère", "diabète de type 2", day),
            BloodGroup("A", "+", day, lab="Biogroup"),
            Appointment(at=datetime(2026, 12, 14, 9, 30), professional="Dr Martin", place="Lyon 3e"),
            Pregnancy(lmp=date(2026, 9, 1)),
            AgendaMark("dental-mtdents-06", day),
            ReminderSetting("vax-ror-1", (7, 1)),
        ],
        child.id: [ChildExam("child-exam-09", day, professional="Dr Bernard")],
    }
    with session.uow() as uow:
        for profile_id, items in mine.items():
            for item in items:
                uow.records.add(profile_id, item)
        uow.commit()
    assert round_(session, server).rejected == 0

    other = Session(tmp_path / "other")
    other.create(PASSPHRASE)
    assert round_(other, server).quarantined == 0
    for profile_id, items in mine.items():
        for kind in {codec.kind_of(i) for i in items}:
            assert sorted(records.list_records(other, profile_id, kind), key=lambda r: r.id) == sorted(
                records.list_records(session, profile_id, kind), key=lambda r: r.id
            ), kind
    served = {k[0] for k in server.current}
    assert {"AllergyIntolerance", "MedicationStatement", "Basic", "Appointment"} <= served


def test_changes_pulled_and_the_servers_audit_events_join_the_access_history(session, family, server):
    from services import access_log

    round_(session, server)
    holder = family[0]
    weight = Measurement(kind="weight", value=63.0, on=date(2026, 11, 20))
    server.put(fm.observation(holder.id, weight))
    document = records.list_records(session, holder.id, "document")[0]
    server.put(
        {
            "resourceType": "AuditEvent",
            "id": "audit-1",
            "type": {"system": "http://dicom.nema.org/resources/ontology/DCM", "code": "110110"},
            "action": "R",
            "recorded": "2026-11-28T10:15:00Z",
            "agent": [{"who": {"display": "Dr Leroy, cardiologue"}, "requestor": True}],
            "source": {"observer": {"display": "DMP"}},
            "entity": [{"what": {"reference": f"DocumentReference/{document.id}"}}],
        }
    )
    round_(session, server)
    history = access_log.entries(session, holder.id, limit=10)
    by_who = {(e.who, e.action, e.record_id) for e in history}
    assert ("sync", "add", weight.id) in by_who
    assert ("professional", "read", document.id) in by_who
    seen = next(e for e in history if e.who == "professional")
    assert seen.label == "Dr Leroy, cardiologue" and seen.at.isoformat().startswith("2026-11-28T10:15")
    assert access_log.verify(session).ok


def test_editing_a_record_that_waits_in_conflict_keeps_a_single_conflict(session, family, server):
    round_(session, server)
    server.put(fm.patient(dataclasses.replace(family[0], last_name="Server-Side")))
    first = records.update_profile(session, family[0], TODAY, last_name="Local-One")
    round_(session, server)
    records.update_profile(session, first, TODAY, last_name="Local-Two")
    report = round_(session, server)
    assert report.conflicts == 1 and len(sync.list_issues(session, "conflict")) == 1
    assert records.get_profile(session, family[0].id).last_name == "Local-Two"
    [conflict] = sync.list_issues(session, "conflict")
    sync.resolve_conflict(session, conflict.id, keep="theirs")
    assert records.get_profile(session, family[0].id).last_name == "Server-Side"
    assert sync.sync_status(session).pending == 0


def test_a_server_without_bundles_gets_one_request_per_change(session, family, server):
    server.bundles = False
    report = round_(session, server)
    assert report.error is None and report.pending == 0 and report.rejected == 0
    assert ("Patient", family[0].id) in server.current
    records.update_profile(session, family[0], TODAY, last_name="Durand-Moreau")
    round_(session, server)
    assert server.requests[-2].headers["If-Match"] == 'W/"1"'
    assert server.current[("Patient", family[0].id)]["name"][0]["family"] == "Durand-Moreau"


def test_a_valid_version_after_an_invalid_one_is_stored_and_leaves_quarantine(session, family, server):
    round_(session, server)
    weight = Measurement(kind="weight", value=60.0, on=TODAY)
    broken = fm.observation(family[0].id, weight)
    del broken["status"]
    server.put(broken)
    assert round_(session, server).quarantined == 1
    server.put(fm.observation(family[0].id, weight))
    report = round_(session, server)
    assert report.quarantined == 0 and report.pulled == 1
    assert weight in records.list_records(session, family[0].id, "measurement")


def test_a_damaged_record_is_listed_as_not_synced_and_the_others_go(session, family, server):
    victim = records.list_records(session, family[1].id, "measurement")[0]
    session.vault.db.execute("UPDATE records SET blob = ? WHERE id = ?", [b"\x00" * 64, victim.id])
    report = round_(session, server)
    assert report.error is None and report.rejected == 1 and report.pending == 0
    [refused] = sync.list_issues(session, "rejected")
    assert refused.row_id == victim.id and "damaged" in refused.content["msgid"]
    assert ("Patient", family[1].id) in server.current

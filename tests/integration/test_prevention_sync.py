"""The prevention records through a real FHIR R4 server (sekmet-fhir): stored as Observations a doctor's
system can search by category and code, carried to a second device; and the Basic copies an earlier version
left there replaced on the next edit. Each test has its own server: the shared one holds demo families only
(tests/integration/test_sync.py reads the first holder it pulls as a demo one)."""

from __future__ import annotations

from datetime import date

import httpx

from domain.habits import AdultHabits
from domain.prevention_records import AdviceDismissal, BilanRecord, HabitsRecord, IcopeRecord, SelfTestRecord
from domain.questionnaires_risk import findrisc
from services import records
from services.session import Session
from services.sync import round as sync
from services.sync import trash as sync_trash
from storage.keys import MemoryKeyHolder
from tests.unit.services.test_prevention_fhir import ICOPE_ANSWERS, basic_of_earlier_version

from .conftest import TOKEN

PASSPHRASE = "correct horse battery"
TODAY = date(2026, 11, 30)
DAY = date(2026, 11, 2)
KINDS = ("habits", "selftest_result", "icope_result", "risk_questionnaire", "bilan_draft", "advice_dismissal")
FINDRISC = {
    "activity": "no",
    "vegetables": "daily",
    "bp_medicine": "no",
    "high_glucose": "no",
    "family": "no",
}


def device(path) -> Session:
    session = Session(path, MemoryKeyHolder())
    session.create(PASSPHRASE)
    return session


def senior(session: Session):
    return records.add_profile(
        session, TODAY, first_name="Bernard", last_name="Petit", birth_date=date(1958, 4, 17), sex="M"
    )


def prevention(session: Session, profile_id: str) -> list:
    found = [records.list_records(session, profile_id, kind) for kind in KINDS]
    return sorted((r for kind in found for r in kind), key=lambda r: r.id)


def search(server, **params: str) -> set[str]:
    bundle = server.get("Observation", **params)
    return {e["resource"]["id"] for e in bundle.get("entry", [])}


def test_prevention_records_are_searchable_observations_on_the_server_and_reach_another_device(
    fresh_fhir_server, tmp_path
):
    phone, laptop = device(tmp_path / "phone"), device(tmp_path / "laptop")
    bernard = senior(phone)
    habits = HabitsRecord.of(AdultHabits(DAY, tobacco="daily", cigarettes_per_day=12, sleep_hours=7.5))
    audit = SelfTestRecord("audit_c", DAY, (2, 2, 1))
    added = [
        habits,
        audit,
        SelfTestRecord("hsi", DAY, (1, 2)),
        IcopeRecord(DAY, ICOPE_ANSWERS),
        findrisc(FINDRISC, sex="M", age=68, bmi=26.0, waist=99.0, on=DAY),
        BilanRecord("60-65", DAY, {}),
        AdviceDismissal("card", DAY),
    ]
    for record in added:
        records.add_record(phone, bernard.id, record, TODAY)
    report = sync.sync_now(phone, fresh_fhir_server.url, TOKEN)
    assert (report.error, report.rejected, report.pending) == (None, 0, 0)

    subject = f"Patient/{bernard.id}"
    assert search(fresh_fhir_server, subject=subject, category="social-history") == {habits.id}
    assert audit.id in search(fresh_fhir_server, subject=subject, code="http://loinc.org|75626-2")
    assert len(search(fresh_fhir_server, subject=subject, category="survey")) == 4
    smoking = fresh_fhir_server.get(f"Observation/{habits.id}")
    assert smoking["valueCodeableConcept"]["coding"][0]["code"] == "449868002"

    assert sync.sync_now(laptop, fresh_fhir_server.url, TOKEN).error is None
    assert prevention(laptop, bernard.id) == sorted(added, key=lambda r: r.id)


def test_a_basic_copy_left_by_an_earlier_version_is_replaced_on_the_next_edit(fresh_fhir_server, tmp_path):
    phone, laptop = device(tmp_path / "phone"), device(tmp_path / "laptop")
    bernard = senior(phone)
    assert sync.sync_now(phone, fresh_fhir_server.url, TOKEN).error is None
    old = HabitsRecord.of(AdultHabits(DAY, tobacco="daily"))
    headers = {"Authorization": f"Bearer {TOKEN}"}
    sent = httpx.put(
        f"{fresh_fhir_server.url}/Basic/{old.id}",
        json=basic_of_earlier_version(bernard.id, old),
        headers=headers,
    )
    assert sent.status_code in (200, 201)
    assert sync.sync_now(laptop, fresh_fhir_server.url, TOKEN).error is None
    assert sync.sync_now(phone).error is None
    assert records.list_records(laptop, bernard.id, "habits") == [old]

    edited = HabitsRecord.of(AdultHabits(date(2026, 11, 20), tobacco="former"), old.id)
    with laptop.uow() as uow:
        records.update(uow, uow.profiles.get(bernard.id), edited, TODAY)
        uow.commit()
    report = sync.sync_now(laptop)
    assert (report.error, report.rejected, report.conflicts) == (None, 0, 0)
    gone = httpx.get(f"{fresh_fhir_server.url}/Basic/{old.id}", headers=headers)
    assert gone.status_code in (404, 410)
    assert (
        fresh_fhir_server.get(f"Observation/{old.id}")["valueCodeableConcept"]["coding"][0]["code"]
        == "8517006"
    )

    assert sync.sync_now(phone).error is None
    assert records.list_records(phone, bernard.id, "habits") == [edited]
    assert sync_trash.list_trash(phone, TODAY) == []

"""Two devices syncing through a real FHIR R4 server (sekmet-fhir), and servers that misbehave."""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import subprocess
import sys
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from domain.models import Appointment, Measurement
from services import demo, records
from services.fhir import bundle as fhir_bundle
from services.session import Session
from services.sync import round as sync
from services.sync import trash as sync_trash
from storage.keys import MemoryKeyHolder
from tests.conftest import stored_bytes

from .conftest import TOKEN

PASSPHRASE = "correct horse battery"
TODAY = date(2026, 11, 30)
ROOT = Path(__file__).resolve().parents[2]


def device(path) -> Session:
    session = Session(path, MemoryKeyHolder())
    session.create(PASSPHRASE)
    return session


def content(session: Session, profile_ids) -> list[dict]:
    return [fhir_bundle.export_bundle(session, pid) for pid in profile_ids]


def add_appointment(session: Session, profile_id: str, note: str) -> Appointment:
    appointment = Appointment(at=datetime(2026, 12, 14, 9, 30), professional="Dr Martin", note=note)
    with session.uow() as uow:
        uow.records.add(profile_id, appointment)
        uow.commit()
    return appointment


def edit(session: Session, profile_id: str, record, **changes):
    changed = dataclasses.replace(record, **changes)
    with session.uow() as uow:
        uow.records.update(profile_id, changed)
        uow.commit()
    return changed


def test_two_devices_converge_records_documents_and_deletions(fhir_server, tmp_path):
    phone, laptop = device(tmp_path / "phone"), device(tmp_path / "laptop")
    family = [p.id for p in demo.create_demo_family(phone, TODAY)]
    first = sync.sync_now(phone, fhir_server.url, TOKEN)
    assert first.error is None and first.pending == 0 and first.pushed >= len(family)

    assert sync.sync_now(laptop, fhir_server.url, TOKEN).error is None
    assert content(laptop, family) == content(phone, family)
    child = family[1]
    records.add_measurement(laptop, child, TODAY, kind="weight", value=12.4, on=date(2026, 11, 29))
    gone = records.list_records(phone, child, "measurement")[0]
    with phone.uow() as uow:
        uow.records.delete(child, gone.id)
        uow.commit()

    assert sync.sync_now(laptop).error is None
    assert sync.sync_now(phone).error is None
    assert sync.sync_now(laptop).error is None
    assert content(laptop, family) == content(phone, family)
    weights = {(m.on, m.value) for m in records.list_records(phone, child, "measurement")}
    assert (date(2026, 11, 29), 12.4) in weights
    assert gone.id not in {m.id for m in records.list_records(laptop, child, "measurement")}
    holder = next(p for p in records.list_profiles(laptop) if p.role == "holder")
    document = records.list_records(laptop, holder.id, "document")[0]
    assert stored_bytes(laptop, holder.id, document.attachment_id).startswith(b"%PDF-")
    assert sync.sync_status(laptop).pending == 0


def test_pulled_records_leave_no_outbox_entry_and_a_second_round_sends_nothing(fhir_server, tmp_path):
    phone, laptop = device(tmp_path / "phone"), device(tmp_path / "laptop")
    demo.create_demo_family(phone, TODAY)
    sync.sync_now(phone, fhir_server.url, TOKEN)
    pulled = sync.sync_now(laptop, fhir_server.url, TOKEN)
    assert pulled.pulled > 0 and pulled.pushed == 0
    assert laptop.vault.db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0
    again = sync.sync_now(laptop)
    assert (again.pushed, again.pulled, again.requests) == (0, 0, 1)


def test_edits_made_while_the_server_is_down_are_pushed_when_it_is_back(fresh_fhir_server, tmp_path):
    phone, laptop = device(tmp_path / "phone"), device(tmp_path / "laptop")
    family = [p.id for p in demo.create_demo_family(phone, TODAY)]
    sync.sync_now(phone, fresh_fhir_server.url, TOKEN)
    fresh_fhir_server.stop()
    records.add_measurement(phone, family[0], TODAY, kind="systolic", value=128, on=TODAY)
    records.add_measurement(phone, family[0], TODAY, kind="diastolic", value=81, on=TODAY)

    offline = sync.sync_now(phone, retries=1, backoff=0.01, timeout=1)
    assert offline.error is not None and offline.pending == 2
    assert "later" in offline.error.render()
    assert sync.sync_status(phone).last_error is not None

    fresh_fhir_server.start()
    back = sync.sync_now(phone)
    assert back.error is None and back.pushed == 2 and back.pending == 0
    assert sync.sync_status(phone).last_error is None
    sync.sync_now(laptop, fresh_fhir_server.url, TOKEN)
    assert content(laptop, family) == content(phone, family)


def test_the_same_record_edited_on_two_devices_keeps_both_until_the_user_chooses(fhir_server, tmp_path):
    phone, laptop = device(tmp_path / "phone"), device(tmp_path / "laptop")
    holder = demo.create_demo_family(phone, TODAY)[0]
    visit = add_appointment(phone, holder.id, "bring the vaccination record")
    sync.sync_now(phone, fhir_server.url, TOKEN)
    sync.sync_now(laptop, fhir_server.url, TOKEN)

    edit(phone, holder.id, visit, note="moved to 10:00")
    edit(laptop, holder.id, visit, note="ask about the booster")
    assert sync.sync_now(phone).conflicts == 0
    second = sync.sync_now(laptop)
    assert second.conflicts == 1 and second.error is None

    mine = records.list_records(laptop, holder.id, "appointment")
    assert [a.note for a in mine] == ["ask about the booster"]  # nothing overwritten silently
    served = fhir_server.get(f"Appointment/{visit.id}")
    assert served["comment"] == "moved to 10:00"
    assert sync.sync_now(laptop).conflicts == 0  # it stays one conflict, waiting
    conflict = sync.list_issues(laptop, "conflict")
    assert len(conflict) == 1 and conflict[0].content["remote"]["comment"] == "moved to 10:00"
    assert sync.sync_status(laptop).conflicts == 1

    sync.resolve_conflict(laptop, conflict[0].id, keep="mine")
    assert sync.sync_now(laptop).pushed == 1
    sync.sync_now(phone)
    assert [a.note for a in records.list_records(phone, holder.id, "appointment")] == [
        "ask about the booster"
    ]
    assert fhir_server.get(f"Appointment/{visit.id}")["comment"] == "ask about the booster"
    assert sync.sync_status(laptop).conflicts == 0


def test_choosing_the_server_version_replaces_the_local_one(fhir_server, tmp_path):
    phone, laptop = device(tmp_path / "phone"), device(tmp_path / "laptop")
    holder = demo.create_demo_family(phone, TODAY)[0]
    visit = add_appointment(phone, holder.id, "first note")
    sync.sync_now(phone, fhir_server.url, TOKEN)
    sync.sync_now(laptop, fhir_server.url, TOKEN)
    edit(phone, holder.id, visit, note="phone's note")
    edit(laptop, holder.id, visit, note="laptop's note")
    sync.sync_now(phone)
    sync.sync_now(laptop)
    [conflict] = sync.list_issues(laptop, "conflict")

    sync.resolve_conflict(laptop, conflict.id, keep="theirs")
    assert [a.note for a in records.list_records(laptop, holder.id, "appointment")] == ["phone's note"]
    after = sync.sync_now(laptop)
    assert after.pushed == 0 and after.pending == 0 and after.conflicts == 0


# -- servers that misbehave ---------------------------------------------------------------------------------
class BadServer:
    """A loopback socket answering every request the same bad way: 500, garbage JSON, or nothing."""

    def __init__(self, mode: str) -> None:
        self.mode, self.hits = mode, 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/fhir"
        self.open: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            conn.recv(65536)
            if self.mode == "silent":
                self.open.append(conn)  # accepted, never answered
                continue
            status, body = (
                ("500 Internal Server Error", b"oops") if self.mode == "500" else ("200 OK", b"{garbage")
            )
            head = (
                f"HTTP/1.1 {status}\r\nContent-Type: application/fhir+json\r\nContent-Length: {len(body)}\r\n"
            )
            conn.sendall(head.encode() + b"Connection: close\r\n\r\n" + body)
            conn.close()

    def close(self) -> None:
        self.sock.close()
        for conn in self.open:
            conn.close()


@pytest.mark.parametrize("mode", ["500", "garbage", "silent"])
def test_a_failing_server_is_retried_then_reported_and_the_vault_is_intact(mode, tmp_path):
    phone = device(tmp_path / "phone")
    family = [p.id for p in demo.create_demo_family(phone, TODAY)]
    before = content(phone, family)
    pending = sync.sync_status(phone).pending
    server = BadServer(mode)
    try:
        report = sync.sync_now(phone, server.url, TOKEN, retries=2, backoff=0.01, timeout=0.5)
    finally:
        server.close()
    assert server.hits == 3  # the first try and two retries
    assert report.error is not None and report.pushed == 0
    assert content(phone, family) == before
    status = sync.sync_status(phone)
    assert status.pending == pending and status.last_error is not None and status.last_sync == ""


def test_a_measurement_the_server_sends_invalid_is_quarantined_and_the_rest_is_kept(fhir_server, tmp_path):
    phone, laptop = device(tmp_path / "phone"), device(tmp_path / "laptop")
    holder = demo.create_demo_family(phone, TODAY)[0]
    good = records.add_measurement(phone, holder.id, TODAY, kind="weight", value=61.5, on=TODAY)
    sync.sync_now(phone, fhir_server.url, TOKEN)
    bad = Measurement(kind="weight", value=400 - 340, on=TODAY)
    resource = {
        "resourceType": "Observation",
        "id": bad.id,
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "0000-0"}]},
        "subject": {"reference": f"Patient/{holder.id}"},
        "effectiveDateTime": TODAY.isoformat(),
        "valueQuantity": {"value": 1, "unit": "kg"},
    }
    answer = httpx.put(
        f"{fhir_server.url}/Observation/{bad.id}", json=resource, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert answer.status_code == 201

    report = sync.sync_now(laptop, fhir_server.url, TOKEN)
    assert report.error is None and report.quarantined >= 1
    [held] = [q for q in sync.list_issues(laptop, "quarantine") if q.row_id == bad.id]
    assert "0000-0" in held.content["reason"]
    ids = {m.id for m in records.list_records(laptop, holder.id, "measurement")}
    assert good.id in ids and bad.id not in ids


def carnet(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "main.py"), *args]
    return subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=ROOT, input=stdin, timeout=120
    )


def headless_env(**extra: str) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "DISPLAY"} | {"CARNET_PASSPHRASE": PASSPHRASE} | extra


def test_the_sync_command_prints_what_was_pushed_pulled_and_left_pending(
    fhir_server, tmp_path, real_kdf_cost
):
    phone = device(tmp_path / "phone")
    demo.create_demo_family(phone, TODAY)
    changes = sync.sync_status(phone).pending
    phone.lock()
    where = ("sync", "--data-dir", str(tmp_path / "phone"))
    first = carnet(*where, "--server", fhir_server.url, env=headless_env(CARNET_SYNC_TOKEN=TOKEN))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().startswith(f"pushed {changes}, pulled ") and first.stdout.strip().endswith(
        "pending 0"
    )
    again = carnet(*where, env=headless_env())
    assert again.stdout.strip() == "pushed 0, pulled 0, pending 0"  # server and token were remembered


def test_a_token_written_on_the_command_line_is_refused_and_nothing_changes(
    fhir_server, tmp_path, real_kdf_cost
):
    phone = device(tmp_path / "phone")
    demo.create_demo_family(phone, TODAY)
    phone.lock()
    files = {p.name: p.read_bytes() for p in (tmp_path / "phone").iterdir()}
    where = ("sync", "--data-dir", str(tmp_path / "phone"), "--server", fhir_server.url)
    refused = carnet(*where, "--token", TOKEN, env=headless_env(CARNET_LANG="fr"))
    assert refused.returncode == 2 and refused.stdout == ""
    [line] = refused.stderr.splitlines()
    assert "CARNET_SYNC_TOKEN" in line and "--token -" in line and "(ps)" in line and TOKEN not in line
    assert {p.name: p.read_bytes() for p in (tmp_path / "phone").iterdir()} == files


def test_the_token_can_come_from_standard_input(fhir_server, tmp_path, real_kdf_cost):
    phone = device(tmp_path / "phone")
    demo.create_demo_family(phone, TODAY)
    phone.lock()
    where = ("sync", "--data-dir", str(tmp_path / "phone"), "--server", fhir_server.url)
    done = carnet(*where, "--token", "-", env=headless_env(), stdin=TOKEN + "\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("pending 0")
    empty = carnet(*where, "--token", "-", env=headless_env(CARNET_LANG="fr"), stdin="")
    assert empty.returncode == 2 and "entrée standard" in empty.stderr  # one line, in the user's language


def test_a_patient_deleted_on_the_server_leaves_the_profile_readable_and_exportable(
    fhir_server, tmp_path, real_kdf_cost
):
    phone, laptop = device(tmp_path / "phone"), device(tmp_path / "laptop")
    family = demo.create_demo_family(phone, TODAY)
    holder = family[0]
    sync.sync_now(phone, fhir_server.url, TOKEN)
    before = content(phone, [p.id for p in family])
    documents = records.list_records(phone, holder.id, "document")
    another_client_deletes(fhir_server, "Patient", holder.id)  # not Carnet: a bare DELETE

    report = sync.sync_now(phone)
    assert content(phone, [p.id for p in family]) == before
    assert report.error is None and report.deleted_elsewhere == 1
    assert stored_bytes(phone, holder.id, documents[0].attachment_id).startswith(b"%PDF-")
    assert phone.vault.db.execute("SELECT 1 FROM keys WHERE id = ?", [holder.id]).fetchone() is not None
    export = carnet_export(phone, tmp_path / "phone")
    assert any(e["resource"]["id"] == holder.id for e in export["entry"])

    sync_trash.keep_profile(phone, holder.id)
    assert sync.sync_now(phone).error is None
    assert fhir_server.get(f"Patient/{holder.id}")["id"] == holder.id  # created again on the server
    assert sync.sync_now(laptop, fhir_server.url, TOKEN).error is None
    assert content(laptop, [holder.id]) == content(phone, [holder.id])


def test_a_history_deleting_every_patient_empties_nothing(fhir_server, tmp_path):
    phone = device(tmp_path / "phone")
    family = [p.id for p in demo.create_demo_family(phone, TODAY)]
    sync.sync_now(phone, fhir_server.url, TOKEN)
    before = content(phone, family)
    for profile_id in family:
        another_client_deletes(fhir_server, "Patient", profile_id)
    report = sync.sync_now(phone)
    assert content(phone, family) == before
    assert report.error is None and report.deleted_elsewhere == 3


def test_a_record_deleted_on_the_server_is_in_the_trash_and_restored(fhir_server, tmp_path, real_kdf_cost):
    phone = device(tmp_path / "phone")
    holder = demo.create_demo_family(phone, TODAY)[0]
    sync.sync_now(phone, fhir_server.url, TOKEN)
    document = records.list_records(phone, holder.id, "document")[0]
    data = stored_bytes(phone, holder.id, document.attachment_id)
    another_client_deletes(fhir_server, "DocumentReference", document.id)

    assert sync.sync_now(phone, today=TODAY).trashed == 1
    [item] = sync_trash.list_trash(phone, TODAY)
    assert item.record == document
    sync_trash.restore(phone, holder.id, document.id)
    assert stored_bytes(phone, holder.id, document.attachment_id) == data
    assert sync.sync_now(phone).pushed == 1
    assert fhir_server.get(f"DocumentReference/{document.id}")["id"] == document.id
    assert sync_trash.list_trash(phone, TODAY + timedelta(days=31)) == []


def another_client_deletes(server, resource_type: str, resource_id: str) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    answer = httpx.delete(f"{server.url}/{resource_type}/{resource_id}", headers=headers, timeout=10)
    assert answer.status_code in (200, 204), answer.text


def carnet_export(session: Session, folder) -> dict:
    session.lock()
    done = carnet("export", "--data-dir", str(folder), env=headless_env())
    assert done.returncode == 0, done.stderr
    session.unlock(PASSPHRASE)
    return json.loads(done.stdout)

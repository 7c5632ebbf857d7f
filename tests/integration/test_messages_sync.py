"""Messages through a real FHIR R4 server (sekmet-fhir): two devices, a professional, an offline phone, a
sync killed mid-round, and a hostile server's Communications."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest

from domain.errors import ValidationError
from domain.models import Document, Profile, new_id
from services import access_log, records
from services.i18n import catalog
from services.messaging import announce, directory, store
from services.notifications import Notification
from services.session import Session
from services.sync import round as sync
from storage.keys import MemoryKeyHolder
from storage.sync_ledger import QUARANTINE

from .conftest import TOKEN

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "correct horse battery"
TODAY = date.today()
NOW = datetime.now(UTC).replace(microsecond=0)
DR = "Practitioner/dr-martin"
PHARMACY = "Organization/pharmacie-du-port"
SECRET_TEXT = "Ma fille tousse depuis huit jours, faut-il revenir consulter"
SECRET_TITLE = "Ordonnance amoxicilline confidentielle"
PDF = b"%PDF-1.4\n% a scanned prescription\n" + b"0" * 2_000
_ = catalog("fr").gettext
ngettext = catalog("fr").ngettext


def open_device(path: Path) -> Session:
    session = Session(path, MemoryKeyHolder())
    if session.exists():
        session.unlock(PASSPHRASE)
    else:
        session.create(PASSPHRASE)
    return session


def new_family(session: Session) -> tuple[Profile, Document]:
    """A holder with one document (the prescription the messages carry)."""
    holder = records.add_profile(
        session,
        TODAY,
        first_name="Claire",
        last_name="Durand",
        birth_date=date(1990, 3, 2),
        sex="F",
        role="holder",
    )
    with session.uow() as uow:
        scan = Document(SECRET_TITLE, "57833-6", TODAY, size=len(PDF), attachment_id=new_id())
        uow.attachments.put(holder.id, scan.attachment_id, PDF)
        records.add(uow, holder, scan, TODAY)
        uow.commit()
    return holder, scan


def post(server, resource: dict) -> int:
    """What a professional's software does: a Communication written on the server."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    url = f"{server.url}/{resource['resourceType']}/{resource['id']}"
    return httpx.put(url, json=resource, headers=headers, timeout=10).status_code


def from_doctor(rid: str, patient: str, text: str, **more) -> dict:
    return {
        "resourceType": "Communication",
        "id": rid,
        "status": "completed",
        "subject": {"reference": f"Patient/{patient}"},
        "sent": NOW.isoformat(),
        "sender": {"reference": DR, "display": "Dr Anne Martin"},
        "recipient": [{"reference": f"Patient/{patient}"}],
        "payload": [{"contentString": text}],
    } | more


class Shown:
    """A notifier that keeps what it was asked to show."""

    def __init__(self) -> None:
        self.notifications: list[Notification] = []

    def send(self, notification: Notification) -> str:
        self.notifications.append(notification)
        return "in_app"


def test_a_message_sent_on_one_device_arrives_on_the_second_in_the_same_thread(fhir_server, tmp_path):
    phone, laptop = open_device(tmp_path / "phone"), open_device(tmp_path / "laptop")
    holder, scan = new_family(phone)
    first = store.send_message(phone, holder.id, PHARMACY, "Voici mon ordonnance", NOW, [scan.id])
    assert store.inbox(phone, holder.id, TODAY).messages[0].delivery == "pending"
    assert sync.sync_now(phone, fhir_server.url, TOKEN).error is None
    assert store.inbox(phone, holder.id, TODAY).messages[0].delivery == "sent"

    assert sync.sync_now(laptop, fhir_server.url, TOKEN).error is None
    arrived = store.inbox(laptop, holder.id, TODAY).messages
    assert [(m.id, m.direction, m.text, m.attachments, m.delivery) for m in arrived] == [
        (first.id, "out", "Voici mon ordonnance", (scan.id,), "sent")
    ]
    answer = from_doctor(
        "answer-1",
        holder.id,
        "Bien reçue, elle sera prête demain.",
        sender={"reference": PHARMACY, "display": "Pharmacie du Port"},
        inResponseTo=[{"reference": f"Communication/{first.id}"}],
    )
    assert post(fhir_server, answer) in (200, 201)
    assert sync.sync_now(laptop).error is None
    thanks = store.send_message(laptop, holder.id, PHARMACY, "Merci, à demain", NOW, reply_to="answer-1")
    assert sync.sync_now(laptop).error is None
    assert sync.sync_now(phone).error is None

    on_phone = {m.id: m for m in store.inbox(phone, holder.id, TODAY).messages}
    assert set(on_phone) == {first.id, "answer-1", thanks.id}
    assert {m.thread for m in on_phone.values()} == {first.id}  # one thread on both devices
    assert on_phone["answer-1"].direction == "in" and on_phone["answer-1"].unread
    on_laptop = {m.id: m.thread for m in store.inbox(laptop, holder.id, TODAY).messages}
    assert on_laptop == {m.id: m.thread for m in on_phone.values()}
    book = {c.reference: c.name for c in store.inbox(phone, holder.id, TODAY).correspondents}
    assert book[PHARMACY] == "Pharmacie du Port"  # learnt from the server
    phone.lock(), laptop.lock()


def test_a_professionals_communication_arrives_with_one_notification_and_is_traced(
    fresh_fhir_server, tmp_path
):
    fhir_server = fresh_fhir_server
    phone = open_device(tmp_path / "phone")
    holder, _scan = new_family(phone)
    assert sync.sync_now(phone, fhir_server.url, TOKEN).error is None
    assert post(fhir_server, from_doctor("pro-1", holder.id, "Vos résultats sont normaux.")) in (200, 201)

    settled = sync.sync_status(phone).quarantined  # sekmet-fhir's own Basic resources, not ours

    report = sync.sync_now(phone)
    assert report.error is None and report.quarantined == settled
    shown = Shown()
    assert len(announce.announce_new_messages(phone, shown, _, ngettext, NOW, private=True)) == 1
    assert announce.announce_new_messages(phone, shown, _, ngettext, NOW, private=True) == []
    assert [n.body for n in shown.notifications] == ["1 nouveau message pour Claire."]
    message = store.inbox(phone, holder.id, TODAY).messages[0]
    assert (message.id, message.direction, message.text) == ("pro-1", "in", "Vos résultats sont normaux.")

    assert store.mark_read(phone, holder.id, ["pro-1"]) == 1
    assert sync.sync_now(phone).pushed == 0  # reading changes nothing on the server
    actions = [(e.action, e.kind, e.record_id) for e in access_log.entries(phone, holder.id)]
    assert ("receive", "message", "pro-1") in actions and ("read", "message", "pro-1") in actions
    phone.lock()


def sync_process(data_dir: Path, server: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"} | {
        "CARNET_PASSPHRASE": PASSPHRASE,
        "CARNET_SYNC_TOKEN": TOKEN,
    }
    command = [sys.executable, str(ROOT / "main.py"), "sync", "--data-dir", str(data_dir), "--server", server]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_message_written_offline_is_sent_once_when_the_server_is_back(
    fresh_fhir_server, tmp_path, real_kdf_cost
):
    rng = random.Random(17)
    path = tmp_path / "phone"
    phone = open_device(path)
    holder, scan = new_family(phone)
    assert sync.sync_now(phone, fresh_fhir_server.url, TOKEN).error is None
    fresh_fhir_server.stop()
    written = [store.send_message(phone, holder.id, DR, f"Question {i}", NOW) for i in range(3)]
    offline = sync.sync_now(phone, retries=0)
    assert offline.error is not None and offline.pending == 3
    assert {m.delivery for m in store.inbox(phone, holder.id, TODAY).messages} == {"pending"}
    phone.lock()
    fresh_fhir_server.start()

    killed = 0
    for run in range(10):  # more messages written, then a round killed at a random point
        phone = open_device(path)
        written += [store.send_message(phone, holder.id, DR, f"Suite {run}.{i}", NOW) for i in range(2)]
        phone.lock()
        process = sync_process(path, fresh_fhir_server.url)
        time.sleep(rng.uniform(0.3, 1.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait(timeout=60)
    assert killed >= 3  # most rounds are cut: start-up alone takes about half a second
    phone = open_device(path)
    final = sync.sync_now(phone, fresh_fhir_server.url, TOKEN)
    assert final.error is None and final.pending == 0 and final.rejected == 0
    served = fresh_fhir_server.get("Communication", subject=f"Patient/{holder.id}", _count="100")
    ids = [e["resource"]["id"] for e in served.get("entry", [])]
    assert sorted(ids) == sorted(m.id for m in written) and served["total"] == len(written)  # each once
    assert {m.delivery for m in store.inbox(phone, holder.id, TODAY).messages} == {"sent"}
    phone.lock()


def test_no_message_text_or_attachment_title_is_in_any_byte_of_the_data_folder(fhir_server, tmp_path):
    path = tmp_path / "phone"
    phone = open_device(path)
    holder, scan = new_family(phone)
    store.send_message(phone, holder.id, DR, SECRET_TEXT, NOW, [scan.id])
    store.add_correspondent(phone, holder.id, TODAY, name="Docteur Zéphyrin Quenouille", reference=DR)
    assert sync.sync_now(phone, fhir_server.url, TOKEN).error is None
    post(fhir_server, from_doctor("pro-secret", holder.id, "Réponse pneumologique détaillée"))
    assert sync.sync_now(phone).error is None
    assert len(store.inbox(phone, holder.id, TODAY).messages) == 2
    phone.lock()

    secrets = [SECRET_TEXT, SECRET_TITLE, "Réponse pneumologique", "Quenouille", "tousse", "amoxicilline"]
    for file in (p for p in path.rglob("*") if p.is_file()):
        data = file.read_bytes()
        for secret in secrets:
            for encoding in ("utf-8", "utf-16-le"):
                assert secret.encode(encoding) not in data, (file.name, secret)


def test_a_hostile_communication_is_quarantined_with_its_reason_and_changes_nothing_else(
    fhir_server, tmp_path
):
    phone = open_device(tmp_path / "phone")
    holder, scan = new_family(phone)
    assert sync.sync_now(phone, fhir_server.url, TOKEN).error is None
    hostile = {
        "huge-1": from_doctor("huge-1", holder.id, "x" * 300_000),
        "ghost-doc": from_doctor(
            "ghost-doc",
            holder.id,
            "Voir pièce jointe",
            payload=[{"contentReference": {"reference": "DocumentReference/not-in-this-vault"}}],
        ),
        "other-subject": from_doctor(
            "other-subject",
            holder.id,
            "Pour quelqu'un d'autre",
            subject={"reference": "Patient/someone-else"},
        ),
    }
    for resource in hostile.values():
        assert post(fhir_server, resource) in (200, 201)
    assert post(fhir_server, from_doctor("fine-1", holder.id, "Un message normal")) in (200, 201)
    before = {e.seq for e in access_log.entries(phone, holder.id)}
    settled = sync.sync_status(phone).quarantined  # sekmet-fhir's own Basic resources, not ours

    report = sync.sync_now(phone)
    assert report.error is None and report.quarantined == settled + 3
    reasons = {i.row_id: i.content["reason"] for i in sync.list_issues(phone, QUARANTINE)}
    assert "too large" in reasons["huge-1"] or "longer than" in reasons["huge-1"]
    assert "not-in-this-vault" in reasons["ghost-doc"]
    assert "another person" in reasons["other-subject"]
    assert [m.id for m in store.inbox(phone, holder.id, TODAY).messages] == ["fine-1"]
    new = [e for e in access_log.entries(phone, holder.id) if e.seq not in before]
    # the one message received and its sender learnt, and the round's line in the exchange history
    assert sorted((e.action, e.kind) for e in new) == sorted(
        [("receive", "message"), ("add", "correspondent"), ("sync", "exchange")]
    )
    assert sync.sync_now(phone).quarantined == settled + 3  # not taken again, not doubled
    phone.lock()


def test_a_correspondent_is_found_on_the_server_by_its_reference_with_its_mssante_address(
    fhir_server, tmp_path
):
    phone = open_device(tmp_path / "phone")
    holder, _scan = new_family(phone)
    sync.configure(phone, fhir_server.url, TOKEN)
    practitioner = {
        "resourceType": "Practitioner",
        "id": "dr-lune",
        "name": [{"prefix": ["Dr"], "given": ["Marie"], "family": "Lune"}],
        "telecom": [{"system": "email", "value": "marie.lune@medecin.mssante.fr"}],
    }
    assert post(fhir_server, practitioner) in (200, 201)

    found = directory.fetch_correspondent(phone, holder.id, "Practitioner/dr-lune", TODAY)
    assert (found.name, found.address, found.origin) == (
        "Dr Marie Lune",
        "marie.lune@medecin.mssante.fr",
        "server",
    )
    assert [c.reference for c in store.inbox(phone, holder.id, TODAY).correspondents] == [
        "Practitioner/dr-lune"
    ]
    with pytest.raises(ValidationError, match="has no Practitioner/nobody"):
        directory.fetch_correspondent(phone, holder.id, "Practitioner/nobody", TODAY)
    phone.lock()

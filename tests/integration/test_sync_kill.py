"""A `main.py sync` process killed with SIGKILL at random points loses nothing and duplicates nothing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from domain.models import Document
from services import demo, records
from services.fhir import bundle as fhir_bundle
from services.session import Session
from services.sync import round as sync
from storage.keys import MemoryKeyHolder

from .conftest import TOKEN

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "correct horse battery"
TODAY = date(2026, 11, 30)
KILLS = 20  # runs killed with SIGKILL; a run that finishes first is not counted
PDF = b"%PDF-1.4\n% a scanned prescription\n" + b"0" * 20_000


@pytest.fixture(autouse=True)
def fast_scrypt(real_kdf_cost):
    """The child processes check the key file against the real bounds: it is written at the real cost."""


def open_device(path: Path) -> Session:
    session = Session(path, MemoryKeyHolder())
    if session.exists():
        session.unlock(PASSPHRASE)
    else:
        session.create(PASSPHRASE)
    return session


def sync_process(data_dir: Path, server: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"} | {
        "CARNET_PASSPHRASE": PASSPHRASE,
        "CARNET_SYNC_TOKEN": TOKEN,
    }
    command = [sys.executable, str(ROOT / "main.py"), "sync", "--data-dir", str(data_dir), "--server", server]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def add_changes(data_dir: Path, rng: random.Random, run: int, expected: set[str]) -> None:
    """A burst of offline work: measurements, a document, sometimes a deletion; ``expected`` follows it."""
    session = open_device(data_dir)
    try:
        holder = next(p for p in records.list_profiles(session) if p.role == "holder")
        for i in range(25):
            on = TODAY - timedelta(days=run * 25 + i)
            value = rng.randint(50, 110)
            expected.add(
                records.add_measurement(session, holder.id, TODAY, kind="heart_rate", value=value, on=on).id
            )
        with session.uow() as uow:  # a scan's bytes, stored as they are (not a real PDF)
            scan = Document(f"Ordonnance {run}", "57833-6", TODAY, size=len(PDF), attachment_id=f"scan{run}")
            uow.attachments.put(holder.id, scan.attachment_id, PDF)
            uow.records.add(holder.id, scan)
            uow.commit()
        if run % 3 == 0:
            victim = rng.choice(sorted(expected))
            with session.uow() as uow:
                uow.records.delete(holder.id, victim)
                uow.commit()
            expected.discard(victim)
    finally:
        session.lock()


def test_sync_killed_at_random_points_loses_nothing_and_duplicates_nothing(fresh_fhir_server, tmp_path):
    rng = random.Random(20261130)
    phone = tmp_path / "phone"
    session = open_device(phone)
    family = [p.id for p in demo.create_demo_family(session, TODAY)]
    expected = {m.id for m in records.list_records(session, family[0], "measurement")}
    session.lock()

    add_changes(phone, rng, 0, expected)
    started = time.monotonic()
    assert sync_process(phone, fresh_fhir_server.url).wait(timeout=60) == 0
    full = time.monotonic() - started  # one whole round, start-up included: the kills land all along it

    killed, run = 0, 0
    while killed < KILLS and run < 4 * KILLS:  # headroom for a busy machine, where rounds vary
        run += 1
        add_changes(phone, rng, run, expected)
        process = sync_process(phone, fresh_fhir_server.url)
        delay = rng.uniform(0.25 * full, full)
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        else:
            full = 0.8 * delay  # that round was quicker than measured: the next kills come earlier
        process.wait(timeout=60)
    assert killed >= KILLS

    session = open_device(phone)
    laptop = open_device(tmp_path / "laptop")
    try:
        final = sync.sync_now(session, fresh_fhir_server.url, TOKEN)
        assert final.error is None and final.pending == 0 and final.conflicts == 0 and final.rejected == 0
        holder = family[0]
        local = {m.id for m in records.list_records(session, holder, "measurement")}
        assert local == expected  # nothing lost, nothing deleted comes back
        served = fresh_fhir_server.get(
            "Observation", subject=f"Patient/{holder}", category="vital-signs", _count="1000"
        )
        served_ids = [e["resource"]["id"] for e in served.get("entry", [])]
        assert len(served_ids) == len(set(served_ids)) == served["total"]  # no duplicate
        assert set(served_ids) == expected
        documents = fresh_fhir_server.get("DocumentReference", subject=f"Patient/{holder}", _count="1000")
        assert documents["total"] == len(records.list_records(session, holder, "document"))

        sync.sync_now(laptop, fresh_fhir_server.url, TOKEN)
        assert [fhir_bundle.export_bundle(laptop, p) for p in family] == [
            fhir_bundle.export_bundle(session, p) for p in family
        ]
    finally:
        session.lock()
        laptop.lock()

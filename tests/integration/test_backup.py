"""A lost phone loses nothing: one-file backups restored elsewhere, and a new device started from the server.

Real processes for the commands, a real sekmet-fhir server for the sync.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx

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


def carnet(*args: str, passphrase: str | None = PASSPHRASE, stdin: str = "", **extra: str):
    env = {k: v for k, v in os.environ.items() if k not in ("CARNET_PASSPHRASE", "DISPLAY")}
    env.update(CARNET_LANG="fr", **extra)
    if passphrase is not None:
        env["CARNET_PASSPHRASE"] = passphrase
    command = [sys.executable, str(ROOT / "main.py"), *args]
    return subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=ROOT, input=stdin, timeout=180
    )


def device(path: Path) -> Session:
    session = Session(path, MemoryKeyHolder())
    if session.exists():
        session.unlock(PASSPHRASE)
    else:
        session.create(PASSPHRASE)
    return session


def exported(folder: Path) -> str:
    result = carnet("export", "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_backup_then_restore_in_another_folder_gives_the_same_carnet(tmp_path, real_kdf_cost):
    first, second = tmp_path / "phone", tmp_path / "new-phone"
    assert carnet("demo", "--data-dir", str(first)).returncode == 0
    saved = carnet("backup", "--data-dir", str(first), "--out", str(tmp_path / "copy.carnet"))
    assert saved.returncode == 0, saved.stderr
    data = (tmp_path / "copy.carnet").read_bytes()
    for word in ("Camille", "Durand", "Bilan sanguin", "Vaxelis", "Hémoglobine"):
        assert word.encode() not in data
    done = carnet("restore", "--data-dir", str(second), str(tmp_path / "copy.carnet"))
    assert done.returncode == 0, done.stderr
    assert exported(second) == exported(first)


def test_a_wrong_passphrase_or_a_damaged_file_restores_nothing_with_one_line(tmp_path, real_kdf_cost):
    first = tmp_path / "phone"
    carnet("demo", "--data-dir", str(first))
    carnet("backup", "--data-dir", str(first), "--out", str(tmp_path / "copy.carnet"))
    wrong = carnet(
        "restore", "--data-dir", str(tmp_path / "a"), str(tmp_path / "copy.carnet"), passphrase="x" * 12
    )
    data = bytearray((tmp_path / "copy.carnet").read_bytes())
    data[-100] ^= 1
    (tmp_path / "damaged.carnet").write_bytes(bytes(data))
    damaged = carnet("restore", "--data-dir", str(tmp_path / "b"), str(tmp_path / "damaged.carnet"))
    for result in (wrong, damaged):
        assert result.returncode == 2 and result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1
    assert "endommagé" in damaged.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_a_restore_over_an_existing_vault_is_refused_and_the_vault_is_unchanged(tmp_path, real_kdf_cost):
    first = tmp_path / "phone"
    carnet("demo", "--data-dir", str(first))
    carnet("backup", "--data-dir", str(first), "--out", str(tmp_path / "copy.carnet"))
    before = {p.name: p.read_bytes() for p in first.iterdir() if p.is_file()}
    refused = carnet("restore", "--data-dir", str(first), str(tmp_path / "copy.carnet"))
    assert refused.returncode == 2 and "déjà un carnet" in refused.stderr
    assert {p.name: p.read_bytes() for p in first.iterdir() if p.is_file()} == before


def test_a_restore_killed_mid_way_leaves_no_vault_and_the_next_attempt_works(tmp_path, real_kdf_cost):
    first, target = tmp_path / "phone", tmp_path / "new-phone"
    carnet("demo", "--data-dir", str(first))
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"%PDF-1.4\n" + os.urandom(19 * 1024 * 1024) + b"\n%%EOF\n")
    session = device(first)  # make the file large enough for a restore to be caught in the act
    holder = records.list_profiles(session)[0]
    with session.uow() as uow:  # four large files, stored as they are (they are not real PDFs)
        for number in range(4):
            scan = Document("Scan", "11488-4", TODAY, size=big.stat().st_size, attachment_id=f"scan{number}")
            uow.attachments.put(holder.id, scan.attachment_id, big.read_bytes())
            uow.records.add(holder.id, scan)
        uow.commit()
    session.lock()
    carnet("backup", "--data-dir", str(first), "--out", str(tmp_path / "copy.carnet"))
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"} | {"CARNET_PASSPHRASE": PASSPHRASE}
    command = [
        sys.executable,
        str(ROOT / "main.py"),
        "restore",
        "--data-dir",
        str(target),
        str(tmp_path / "copy.carnet"),
    ]
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:  # killed once it writes the files
        if any(p.name.startswith(".restoring-") and any(p.iterdir()) for p in tmp_path.iterdir()):
            os.kill(process.pid, signal.SIGKILL)
            break
        time.sleep(0.001)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the restore ended before it could be interrupted"
    assert not Session(target).exists()
    again = carnet("restore", "--data-dir", str(target), str(tmp_path / "copy.carnet"))
    assert again.returncode == 0, again.stderr
    assert exported(target) == exported(first)
    assert not any(p.name.startswith(".restoring-") for p in tmp_path.iterdir())


def server_count(server, resource_type: str) -> int:
    answer = httpx.get(
        f"{server.url}/{resource_type}",
        params={"_summary": "count"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    return int(answer.json()["total"])


def server_counts(server) -> dict[str, int]:
    return {
        t: server_count(server, t) for t in ("Patient", "Observation", "Immunization", "DocumentReference")
    }


def test_a_restored_vault_syncs_without_duplicating_or_deleting_anything(
    fresh_fhir_server, tmp_path, real_kdf_cost
):
    phone = device(tmp_path / "phone")
    family = demo.create_demo_family(phone, TODAY)
    assert sync.sync_now(phone, fresh_fhir_server.url, TOKEN).error is None
    phone.lock()
    assert (
        carnet(
            "backup", "--data-dir", str(tmp_path / "phone"), "--out", str(tmp_path / "copy.carnet")
        ).returncode
        == 0
    )
    phone = device(tmp_path / "phone")  # later, the old phone records one more weight, then is lost
    records.add_measurement(phone, family[1].id, TODAY, kind="weight", value=10.1, on=TODAY)
    assert sync.sync_now(phone).error is None
    on_server = server_counts(fresh_fhir_server)
    phone.lock()
    restored = carnet("restore", "--data-dir", str(tmp_path / "new"), str(tmp_path / "copy.carnet"))
    assert restored.returncode == 0, restored.stderr
    synced = carnet("sync", "--data-dir", str(tmp_path / "new"), CARNET_SYNC_TOKEN=TOKEN)
    assert synced.returncode == 0, synced.stderr
    assert server_counts(fresh_fhir_server) == on_server
    assert exported(tmp_path / "new") == exported(tmp_path / "phone")


def test_a_new_device_starts_from_the_server_and_both_converge(fresh_fhir_server, tmp_path, real_kdf_cost):
    phone = device(tmp_path / "phone")
    family = demo.create_demo_family(phone, TODAY)
    assert sync.sync_now(phone, fresh_fhir_server.url, TOKEN).error is None
    started = carnet(
        "sync",
        "--data-dir",
        str(tmp_path / "tablet"),
        "--server",
        fresh_fhir_server.url,
        CARNET_SYNC_TOKEN=TOKEN,
    )
    assert started.returncode == 0, started.stderr
    on_server = server_counts(fresh_fhir_server)
    tablet = device(tmp_path / "tablet")
    ids = [p.id for p in family]
    assert [fhir_bundle.export_bundle(tablet, i) for i in ids] == [
        fhir_bundle.export_bundle(phone, i) for i in ids
    ]
    records.add_measurement(tablet, family[1].id, TODAY, kind="height", value=80.5, on=TODAY)
    records.add_measurement(phone, family[2].id, TODAY, kind="weight", value=22.0, on=TODAY)
    for session in (tablet, phone, tablet):
        assert sync.sync_now(session).error is None
    assert [fhir_bundle.export_bundle(tablet, i) for i in ids] == [
        fhir_bundle.export_bundle(phone, i) for i in ids
    ]
    assert server_count(fresh_fhir_server, "Observation") == on_server["Observation"] + 2
    tablet.lock()
    phone.lock()


def test_a_new_device_that_cannot_reach_its_server_leaves_nothing_behind(tmp_path, real_kdf_cost):
    folder = tmp_path / "tablet"
    failed = carnet(
        "sync", "--data-dir", str(folder), "--server", "http://127.0.0.1:9/fhir", CARNET_SYNC_TOKEN=TOKEN
    )
    assert failed.returncode == 2
    assert not folder.exists()

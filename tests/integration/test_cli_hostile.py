"""Hostile input at the command line: a refusal is one line, status 2, and the vault files are unchanged
byte for byte; an export that meets an unreadable record writes the rest and names it."""

import base64
import json
import os
import resource
import sqlite3
import subprocess
import sys
from contextlib import closing

from services.pdf import simple_pdf
from services.session import Session

from .test_cli import PASSPHRASE, ROOT, carnet, snapshot

GIB = 1024**3


def bounded(*args, lang="en", timeout=60):
    """``carnet`` with at most 2 GiB of address space and ``timeout`` seconds: what the old code did with
    /dev/zero (read until memory ran out) or a FIFO (wait forever) fails the test instead of the machine."""
    env = {k: v for k, v in os.environ.items() if k not in ("CARNET_PASSPHRASE", "DISPLAY")}
    env.update(CARNET_LANG=lang, CARNET_PASSPHRASE=PASSPHRASE)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * GIB, 2 * GIB))

    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
        preexec_fn=cap,
    )


def demo(tmp_path):
    data_dir = tmp_path / "vault"
    ids = carnet("demo", "--data-dir", str(data_dir)).stdout.split()
    return data_dir, ids


def one_line_refusal(result):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr


def write_bundle(path, *resources):
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources]}
    path.write_text(json.dumps(bundle), encoding="utf-8")
    return path


def hostile_document(subject, victim_attachment_id, data):
    attachment = {"contentType": "application/pdf", "url": f"Binary/{victim_attachment_id}"}
    if data is not None:
        attachment["data"] = base64.b64encode(data).decode()
    return {
        "resourceType": "DocumentReference",
        "id": "hostile-doc",
        "status": "current",
        "type": {"coding": [{"system": "http://loinc.org", "code": "11488-4"}]},
        "subject": {"reference": f"Patient/{subject}"},
        "date": "2026-01-05T00:00:00Z",
        "description": "Intrus",
        "content": [{"attachment": attachment}],
    }


def an_attachment_id(data_dir):
    """The attachment id of a stored document (rows are stored under keyed tags, so it is read through
    the vault, as an attacker who knows one would name it)."""
    session = Session(data_dir)
    session.unlock(PASSPHRASE)
    try:
        with session.uow() as uow:
            holder = uow.profiles.list()[0]
            return uow.records.list(holder.id, "document")[0].attachment_id
    finally:
        session.lock()


# -- finding 4: an import never reaches stored bytes --------------------------------------------------------
def test_an_imported_document_naming_stored_bytes_leaves_them_and_every_later_export_works(tmp_path):
    data_dir, ids = demo(tmp_path)
    before = json.loads(carnet("export", "--data-dir", str(data_dir)).stdout)
    pdf = simple_pdf("Intrus", ["Ce document vise les octets d'un autre."])
    path = write_bundle(tmp_path / "b.json", hostile_document(ids[1], an_attachment_id(data_dir), pdf))
    assert carnet("import", "--data-dir", str(data_dir), str(path)).returncode == 0
    after = carnet("export", "--data-dir", str(data_dir))
    assert after.returncode == 0, after.stderr
    entries = json.loads(after.stdout)["entry"]
    assert all(entry in entries for entry in before["entry"])  # every document of before, bytes and all
    assert len(entries) == len(before["entry"]) + 1


def test_a_refused_import_leaves_the_vault_files_byte_identical(tmp_path):
    data_dir, ids = demo(tmp_path)
    victim = an_attachment_id(data_dir)
    files = snapshot(data_dir)
    path = write_bundle(tmp_path / "b.json", hostile_document(ids[1], victim, None))
    one_line_refusal(carnet("import", "--data-dir", str(data_dir), str(path), lang="en"))
    assert snapshot(data_dir) == files


def test_an_import_refused_once_the_vault_is_open_leaves_its_files_byte_identical(tmp_path):
    data_dir, _ids = demo(tmp_path)
    files = snapshot(data_dir)
    pdf = simple_pdf("Orphelin", ["Pour personne."])
    path = write_bundle(tmp_path / "b.json", hostile_document("nobody", "x", pdf))
    one_line_refusal(carnet("import", "--data-dir", str(data_dir), str(path), lang="en"))
    assert snapshot(data_dir) == files


def test_export_writes_what_it_can_read_and_names_what_it_left_out_with_status_3(tmp_path):
    data_dir, _ids = demo(tmp_path)
    with closing(sqlite3.connect(data_dir / "vault.db")) as db, db:
        record_id, blob = db.execute("SELECT id, blob FROM records ORDER BY id LIMIT 1").fetchone()
        damaged = blob[:-1] + bytes([blob[-1] ^ 1])  # one flipped bit
        db.execute("UPDATE records SET blob = ? WHERE id = ?", [damaged, record_id])
    result = carnet("export", "--data-dir", str(data_dir), lang="en")
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and f" {record_id}" in result.stderr
    bundle = json.loads(result.stdout)
    assert bundle["entry"] and record_id not in {e["resource"]["id"] for e in bundle["entry"]}


# -- finding 8: files that are not documents ---------------------------------------------------------------
def add_document(data_dir, holder, path, title="Compte rendu"):
    return bounded(
        "add-document",
        "--data-dir",
        str(data_dir),
        "--profile",
        holder,
        "--type",
        "11488-4",
        "--title",
        title,
        "--date",
        "02/03/2026",
        str(path),
    )


def test_a_fifo_is_refused_at_once(tmp_path):
    data_dir, ids = demo(tmp_path)
    fifo = tmp_path / "scan.pdf"
    os.mkfifo(fifo)
    result = add_document(data_dir, ids[0], fifo)
    one_line_refusal(result)
    assert "not a regular file" in result.stderr


def test_a_symlink_to_dev_zero_is_refused_without_reading_it(tmp_path):
    data_dir, ids = demo(tmp_path)
    link = tmp_path / "zero.pdf"
    link.symlink_to("/dev/zero")
    result = add_document(data_dir, ids[0], link)
    one_line_refusal(result)
    assert "not a regular file" in result.stderr


def test_a_newline_in_a_file_name_cannot_forge_a_second_line(tmp_path):
    data_dir, ids = demo(tmp_path)
    forged = tmp_path / "a\ncarnet: document added.pdf"
    result = add_document(data_dir, ids[0], forged)  # it does not exist: the refusal names it
    one_line_refusal(result)
    assert "a\\ncarnet: document added.pdf" in result.stderr


def test_a_title_with_a_newline_and_a_tab_stays_one_line_of_five_columns_in_search(tmp_path):
    data_dir, ids = demo(tmp_path)
    pdf = tmp_path / "echo.pdf"
    pdf.write_bytes(simple_pdf("Echographie", ["Foie homogène, vésicule alithiasique."]))
    added = add_document(data_dir, ids[0], pdf, title="Echo\nfaux\tchamp")
    assert added.returncode == 0, added.stderr
    found = bounded("search", "--data-dir", str(data_dir), "--profile", ids[0], "alithiasique")
    assert len(found.stdout.splitlines()) == 1
    assert found.stdout.split("\t")[2] == "Echo\\nfaux\\tchamp"


def test_an_import_file_larger_than_the_cap_is_refused_before_it_is_read(tmp_path):
    data_dir, _ids = demo(tmp_path)
    files = snapshot(data_dir)
    sparse = tmp_path / "huge.json"
    with open(sparse, "wb") as out:
        out.truncate(600 * 1024 * 1024)  # sparse: takes no disk
    result = bounded("import", "--data-dir", str(data_dir), str(sparse))
    one_line_refusal(result)
    assert "larger than 512 MB" in result.stderr
    assert snapshot(data_dir) == files


def test_a_deeply_nested_import_file_is_refused_in_one_line(tmp_path):
    data_dir, _ids = demo(tmp_path)
    files = snapshot(data_dir)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = bounded("import", "--data-dir", str(data_dir), str(deep))
    one_line_refusal(result)
    assert "nested too deeply" in result.stderr
    assert snapshot(data_dir) == files

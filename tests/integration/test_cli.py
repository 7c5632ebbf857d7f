"""The headless commands, run as a user would: a real process, real files."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "une phrase secrète"


def carnet(*args, passphrase=PASSPHRASE, lang="fr"):
    env = {k: v for k, v in os.environ.items() if k not in ("CARNET_PASSPHRASE", "DISPLAY")}
    env["CARNET_LANG"] = lang
    if passphrase is not None:
        env["CARNET_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_demo_then_export_import_export_round_trips(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    made = carnet("demo", "--data-dir", str(first))
    assert made.returncode == 0, made.stderr
    assert len(made.stdout.split()) == 3
    exported = carnet("export", "--data-dir", str(first), "--format", "fhir")
    assert exported.returncode == 0, exported.stderr
    bundle_file = tmp_path / "bundle.json"
    bundle_file.write_text(exported.stdout, encoding="utf-8")
    imported = carnet("import", "--data-dir", str(second), str(bundle_file))
    assert imported.returncode == 0, imported.stderr
    again = carnet("export", "--data-dir", str(second), "--format", "fhir")
    assert json.loads(again.stdout) == json.loads(exported.stdout)


def test_export_of_one_profile_holds_only_that_patient(tmp_path):
    ids = carnet("demo", "--data-dir", str(tmp_path)).stdout.split()
    bundle = json.loads(carnet("export", "--data-dir", str(tmp_path), "--profile", ids[1]).stdout)
    patients = [e["resource"]["id"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"]
    assert patients == [ids[1]]


def test_a_wrong_passphrase_exits_with_one_french_line_and_changes_no_file(tmp_path):
    carnet("demo", "--data-dir", str(tmp_path))
    before = snapshot(tmp_path)
    result = carnet("export", "--data-dir", str(tmp_path), passphrase="pas la bonne phrase")
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "phrase de passe" in lines[0].lower() and "CARNET_PASSPHRASE" in lines[0]
    assert snapshot(tmp_path) == before


def test_a_missing_passphrase_is_named_in_english_too(tmp_path):
    carnet("demo", "--data-dir", str(tmp_path))
    result = carnet("export", "--data-dir", str(tmp_path), passphrase=None, lang="en")
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "passphrase" in result.stderr and "CARNET_PASSPHRASE" in result.stderr


def test_importing_a_file_that_is_not_json_says_so_and_stores_nothing(tmp_path):
    carnet("demo", "--data-dir", str(tmp_path / "v"))
    before = carnet("export", "--data-dir", str(tmp_path / "v")).stdout
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    result = carnet("import", "--data-dir", str(tmp_path / "v"), str(bad))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert carnet("export", "--data-dir", str(tmp_path / "v")).stdout == before


def test_a_bundle_of_the_wrong_shape_is_refused_before_any_vault_is_made(tmp_path):
    bad = tmp_path / "bad.json"
    for content in (
        '{"resourceType": "Bundle", "entry": "x"}',
        '{"resourceType": "Bundle", "entry": [1, 2]}',
        "[]",
    ):
        bad.write_text(content, encoding="utf-8")
        result = carnet("import", "--data-dir", str(tmp_path / "new"), str(bad))
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert not (tmp_path / "new").exists()


def test_an_imported_birth_date_in_the_future_is_refused_and_nothing_is_stored(tmp_path):
    carnet("demo", "--data-dir", str(tmp_path / "v"))
    before = carnet("export", "--data-dir", str(tmp_path / "v")).stdout
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "resource": {
                    "resourceType": "Patient",
                    "id": "p-future",
                    "birthDate": "3000-01-01",
                    "gender": "female",
                    "name": [{"family": "Futur", "given": ["Ana"]}],
                }
            }
        ],
    }
    path = tmp_path / "future.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    result = carnet("import", "--data-dir", str(tmp_path / "v"), str(path))
    assert result.returncode == 2 and "dans le futur" in result.stderr
    assert carnet("export", "--data-dir", str(tmp_path / "v")).stdout == before


def test_a_data_folder_that_cannot_be_made_gets_one_line_not_a_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = carnet("demo", "--data-dir", str(blocker / "vault"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1

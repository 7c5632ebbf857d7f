"""Issue 15's commands as a user runs them: a blood-pressure pair, the findings, a glucose import."""

import json

from .test_cli import carnet


def test_a_very_high_pair_is_recorded_and_the_findings_say_what_to_do_in_french(tmp_path):
    holder = carnet("demo", "--data-dir", str(tmp_path)).stdout.split()[0]
    made = carnet("blood-pressure", "--data-dir", str(tmp_path), "--profile", holder, "18/11")
    assert made.returncode == 0, made.stderr
    found = carnet("risk", "--data-dir", str(tmp_path), "--profile", holder)
    assert found.returncode == 0, found.stderr
    level, seen, next_step, _exam = found.stdout.splitlines()[0].split("\t")
    assert level == "urgent" and "180/110" in seen and "appelez le 15" in next_step.lower()


def test_a_pair_that_is_not_one_is_refused_in_one_line_and_nothing_is_kept(tmp_path):
    holder = carnet("demo", "--data-dir", str(tmp_path)).stdout.split()[0]
    refused = carnet("blood-pressure", "--data-dir", str(tmp_path), "--profile", holder, "80/120")
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "diastolique" in refused.stderr
    assert carnet("risk", "--data-dir", str(tmp_path), "--profile", holder).stdout == ""


def test_glucose_is_imported_from_a_meter_csv_then_from_fhir_without_duplicates(tmp_path):
    holder = carnet("demo", "--data-dir", str(tmp_path / "v")).stdout.split()[0]
    csv_file = tmp_path / "lecteur.csv"
    csv_file.write_text("Date;Heure;Glycémie (g/L)\n13/11/2026;07:30;0,98\n13/11/2026;12:15;1,42\n", "utf-8")
    args = ("--data-dir", str(tmp_path / "v"), "--profile", holder)
    assert carnet("glucose-import", *args, str(csv_file)).stdout.split() == ["2", "0"]
    assert carnet("glucose-import", *args, str(csv_file)).stdout.split() == ["0", "2"]
    fhir = tmp_path / "obs.json"
    obs = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "2339-0"}]},
        "effectiveDateTime": "2026-11-13T07:30:00",
        "valueQuantity": {"value": 98, "unit": "mg/dL"},
    }
    fhir.write_text(json.dumps([obs, {**obs, "effectiveDateTime": "2026-11-14T07:30:00"}]), "utf-8")
    assert carnet("glucose-import", *args, str(fhir)).stdout.split() == ["1", "1"]

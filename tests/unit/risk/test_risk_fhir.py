"""A blood-pressure reading travels as the FHIR panel 85354-9 (valid R4 both ways) in the Bundle export and
import and in the sync; lab measures are laboratory Observations; glucose Observations import as readings."""

import json
from datetime import date, datetime

from domain.bp_series import BloodPressure
from domain.models import Measurement
from domain.questionnaires_risk import copd
from services import glucose, records
from services.fhir import bundle as fhir_bundle
from services.fhir import mapping as fm
from services.fhir import records as fhir_records
from services.fhir import risk_mapping as rm
from services.fhir.validation import invalid_reason
from services.session import Session
from services.sync import round as sync
from tests.unit.services.fake_fhir import FakeFhir

from .conftest import TODAY

PASSPHRASE = "phrase de passe du test"
READING = BloodPressure(
    142, 91, date(2026, 11, 2), moment="evening", rank=2, series_id="s1", heart_rate=72, note="après repos"
)


def test_a_reading_is_one_panel_observation_with_its_two_components_valid_both_ways():
    resource = fhir_records.record_resource("p1", READING)
    assert invalid_reason(resource) == ""
    assert resource["code"]["coding"][0]["code"] == "85354-9"
    components = {c["code"]["coding"][0]["code"]: c["valueQuantity"] for c in resource["component"]}
    assert components["8480-6"] == {"value": 142, "unit": "mmHg", "system": fm.UCUM, "code": "mm[Hg]"}
    assert components["8462-4"]["value"] == 91 and components["8867-4"]["value"] == 72
    back = fhir_records.record_from(json.loads(json.dumps(resource)))
    assert back == READING and invalid_reason(fhir_records.record_resource("p1", back)) == ""


def test_a_panel_from_another_app_without_diastolic_is_refused_not_half_stored():
    resource = fhir_records.record_resource("p1", READING)
    resource["component"] = resource["component"][:1]
    try:
        fhir_records.record_from(resource)
    except Exception as exc:  # noqa: BLE001 - the import and the sync set such a resource aside
        assert "both" in str(exc)
    else:
        raise AssertionError("a panel without diastolic was read")


def test_lab_measures_are_laboratory_observations_and_body_measures_vital_signs():
    ldl = fm.observation("p1", Measurement("ldl", 1.32, date(2026, 10, 1)))
    weight = fm.observation("p1", Measurement("weight", 80, date(2026, 10, 1)))
    assert ldl["category"][0]["coding"][0]["code"] == "laboratory"
    assert weight["category"][0]["coding"][0]["code"] == "vital-signs"
    assert invalid_reason(ldl) == "" and fm.measurement_from(ldl).kind == "ldl"


def test_readings_survive_the_bundle_export_and_import(session, adult, tmp_path):
    records.add_record(session, adult.id, READING, TODAY)
    records.add_record(session, adult.id, Measurement("egfr", 55, date(2026, 10, 1)), TODAY)
    glucose.add_reading(session, adult.id, TODAY, datetime(2026, 11, 2, 7, 30), 104)
    answers = copd({"cough": True}, TODAY)
    records.add_record(session, adult.id, answers, TODAY)
    exported = fhir_bundle.export_bundle(session)
    assert all(invalid_reason(e["resource"]) == "" for e in exported["entry"])
    other = Session(tmp_path / "other")
    other.create(PASSPHRASE)
    fhir_bundle.import_bundle(other, json.loads(json.dumps(exported)), TODAY)
    assert records.list_records(other, adult.id, "blood_pressure") == [READING]
    assert records.list_records(other, adult.id, "risk_questionnaire") == [answers]
    assert [r.mg_dl for r in glucose.readings(other, adult.id)] == [104.0]
    assert fhir_bundle.export_bundle(other) == exported


def test_a_reading_reaches_another_device_through_the_sync(session, adult, tmp_path):
    server = FakeFhir()
    records.add_record(session, adult.id, READING, TODAY)
    url = "https://fhir.example.org/fhir"
    assert sync.sync_now(session, url, "t", transport=server.transport(), backoff=0).rejected == 0
    served = [r for (kind, _id), r in server.current.items() if kind == "Observation" and r]
    assert [r["code"]["coding"][0]["code"] for r in served] == ["85354-9"]
    other = Session(tmp_path / "other")
    other.create(PASSPHRASE)
    assert sync.sync_now(other, url, "t", transport=server.transport(), backoff=0).quarantined == 0
    assert records.list_records(other, adult.id, "blood_pressure") == [READING]


def observation(code, value, unit, when, status="final"):
    return {
        "resourceType": "Observation",
        "status": status,
        "code": {"coding": [{"system": fm.LOINC, "code": code}]},
        "effectiveDateTime": when,
        "valueQuantity": {"value": value, "unit": unit, "system": fm.UCUM, "code": unit},
    }


def test_glucose_observations_import_as_readings_in_mg_dl_and_duplicates_are_skipped(session, adult):
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"resource": observation("2339-0", 104, "mg/dL", "2026-11-20T07:30:00")},
            {"resource": observation("15074-8", 7.0, "mmol/L", "2026-11-20T12:00:00")},
            {"resource": observation("99504-3", 1.5, "g/L", "2026-11-21T03:00:00Z")},
            {"resource": observation("8480-6", 120, "mm[Hg]", "2026-11-20T07:30:00")},
            {"resource": observation("2339-0", 90, "mg/dL", "2026-11-20T08:00:00", "entered-in-error")},
        ],
    }
    data = json.dumps(bundle).encode()
    assert glucose.import_fhir(session, adult.id, data, TODAY) == {
        "added": 3,
        "duplicates": 0,
        "left_aside": 2,
    }
    found = glucose.readings(session, adult.id)
    assert [(r.at, r.mg_dl, r.source) for r in found] == [
        (datetime(2026, 11, 20, 7, 30), 104.0, "fhir"),
        (datetime(2026, 11, 20, 12, 0), 126.1, "fhir"),
        (datetime(2026, 11, 21, 3, 0), 150.0, "cgm"),
    ]
    assert glucose.import_fhir(session, adult.id, data, TODAY)["duplicates"] == 3
    assert len(glucose.readings(session, adult.id)) == 3


def test_a_glucose_reading_from_a_panel_is_not_taken_for_a_reading():
    assert rm.glucose_reading_from(fhir_records.record_resource("p1", READING)) is None

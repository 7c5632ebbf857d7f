import json

import pytest
from fhir.resources.R4B.bundle import Bundle

from domain.errors import ValidationError
from services import records
from services.fhir import bundle as fhir_bundle
from services.session import Session
from tests.conftest import stored_bytes

from .conftest import PASSPHRASE, TODAY


def test_the_export_is_a_valid_fhir_r4_collection_bundle(session, family):
    bundle = fhir_bundle.export_bundle(session)
    Bundle.model_validate(bundle)  # raises on any invalid resource
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert bundle["type"] == "collection"
    assert kinds == {
        "Patient",
        "Observation",
        "Immunization",
        "DocumentReference",
        "Basic",
    }  # Basic: exams done


def test_a_document_reference_carries_its_attachment(session, family):
    bundle = fhir_bundle.export_bundle(session, family[0].id)
    refs = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "DocumentReference"]
    assert len(refs) == 3
    assert all(r["content"][0]["attachment"]["data"] for r in refs)


def test_export_import_export_gives_the_same_content(session, family, tmp_path):
    first = fhir_bundle.export_bundle(session)
    other = Session(tmp_path / "other")
    other.create(PASSPHRASE)
    counts = fhir_bundle.import_bundle(other, json.loads(json.dumps(first)), TODAY)
    assert counts["profiles"] == 3 and counts["skipped"] == 0
    assert fhir_bundle.export_bundle(other) == first
    holder = next(p for p in records.list_profiles(other) if p.role == "holder")
    doc = records.list_records(other, holder.id, "document")[0]
    assert stored_bytes(other, holder.id, doc.attachment_id).startswith(b"%PDF-")


def test_importing_the_same_bundle_twice_duplicates_nothing(session, family):
    bundle = fhir_bundle.export_bundle(session)
    counts = fhir_bundle.import_bundle(session, bundle, TODAY)
    assert counts["profiles"] == 0 and counts["records"] == 0
    assert len(records.list_profiles(session)) == 3


@pytest.mark.parametrize("bad", [[], {"resourceType": "Patient"}, "text"])
def test_a_file_that_is_not_a_bundle_is_refused(session, bad):
    with pytest.raises(ValidationError):
        fhir_bundle.import_bundle(session, bad, TODAY)


def test_a_malformed_bundle_stores_nothing(session, family):
    before = fhir_bundle.export_bundle(session)
    broken = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "resource": {
                    "resourceType": "Patient",
                    "id": "p1",
                    "birthDate": "2001-02-03",
                    "gender": "female",
                    "name": [{"family": "X", "given": ["Y"]}],
                }
            },
            {"resource": {"resourceType": "Observation", "id": "o1", "subject": {"reference": "Patient/p1"}}},
        ],
    }
    with pytest.raises(ValidationError):
        fhir_bundle.import_bundle(session, broken, TODAY)
    assert fhir_bundle.export_bundle(session) == before


def test_every_record_kind_survives_export_and_import(session, family, tmp_path):
    from datetime import date

    from domain.medical import Allergy
    from domain.models import ChildExam

    holder, leo = family[0], family[1]
    with session.uow() as uow:
        uow.records.add(holder.id, Allergy("Pénicilline", date(2015, 3, 2), reaction="urticaire"))
        uow.records.add(leo.id, ChildExam("child-exam-12", date(2026, 9, 20), "Dr Marc Bernard"))
        uow.commit()
    first = fhir_bundle.export_bundle(session)
    Bundle.model_validate(first)
    types = {e["resource"]["resourceType"] for e in first["entry"]}
    assert {"AllergyIntolerance", "Basic"} <= types
    other = Session(tmp_path / "other")
    other.create(PASSPHRASE)
    fhir_bundle.import_bundle(other, first, TODAY)
    assert fhir_bundle.export_bundle(other) == first
    exams = records.list_records(other, leo.id, "child_exam")
    assert next(e for e in exams if e.code == "child-exam-12").professional == "Dr Marc Bernard"

import json

import pytest
from fhir.resources.R4B.bundle import Bundle

from domain.errors import ValidationError
from services import records
from services.fhir import bundle as fhir_bundle
from storage.vault import Vault

from .conftest import PASSPHRASE, TODAY


def test_the_export_is_a_valid_fhir_r4_collection_bundle(vault, family):
    bundle = fhir_bundle.export_bundle(vault)
    Bundle.model_validate(bundle)  # raises on any invalid resource
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert bundle["type"] == "collection"
    assert kinds == {"Patient", "Observation", "Immunization", "DocumentReference"}


def test_a_document_reference_carries_its_attachment(vault, family):
    bundle = fhir_bundle.export_bundle(vault, family[0].id)
    refs = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "DocumentReference"]
    assert len(refs) == 3
    assert all(r["content"][0]["attachment"]["data"] for r in refs)


def test_export_import_export_gives_the_same_content(vault, family, tmp_path):
    first = fhir_bundle.export_bundle(vault)
    other = Vault(tmp_path / "other")
    other.create(PASSPHRASE)
    counts = fhir_bundle.import_bundle(other, json.loads(json.dumps(first)), TODAY)
    assert counts["profiles"] == 3 and counts["skipped"] == 0
    assert fhir_bundle.export_bundle(other) == first
    holder = next(p for p in records.list_profiles(other) if p.role == "holder")
    doc = records.list_records(other, holder.id, "document")[0]
    assert records.read_attachment(other, holder.id, doc.attachment_id).startswith(b"%PDF-")


def test_importing_the_same_bundle_twice_duplicates_nothing(vault, family):
    bundle = fhir_bundle.export_bundle(vault)
    counts = fhir_bundle.import_bundle(vault, bundle, TODAY)
    assert counts["profiles"] == 0 and counts["records"] == 0
    assert len(records.list_profiles(vault)) == 3


@pytest.mark.parametrize("bad", [[], {"resourceType": "Patient"}, "text"])
def test_a_file_that_is_not_a_bundle_is_refused(vault, bad):
    with pytest.raises(ValidationError):
        fhir_bundle.import_bundle(vault, bad, TODAY)


def test_a_malformed_bundle_stores_nothing(vault, family):
    before = fhir_bundle.export_bundle(vault)
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
        fhir_bundle.import_bundle(vault, broken, TODAY)
    assert fhir_bundle.export_bundle(vault) == before


def test_every_record_kind_survives_export_and_import(vault, family, tmp_path):
    from datetime import date

    from domain.models import Allergy, ChildExam
    from storage.uow import UnitOfWork

    holder, leo = family[0], family[1]
    with UnitOfWork(vault) as uow:
        uow.records.add(holder.id, Allergy("Pénicilline", date(2015, 3, 2), reaction="urticaire"))
        uow.records.add(leo.id, ChildExam("child-exam-09", date(2026, 9, 20), "Dr Marc Bernard"))
        uow.commit()
    first = fhir_bundle.export_bundle(vault)
    Bundle.model_validate(first)
    types = {e["resource"]["resourceType"] for e in first["entry"]}
    assert {"AllergyIntolerance", "Basic"} <= types
    other = Vault(tmp_path / "other")
    other.create(PASSPHRASE)
    fhir_bundle.import_bundle(other, first, TODAY)
    assert fhir_bundle.export_bundle(other) == first
    assert records.list_records(other, leo.id, "child_exam")[0].professional == "Dr Marc Bernard"

"""Importing a hostile bundle: no id in the file reaches stored bytes, every document passes the checks of
add-document, every resource is valid FHIR R4; an export leaves out what cannot be read and says so."""

import base64
import json
from datetime import date

import pytest
from fhir.resources.R4B.bundle import Bundle

from domain.errors import ValidationError
from services import documents, records
from services.fhir import bundle as fhir_bundle
from services.pdf import simple_pdf
from services.session import Session
from tests.conftest import stored_bytes

from .conftest import PASSPHRASE, TODAY

PDF = simple_pdf("Compte rendu", ["Bilan orthoptique : vision binoculaire normale."])


def document_reference(subject, data, *, id="imported-doc", url=None, on="2026-03-01"):
    attachment = {"contentType": "application/pdf", "title": "Compte rendu", "creation": on}
    if data is not None:
        attachment["data"] = base64.b64encode(data).decode()
    if url:
        attachment["url"] = url
    return {
        "resourceType": "DocumentReference",
        "id": id,
        "status": "current",
        "type": {"coding": [{"system": "http://loinc.org", "code": "11488-4"}]},
        "subject": {"reference": f"Patient/{subject}"},
        "date": f"{on}T00:00:00Z",
        "description": "Compte rendu",
        "content": [{"attachment": attachment}],
    }


def bundle_of(*resources):
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources]}


def state(session):
    """Every committed row of the vault, as SQL."""
    return list(session.vault.db.conn.iterdump())


def holder_document(session, family):
    return records.list_records(session, family[0].id, "document")[0]


def test_a_document_naming_another_documents_attachment_gets_its_own_and_the_other_stays_readable(
    session, family
):
    victim = holder_document(session, family)
    before = stored_bytes(session, family[0].id, victim.attachment_id)
    hostile = document_reference(family[1].id, PDF, url=f"Binary/{victim.attachment_id}")
    fhir_bundle.import_bundle(session, bundle_of(hostile), TODAY)
    assert stored_bytes(session, family[0].id, victim.attachment_id) == before
    imported = documents.get_document(session, family[1].id, "imported-doc")
    assert imported.attachment_id != victim.attachment_id
    assert documents.read_content(session, family[1].id, imported) == PDF
    assert fhir_bundle.export(session).skipped == ()


def test_an_imported_pdf_is_found_by_a_word_inside_it(session, family):
    fhir_bundle.import_bundle(session, bundle_of(document_reference(family[1].id, PDF)), TODAY)
    assert [d.id for d in documents.search_documents(session, family[1].id, "orthoptique")] == [
        "imported-doc"
    ]


def test_export_import_export_is_identical_though_every_attachment_id_is_new(session, family, tmp_path):
    first = fhir_bundle.export_bundle(session)
    other = Session(tmp_path / "other")
    other.create(PASSPHRASE)
    fhir_bundle.import_bundle(other, json.loads(json.dumps(first)), TODAY)
    assert fhir_bundle.export_bundle(other) == first  # the export holds no local attachment id
    ids = {d.attachment_id for d in records.list_records(session, family[0].id, "document")}
    new_ids = {d.attachment_id for d in records.list_records(other, family[0].id, "document")}
    assert len(new_ids) == len(ids) == 3 and not ids & new_ids


BAD_BYTES = {
    "no bytes, only a Binary url": (None, "2026-03-01"),
    "an executable renamed": (b"MZ\x90\x00" + bytes(2000), "2026-03-01"),
    "a truncated PDF": (PDF[: len(PDF) // 2], "2026-03-01"),
    "a PDF that does not open": (b"%PDF-1.4\n garbage \n%%EOF\n", "2026-03-01"),
    "more than 20 MB": (b"%PDF-1.4\n" + bytes(20 * 1024 * 1024) + b"\n%%EOF\n", "2026-03-01"),
    "a date in the future": (PDF, "2026-12-25"),
}


@pytest.mark.parametrize("case", BAD_BYTES, ids=list(BAD_BYTES))
def test_a_document_that_add_document_would_refuse_is_refused_and_nothing_changes(session, family, case):
    data, on = BAD_BYTES[case]
    victim = holder_document(session, family)
    before = state(session)
    hostile = document_reference(family[1].id, data, on=on, url=f"Binary/{victim.attachment_id}")
    with pytest.raises(ValidationError):
        fhir_bundle.import_bundle(session, bundle_of(hostile), TODAY)
    assert state(session) == before


def test_a_resource_that_is_not_valid_fhir_r4_is_refused(session, family):
    before = state(session)
    weight = {
        "resourceType": "Observation",
        "id": "w1",
        "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7"}]},
        "subject": {"reference": f"Patient/{family[1].id}"},
        "effectiveDateTime": "2026-01-02",
        "valueQuantity": {"value": 9.5, "unit": "kg"},
    }  # no status: required (1..1) by R4
    with pytest.raises(ValidationError) as refused:
        fhir_bundle.import_bundle(session, bundle_of(weight), TODAY)
    assert "status" in refused.value.params["error"]
    assert state(session) == before


def test_a_record_for_a_patient_neither_in_the_file_nor_in_the_vault_is_refused(session, family):
    before = state(session)
    with pytest.raises(ValidationError):
        fhir_bundle.import_bundle(session, bundle_of(document_reference("nobody", PDF)), TODAY)
    assert state(session) == before


def test_a_bundle_nested_too_deeply_is_refused_without_recursion():
    deep: dict = {"url": "urn:x", "valueString": "x"}
    for _ in range(200):
        deep = {"url": "urn:x", "extension": [deep]}
    patient = {"resourceType": "Patient", "id": "p", "extension": [deep]}
    with pytest.raises(ValidationError, match="nested too deeply"):
        fhir_bundle.check_bundle(bundle_of(patient), TODAY)


def flip_a_byte(session, table, row_id, profile_id=""):
    if table == "attachments":  # stored under a keyed tag of the attachment id
        row_id = session.vault.tagger(profile_id).tag("attachment:" + row_id)
    blob = session.vault.db.execute(f"SELECT blob FROM {table} WHERE id = ?", [row_id]).fetchone()[0]
    damaged = blob[:-1] + bytes([blob[-1] ^ 1])
    session.vault.db.execute(f"UPDATE {table} SET blob = ? WHERE id = ?", [damaged, row_id])


def test_export_leaves_out_an_unreadable_record_and_names_it(session, family):
    holder, leo = family[0], family[1]
    measurement = records.list_records(session, leo.id, "measurement")[0]
    document = holder_document(session, family)
    flip_a_byte(session, "records", measurement.id)
    flip_a_byte(session, "attachments", document.attachment_id, holder.id)
    exported = fhir_bundle.export(session)
    assert sorted(exported.skipped) == sorted([f"document {document.id}", f"measurement {measurement.id}"])
    Bundle.model_validate(exported.bundle)
    ids = {e["resource"]["id"] for e in exported.bundle["entry"]}
    assert measurement.id not in ids and document.id not in ids
    assert {holder.id, leo.id} <= ids
    assert len(ids) == len(fhir_bundle.export_bundle(session)["entry"])


def test_export_of_a_profile_whose_identity_is_unreadable_names_it(session, family):
    flip_a_byte(session, "identities", family[1].id)
    assert fhir_bundle.export(session, family[1].id).skipped == (f"profile {family[1].id}",)
    assert f"profile {family[1].id}" in fhir_bundle.export(session).skipped


def test_the_future_is_judged_by_the_day_given(session, family):
    later = document_reference(family[1].id, PDF, on="2026-12-25")
    assert fhir_bundle.import_bundle(session, bundle_of(later), date(2027, 1, 1))["records"] == 1


def test_a_document_whose_base64_is_wrapped_in_lines_is_imported_whole(session, family):
    wrapped = document_reference(family[1].id, None)
    wrapped["content"][0]["attachment"]["data"] = base64.encodebytes(PDF).decode()  # 76 characters a line
    fhir_bundle.import_bundle(session, bundle_of(wrapped), TODAY)
    document = documents.get_document(session, family[1].id, "imported-doc")
    assert documents.read_content(session, family[1].id, document) == PDF

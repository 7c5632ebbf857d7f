"""The International Patient Summary of a profile as a FHIR R4 document Bundle (sharing/summary.py)."""

import dataclasses
import json
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from fhir.resources.R4B.bundle import Bundle

from domain.errors import ValidationError
from domain.medical import Allergy
from services.i18n import translator
from services.sharing.summary import summary_bundle
from services.sharing.texts import Texts
from tests.unit.sharing.conftest import NOW, TODAY

REQUIRED = {"48765-2", "10160-0", "11450-4"}


def section_codes(bundle):
    return [s["code"]["coding"][0]["code"] for s in composition(bundle)["section"]]


def composition(bundle):
    return bundle["entry"][0]["resource"]


def section(bundle, code):
    return next(s for s in composition(bundle)["section"] if s["code"]["coding"][0]["code"] == code)


def resources(bundle, kind):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def references(value):
    if isinstance(value, dict):
        found = [value["reference"]] if isinstance(value.get("reference"), str) else []
        return found + [r for v in value.values() for r in references(v)]
    if isinstance(value, list):
        return [r for v in value for r in references(v)]
    return []


def test_an_empty_profile_gives_a_valid_summary_with_empty_reasons(empty_data):
    bundle = summary_bundle(empty_data, TODAY, NOW)
    Bundle.model_validate(bundle)  # R4B, the release Carnet's server speaks (not the default R5)
    assert bundle["type"] == "document" and bundle["identifier"]["value"].startswith("urn:uuid:")
    first = composition(bundle)
    assert first["resourceType"] == "Composition"
    assert first["type"]["coding"][0] == {"system": "http://loinc.org", "code": "60591-5"}
    assert set(section_codes(bundle)) == REQUIRED | {"11369-6", "47519-4", "30954-2"}
    for s in first["section"]:
        assert s["emptyReason"]["coding"][0]["code"] == "unavailable"
        assert "entry" not in s and s["text"]["div"]


def test_the_composition_names_the_patient_of_the_bundle(empty_data):
    bundle = summary_bundle(empty_data, TODAY, NOW)
    (patient_entry,) = [e for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"]
    assert composition(bundle)["subject"]["reference"] == patient_entry["fullUrl"]
    assert patient_entry["resource"]["name"][0]["family"] == "Petit"


def test_every_section_that_carnet_knows_has_its_loinc_code(full_data):
    bundle = summary_bundle(full_data, TODAY, NOW)
    Bundle.model_validate(bundle)
    assert section_codes(bundle) == [
        "48765-2",
        "10160-0",
        "11450-4",
        "11369-6",
        "47519-4",
        "30954-2",
        "8716-3",
        "10162-6",
        "18776-5",
    ]
    assert not any("emptyReason" in s for s in composition(bundle)["section"])


def test_every_entry_and_reference_is_a_resource_of_the_bundle(full_data):
    bundle = summary_bundle(full_data, TODAY, NOW)
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls) and all(u.startswith("urn:uuid:") for u in urls)
    assert set(references(bundle)) <= set(urls)  # nothing points outside (no "Patient/..." left)
    entries = {r for s in composition(bundle)["section"] for r in references(s)}
    assert entries == {e["fullUrl"] for e in bundle["entry"][3:]}  # all but Composition, Patient, Device


def test_the_summary_keeps_what_is_current(full_data):
    bundle = summary_bundle(full_data, TODAY, NOW)
    medicines = [r["medicationCodeableConcept"]["text"] for r in resources(bundle, "MedicationStatement")]
    assert medicines == ["Lévothyroxine"]  # the antibiotic ended in January
    weights = [r for r in resources(bundle, "Observation") if r["code"]["coding"][0]["code"] == "29463-7"]
    assert [w["valueQuantity"]["value"] for w in weights] == [62.5]
    assert [r["resourceType"] for r in _entries(bundle, "18776-5")] == [
        "CarePlan",
        "ImmunizationRecommendation",
    ]


def _entries(bundle, code):
    by_url = {e["fullUrl"]: e["resource"] for e in bundle["entry"]}
    return [by_url[ref["reference"]] for ref in section(bundle, code)["entry"]]


def test_blood_group_pregnancy_and_contacts_use_their_standard_codes(full_data):
    bundle = summary_bundle(full_data, TODAY, NOW)
    (group,) = [r for r in _entries(bundle, "30954-2") if r["code"]["coding"][0]["code"] == "882-1"]
    assert group["valueCodeableConcept"]["coding"][0]["code"] == "278148006"  # O Rh(D) negative
    status = _entries(bundle, "10162-6")[0]
    assert status["code"]["coding"][0]["code"] == "82810-3"
    assert status["valueCodeableConcept"]["coding"][0]["code"] == "LA15173-0"
    (contact,) = resources(bundle, "Patient")[0]["contact"]
    assert contact["relationship"][0]["coding"][0]["code"] == "C"
    assert contact["telecom"][0]["value"] == "06 12 34 56 78"


def test_the_narratives_are_well_formed_xhtml_that_escape_what_was_typed(full_data):
    data = dataclasses.replace(full_data, allergies=(Allergy("<script>alert(1)</script> & co", TODAY),))
    bundle = summary_bundle(data, TODAY, NOW)
    for s in composition(bundle)["section"]:
        ET.fromstring(s["text"]["div"])
    assert "&lt;script&gt;" in section(bundle, "48765-2")["text"]["div"]


def test_the_same_data_at_the_same_time_gives_the_same_bundle(full_data):
    assert json.dumps(summary_bundle(full_data, TODAY, NOW)) == json.dumps(
        summary_bundle(full_data, TODAY, NOW)
    )


def test_the_summary_speaks_the_users_language(empty_data):
    texts = Texts(translate=translator("fr"), lang="fr")
    bundle = summary_bundle(empty_data, TODAY, NOW, texts)
    assert bundle["language"] == "fr"
    assert section(bundle, "48765-2")["title"] == "Allergies et intolérances"


def test_a_summary_needs_a_time_zone(empty_data):
    with pytest.raises(ValidationError):
        summary_bundle(empty_data, TODAY, datetime(2026, 11, 30, 9, 30))

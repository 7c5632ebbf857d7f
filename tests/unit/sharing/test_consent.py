"""Blocks and caregiver grants as FHIR Consent and RelatedPerson, and back (services/sharing/consent.py)."""

import copy
from datetime import date

import pytest
from fhir.resources.R4B.consent import Consent
from fhir.resources.R4B.relatedperson import RelatedPerson

from domain.errors import ValidationError
from domain.sharing import FINESS, RPPS, Block, CaregiverGrant
from services.sharing.consent import block_consent, block_from, caregiver_resources, grant_from

BLOCKS = [
    Block("p1", "professional", "Dr Léa Martin", date(2026, 1, 2), RPPS, "10000001916"),
    Block(
        "p1",
        "establishment",
        "Clinique du Parc",
        date(2025, 5, 1),
        FINESS,
        "750000001",
        lifted=date(2026, 2, 1),
    ),
    Block("p1", "professional", "Dr Sans Numéro", date(2026, 3, 3)),
]
GRANTS = [
    CaregiverGrant(
        "p1",
        "Paul Martin",
        "CHILD",
        "person",
        date(2026, 1, 10),
        date(2026, 12, 31),
        sections=("documents", "agenda"),
    ),
    CaregiverGrant(
        "p1",
        "Anne Roux",
        "NBOR",
        "representative",
        date(2025, 6, 1),
        date(2027, 6, 1),
        everything=True,
        representative="Maître Dupont",
        revoked_on=date(2026, 4, 1),
    ),
]


@pytest.mark.parametrize("block", BLOCKS, ids=["rpps", "finess-lifted", "name-only"])
def test_a_block_round_trips_through_a_valid_deny_consent(block):
    resource = block_consent(block)
    Consent.model_validate(resource)  # R4B
    assert resource["provision"]["type"] == "deny"
    (actor,) = resource["provision"]["actor"]
    assert actor["reference"]["display"] == block.name
    assert resource["status"] == ("active" if block.lifted is None else "inactive")
    assert block_from(resource, "p1") == block


def test_a_blocked_professional_is_named_by_identifier_and_type():
    reference = block_consent(BLOCKS[0])["provision"]["actor"][0]["reference"]
    assert reference["type"] == "Practitioner"
    assert reference["identifier"] == {"system": "http://rpps.fr", "value": "10000001916"}


@pytest.mark.parametrize("grant", GRANTS, ids=["sections", "everything-revoked"])
def test_a_grant_round_trips_through_a_related_person_and_a_permit_consent(grant):
    related, consent = caregiver_resources(grant)
    RelatedPerson.model_validate(related)
    Consent.model_validate(consent)
    assert consent["provision"]["type"] == "permit"
    assert consent["provision"]["actor"][0]["reference"]["reference"] == f"RelatedPerson/{related['id']}"
    assert consent["provision"]["period"]["end"] == grant.expires_on.isoformat()
    assert grant_from(related, consent, "p1") == grant


def test_the_sections_of_a_grant_are_codes_and_resource_classes():
    _related, consent = caregiver_resources(GRANTS[0])
    codes = [c["coding"][0]["code"] for c in consent["provision"]["code"]]
    classes = {c["code"] for c in consent["provision"]["class"]}
    assert codes == ["documents", "agenda"]
    assert {"DocumentReference", "Appointment"} <= classes
    _related, everything = caregiver_resources(GRANTS[1])
    assert "code" not in everything["provision"] and "class" not in everything["provision"]


def test_a_consent_about_another_patient_is_refused():
    with pytest.raises(ValidationError, match="another person"):
        block_from(block_consent(BLOCKS[0]), "p2")
    related, consent = caregiver_resources(GRANTS[0])
    with pytest.raises(ValidationError, match="another person"):
        grant_from(related, consent, "p2")
    stranger = related | {"patient": {"reference": "Patient/p2"}}
    with pytest.raises(ValidationError, match="another person"):
        grant_from(stranger, consent, "p1")


def test_a_consent_naming_another_caregiver_is_refused():
    related, consent = caregiver_resources(GRANTS[0])
    with pytest.raises(ValidationError, match="another caregiver"):
        grant_from(related | {"id": "someone-else"}, consent, "p1")


def _set(resource, path, value):
    changed = copy.deepcopy(resource)
    node = changed
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return changed


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("provision", "type"), "permit"),  # a block denies
        (("provision", "type"), 5),  # wrong type: R4B refuses it
        (("status",), "draft"),
        (("status",), "inactive"),  # inactive but never lifted
        (("scope", "coding", 0, "code"), "research"),
        (("policyRule", "coding", 0, "code"), "OPTIN"),
        (("provision", "actor", 0, "reference", "type"), "Patient"),
        (("provision", "actor", 0, "reference", "identifier", "value"), "123"),  # not an RPPS number
        (("provision", "period", "start"), "2026-01-02T10:00:00Z"),
        (("provision", "actor"), []),
        (("patient",), "Patient/p1"),
        (("resourceType",), "Basic"),
    ],
)
def test_a_hostile_block_consent_is_refused_with_a_validation_error(path, value):
    with pytest.raises(ValidationError):
        block_from(_set(block_consent(BLOCKS[0]), path, value), "p1")


@pytest.mark.parametrize(
    ("target", "path", "value"),
    [
        ("consent", ("provision", "type"), "deny"),
        ("consent", ("provision", "code", 0, "coding", 0, "code"), "secrets"),
        ("consent", ("provision", "code", 0, "coding", 0, "system"), "urn:other"),
        ("consent", ("provision", "period", "end"), "2026-01-01"),  # ends before the consent
        ("consent", ("provision", "period", "start"), "2026-01-11"),
        ("consent", ("status",), "inactive"),  # withdrawn without a date
        ("consent", ("performer",), [{"reference": "Patient/p2"}]),
        ("consent", ("dateTime",), 20260110),
        ("related", ("relationship", 0, "coding", 0, "code"), "BOSS"),
        ("related", ("name",), []),
        ("related", ("active",), False),
        ("related", ("resourceType",), "Patient"),
    ],
)
def test_a_hostile_grant_is_refused_with_a_validation_error(target, path, value):
    related, consent = caregiver_resources(GRANTS[0])
    if target == "consent":
        consent = _set(consent, path, value)
    else:
        related = _set(related, path, value)
    with pytest.raises(ValidationError):
        grant_from(related, consent, "p1")


@pytest.mark.parametrize("hostile", [None, [], "Consent", {"resourceType": "Consent"}, {"resourceType": 3}])
def test_what_is_not_a_consent_at_all_is_refused(hostile):
    with pytest.raises(ValidationError):
        block_from(hostile, "p1")

"""Correspondents from the authors of received documents and from the server's professionals."""

import pytest

from services.messaging.mapping import (
    EMAIL_TYPE_EXT,
    MESSAGING_TYPES,
    Refused,
    correspondent_from,
    correspondents_from_document,
)


def mssante(address):
    return {
        "system": "email",
        "value": address,
        "extension": [{"url": EMAIL_TYPE_EXT, "valueCoding": {"system": MESSAGING_TYPES, "code": "MSSANTE"}}],
    }


def test_authors_named_by_a_reference_become_correspondents_and_names_alone_do_not():
    document = {
        "resourceType": "DocumentReference",
        "author": [
            {"reference": "Practitioner/dr-martin", "display": "Dr Élise Martin"},
            {"display": "Laboratoire Bio+"},  # as Carnet writes an author typed by hand: no one to write to
            {"reference": "Organization/labo-1"},
            {"reference": "Patient/leo"},
            {"reference": "#contained-author"},
        ],
    }
    found = correspondents_from_document(document)
    assert [(c.name, c.reference, c.origin) for c in found] == [
        ("Dr Élise Martin", "Practitioner/dr-martin", "document"),
        ("Organization/labo-1", "Organization/labo-1", "document"),
    ]
    assert correspondents_from_document({"resourceType": "DocumentReference"}) == []
    assert correspondents_from_document({"author": "not a list"}) == []


def test_a_practitioner_gives_name_qualification_and_mssante_mailbox():
    practitioner = {
        "resourceType": "Practitioner",
        "id": "dr-martin",
        "name": [{"prefix": ["Dr"], "given": ["Élise"], "family": "Martin"}],
        "qualification": [{"code": {"text": "Médecin généraliste"}}],
        "telecom": [
            {"system": "email", "value": "elise.martin@gmail.com"},
            mssante("elise.martin@medecin.mssante.fr"),
        ],
    }
    found = correspondent_from(practitioner)
    assert (found.name, found.reference, found.origin) == (
        "Dr Élise Martin",
        "Practitioner/dr-martin",
        "server",
    )
    assert (found.role, found.address) == ("Médecin généraliste", "elise.martin@medecin.mssante.fr")


def test_an_untyped_email_counts_as_mssante_only_in_the_mssante_domain():
    organization = {
        "resourceType": "Organization",
        "id": "ch-xyz",
        "name": "Centre hospitalier XYZ",
        "type": [{"coding": [{"code": "prov", "display": "Healthcare Provider"}]}],
        "telecom": [{"system": "email", "value": "accueil@ch-xyz.fr"}],
    }
    found = correspondent_from(organization)
    assert (found.name, found.role, found.address) == ("Centre hospitalier XYZ", "Healthcare Provider", "")
    organization["telecom"].append({"system": "email", "value": "cardiologie@ch-xyz.mssante.fr"})
    assert correspondent_from(organization).address == "cardiologie@ch-xyz.mssante.fr"


def test_a_malformed_mailbox_is_left_out_and_the_professional_kept():
    practitioner = {"resourceType": "Practitioner", "id": "p1", "telecom": [mssante("not an address")]}
    found = correspondent_from(practitioner)
    assert (found.name, found.address) == ("Practitioner/p1", "")


def test_a_practitioner_role_is_named_by_its_practitioner_and_organization():
    role = {
        "resourceType": "PractitionerRole",
        "id": "r-1",
        "practitioner": {"reference": "Practitioner/dr-martin", "display": "Dr Martin"},
        "organization": {"reference": "Organization/ch-xyz", "display": "CH XYZ"},
        "code": [{"text": "Cardiologue"}],
    }
    found = correspondent_from(role)
    assert (found.name, found.role, found.reference) == (
        "Dr Martin, CH XYZ",
        "Cardiologue",
        "PractitionerRole/r-1",
    )


def test_anything_but_a_valid_professional_or_establishment_is_refused():
    with pytest.raises(Refused, match="does not describe a professional"):
        correspondent_from({"resourceType": "Patient", "id": "leo"})
    with pytest.raises(Refused, match="not valid FHIR"):
        correspondent_from({"resourceType": "Organization", "id": "x", "name": 12})
    with pytest.raises(Refused, match="not valid FHIR"):
        correspondent_from({"resourceType": "Organization", "name": "Sans identifiant"})
    with pytest.raises(Refused, match="too large"):
        correspondent_from({"resourceType": "Organization", "id": "x", "name": "x" * 500_000})

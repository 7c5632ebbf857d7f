"""What a share, a block and a caregiver grant accept and refuse (domain/sharing.py)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.errors import ValidationError
from domain.models import Document
from domain.sharing import (
    ACCESS_KINDS,
    CAREGIVER_SECTIONS,
    FINESS,
    RPPS,
    Block,
    CaregiverGrant,
    Share,
    blocked_author,
    shareable,
)
from storage import codec

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
TODAY = NOW.date()
REPORT = Document("Compte rendu", "11488-4", date(2026, 10, 1), author="Dr Léa Martin")
HIDDEN = Document("Bilan psy", "11488-4", date(2026, 9, 1), masked=True)


def share(**changes) -> Share:
    fields = {
        "profile_id": "p1",
        "label": "Pour le Dr Durand",
        "created": NOW,
        "expires": NOW + timedelta(days=7),
        "document_ids": (REPORT.id,),
    }
    return Share(**(fields | changes))


# -- Share ----------------------------------------------------------------------------------------------
def test_a_share_of_a_visible_document_is_accepted_and_active_until_its_expiry():
    s = share().check(NOW, [REPORT, HIDDEN])
    assert s.state(NOW) == "active"
    assert s.state(NOW + timedelta(days=7) - timedelta(seconds=1)) == "active"
    assert s.state(NOW + timedelta(days=7)) == "expired"


def test_a_masked_document_is_never_shared_and_never_proposed():
    with pytest.raises(ValidationError, match="masked"):
        share(document_ids=(REPORT.id, HIDDEN.id)).check(NOW, [REPORT, HIDDEN])
    assert shareable([REPORT, HIDDEN]) == [REPORT]


def test_a_document_of_another_profile_cannot_be_shared():
    with pytest.raises(ValidationError, match="not in this profile"):
        share().check(NOW, [HIDDEN])


def test_a_revoked_share_says_so_from_its_revocation_on():
    s = share(revoked=NOW + timedelta(hours=1))
    assert s.state(NOW) == "active"
    assert s.state(NOW + timedelta(hours=1)) == "revoked"


@pytest.mark.parametrize(
    "changes",
    [
        {"document_ids": ()},  # nothing shared
        {"document_ids": (REPORT.id, REPORT.id)},
        {"label": "x" * 81},  # a SMART Health Link label holds 80 characters
        {"label": "  "},
        {"expires": NOW},
        {"expires": NOW + timedelta(seconds=59)},
        {"expires": NOW + timedelta(days=366)},
        {"created": datetime(2026, 11, 30, 9, 0)},  # no time zone
        {"revoked": NOW - timedelta(days=1)},
        {"summary": "yes"},
        {"document_ids": "abc"},
    ],
)
def test_a_share_refuses_what_makes_no_sense(changes):
    with pytest.raises(ValidationError):
        share(**changes)


def test_a_share_of_the_summary_alone_needs_no_document():
    assert share(document_ids=(), summary=True).summary is True


def test_a_share_dated_in_the_future_is_refused():
    with pytest.raises(ValidationError, match="future"):
        share(created=NOW + timedelta(hours=1), expires=NOW + timedelta(days=1)).check(NOW, [REPORT])


# -- Block ----------------------------------------------------------------------------------------------
def test_a_block_by_name_and_rpps_marks_the_documents_that_professional_wrote():
    block = Block("p1", "professional", "Dr. LÉA Martin", date(2026, 1, 1), RPPS, "10000001916").check(TODAY)
    assert blocked_author(REPORT.author, [block], TODAY) == block
    assert blocked_author("Dr Paul Martin", [block], TODAY) is None
    lifted = Block("p1", "professional", "Dr Léa Martin", date(2026, 1, 1), lifted=date(2026, 6, 1))
    assert blocked_author(REPORT.author, [lifted], TODAY) is None


@pytest.mark.parametrize(
    ("kind", "system", "value"),
    [
        ("professional", RPPS, "123"),  # an RPPS number has 11 digits
        ("professional", FINESS, "750000001"),  # a FINESS number names an establishment
        ("establishment", FINESS, "7500000"),
        ("professional", RPPS, ""),
        ("professional", "", "10000001916"),
        ("doctor", RPPS, "10000001916"),
    ],
)
def test_a_block_refuses_a_wrong_identifier(kind, system, value):
    with pytest.raises(ValidationError):
        Block("p1", kind, "Clinique du Parc", date(2026, 1, 1), system, value)


def test_a_corsican_finess_number_is_accepted():
    assert Block("p1", "establishment", "Hôpital d'Ajaccio", date(2026, 1, 1), FINESS, "2A0000012").active(
        TODAY
    )


def test_a_block_cannot_start_in_the_future_nor_be_lifted_before_it_starts():
    with pytest.raises(ValidationError, match="future"):
        Block("p1", "professional", "Dr X", date(2026, 12, 25)).check(TODAY)
    with pytest.raises(ValidationError):
        Block("p1", "professional", "Dr X", date(2026, 1, 2), lifted=date(2026, 1, 1))


# -- Caregiver grant ----------------------------------------------------------------------------------
def grant(**changes) -> CaregiverGrant:
    fields = {
        "profile_id": "mum",
        "caregiver": "Paul Martin",
        "relationship": "CHILD",
        "consented_by": "person",
        "consented_on": date(2026, 1, 10),
        "expires_on": date(2026, 12, 31),
        "sections": ("medical_profile", "documents"),
    }
    return CaregiverGrant(**(fields | changes))


def test_a_grant_opens_its_sections_only_while_active():
    g = grant().check(TODAY)
    assert g.sections == ("documents", "medical_profile")  # kept in the fixed order of the list
    assert g.opens("allergy", TODAY) and g.opens("document", TODAY)
    assert not g.opens("pregnancy", TODAY)
    assert g.opens("document", date(2026, 12, 31))  # the expiry day is included
    assert not g.opens("document", date(2027, 1, 1))
    withdrawn = grant(revoked_on=date(2026, 11, 1))
    assert not withdrawn.active(TODAY) and not withdrawn.opens("document", TODAY)


def test_a_grant_of_everything_opens_every_kind_of_record():
    g = grant(everything=True, sections=())
    assert all(g.opens(kind, TODAY) for kind in codec.KINDS if kind not in ("profile", *ACCESS_KINDS))


def test_every_kind_of_record_belongs_to_exactly_one_section():
    kinds = [kind for section in CAREGIVER_SECTIONS.values() for kind in section]
    assert sorted(kinds) == sorted(kind for kind in codec.KINDS if kind not in ("profile", *ACCESS_KINDS))


@pytest.mark.parametrize(
    "changes",
    [
        {"everything": True},  # both everything and sections
        {"sections": ()},  # neither
        {"sections": ("documents", "documents")},
        {"sections": ("secrets",)},
        {"relationship": "BOSS"},
        {"consented_by": "caregiver"},
        {"consented_by": "representative"},  # without the representative's name
        {"representative": "Maître Dupont"},  # the person consented themselves
        {"expires_on": date(2026, 1, 10)},
        {"revoked_on": date(2026, 1, 9)},
        {"caregiver": "\x00"},
    ],
)
def test_a_grant_refuses_what_is_not_a_recorded_consent(changes):
    with pytest.raises(ValidationError):
        grant(**changes)


def test_a_grant_given_by_a_representative_names_them():
    g = grant(consented_by="representative", representative="  Maître   Dupont ")
    assert g.representative == "Maître Dupont"


def test_a_consent_dated_in_the_future_is_refused():
    with pytest.raises(ValidationError, match="future"):
        grant(consented_on=date(2026, 12, 1), expires_on=date(2027, 1, 1)).check(TODAY)

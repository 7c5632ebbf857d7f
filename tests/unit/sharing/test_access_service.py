"""Blocks and caregiver grants from the vault: written through the doors, each step one exchange in the
history (every kind once, the chain intact), carried by the Bundle export and import as Consent (+
RelatedPerson), and documents of a blocked author marked."""

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.errors import ValidationError
from domain.exchanges import EXCHANGE_KINDS
from domain.sharing import CaregiverGrant
from services import access_log, demo, records
from services.fhir import bundle as fhir_bundle
from services.sharing import access, data, exchange_log, shares
from services.sync import round as sync
from tests.unit.services.fake_fhir import FakeFhir

TODAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.fixture
def camille(session):
    return demo.create_demo_family(session, TODAY)[0]


def grant_for(profile_id, **changes):
    fields = dict(caregiver="Paul Durand", relationship="CHILD", consented_by="person", consented_on=TODAY)
    fields |= dict(expires_on=date(2027, 11, 30), sections=("documents", "agenda")) | changes
    return CaregiverGrant(profile_id, **fields)


def test_every_kind_of_exchange_appears_once_and_the_chain_verifies(session, camille):
    fake = FakeFhir()
    sync.configure(session, "https://fhir.example.org/fhir", "token")
    made = shares.create_share(
        session, camille.id, "Dr Martin", (), True, 7, NOW, TODAY, transport=fake.transport()
    )
    shares.revoke_share(session, made.share, NOW, transport=fake.transport())
    block = access.add_block(
        session,
        camille.id,
        "establishment",
        "Clinique du Parc",
        TODAY,
        NOW,
        "http://finess.sante.gouv.fr",
        "690000001",
    )
    access.lift_block(session, block, TODAY, NOW)
    grant = access.add_grant(session, grant_for(camille.id), TODAY, NOW)  # the consent and the grant
    access.withdraw_grant(session, grant, TODAY, NOW)
    data.export_summary(session, camille.id, "pdf", TODAY, NOW)
    assert sync.sync_now(session, transport=fake.transport(), today=TODAY).error is None
    kinds = [e.kind for e in exchange_log.exchanges(session, camille.id)]
    assert sorted(kinds) == sorted(EXCHANGE_KINDS)  # each kind, once
    assert access_log.verify(session).ok


def test_a_second_active_block_of_the_same_name_and_a_second_withdrawal_are_refused(session, camille):
    access.add_block(session, camille.id, "professional", "Dr Durand", TODAY, NOW)
    with pytest.raises(ValidationError, match="already blocked"):
        access.add_block(session, camille.id, "professional", "DR DURAND", TODAY, NOW)
    grant = access.add_grant(session, grant_for(camille.id), TODAY, NOW)
    withdrawn = access.withdraw_grant(session, grant, TODAY, NOW)
    with pytest.raises(ValidationError):
        access.withdraw_grant(session, withdrawn, TODAY, NOW)
    with pytest.raises(ValidationError):  # the day of consent in the future
        access.add_grant(session, grant_for(camille.id, consented_on=TODAY + timedelta(days=1)), TODAY, NOW)
    assert len(access.list_grants(session, camille.id)) == 1


def test_documents_of_a_blocked_author_are_marked_until_the_block_is_lifted(session, camille):
    docs = records.list_records(session, camille.id, "document")
    author = docs[0].author
    block = access.add_block(session, camille.id, "professional", author.upper(), TODAY, NOW)
    marked = access.blocked_documents(access.list_blocks(session, camille.id), docs, TODAY)
    assert set(marked) == {d.id for d in docs if d.author == author}
    access.lift_block(session, block, TODAY, NOW)
    assert access.blocked_documents(access.list_blocks(session, camille.id), docs, TODAY) == {}


def test_blocks_and_grants_travel_in_the_bundle_as_consent_and_related_person(session, camille, tmp_path):
    block = access.add_block(
        session, camille.id, "professional", "Dr Durand", TODAY, NOW, "http://rpps.fr", "10001234567"
    )
    grant = access.add_grant(session, grant_for(camille.id, everything=True, sections=()), TODAY, NOW)
    bundle = fhir_bundle.export_bundle(session, camille.id)
    types = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert types.count("Consent") == 2 and types.count("RelatedPerson") == 1
    from services.session import Session
    from storage.keys import MemoryKeyHolder

    other = Session(tmp_path / "other", MemoryKeyHolder())
    other.create("une autre phrase de passe")
    fhir_bundle.import_bundle(other, bundle, TODAY)
    assert access.list_blocks(other, camille.id) == [block]
    assert access.list_grants(other, camille.id) == [grant]

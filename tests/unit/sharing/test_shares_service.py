"""Partager from the vault: a share made, its link opened independently, uploaded or saved, revoked; the
summary read from the vault; masked documents never offered; every step in the Historique des échanges."""

import base64
import json
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.errors import ValidationError
from services import access_log, demo, records
from services.documents import set_masked
from services.sharing import data, exchange_log, shares, shlink
from services.sync import round as sync
from tests.unit.services.fake_fhir import FakeFhir
from tests.unit.sharing.test_shlink import open_jwe, unb64

TODAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.fixture
def camille(session):
    return demo.create_demo_family(session, TODAY)[0]


def test_masked_documents_are_never_offered_and_a_share_naming_one_is_refused(session, camille):
    docs = records.list_records(session, camille.id, "document")
    masked = set_masked(session, camille.id, docs[0], True)
    offered = shares.offered_documents(session, camille.id)
    assert masked.id not in {d.id for d in offered} and len(offered) == len(docs) - 1
    with pytest.raises(ValidationError):
        shares.create_share(session, camille.id, "Dr", (masked.id,), False, 7, NOW, TODAY)
    assert shares.list_shares(session, camille.id) == []
    assert exchange_log.exchanges(session, camille.id) == []


def test_a_share_saved_as_a_file_opens_with_its_link_alone(session, camille):
    doc = shares.offered_documents(session, camille.id)[0]
    made = shares.create_share(session, camille.id, "Pour le Dr Martin", (doc.id,), True, 7, NOW, TODAY)
    payload = json.loads(unb64(made.link.removeprefix("shlink:/")))  # decoded by hand, not by Carnet
    assert payload["url"].startswith(shares.OFFLINE_BASE) and payload["label"] == "Pour le Dr Martin"
    assert payload["exp"] == int((NOW + timedelta(days=7)).timestamp())
    key = unb64(payload["key"])
    files = [open_jwe(f["embedded"], key)[1] for f in json.loads(made.manifest)["files"]]
    bundle, reference = (json.loads(f) for f in files)
    assert (
        bundle["type"] == "document"
        and bundle["entry"][0]["resource"]["type"]["coding"][0]["code"] == "60591-5"
    )
    assert reference["resourceType"] == "DocumentReference" and reference["description"] == doc.title
    assert made.qr_png.startswith(b"\x89PNG") and made.share.uploaded == ""
    assert payload["key"] not in repr(records.list_records(session, camille.id, "share"))  # the link only
    late = NOW + timedelta(days=7)
    with pytest.raises(ValidationError, match="expired"):
        shlink.resolve(made.link, late, lambda url: json.loads(made.manifest))


def test_with_a_server_the_files_are_uploaded_and_revoking_deletes_them_in_one_call(session, camille):
    fake = FakeFhir()
    sync.configure(session, "https://fhir.example.org/fhir", "token")
    made = shares.create_share(
        session, camille.id, "Urgences", (), True, 1, NOW, TODAY, transport=fake.transport()
    )
    assert made.share.uploaded.startswith("https://fhir.example.org/fhir/Binary/")
    stored = fake.current[("Binary", made.share.uploaded.rsplit("/", 1)[1])]
    assert b"Camille" not in base64.b64decode(stored["data"])  # the server holds ciphertext only
    opened = shlink.resolve(made.link, NOW, lambda url: shares.fetch_manifest(session, url, fake.transport()))
    assert json.loads(opened[0][1])["resourceType"] == "Bundle"

    revoked = shares.revoke_share(session, made.share, NOW + timedelta(hours=1), transport=fake.transport())
    assert revoked.state(NOW + timedelta(hours=1)) == "revoked"
    assert stored["id"] and fake.current[("Binary", stored["id"])] is None  # gone from the server
    assert shares.list_shares(session, camille.id)[0].revoked is not None
    with pytest.raises(ValidationError):
        shares.revoke_share(session, revoked, NOW + timedelta(hours=2), transport=fake.transport())
    kinds = [e.kind for e in exchange_log.exchanges(session, camille.id)]
    assert kinds == ["revoke", "share"] and access_log.verify(session).ok


def test_the_summary_read_from_the_vault_names_the_contacts_and_its_exports_are_logged(session, camille):
    data.add_contact(session, camille.id, TODAY, "Marc Durand", "06 12 34 56 78", "conjoint")
    summary = data.summary_data(session, camille.id, TODAY)
    assert [c.name for c in summary.contacts] == ["Marc Durand"] and summary.plan
    bundle = json.loads(data.export_summary(session, camille.id, "fhir", TODAY, NOW))
    patient = bundle["entry"][1]["resource"]
    assert patient["contact"][0]["name"]["text"] == "Marc Durand"
    assert data.export_summary(session, camille.id, "pdf", TODAY, NOW).startswith(b"%PDF")
    exports = exchange_log.exchanges(session, camille.id, kinds=["export"])
    assert len(exports) == 2
    with pytest.raises(ValidationError):
        data.export_summary(session, camille.id, "docx", TODAY, NOW)

"""Partager through a real FHIR R4 server (sekmet-fhir): blocks and caregiver grants travel as Consent and
RelatedPerson and come back equal on a second device; a withdrawal or a revocation made on one device
removes the access on the other after a sync; a share's encrypted files put on the server open with the
link alone, and are gone from the server once revoked."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime, timedelta

import httpx

from domain.sharing import CaregiverGrant
from services import demo, records
from services.sharing import access, exchange_log, shares
from services.sync import round as sync
from tests.unit.sharing.test_shlink import open_jwe, unb64

from .conftest import TOKEN
from .test_sync import device

TODAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def test_consent_and_related_person_round_trip_and_a_withdrawal_reaches_the_other_device(
    fhir_server, tmp_path
):
    phone, laptop = device(tmp_path / "phone"), device(tmp_path / "laptop")
    helped = demo.create_demo_family(phone, TODAY)[0]
    block = access.add_block(
        phone, helped.id, "professional", "Dr Durand", TODAY, NOW, "http://rpps.fr", "10001234567"
    )
    grant = access.add_grant(
        phone,
        CaregiverGrant(
            helped.id,
            "Paul Durand",
            "CHILD",
            "person",
            TODAY,
            date(2027, 11, 30),
            sections=("documents", "agenda"),
        ),
        TODAY,
        NOW,
    )
    assert sync.sync_now(phone, fhir_server.url, TOKEN).error is None
    consent = fhir_server.get(f"Consent/{grant.id}")
    related = fhir_server.get(f"RelatedPerson/{grant.id}-caregiver")
    assert consent["provision"]["actor"][0]["reference"]["reference"] == f"RelatedPerson/{related['id']}"
    assert related["name"][0]["text"] == "Paul Durand"
    assert fhir_server.get(f"Consent/{block.id}")["provision"]["type"] == "deny"

    assert sync.sync_now(laptop, fhir_server.url, TOKEN).error is None
    assert access.list_grants(laptop, helped.id) == [grant]  # equal, field for field
    assert access.list_blocks(laptop, helped.id) == [block]
    assert access.list_grants(laptop, helped.id)[0].opens("document", TODAY)

    access.withdraw_grant(phone, grant, TODAY, NOW + timedelta(hours=1))
    assert sync.sync_now(phone).error is None
    assert sync.sync_now(laptop).error is None
    seen = access.list_grants(laptop, helped.id)[0]
    assert seen.revoked_on == TODAY and not seen.opens("document", TODAY)
    assert fhir_server.get(f"Consent/{grant.id}")["status"] == "inactive"
    assert fhir_server.get(f"RelatedPerson/{grant.id}-caregiver")["active"] is False
    kinds = [e.kind for e in exchange_log.exchanges(phone, helped.id)]
    assert kinds.count("caregiver_withdrawal") == 1 and kinds.count("block") == 1 and "sync" in kinds


def test_a_share_put_on_the_server_opens_with_its_link_and_revoking_removes_it_for_every_device(
    fhir_server, tmp_path
):
    phone, laptop = device(tmp_path / "phone"), device(tmp_path / "laptop")
    camille = demo.create_demo_family(phone, TODAY)[0]
    assert sync.sync_now(phone, fhir_server.url, TOKEN).error is None
    doc = shares.offered_documents(phone, camille.id)[0]
    made = shares.create_share(phone, camille.id, "Dr Martin", (doc.id,), True, 7, NOW, TODAY)
    url = json.loads(unb64(made.link.removeprefix("shlink:/")))["url"]
    assert url.startswith(fhir_server.url + "/Binary/")

    def fetch(address: str) -> dict:  # as the professional's viewer would, without Carnet's code
        answer = httpx.get(
            address, headers={"Authorization": f"Bearer {TOKEN}", "Accept": "application/fhir+json"}
        )
        return json.loads(base64.b64decode(answer.json()["data"]))

    key = unb64(json.loads(unb64(made.link.removeprefix("shlink:/")))["key"])
    files = [json.loads(open_jwe(f["embedded"], key)[1]) for f in fetch(url)["files"]]
    assert [f["resourceType"] for f in files] == ["Bundle", "DocumentReference"]

    assert sync.sync_now(phone).error is None and sync.sync_now(laptop, fhir_server.url, TOKEN).error is None
    on_laptop = shares.list_shares(laptop, camille.id)[0]
    assert on_laptop.state(NOW) == "active"
    shares.revoke_share(laptop, on_laptop, NOW + timedelta(hours=1))  # one tap, on the other device
    gone = httpx.get(url, headers={"Authorization": f"Bearer {TOKEN}"})
    assert gone.status_code in (404, 410)
    assert sync.sync_now(laptop).error is None and sync.sync_now(phone).error is None
    assert shares.list_shares(phone, camille.id)[0].state(NOW + timedelta(hours=1)) == "revoked"
    assert records.list_records(phone, camille.id, "share")[0].revoked is not None

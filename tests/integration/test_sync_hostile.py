"""The sync client against a hostile FHIR server on loopback: each round ends, bounded, and says why.

Each server behaviour also stops by itself (seconds, bytes), so that these tests end even on a client
that does not protect itself; the limits asserted are far below those.
"""

from __future__ import annotations

import json
import time
from datetime import date, timedelta

import pytest

from domain.models import Measurement, Profile
from services import demo, records
from services.fhir import bundle as fhir_bundle
from services.fhir import mapping as fm
from services.session import Session
from services.sync import round as sync
from services.sync.client import Limits
from services.sync.pull import CURSOR, MARK
from storage.keys import MemoryKeyHolder

from .hostile_fhir import Hostile, history_entry

PASSPHRASE = "correct horse battery"
TODAY = date(2026, 11, 30)
MB = 1024 * 1024


@pytest.fixture
def hostile(request):
    servers: list[Hostile] = []

    def start(mode: str, **options) -> Hostile:
        servers.append(Hostile(mode, **options))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def device(path, family: bool = True) -> Session:
    session = Session(path, MemoryKeyHolder())
    session.create(PASSPHRASE)
    if family:
        demo.create_demo_family(session, TODAY)
    return session


def state(session: Session, key: str) -> str:
    with session.uow() as uow:
        return uow.sync_state.get(key)


@pytest.mark.parametrize("mode", ["drip", "drip-headers"])
def test_a_server_that_drips_its_answer_is_given_up_at_the_request_limit(mode, hostile, tmp_path):
    server = hostile(mode)
    phone = device(tmp_path / "phone")
    pending = sync.sync_status(phone).pending
    started = time.monotonic()
    report = sync.sync_now(phone, server.url, "t", limits=Limits(request_seconds=0.5), backoff=0)
    took = time.monotonic() - started
    assert took < server.drip_seconds / 2  # the drip would go on for 20 s
    assert len(server.hits) == 1  # too slow once is too slow: no retry
    assert report.error is not None and "too slow" in report.error.render()
    assert sync.sync_status(phone).pending == pending and report.rejected == 0


def test_a_huge_answer_is_read_no_further_than_the_limit(hostile, tmp_path):
    server = hostile("huge")
    laptop = device(tmp_path / "laptop", family=False)
    limits = Limits(response_bytes=1 * MB, round_bytes=2 * MB)
    report = sync.sync_now(laptop, server.url, "t", limits=limits, backoff=0)
    # The server would send 64 MB; a few MB of socket buffers aside, nothing past the limits is sent.
    assert server.bytes_sent < 32 * MB
    assert report.error is not None and "download limit" in report.error.render()
    assert state(laptop, MARK) == ""  # nothing was stored, so the mark did not move
    history = [h for h in server.hits if "_history" in h]
    assert "_count=1000" in history[0] and "_count=500" in history[1]  # smaller pages tried


def test_an_endless_history_is_read_a_bounded_number_of_pages_a_round_and_continued(hostile, tmp_path):
    server = hostile("endless")
    laptop = device(tmp_path / "laptop", family=False)
    limits = Limits(history_pages=10)
    first = sync.sync_now(laptop, server.url, "t", limits=limits)
    assert first.error is None and first.more and "more to pull" in first.line()
    assert len(server.hits) == 10
    assert state(laptop, MARK) == ""  # not past what was stored: the pass is not over
    assert json.loads(state(laptop, CURSOR))["offset"] == 10 * server.page
    assert sync.sync_status(laptop).more_to_pull

    second = sync.sync_now(laptop, limits=limits)
    assert second.more and len(server.hits) == 20
    assert f"_offset={10 * server.page}" in server.hits[10]  # goes on where the first round stopped


def test_a_redirect_leaves_every_pending_change_pending(hostile, tmp_path):
    server = hostile("redirect")
    phone = device(tmp_path / "phone")
    pending = sync.sync_status(phone).pending
    assert pending > 50
    report = sync.sync_now(phone, server.url, "t", backoff=0)
    assert report.error is not None and "redirection" in report.error.render()
    assert report.rejected == 0 and report.pushed == 0 and len(server.hits) == 1
    status = sync.sync_status(phone)
    assert status.pending == pending and status.not_synced == 0


def test_one_poison_resource_is_quarantined_and_every_round_stores_the_rest(hostile, tmp_path):
    grandma = Profile("Jeanne", "Petit", date(1950, 3, 2), "F", role="helped")
    weight = Measurement(kind="weight", value=58.2, on=date(2026, 11, 2))
    deep = {
        "resourceType": "Basic",
        "id": "deep",
        "code": {"coding": [{"system": "urn:carnet:kind", "code": "agenda_mark"}]},
        "subject": {"reference": f"Patient/{grandma.id}"},
        "extension": [{"url": fm.EXT + "record", "valueString": "[" * 100_000}],
    }
    reserved = fm.patient(Profile("Eve", "Hostile", date(1980, 1, 1), "F", role="helped", id="identity"))
    entries = [
        history_entry(fm.observation(grandma.id, weight), stamp="2026-12-01T10:00:03Z"),
        history_entry(deep, stamp="2026-12-01T10:00:02Z"),
        history_entry(reserved, stamp="2026-12-01T10:00:01Z"),
        history_entry(fm.patient(grandma), stamp="2026-12-01T10:00:00Z"),
    ]
    server = hostile("poison", entries=entries)
    laptop = device(tmp_path / "laptop", family=False)
    for _ in range(2):  # not once: every round
        report = sync.sync_now(laptop, server.url, "t")
        assert report.error is None and report.quarantined == 2
    assert records.list_records(laptop, grandma.id, "measurement") == [weight]
    assert [p.id for p in records.list_profiles(laptop)] == [grandma.id]
    reasons = sorted(q.content["reason"] for q in sync.list_issues(laptop, "quarantine"))
    assert "RecursionError" in reasons[0] and "reserves" in reasons[1]


def test_a_vault_that_cannot_be_written_mid_round_says_what_was_kept(tmp_path):
    from tests.unit.services.fake_fhir import FakeFhir

    phone, laptop = device(tmp_path / "phone"), device(tmp_path / "laptop", family=False)
    server, url = FakeFhir(), "https://fhir.example.org/fhir"
    sync.sync_now(phone, url, "t", transport=server.transport(), backoff=0)
    records.add_profile(
        laptop,
        TODAY,
        first_name="Jeanne",
        last_name="Petit",
        birth_date=date(1950, 3, 2),
        sex="F",
        role="helped",
    )
    handle = server.handle

    def disk_full_once_pushed(request):
        if request.url.path.endswith("/_history"):  # the disk fills up under our feet
            pages = laptop.vault.db.execute("PRAGMA page_count").fetchone()[0]
            laptop.vault.db.execute(f"PRAGMA max_page_count = {pages}")
        return handle(request)

    server.handle = disk_full_once_pushed
    report = sync.sync_now(laptop, url, "t", transport=server.transport(), backoff=0)
    message = report.error.render()
    assert report.pushed == 1 and "1 change(s) sent" in message and "nothing was changed" not in message
    assert server.current[("Patient", records.list_profiles(laptop)[0].id)] is not None


def test_the_round_stops_at_its_time_budget_on_the_injected_clock_and_goes_on_next_time(tmp_path):
    from tests.unit.services.fake_fhir import FakeFhir

    phone = device(tmp_path / "phone")
    holder = records.list_profiles(phone)[0]
    for day in range(1, 251):
        records.add_measurement(
            phone, holder.id, TODAY, kind="heart_rate", value=60, on=TODAY - timedelta(days=day)
        )
    server, now = FakeFhir(), [0.0]
    handle = server.handle

    def slow(request):
        now[0] += 100.0  # each request costs 100 s on the round's clock, none on the wall clock
        return handle(request)

    server.handle = slow
    url = "https://fhir.example.org/fhir"
    options = {"transport": server.transport(), "backoff": 0, "clock": lambda: now[0]}
    pending = sync.sync_status(phone).pending
    first = sync.sync_now(phone, url, "t", limits=Limits(round_seconds=250), **options)
    assert first.error is not None and "time limit (250 s)" in first.error.render()
    assert len(server.requests) == 3 and first.pushed == 300 and first.pending == pending - 300
    second = sync.sync_now(phone, limits=Limits(round_seconds=10_000), **options)
    assert second.error is None and second.pending == 0
    assert fhir_bundle.export_bundle(phone)["entry"]  # nothing lost on the way

"""A pass over the server's history spread over several rounds: nothing missed, the mark never ahead."""

from datetime import date, timedelta

import pytest

from domain.models import Measurement, Profile
from services import records
from services.fhir import mapping as fm
from services.sync import pull as sync_pull
from services.sync import round as sync
from services.sync.client import Limits

from .conftest import TODAY
from .fake_fhir import FakeFhir
from .test_sync import another_device_adds

URL = "https://fhir.example.org/fhir"


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setattr(sync_pull, "PAGE", 5)
    return FakeFhir()


def round_(session, server, pages):
    return sync.sync_now(
        session, URL, "token", transport=server.transport(), backoff=0, limits=Limits(history_pages=pages)
    )


def mark(session):
    return session.vault.db.execute("SELECT value FROM sync_state WHERE key = 'high_water_mark'").fetchone()


def test_records_met_before_their_patient_wait_for_it_and_the_mark_moves_at_the_end(session, server):
    grandma = Profile("Jeanne", "Petit", date(1950, 3, 2), "F", role="helped")
    weights = [Measurement(kind="weight", value=50 + i, on=TODAY - timedelta(days=i)) for i in range(12)]
    another_device_adds(server, grandma, *weights)  # the Patient first: the oldest, so the last page

    first = round_(session, server, pages=1)
    assert first.error is None and first.more and first.pulled == 0
    assert first.quarantined == 0 and mark(session) is None  # waiting, not refused; the mark has not moved
    assert round_(session, server, pages=1).more
    last = round_(session, server, pages=1)
    assert not last.more and last.pulled == 13 and last.quarantined == 0
    assert sorted(records.list_records(session, grandma.id, "measurement"), key=lambda m: m.value) == weights
    assert mark(session) is not None and not sync.sync_status(session).more_to_pull


def test_a_newer_version_written_during_a_pass_is_not_overwritten_by_an_older_one(session, server):
    grandma = Profile("Jeanne", "Petit", date(1950, 3, 2), "F", role="helped")
    weights = [Measurement(kind="weight", value=50 + i, on=TODAY - timedelta(days=i)) for i in range(8)]
    another_device_adds(server, grandma, *weights)
    round_(session, server, pages=1)
    another_device_adds(server, grandma, Measurement(kind="weight", value=99, on=TODAY, id=weights[0].id))
    rounds = 1
    while round_(session, server, pages=1).more and rounds < 10:
        rounds += 1
    assert rounds < 10
    round_(session, server, pages=1)  # the next pass brings what came during this one
    values = {m.id: m.value for m in records.list_records(session, grandma.id, "measurement")}
    assert values[weights[0].id] == 99 and len(values) == 8


def test_a_record_whose_patient_never_comes_is_quarantined_once_the_pass_is_over(session, server):
    stranger = Measurement(kind="weight", value=70, on=TODAY)
    server.put(fm.observation("nobody-here", stranger))
    report = round_(session, server, pages=3)
    assert not report.more and report.quarantined == 1
    [held] = sync.list_issues(session, "quarantine")
    assert "patient" in held.content["reason"]


def test_a_pass_that_names_too_many_resources_starts_again_instead_of_growing_without_end(
    session, server, monkeypatch
):
    import json

    monkeypatch.setattr(sync_pull, "MAX_SEEN", 7)
    grandma = Profile("Jeanne", "Petit", date(1950, 3, 2), "F", role="helped")
    another_device_adds(
        server, grandma, *[Measurement(kind="weight", value=50 + i, on=TODAY) for i in range(12)]
    )
    report = round_(session, server, pages=2)
    assert report.error is not None and "more than 7 resources" in report.error.render()
    with session.uow() as uow:
        cursor = json.loads(uow.sync_state.get("history_cursor"))
    assert cursor["offset"] == 0 and cursor["seen"] == [] and mark(session) is None

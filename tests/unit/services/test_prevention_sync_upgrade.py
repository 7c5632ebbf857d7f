"""A prevention record an earlier version pushed as a Basic resource: once edited, it leaves the server as
a Basic and comes back as its Observation, on every device, without a conflict or a trip to the Corbeille;
deleted, its Basic copy is what leaves the server."""

from datetime import date

import pytest

from domain.habits import AdultHabits
from domain.models import Profile
from domain.prevention_records import HabitsRecord
from services import records
from services.fhir.mapping import patient
from services.session import Session
from services.sync import round as sync
from services.sync import trash as sync_trash

from .conftest import TODAY
from .fake_fhir import FakeFhir
from .test_prevention_fhir import basic_of_earlier_version

PASSPHRASE = "phrase de passe du test"
URL = "https://fhir.example.org/fhir"
HABITS = HabitsRecord.of(AdultHabits(date(2026, 11, 2), tobacco="daily", cigarettes_per_day=12))
PROFILE = Profile(first_name="Bernard", last_name="Petit", birth_date=date(1958, 4, 17), sex="M")


def device(tmp_path, name):
    session = Session(tmp_path / name)
    session.create(PASSPHRASE)
    return session


def round_(session, server):
    return sync.sync_now(session, URL, "t", transport=server.transport(), backoff=0)


def in_trash(session):
    return len(sync_trash.list_trash(session, TODAY))


@pytest.fixture
def server():
    """The server as an earlier version left it: the profile and its habits as a Basic resource."""
    fake = FakeFhir()
    fake.put(patient(PROFILE))
    fake.put(basic_of_earlier_version(PROFILE.id, HABITS))
    return fake


def edit(session):
    edited = HabitsRecord.of(AdultHabits(date(2026, 11, 20), tobacco="former"), HABITS.id)
    with session.uow() as uow:
        records.update(uow, uow.profiles.get(PROFILE.id), edited, TODAY)
        uow.commit()
    return edited


def test_an_edited_record_replaces_its_basic_copy_by_an_observation_on_every_device(server, tmp_path):
    first, second = device(tmp_path, "first"), device(tmp_path, "second")
    assert round_(first, server).quarantined == 0 and round_(second, server).quarantined == 0
    edited = edit(first)
    report = round_(first, server)
    assert (report.rejected, report.conflicts) == (0, 0)
    assert server.current[("Basic", HABITS.id)] is None
    assert server.current[("Observation", HABITS.id)]["code"]["coding"][0]["code"] == "72166-2"
    for other in (second, device(tmp_path, "third")):
        assert round_(other, server).quarantined == 0
        assert records.list_records(other, PROFILE.id, "habits") == [edited]
        assert in_trash(other) == 0
    again = edit(second)  # the next edit goes to the Observation, checked against its version
    assert (round_(second, server).conflicts, round_(first, server).conflicts) == (0, 0)
    assert records.list_records(first, PROFILE.id, "habits") == [again]


def test_a_deleted_record_takes_its_basic_copy_off_the_server(server, tmp_path):
    first = device(tmp_path, "first")
    round_(first, server)
    records.delete_record(first, PROFILE.id, HABITS)
    assert round_(first, server).rejected == 0
    assert server.current[("Basic", HABITS.id)] is None
    assert records.list_records(device_after_round(tmp_path, server), PROFILE.id, "habits") == []


def device_after_round(tmp_path, server):
    fresh = device(tmp_path, "fresh")
    round_(fresh, server)
    return fresh


def test_a_device_still_on_the_earlier_version_that_deletes_the_basic_copy_still_deletes_it(server, tmp_path):
    first = device(tmp_path, "first")
    round_(first, server)
    server.delete(("Basic", HABITS.id))  # an earlier version deletes it on another device
    round_(first, server)
    assert records.list_records(first, PROFILE.id, "habits") == []

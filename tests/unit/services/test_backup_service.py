"""services/backup.py and services/new_device.py: when a backup is due, where the weekly copy goes, the
safety copies, and a new device started from a server, with injected clocks and a fake sync."""

from datetime import datetime, timedelta, timezone

import pytest

from domain.errors import ValidationError
from services import backup, new_device
from services.session import Session
from services.sync import round as sync
from services.sync.round import SyncReport
from storage.keys import MemoryKeyHolder
from storage.settings import Settings

from .conftest import PASSPHRASE, TODAY

PARIS = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)


def test_a_date_stored_with_an_offset_compares_with_a_naive_now_and_the_reverse(session):
    settings = session.settings
    settings.set("last_backup", "2026-10-01T10:00:00+01:00")  # as the command line writes it
    assert backup.status(session, datetime(2026, 11, 30, 10, 0)).overdue
    settings.set("last_backup", "2026-11-29T10:00:00")  # an older naive value: local time
    assert not backup.status(session, NOW).overdue


def test_overdue_after_30_days_or_when_never(session):
    assert backup.status(session, NOW).overdue and backup.status(session, NOW).last is None
    backup.backup_now(session, session.data_dir.parent, NOW)
    assert not backup.status(session, NOW + timedelta(days=30)).overdue
    assert backup.status(session, NOW + timedelta(days=30, seconds=1)).overdue


def test_the_weekly_copy_is_due_after_a_week_and_goes_into_its_folder(session, tmp_path):
    folder = tmp_path / "card"
    folder.mkdir()
    backup.set_weekly_folder(session, folder)
    first = backup.weekly_backup_if_due(session, NOW)
    assert first is not None and first.parent == folder
    assert backup.weekly_backup_if_due(session, NOW + timedelta(days=6)) is None
    assert backup.weekly_backup_if_due(session, NOW + timedelta(days=7)) is not None


def test_a_weekly_folder_that_is_gone_gets_no_file_in_its_place_and_is_tried_again_an_hour_later(
    session, tmp_path
):
    folder = tmp_path / "card"
    folder.mkdir()
    backup.set_weekly_folder(session, folder)
    folder.rmdir()
    with pytest.raises(ValidationError):
        backup.weekly_backup_if_due(session, NOW)
    assert not folder.exists()  # before: a file named like the folder
    assert backup.status(session, NOW).weekly_failed == NOW
    assert not backup.weekly_due(session, NOW + timedelta(minutes=59))
    assert backup.weekly_due(session, NOW + timedelta(hours=1))
    folder.mkdir()
    assert backup.weekly_backup_if_due(session, NOW + timedelta(hours=1)) is not None
    assert backup.status(session, NOW).weekly_failed is None


def test_safety_copies_say_when_and_why_and_can_all_be_erased(session):
    backup.safety_copy(session, "profile", datetime(2026, 12, 3, 10, 0, 1))
    backup.safety_copy(session, "demo", datetime(2026, 12, 3, 11, 0, 0))
    listed = backup.list_safety_copies(session.data_dir)
    assert [(c.made, c.reason) for c in listed] == [
        (datetime(2026, 12, 3, 11, 0, 0), "demo"),
        (datetime(2026, 12, 3, 10, 0, 1), "profile"),
    ]
    assert backup.erase_safety_copies(session.data_dir) == 2
    assert backup.list_safety_copies(session.data_dir) == []


# -- a new device from the server -------------------------------------------------------------------------
def test_a_server_that_always_has_more_keeps_the_new_device_busy_a_bounded_number_of_rounds(
    tmp_path, monkeypatch
):
    rounds = []

    def endless(session, *args, **kwargs):
        rounds.append(1)
        return SyncReport(pulled=1, more=True)

    monkeypatch.setattr(sync, "sync_now", endless)
    seen = []
    started = new_device.start_from_server(
        Session(tmp_path / "data", MemoryKeyHolder()),
        "https://fhir.example.org/fhir",
        "s3cret",
        PASSPHRASE,
        today=TODAY,
        on_progress=seen.append,
    )
    assert len(rounds) == new_device.MAX_ROUNDS and seen[-1] == new_device.MAX_ROUNDS
    assert started.profiles == 0 and started.error is None


def test_nothing_received_leaves_the_folder_as_it_was_but_its_settings(tmp_path, monkeypatch):
    from domain.errors import SyncTransientError

    data = tmp_path / "data"
    Settings(data).set("language", "en")
    down = SyncTransientError(
        "The server {url} did not answer properly ({reason}); changes stay on this device and will be sent "
        "later.",
        url="https://fhir.example.org/fhir",
        reason="ConnectError",
    )
    monkeypatch.setattr(sync, "sync_now", lambda session, **kw: SyncReport(error=down))
    with pytest.raises(new_device.NothingReceivedError) as refused:
        new_device.start_from_server(
            Session(data, MemoryKeyHolder()), "https://fhir.example.org/fhir", "", PASSPHRASE, today=TODAY
        )
    assert sorted(p.name for p in data.iterdir()) == ["settings.json"]
    said = refused.value.render()
    assert said.startswith("Nothing could be received") and "check the address and the network" in said
    assert "sent later" not in said

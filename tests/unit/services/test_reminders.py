"""Reminders: when they fire, what they say, and that each is shown once even across restarts."""

import asyncio
from datetime import date, datetime

import pytest

from domain.agenda_labels import LABELS
from domain.errors import ValidationError
from services import appointments, records, reminders
from services.notifications import ChainNotifier, DesktopNotifier, InAppCentre, Notification
from services.scheduler import ReminderScheduler, recent_deliveries
from services.session import Session
from storage.keys import MemoryKeyHolder

from .conftest import PASSPHRASE

BORN = date(2026, 1, 10)  # Lola: the 2-month vaccines open on 2026-03-10
ENGLISH = str


class FailingNotifier:
    channel = "desktop"

    def __init__(self):
        self.tried = 0

    def send(self, notification):
        self.tried += 1
        return False


def scheduler_for(data_dir, now, holder, centre=None):
    """What the app does at start-up: open the vault, build a scheduler on it."""
    session = Session(data_dir, holder)
    session.unlock(PASSPHRASE)
    centre = centre or InAppCentre()
    scheduler = ReminderScheduler(session, ChainNotifier([], centre), lambda: ENGLISH, clock=lambda: now)
    return session, scheduler, centre


@pytest.fixture
def lola_vault(tmp_path):
    holder = MemoryKeyHolder()
    session = Session(tmp_path / "data", holder)
    session.create(PASSPHRASE)
    lola = records.add_profile(
        session,
        date(2026, 1, 20),
        first_name="Lola",
        last_name="Martin",
        birth_date=BORN,
        sex="F",
        role="child",
    )
    session.lock()
    return tmp_path / "data", holder, lola


def test_a_reminder_is_delivered_once_across_two_restarts(lola_vault):
    data_dir, holder, lola = lola_vault
    morning = datetime(2026, 2, 8, 9, 0)  # 30 days before the 2-month window of 2026-03-10
    session, first, centre = scheduler_for(data_dir, morning, holder)
    shown = first.run_once()
    assert shown and all(d.profile_id == lola.id for d in shown)
    assert first.run_once() == []  # the periodic check of the same run
    session.lock()

    session, second, centre2 = scheduler_for(data_dir, morning.replace(hour=18), holder)
    assert second.run_once() == [] and centre2.received == []
    session.lock()

    session, third, centre3 = scheduler_for(data_dir, datetime(2026, 2, 9, 8, 0), holder)
    assert third.run_once() == []
    assert len(recent_deliveries(session)) == len(shown)
    session.lock()


def test_the_7_day_reminder_follows_the_30_day_one_and_then_nothing(lola_vault):
    data_dir, holder, lola = lola_vault
    session, scheduler, centre = scheduler_for(data_dir, datetime(2026, 2, 8, 9), holder)
    first = {d.key for d in scheduler.run_once()}
    scheduler.clock = lambda: datetime(2026, 3, 3, 9)  # 7 days before 2026-03-10
    second = {d.key for d in scheduler.run_once()}
    assert any(key.endswith("|2026-03-10|30") for key in first)
    assert any(key.endswith("|2026-03-10|7") for key in second) and not first & second
    scheduler.clock = lambda: datetime(2026, 3, 4, 9)
    assert [d for d in scheduler.run_once() if "|2026-03-10|" in d.key] == []
    session.lock()


def test_in_privacy_mode_the_text_names_the_person_and_no_medical_term(lola_vault):
    data_dir, holder, lola = lola_vault
    session, scheduler, centre = scheduler_for(data_dir, datetime(2026, 2, 8, 9), holder)
    appointments.add_appointment(
        session,
        lola.id,
        at=datetime(2026, 2, 9, 10, 30),
        professional="Dr Durand, pédiatre",
        note="vaccin hexavalent",
    )
    shown = scheduler.run_once()
    texts = [n.body for n in centre.received]
    assert "Book a health appointment for Lola." in texts
    assert "Lola has a health appointment on 02/09/2026 at 10:30." in texts
    medical = {w.lower().strip("(),.:") for label in LABELS.values() for w in label.split() if len(w) > 4}
    medical |= {"vaccine", "vaccin", "hexavalent", "pédiatre", "durand", "exam", "screening"}
    for text in texts + [d.title for d in shown]:
        assert not {w.lower().strip("(),.:") for w in text.split()} & medical, text
    session.lock()


def test_without_privacy_the_text_says_what_to_do_and_what_is_due(lola_vault):
    data_dir, holder, lola = lola_vault
    reminders.set_privacy(Session(data_dir), False)
    session, scheduler, centre = scheduler_for(data_dir, datetime(2026, 2, 8, 9), holder)
    scheduler.run_once()
    assert any(
        n.body.startswith("To book: Vaccine DTaP-IPV-Hib-HepB (hexavalent), dose 1") and "for Lola" in n.body
        for n in centre.received
    )
    session.lock()


def test_an_appointment_is_reminded_the_day_before_only(lola_vault):
    data_dir, holder, lola = lola_vault
    session, scheduler, centre = scheduler_for(data_dir, datetime(2026, 4, 20, 9), holder)
    appointments.add_appointment(session, lola.id, at=datetime(2026, 4, 23, 15, 0), professional="Dr Roux")
    assert not [d for d in scheduler.run_once() if d.key.startswith("appointment")]
    scheduler.clock = lambda: datetime(2026, 4, 22, 9)
    assert [d.key.split("|")[-2:] for d in scheduler.run_once() if d.key.startswith("appointment")] == [
        ["2026-04-23", "1"]
    ]
    session.lock()


def test_per_item_and_global_settings_change_when_reminders_fire(lola_vault):
    data_dir, holder, lola = lola_vault
    assert reminders.set_window_days(Session(data_dir), "14") == (14,)
    session, scheduler, centre = scheduler_for(data_dir, datetime(2026, 2, 8, 9), holder)
    assert not [d for d in scheduler.run_once() if "vax-hexa-1" in d.key]  # 30 days before: no longer
    reminders.set_item_reminders(session, lola.id, "vax-hexa-1", "")  # none for this one
    scheduler.clock = lambda: datetime(2026, 2, 24, 9)  # 14 days before
    keys = [d.key for d in scheduler.run_once()]
    assert not [k for k in keys if "vax-hexa-1" in k] and [k for k in keys if "vax-pcv-1|2026-03-10|14" in k]
    session.lock()


def test_bad_reminder_days_are_refused_and_nothing_is_stored(tmp_path):
    session = Session(tmp_path)
    with pytest.raises(ValidationError):
        reminders.set_window_days(session, "30, soon")
    with pytest.raises(ValidationError):
        reminders.set_window_days(session, "400")
    assert reminders.global_settings(session).window_days == (30, 7)


def test_a_locked_vault_shows_nothing_and_does_not_fail(lola_vault):
    data_dir, holder, lola = lola_vault
    session, scheduler, centre = scheduler_for(data_dir, datetime(2026, 2, 8, 9), holder)
    session.lock()
    assert scheduler.run_once() == [] and centre.received == []


def test_headless_desktop_notifications_fall_back_to_the_in_app_centre():
    centre = InAppCentre()
    failing = FailingNotifier()
    chain = ChainNotifier([failing], centre)
    assert chain.send(Notification("Carnet", "A health appointment is to be scheduled for Lola.")) == "in_app"
    assert failing.tried == 1 and centre.received[0].body.endswith("for Lola.")


def run_now(handler, *args):
    """page.run_task for a test without a loop: the coroutine runs to its end at once."""
    asyncio.run(handler(*args))


class SilentServer:
    """desktop_notifier.DesktopNotifier whose notification server answers the probe, then went away:
    the library logs the failure and never calls on_dispatched."""

    def __init__(self):
        self.sent = []

    async def get_capabilities(self):
        return frozenset()

    async def send(self, title, message, *, on_dispatched=None, on_clicked=None):
        self.sent.append(message)


def test_desktop_notifier_without_d_bus_declines_and_the_in_app_centre_takes_over(monkeypatch):
    from desktop_notifier import DesktopNotifier as Backend

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
    centre = InAppCentre()
    desktop = DesktopNotifier(Backend(app_name="Carnet", app_icon=None), run_now, print, centre.send)
    assert asyncio.run(desktop.probe()) is False
    assert ChainNotifier([desktop], centre).send(Notification("Carnet", "test")) == "in_app"
    assert [n.body for n in centre.received] == ["test"]


def test_a_desktop_notification_the_server_did_not_take_goes_to_the_in_app_centre():
    centre, server = InAppCentre(), SilentServer()
    desktop = DesktopNotifier(server, run_now, print, centre.send)
    assert asyncio.run(desktop.probe()) is True
    assert ChainNotifier([desktop], centre).send(Notification("Carnet", "first")) == "desktop"
    assert server.sent == ["first"] and [n.body for n in centre.received] == ["first"]
    assert desktop.send(Notification("Carnet", "second")) is False  # not tried again this run

"""A tap on a system notification (desktop or phone) opens what it is about, for its person; while the
carnet is locked, once it is unlocked; for a profile deleted since, nothing. The payload the OS gets
back is an opaque id: no name, no agenda code."""

import asyncio
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import SimpleNamespace

from services import agenda, records
from services.notifications import (
    ChainNotifier,
    DesktopNotifier,
    InAppCentre,
    MobileNotifier,
    replay_launch,
    tap_handler,
)
from services.scheduler import ReminderScheduler
from views.notifications import Taps

from .conftest import PASSPHRASE, TODAY
from .tree import has_node, texts


@dataclass
class Shown:
    title: str
    body: str
    on_clicked: object = None
    payload: str = ""


class FakeDesktopServer:
    """desktop_notifier.DesktopNotifier with a notification server that shows all and lets the test click."""

    def __init__(self):
        self.shown: list[Shown] = []

    async def get_capabilities(self):
        return frozenset({"on_clicked"})

    async def send(self, title, message, *, on_dispatched=None, on_clicked=None):
        self.shown.append(Shown(title, message, on_clicked))
        on_dispatched()

    def click(self, index=0):
        self.shown[index].on_clicked()


class FakeLocalNotifications:
    """flet_notifications.LocalNotifications: records show(), and the phone's tap calls on_tap."""

    def __init__(self, on_tap, launched_by=""):
        self.on_tap, self.launched_by = on_tap, launched_by
        self.shown: list[Shown] = []

    async def show(self, id, title, body, payload=""):
        self.shown.append(Shown(title, body, payload=payload))

    async def get_notification_app_launch_details(self):
        event = SimpleNamespace(payload=self.launched_by) if self.launched_by else None
        return SimpleNamespace(did_notification_launch_app=bool(self.launched_by), notification=event)

    def tap(self, index=0):
        self.on_tap(SimpleNamespace(payload=self.shown[index].payload))


def add_lola(state):
    """A baby of 40 days: the 2-month vaccines are to book, so reminders are due today."""
    lola = records.add_profile(
        state.session,
        TODAY,
        first_name="Lola",
        last_name="Martin",
        birth_date=TODAY - timedelta(days=40),
        sex="F",
        role="child",
    )
    state.reload()
    return lola


def run_reminders(state, notifier):
    centre = InAppCentre()
    scheduler = ReminderScheduler(
        state.session,
        ChainNotifier([notifier], centre),
        lambda: state._,
        clock=lambda: datetime.combine(TODAY, datetime.min.time()),
    )
    return scheduler.run_once(), centre


def desktop_for(host, taps):
    server = FakeDesktopServer()
    desktop = DesktopNotifier(server, host.run_task, taps.tap, InAppCentre().send)
    assert asyncio.run(desktop.probe())
    return server, desktop


def index_of(server, shown, profile):
    """Which of the server's notifications is the first one about ``profile``."""
    body = next(d.body for d in shown if d.profile_id == profile.id)
    return next(i for i, s in enumerate(server.shown) if s.body == body)


def lola_item(state, lola, delivery):
    code = delivery.key.split("|")[2]
    return next(i for i in agenda.plan(state.session, lola, TODAY) if i.code == code)


def test_a_click_on_a_desktop_notification_opens_the_agenda_detail_of_its_profile(unlocked):
    shell, state, host = unlocked
    lola = add_lola(state)
    taps = Taps(shell.ctx)
    server, desktop = desktop_for(host, taps)
    shown, centre = run_reminders(state, desktop)
    first = next(d for d in shown if d.profile_id == lola.id)
    assert first.channel == "desktop" and centre.received == []
    assert state.current_id != lola.id and not host.dialogs
    server.click(index_of(server, shown, lola))
    assert state.current_id == lola.id and state.route == "/agenda"
    detail = host.dialogs[-1]
    assert has_node(detail, "close-detail") and "Lola" in texts(detail)
    assert state._(lola_item(state, lola, first).label) in texts(detail)


def test_a_tap_on_a_phone_notification_opens_its_item_and_its_payload_names_nothing(unlocked):
    shell, state, host = unlocked
    lola = add_lola(state)
    taps = Taps(shell.ctx)
    phone = FakeLocalNotifications(tap_handler(taps.tap))
    shown, _ = run_reminders(state, MobileNotifier(phone, host.run_task))
    assert [(s.title, s.body) for s in phone.shown] == [(d.title, d.body) for d in shown]
    for note, delivery in zip(phone.shown, shown, strict=True):
        assert re.fullmatch(r"[0-9a-f]{32}", note.payload) and note.payload == delivery.id
        _kind, profile_id, code, *_dates = delivery.key.split("|")
        for secret in (profile_id, code, *(p.first_name for p in state.profiles)):
            assert secret not in note.payload
    index = next(i for i, d in enumerate(shown) if d.profile_id == lola.id)
    phone.tap(index)
    assert state.current_id == lola.id and state.route == "/agenda"
    assert state._(lola_item(state, lola, shown[index]).label) in texts(host.dialogs[-1])


def test_a_tap_while_the_carnet_is_locked_opens_the_item_once_unlocked(unlocked):
    shell, state, host = unlocked
    lola = add_lola(state)
    taps = Taps(shell.ctx)
    server, desktop = desktop_for(host, taps)
    shown, _ = run_reminders(state, desktop)
    state.lock()
    server.click(index_of(server, shown, lola))
    assert state.locked and not host.dialogs  # the lock screen, nothing read
    state.unlock(PASSPHRASE)
    assert state.current_id == lola.id and state.route == "/agenda"
    assert has_node(host.dialogs[-1], "close-detail")
    state.lock()
    state.unlock(PASSPHRASE)  # the tap was used: the next unlock opens nothing more
    assert len(host.dialogs) == 1


def test_the_tap_that_launched_the_phone_app_opens_its_item_once(unlocked):
    shell, state, host = unlocked
    lola = add_lola(state)
    taps = Taps(shell.ctx)
    phone = FakeLocalNotifications(tap_handler(taps.tap))
    shown, _ = run_reminders(state, MobileNotifier(phone, host.run_task))
    phone.launched_by = next(
        s.payload for s, d in zip(phone.shown, shown, strict=True) if d.profile_id == lola.id
    )
    asyncio.run(replay_launch(phone, taps.tap))
    assert state.current_id == lola.id and len(host.dialogs) == 1
    phone.tap(next(i for i, s in enumerate(phone.shown) if s.payload == phone.launched_by))
    assert len(host.dialogs) == 1  # the same tap, also handed to on_tap: not opened twice


def test_a_tap_for_a_profile_deleted_since_opens_nothing_and_does_not_fail(unlocked):
    shell, state, host = unlocked
    lola = add_lola(state)
    taps = Taps(shell.ctx)
    server, desktop = desktop_for(host, taps)
    shown, _ = run_reminders(state, desktop)
    hers = [i for i, s in enumerate(server.shown) if "Lola" in s.body]
    assert len(hers) >= 2
    records.delete_profile(state.session, lola.id)
    state.reload()
    route, current = state.route, state.current_id
    server.click(hers[0])
    assert not host.dialogs and (state.route, state.current_id) == (route, current)
    state.lock()
    server.click(hers[1])  # another of her notifications, while locked: after the unlock, still nothing
    state.unlock(PASSPHRASE)
    assert not host.dialogs and state.route == route


def test_a_tap_on_a_new_messages_notification_opens_the_messages_of_its_person(unlocked):
    from services.messaging.announce import KEY_PREFIX
    from services.notifications import Notification
    from storage.deliveries import Delivery

    shell, state, host = unlocked
    leo = next(p for p in state.profiles if p.first_name == "Léo")
    note = Notification("Carnet", "1 new message for Léo.", KEY_PREFIX + "m1")
    with state.session.uow() as uow:
        uow.deliveries.add(
            Delivery(note.key, leo.id, datetime(2026, 11, 30), note.title, note.body, "mobile", note.ref)
        )
        uow.commit()
    Taps(shell.ctx).tap(note.ref)
    assert state.current_id == leo.id and state.route == "/messages"


def test_the_notification_id_comes_from_the_ref_so_a_restart_does_not_replace_a_shown_one():
    from services.notifications import Notification, notification_id

    first, second = Notification("Carnet", "a"), Notification("Carnet", "b")
    assert notification_id(first.ref) != notification_id(second.ref)
    assert 0 < notification_id(first.ref) < 2**31  # an int32 on Android


def test_the_desktop_app_without_d_bus_gives_its_reminders_to_the_in_app_centre(unlocked, monkeypatch):
    from views.app import reminder_scheduler

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
    shell, state, host = unlocked
    page = SimpleNamespace(web=False, run_task=host.run_task)
    refreshed = []
    scheduler, desktop = reminder_scheduler(page, state, lambda: refreshed.append(1), Taps(shell.ctx).tap)
    assert desktop is not None and asyncio.run(desktop.probe()) is False
    scheduler.clock = lambda: datetime.combine(TODAY, datetime.min.time())
    shown = scheduler.run_once()
    assert shown and {d.channel for d in shown} == {"in_app"} and len(refreshed) == len(shown)

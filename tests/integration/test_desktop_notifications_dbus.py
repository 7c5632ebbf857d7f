# ruff: noqa: F821, F722 - dbus-fast reads D-Bus signatures ("s", "as") from the annotations
"""desktop-notifier on a real D-Bus: a private session bus (dbus-daemon) with a stand-in notification
server, so that what Carnet sends and what a click hands back go through the real library and wire."""

import asyncio
import shutil
import subprocess

import pytest
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal

from services.notifications import DesktopNotifier, Notification

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("dbus-daemon") is None, reason="needs dbus-daemon"),
]


class NotificationServer(ServiceInterface):
    """org.freedesktop.Notifications as a desktop's notification daemon answers it."""

    def __init__(self):
        super().__init__("org.freedesktop.Notifications")
        self.shown = []
        self.arrived = asyncio.Event()

    @method()
    def Notify(
        self,
        app: "s",
        replaces: "u",
        icon: "s",
        summary: "s",
        body: "s",
        actions: "as",
        hints: "a{sv}",
        ms: "i",
    ) -> "u":
        self.shown.append((app, summary, body, actions))
        self.arrived.set()
        return len(self.shown)

    @method()
    def GetCapabilities(self) -> "as":
        return ["body", "actions"]

    @method()
    def GetServerInformation(self) -> "ssss":
        return ["stand-in", "carnet-tests", "1", "1.2"]

    @method()
    def CloseNotification(self, id: "u"):
        pass

    @signal()
    def ActionInvoked(self, id: "u", key: "s") -> "us":  # a click on the notification
        return [id, key]

    @signal()
    def NotificationClosed(self, id: "u", reason: "u") -> "uu":
        return [id, reason]


@pytest.fixture
def session_bus(monkeypatch):
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", daemon.stdout.readline().strip())
        yield
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


def test_a_click_on_a_real_d_bus_notification_hands_back_its_ref_and_nothing_medical(session_bus):
    from desktop_notifier import DesktopNotifier as Backend

    async def scenario():
        bus = await MessageBus().connect()
        server = NotificationServer()
        bus.export("/org/freedesktop/Notifications", server)
        await bus.request_name("org.freedesktop.Notifications")
        tapped, refs = asyncio.Event(), []

        def on_tap(ref):
            refs.append(ref)
            tapped.set()

        loop = asyncio.get_running_loop()
        backend = Backend(app_name="Carnet", app_icon=None)
        desktop = DesktopNotifier(backend, lambda h, *a: loop.create_task(h(*a)), on_tap, print)
        note = Notification(
            "Carnet", "Prenez un rendez-vous de santé pour Lola.", "window|p1|vax-ror-2|2027-01-01|7"
        )
        assert await desktop.probe(timeout=30) and desktop.send(note)
        await asyncio.wait_for(server.arrived.wait(), 30)  # a loaded machine
        await asyncio.sleep(1)  # the library maps the id of Notify's reply to the notification first
        server.ActionInvoked(1, "default")
        await asyncio.wait_for(tapped.wait(), 30)
        backend._backend.bus.disconnect()
        bus.disconnect()
        return server.shown, refs, note

    shown, refs, note = asyncio.run(scenario())
    assert shown == [("Carnet", "Carnet", "Prenez un rendez-vous de santé pour Lola.", ["default", ""])]
    assert refs == [note.ref] and "vax" not in repr(shown)

"""How a reminder reaches the user: a Notifier per platform, tried in order, the in-app centre last.

* desktop: ``DesktopNotifier`` adapts desktop-notifier (D-Bus on Linux, the Notification Center on
  macOS, WinRT toasts on Windows), which calls back when a notification is clicked. It is async: a
  probe at start-up (``probe``) says whether a notification server answers; without one (a headless
  Linux, no D-Bus) it declines each notification and the next notifier takes over.
* mobile: ``MobileNotifier`` adapts the flet-notifications service (wired in views/app.py when the
  app runs on Android or iOS); nothing here imports Flet or Flutter, so tests and servers run without.
* everywhere: ``InAppCentre``, the list behind the bell of the app bar; it never fails, so a
  headless server or a locked-down desktop still gets every reminder, and nothing crashes.

A tap on a system notification hands back the notification's ``ref`` only: a random id, the row id
of its delivery in the vault's log (storage/deliveries.py), which the app resolves once unlocked. The
OS may log that payload, so it says nothing of the person or the item (not even an agenda code such
as "vax-ror-2", which the reminder's ``key`` holds).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from domain.models import new_id

log = logging.getLogger("carnet.notifications")
PROBE_SECONDS = 10.0  # a D-Bus that answers but no notification server: D-Bus activation may hang
OnTap = Callable[[str], Any]  # given the tapped notification's ref
Runner = Callable[..., Any]  # page.run_task: runs a coroutine function on the app's loop, soon


@dataclass(frozen=True, slots=True)
class Notification:
    title: str
    body: str
    key: str = ""  # the reminder's key (names the item): for the log, never given to the OS
    ref: str = field(default_factory=new_id)  # opaque, what a tap hands back: the delivery's row id


class Notifier(Protocol):
    channel: str

    def send(self, notification: Notification) -> bool:
        """Shows the notification; False (never an exception) when this backend cannot."""
        ...


class DesktopBackend(Protocol):
    """What Carnet uses of ``desktop_notifier.DesktopNotifier``."""

    def get_capabilities(self) -> Awaitable[Any]: ...

    def send(
        self,
        title: str,
        message: str,
        *,
        on_dispatched: Callable[[], Any] | None = None,
        on_clicked: Callable[[], Any] | None = None,
    ) -> Awaitable[Any]: ...


class DesktopNotifier:
    """desktop-notifier on the app's loop; a click opens what the notification is about."""

    channel = "desktop"

    def __init__(
        self, backend: DesktopBackend, run: Runner, on_tap: OnTap, fallback: Callable[[Notification], Any]
    ) -> None:
        self.backend, self.run, self.on_tap, self.fallback = backend, run, on_tap, fallback
        self.available = False  # until the probe has heard a notification server

    async def probe(self, timeout: float = PROBE_SECONDS) -> bool:
        try:
            await asyncio.wait_for(self.backend.get_capabilities(), timeout)
        except Exception as exc:  # noqa: BLE001 - no bus, no server, a timeout: the next notifier
            log.info("desktop notifications unavailable: %s", exc)
            self.available = False
        else:
            self.available = True
        return self.available

    def send(self, notification: Notification) -> bool:
        if not self.available:
            return False
        self.run(self._send, notification)
        return True

    async def _send(self, notification: Notification) -> None:
        dispatched: list[bool] = []
        try:
            await self.backend.send(
                notification.title,
                notification.body,
                on_dispatched=lambda: dispatched.append(True),
                on_clicked=lambda: self.on_tap(notification.ref),
            )
        except Exception as exc:  # noqa: BLE001 - desktop-notifier logs rather than raises; in case
            log.info("desktop notification failed: %s", exc)
        if not dispatched:  # the server went away since the probe: the in-app centre from now on
            self.available = False
            self.fallback(notification)


class MobileService(Protocol):
    """What Carnet uses of ``flet_notifications.LocalNotifications``."""

    def show(self, id: int, title: str, body: str, payload: str = "") -> Awaitable[Any]: ...


class MobileNotifier:
    """The flet-notifications service: the ref is the payload that its ``on_tap`` hands back."""

    channel = "mobile"

    def __init__(self, service: MobileService, run: Runner) -> None:
        self.service, self.run = service, run

    def send(self, notification: Notification) -> bool:
        try:
            self.run(
                self.service.show,
                notification_id(notification.ref),
                notification.title,
                notification.body,
                notification.ref,
            )
        except Exception as exc:  # noqa: BLE001 - the extension may be missing a permission
            log.info("mobile notification unavailable: %s", exc)
            return False
        return True


def tap_handler(on_tap: OnTap) -> Callable[[Any], Any]:
    """flet-notifications' ``on_tap``: its event's payload is the ref that ``MobileNotifier`` gave."""
    return lambda event: on_tap(str(getattr(event, "payload", "") or ""))


async def replay_launch(service: Any, on_tap: OnTap) -> None:
    """A cold start by a tap on a notification: that tap, handed to ``on_tap`` like any other."""
    try:
        details = await service.get_notification_app_launch_details()
    except Exception as exc:  # noqa: BLE001 - a platform without launch details
        log.info("no notification launch details: %s", exc)
        return
    if details.did_notification_launch_app and details.notification is not None:
        tap_handler(on_tap)(details.notification)


def notification_id(ref: str) -> int:
    """The OS's int id: from the ref, so that a restart does not reuse (and replace) a shown one."""
    return int(ref[:7], 16) if len(ref) >= 7 and all(c in "0123456789abcdef" for c in ref[:7]) else 1


@dataclass
class InAppCentre:
    """The notifications shown inside the app; listeners (the UI) are told of each new one."""

    channel: str = "in_app"
    received: list[Notification] = field(default_factory=list)
    listeners: list[Callable[[], Any]] = field(default_factory=list)

    def send(self, notification: Notification) -> bool:
        self.received.append(notification)
        for listener in list(self.listeners):
            listener()
        return True


class ChainNotifier:
    """Tries each notifier in turn; the in-app centre, always last, takes what the others could not."""

    def __init__(self, notifiers: Sequence[Notifier], centre: InAppCentre) -> None:
        self.notifiers, self.centre = list(notifiers), centre

    def send(self, notification: Notification) -> str:
        """The channel that showed it."""
        for notifier in self.notifiers:
            if notifier.send(notification):
                return notifier.channel
        self.centre.send(notification)
        return self.centre.channel

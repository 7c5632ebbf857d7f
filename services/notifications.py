"""How a reminder reaches the user: a Notifier per platform, tried in order, the in-app centre last.

* desktop: ``PlyerNotifier`` (plyer). It needs a notification daemon (notify-send or D-Bus on Linux);
  without one plyer raises, and the next notifier takes over.
* mobile: ``MobileNotifier`` adapts a Flet notification extension (flet-notifications, wired in
  views/app.py when the app runs on Android or iOS): the app passes its ``show(title, body)``
  callable; nothing here imports Flet or Flutter, so tests and servers run without them.
* everywhere: ``InAppCentre``, the list behind the bell of the app bar; it never fails, so a
  headless server or a locked-down desktop still gets every reminder, and nothing crashes.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

log = logging.getLogger("carnet.notifications")


@dataclass(frozen=True, slots=True)
class Notification:
    title: str
    body: str
    key: str = ""  # the reminder's key, so that a backend can replace rather than stack


class Notifier(Protocol):
    channel: str

    def send(self, notification: Notification) -> bool:
        """Shows the notification; False (never an exception) when this backend cannot."""
        ...


class PlyerNotifier:
    channel = "desktop"

    def __init__(self, app_name: str = "Carnet", timeout: int = 10) -> None:
        self.app_name, self.timeout = app_name, timeout

    def send(self, notification: Notification) -> bool:
        try:
            from plyer import notification as plyer_notification

            with warnings.catch_warnings():  # plyer warns, then raises, when no daemon answers
                warnings.simplefilter("ignore")
                plyer_notification.notify(
                    title=notification.title,
                    message=notification.body,
                    app_name=self.app_name,
                    timeout=self.timeout,
                )
        except Exception as exc:  # noqa: BLE001 - any backend failure means: use the next notifier
            log.info("desktop notification unavailable: %s", exc)
            return False
        return True


class MobileNotifier:
    """Adapter of a Flet local-notification extension: ``show`` is its ``show(title, body)``."""

    channel = "mobile"

    def __init__(self, show: Callable[[str, str], Any]) -> None:
        self.show = show

    def send(self, notification: Notification) -> bool:
        try:
            self.show(notification.title, notification.body)
        except Exception as exc:  # noqa: BLE001 - the extension may be missing a permission
            log.info("mobile notification unavailable: %s", exc)
            return False
        return True


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


def default_notifier(
    centre: InAppCentre, *, desktop: bool, mobile_show: Callable[[str, str], Any] | None = None
) -> ChainNotifier:
    """Desktop window: plyer; embedded mobile app with its extension: that; otherwise the centre alone."""
    notifiers: list[Notifier] = []
    if mobile_show is not None:
        notifiers.append(MobileNotifier(mobile_show))
    if desktop:
        notifiers.append(PlyerNotifier())
    return ChainNotifier(notifiers, centre)

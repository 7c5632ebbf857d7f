"""Wires AppState and the Shell to a Flet page, and starts Flet (window, or web server when headless).

Every session starts locked unless the owner chose, in Réglages, to open without typing on this device;
never in web mode, and never with CARNET_PASSPHRASE, which serves the headless commands only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import flet as ft
from flet.utils import is_embedded, is_linux_server, is_mobile

from components.dialog_fit import fit
from components.theme import theme
from domain.errors import CarnetError
from services.notifications import (
    ChainNotifier,
    DesktopNotifier,
    InAppCentre,
    MobileNotifier,
    Notifier,
    OnTap,
    replay_launch,
    tap_handler,
)
from services.scheduler import ReminderScheduler
from services.session import PROCESS_SESSIONS, KeyHolder, Sessions, device_holder, secure_storage_holder
from views.context import ViewContext
from views.files import Files, FletFiles
from views.notifications import Taps
from views.settings import backup as backup_settings
from views.shell import Shell
from views.state import AppState

log = logging.getLogger("carnet")
IDLE_CHECK_SECONDS = 20
REMINDER_CHECK_SECONDS = 60  # cheap (a few ms): also catches an unlock soon
BACKUP_CHECK_SECONDS = 60  # reads settings.json only, until a weekly copy is due


class PageHost:
    """The Host of the screens on a real Flet page.

    Flet shows snack bars on the same stack as dialogs and ``page.pop_dialog()`` closes the topmost of
    either; a screen that shows "Saved." then closes its form would close the message instead. So the
    host keeps its own stack of dialogs and closes the topmost of those.
    """

    def __init__(self, page: ft.Page) -> None:
        self.page = page
        self.dialogs: list[ft.DialogControl] = []
        self.files: Files = FletFiles(page)

    def show_dialog(self, dialog: ft.DialogControl) -> None:
        self.dialogs.append(fit(dialog))  # as tall as its content
        self.page.show_dialog(dialog)

    def close_dialog(self) -> None:
        while self.dialogs:
            dialog = self.dialogs.pop()
            if dialog.open:  # one the user dismissed (tap outside) is already closed
                dialog.open = False
                self.page.update()
                return

    def toast(self, message: str) -> None:
        self.page.show_dialog(ft.SnackBar(ft.Text(message), show_close_icon=True))

    def run_task(self, handler: Callable[..., Awaitable[Any]], *args: Any) -> None:
        self.page.run_task(handler, *args)

    def run_thread(self, work: Callable[[], Any]) -> None:
        self.page.run_thread(work)


class CarnetApp:
    def __init__(self, page: ft.Page, state: AppState) -> None:
        self.page, self.state = page, state
        self.closed = False
        self.shell = Shell(ViewContext(state, PageHost(page)))
        state.listeners.append(self.refresh)
        self.taps = Taps(self.shell.ctx)  # after refresh: an item tapped while locked opens once rendered
        page.title = "Carnet"
        page.on_route_change = self.on_route_change
        page.on_keyboard_event = lambda e: state.touch()
        page.on_disconnect = self.on_disconnect
        page.on_connect = self.on_connect
        page.on_close = self.on_close
        page.run_task(self.watch_inactivity)
        self.reminders, self.desktop = reminder_scheduler(page, state, self.refresh, self.taps.tap)
        page.run_task(self.run_reminders)
        self.was_locked = state.locked
        page.run_task(self.run_weekly_backup)
        self.refresh()

    def on_route_change(self, e: ft.RouteChangeEvent) -> None:
        self.state.go(e.route)

    def on_disconnect(self, e: object = None) -> None:
        """The tab was closed or lost: this session forgets its keys at once, and what it shows on the
        server side becomes the lock screen, which is what a reconnecting tab receives."""
        self.state.close()
        self.refresh()

    def on_connect(self, e: object = None) -> None:
        self.state.sessions.join(self.state)  # back among the sessions a lock reaches; still locked
        self.refresh()

    def on_close(self, e: object = None) -> None:
        """Flet dropped the session (a few seconds after its tab went away): the loops stop."""
        self.closed = True
        self.state.close()
        with contextlib.suppress(ValueError):
            self.state.listeners.remove(self.refresh)

    def refresh(self) -> None:
        page = self.page
        if self.was_locked and not self.state.locked:  # just unlocked: the weekly copy if one is due
            page.run_thread(backup_settings.weekly_copy, self.state)
        self.was_locked = self.state.locked
        page.theme_mode = ft.ThemeMode.DARK if self.state.theme == "dark" else ft.ThemeMode.LIGHT
        self.shell.render()
        page.appbar, page.navigation_bar = self.shell.appbar, self.shell.navigation
        page.controls = [self.shell.body]
        page.update()

    async def watch_inactivity(self) -> None:
        while not self.closed:
            await asyncio.sleep(IDLE_CHECK_SECONDS)
            self.state.lock_if_idle()

    async def run_reminders(self) -> None:
        """At start-up, then every minute: shows the reminders due, each once (services.scheduler)."""
        if self.desktop is not None:  # does a notification server answer? Else the centre has them all
            await self.desktop.probe()
        while not self.closed:
            try:
                self.reminders.run_once()
                self.announce_messages()
            except CarnetError as exc:  # a locked or damaged vault: try again later, never crash the app
                log.info("reminders skipped: %s", exc.render())
            await asyncio.sleep(REMINDER_CHECK_SECONDS)

    def announce_messages(self) -> None:
        """New messages brought by a sync, announced once within the privacy setting (services.messaging)."""
        from datetime import datetime

        from services.i18n import catalog
        from services.messaging.announce import announce_new_messages

        ngettext = catalog(self.state.language).ngettext
        now = datetime.now().astimezone()
        announce_new_messages(self.state.session, self.reminders.notifier, self.state._, ngettext, now)

    async def run_weekly_backup(self) -> None:
        """At start-up, then every minute: the weekly copy when one is due (a cheap check until then)."""
        while not self.closed:
            await asyncio.to_thread(backup_settings.weekly_copy, self.state)
            await asyncio.sleep(BACKUP_CHECK_SECONDS)


def reminder_scheduler(
    page: ft.Page, state: AppState, refresh: Callable[[], None], on_tap: OnTap
) -> tuple[ReminderScheduler, DesktopNotifier | None]:
    """Desktop window: desktop-notifier; mobile: flet-notifications; then the in-app centre.
    A tap on a system notification calls ``on_tap`` with its ref (views/notifications.py: Taps)."""
    centre = InAppCentre(listeners=[refresh])
    notifiers: list[Notifier] = []
    desktop = None
    if is_mobile():
        notifiers.append(_mobile_notifier(page, on_tap))
    elif not page.web:
        desktop = _desktop_notifier(page, on_tap, centre)
        notifiers.append(desktop)
    return ReminderScheduler(state.session, ChainNotifier(notifiers, centre), lambda: state._), desktop


def _desktop_notifier(page: ft.Page, on_tap: OnTap, centre: InAppCentre) -> DesktopNotifier:
    """desktop-notifier: D-Bus on Linux, the Notification Center on macOS, toasts on Windows."""
    from desktop_notifier import DesktopNotifier as Backend

    backend = Backend(app_name="Carnet", app_icon=None)  # not the default: a Python logo

    def clicked(ref: str) -> None:
        page.run_task(page.window.to_front)  # the window comes up with the item (or the lock screen)
        on_tap(ref)

    return DesktopNotifier(backend, page.run_task, clicked, centre.send)


def _mobile_notifier(page: ft.Page, on_tap: OnTap) -> MobileNotifier:
    """Local notifications through the flet-notifications extension (flutter_local_notifications)."""
    from flet_notifications import LocalNotifications  # a Flet service: registers with this page

    service = LocalNotifications(on_tap=tap_handler(on_tap))
    page.run_task(service.request_permissions)  # Android 13+ and iOS ask the user once
    page.run_task(replay_launch, service, on_tap)  # opened by a tap: the Taps open each ref once
    return MobileNotifier(service, page.run_task)


async def platform_holder(data_dir: Path, *, mobile: bool) -> KeyHolder:
    """Mobile: the platform's secure storage (keyring has no backend there); desktop: the OS keyring."""
    if not mobile:
        return device_holder()
    from flet_secure_storage import SecureStorage  # a Flet service: registers with the running page

    return await secure_storage_holder(SecureStorage(), data_dir)


def make_main(data_dir: Path, *, web: bool, sessions: Sessions = PROCESS_SESSIONS):  # noqa: ANN201
    """The Flet entry point, called once per session (each browser tab in web mode)."""

    async def main(page: ft.Page) -> None:
        page.theme, page.dark_theme = theme(), theme()
        # A browser is not "this device": no key holder there, the passphrase is typed in each tab.
        holder = None if web else await platform_holder(data_dir, mobile=is_mobile())
        state = AppState(data_dir, holder, sessions=sessions, web=web)
        state.open_with_device_key()  # only if the owner turned it on in Réglages; else the lock screen
        CarnetApp(page, state)

    return main


def run_app(data_dir: Path, web: bool, host: str, port: int) -> None:
    assets_dir = str(Path(__file__).resolve().parent.parent / "assets")
    if is_embedded():  # a built mobile or desktop app: Flet's own client
        ft.run(make_main(data_dir, web=False))
    elif web or is_linux_server():
        from views import web_server

        print(f"Carnet: {web_server.page_url(host, port)}", flush=True)
        web_server.serve(
            make_main(data_dir, web=True),
            host=host,
            port=port,
            assets_dir=assets_dir,
            open_browser=not is_linux_server(),
        )
    else:
        ft.run(make_main(data_dir, web=False))

"""The notification centre behind the bell of the app bar: the reminders shown lately, any channel.

Each reminder says what to do (services/reminders.py) and, tapped, opens what it is about: the agenda
item's detail (or its own screen, views/routes.py ITEM_ROUTES) for a window that opens, the agenda of
the person for an appointment, their messages for new messages. A tap on the system notification
(``Taps``) opens the same, once the carnet is unlocked. What the centre shows is what the carnet shows
once unlocked: the privacy setting is about the words a notification says outside the app, and the
centre is inside.
"""

from __future__ import annotations

from datetime import datetime

import flet as ft

from components.labelled import labelled
from services import agenda, scheduler
from services.messaging.announce import KEY_PREFIX as MESSAGES
from storage.deliveries import Delivery
from views.context import ViewContext
from views.routes import item_route


def bell(ctx: ViewContext) -> ft.Control:
    """The bell, with the number of reminders not seen yet."""
    state = ctx.state
    unread = scheduler.unread_count(state.session)
    button = ft.IconButton(
        ft.Icons.NOTIFICATIONS,
        badge=ft.Badge(label=str(unread)) if unread else None,
        on_click=lambda e: open_centre(ctx),
    )
    said = ctx.ngettext("{n} new notification", "{n} new notifications", unread).format(n=unread)
    return labelled(button, said, "nav-notifications")


def open_centre(ctx: ViewContext) -> ft.AlertDialog:
    _, state = ctx._, ctx.state
    deliveries = scheduler.recent_deliveries(state.session)
    names = {p.id: p.first_name for p in state.profiles}
    lines: list[ft.Control] = [
        ft.MergeSemantics(
            content=ft.Semantics(
                content=ft.ListTile(
                    leading=ft.Icon(ft.Icons.NOTIFICATIONS_NONE),
                    title=ft.Text(d.body),
                    subtitle=ft.Text(f"{names.get(d.profile_id, '')} - {d.at:%d/%m/%Y %H:%M}"),
                    trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
                    on_click=lambda e, d=d: open_delivery(ctx, d),
                ),
                identifier=f"notification-{index}",
                button=True,
            )
        )
        for index, d in enumerate(deliveries)
    ]
    scheduler.mark_all_seen(state.session, datetime.now())
    dialog = ft.AlertDialog(
        title=ft.Text(_("Notifications")),
        content=ft.Column(
            lines or [ft.Text(_("No notification yet."), italic=True)],
            tight=True,
            scroll=ft.ScrollMode.AUTO,
            width=420,
        ),
        actions=[
            labelled(ft.FilledButton(_("Close"), on_click=lambda e: close(ctx)), _("Close"), "close-centre")
        ],
    )
    ctx.host.show_dialog(dialog)
    return dialog


def open_delivery(ctx: ViewContext, delivery: Delivery, *, from_centre: bool = True) -> None:
    """What the reminder is about, for its person: the item's detail or screen, else their agenda;
    new messages: the person's messages. From the centre, the centre closes first; from a system
    notification, whatever the user had open stays under it."""
    state = ctx.state
    kind, _profile, subject = (delivery.key.split("|") + ["", "", ""])[:3]
    profile = next((p for p in state.profiles if p.id == delivery.profile_id), None)
    if from_centre:
        ctx.host.close_dialog()
    if profile is None:  # deleted since: the centre closes, nothing else to show
        state.notify()
        return
    if profile.id != state.current_id:
        state.switch(profile.id)
    if delivery.key.startswith(MESSAGES):
        state.go("/messages")
        return
    item = next(
        (
            i
            for i in agenda.plan(state.session, profile, state.today())
            if i.code == subject and kind == "window"
        ),
        None,
    )
    route = item_route(subject) if item is not None else None
    if item is None or route is not None:
        state.go(route or "/agenda")
        return
    from views.agenda import detail  # on use: the agenda's modules are not the first page's

    state.go("/agenda")
    detail.open_detail(ctx, profile, item)


class Taps:
    """Taps on system notifications (desktop or phone), which hand back the notification's ref only.

    The item opens at once when the carnet is open; while it is locked (or still starting) the ref is
    kept, and the item opens right after the unlock: the Taps listens to the state's changes for that.
    A ref whose delivery cannot be read any more (profile deleted) opens nothing. A ref opens once:
    a phone may hand back the tap that launched the app both as an event and as launch details.
    """

    def __init__(self, ctx: ViewContext) -> None:
        self.ctx = ctx
        self.pending = ""
        self.opened: set[str] = set()
        ctx.state.listeners.append(self.resume)

    def tap(self, ref: str) -> None:
        if not ref or ref in self.opened:
            return
        self.pending = ref
        self.ctx.state.touch()
        self.resume()

    def resume(self) -> None:
        state = self.ctx.state
        if not self.pending or state.locked:
            return
        ref, self.pending = self.pending, ""  # first: opening re-renders, which calls resume again
        self.opened.add(ref)
        delivery = scheduler.find_delivery(state.session, ref)
        if delivery is not None:
            open_delivery(self.ctx, delivery, from_centre=False)


def close(ctx: ViewContext) -> None:
    ctx.host.close_dialog()
    ctx.state.notify()  # the badge goes

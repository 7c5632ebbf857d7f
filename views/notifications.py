"""The notification centre behind the bell of the app bar: the reminders shown lately, any channel.

Each reminder says what to do (services/reminders.py) and, tapped, opens what it is about: the agenda
item's detail (or its own screen, views/routes.py ITEM_ROUTES) for a window that opens, the agenda of
the person for an appointment. What it shows is what the carnet shows once unlocked: the privacy setting
is about the words a notification says outside the app, and the centre is inside.
"""

from __future__ import annotations

from datetime import datetime

import flet as ft

from components.labelled import labelled
from services import agenda, scheduler
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


def open_delivery(ctx: ViewContext, delivery: Delivery) -> None:
    """What the reminder is about, for its person: the item's detail or screen, else their agenda."""
    state = ctx.state
    kind, profile_id, subject = (delivery.key.split("|") + ["", "", ""])[:3]
    profile = next((p for p in state.profiles if p.id == profile_id), None)
    ctx.host.close_dialog()
    if profile is None:  # deleted since: the centre closes, nothing else to show
        state.notify()
        return
    if profile.id != state.current_id:
        state.switch(profile.id)
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


def close(ctx: ViewContext) -> None:
    ctx.host.close_dialog()
    ctx.state.notify()  # the badge goes

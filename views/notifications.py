"""The notification centre behind the bell of the app bar: the reminders shown lately, any channel."""

from __future__ import annotations

from datetime import datetime

import flet as ft

from components.labelled import labelled
from services import scheduler
from views.context import ViewContext


def bell(ctx: ViewContext) -> ft.Control:
    """The bell, with the number of reminders not seen yet."""
    _, state = ctx._, ctx.state
    unread = scheduler.unread_count(state.session)
    button = ft.IconButton(
        ft.Icons.NOTIFICATIONS,
        badge=ft.Badge(label=str(unread)) if unread else None,
        on_click=lambda e: open_centre(ctx),
    )
    return labelled(button, _("Notifications ({n} new)").format(n=unread), "nav-notifications")


def open_centre(ctx: ViewContext) -> ft.AlertDialog:
    _, state = ctx._, ctx.state
    deliveries = scheduler.recent_deliveries(state.session)
    names = {p.id: p.first_name for p in state.profiles}
    lines: list[ft.Control] = [
        ft.ListTile(
            leading=ft.Icon(ft.Icons.NOTIFICATIONS_NONE),
            title=ft.Text(d.body),
            subtitle=ft.Text(f"{names.get(d.profile_id, '')} - {d.at:%d/%m/%Y %H:%M}"),
            dense=True,
        )
        for d in deliveries
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


def close(ctx: ViewContext) -> None:
    ctx.host.close_dialog()
    ctx.state.notify()  # the badge goes

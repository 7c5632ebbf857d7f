"""Agenda: what is due for the current profile, by the official French calendar."""

from __future__ import annotations

import flet as ft

from domain.plan import AgendaItem
from services import agenda
from views.context import ViewContext
from views.labels import date_text

STATUS_NAMES = {"done": "Done", "scheduled": "Scheduled", "to_schedule": "To schedule",
                "upcoming": "Upcoming", "overdue": "Overdue"}
UPCOMING_SHOWN = 12


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    profile = state.current
    if profile is None:
        return ft.Text(_("No profile yet: add one in Profiles."))
    today = state.today()
    parts = agenda.sections(agenda.plan(state.vault, profile, today), today)
    return ft.Column([
        ft.Text(_("Agenda of {name}").format(name=profile.first_name),
                theme_style=ft.TextThemeStyle.TITLE_LARGE),
        _section(ctx, _("To schedule"), parts["to_plan"], _("Nothing to schedule right now.")),
        _section(ctx, _("Upcoming"), parts["upcoming"][:UPCOMING_SHOWN], _("Nothing upcoming.")),
        _section(ctx, _("Past"), parts["past"][:UPCOMING_SHOWN], _("Nothing yet.")),
    ], scroll=ft.ScrollMode.AUTO, expand=True, spacing=12)


def _section(ctx: ViewContext, title: str, items: list[AgendaItem], empty: str) -> ft.Control:
    _ = ctx._
    tiles: list[ft.Control] = [
        ft.ListTile(
            title=ft.Text(_(item.label)),
            subtitle=ft.Text(_("{start} to {end} - {status}").format(
                start=date_text(item.window_start, _), end=date_text(item.window_end, _),
                status=_(STATUS_NAMES[item.status]))),
            dense=True,
        )
        for item in items
    ]
    return ft.Column([ft.Text(title, weight=ft.FontWeight.BOLD), *(tiles or [ft.Text(empty, italic=True)])])

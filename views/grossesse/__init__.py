"""Grossesse: the pregnancies of the profile (the full month-by-month follow-up builds on this)."""

from __future__ import annotations

import flet as ft

from services import records
from views.context import ViewContext
from views.labels import date_text


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    profile = state.current
    if profile is None:
        return ft.Text(_("No profile yet: add one in Profiles."))
    pregnancies = records.list_records(state.vault, profile.id, "pregnancy")
    lines = [ft.Text(_("Last period on {day}").format(day=date_text(p.lmp, _))
                     + (_(" - ended on {day}").format(day=date_text(p.closed_on, _)) if p.closed_on else ""))
             for p in pregnancies]
    return ft.Column([
        ft.Text(_("Pregnancy follow-up"), theme_style=ft.TextThemeStyle.TITLE_LARGE),
        *(lines or [ft.Text(_("No pregnancy followed."), italic=True)]),
    ], scroll=ft.ScrollMode.AUTO, expand=True)

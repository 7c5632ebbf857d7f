"""Profil médical: measurements over time and the vaccination record."""

from __future__ import annotations

import flet as ft

from services import records
from views.context import ViewContext
from views.labels import date_text, measurement_text, vaccine_text


def build(ctx: ViewContext) -> ft.Control:
    _ = ctx._
    profile = ctx.state.current
    if profile is None:
        return ft.Text(_("No profile yet: add one in Profiles."))
    vault = ctx.state.vault
    measurements = records.list_records(vault, profile.id, "measurement")
    doses = records.list_records(vault, profile.id, "immunization")
    return ft.Column(
        [
            ft.Text(_("Medical profile of {name}").format(name=profile.first_name),
                    theme_style=ft.TextThemeStyle.TITLE_LARGE),
            ft.Text(_("Measurements"), weight=ft.FontWeight.BOLD),
            *([ft.Text(f"{date_text(m.on, _)}  {measurement_text(m.kind, m.value, _)}") for m in measurements]
              or [ft.Text(_("No measurement yet."), italic=True)]),
            ft.Text(_("Vaccinations"), weight=ft.FontWeight.BOLD),
            *([ft.Text(f"{date_text(d.on, _)}  {vaccine_text(d.vaccine, _)} - {d.product} {d.lot}".rstrip())
               for d in doses] or [ft.Text(_("No vaccination recorded."), italic=True)]),
        ],
        scroll=ft.ScrollMode.AUTO, expand=True,
    )

"""Enfant: the child's growth measurements and vaccinations."""

from __future__ import annotations

import flet as ft

from services import records
from views.context import ViewContext
from views.labels import age_text, date_text, measurement_text, vaccine_text

GROWTH_KINDS = ("weight", "height", "head_circumference")


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    child = state.current
    if child is None or child.role != "child":
        return ft.Text(_("Choose a child's profile."))
    vault = state.vault
    growth = [m for m in records.list_records(vault, child.id, "measurement") if m.kind in GROWTH_KINDS]
    doses = records.list_records(vault, child.id, "immunization")
    return ft.Column([
        ft.Text(_("Health booklet of {name}").format(name=child.first_name),
                theme_style=ft.TextThemeStyle.TITLE_LARGE),
        ft.Text(age_text(child.birth_date, state.today(), _)),
        ft.Text(_("Growth"), weight=ft.FontWeight.BOLD),
        *([ft.Text(f"{date_text(m.on, _)}  {measurement_text(m.kind, m.value, _)}") for m in growth]
          or [ft.Text(_("No measurement yet."), italic=True)]),
        ft.Text(_("Vaccinations"), weight=ft.FontWeight.BOLD),
        *([ft.Text(f"{date_text(d.on, _)}  {vaccine_text(d.vaccine, _)} - {d.product}") for d in doses]
          or [ft.Text(_("No vaccination recorded."), italic=True)]),
    ], scroll=ft.ScrollMode.AUTO, expand=True)

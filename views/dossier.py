"""Dossier: the profile's documents, newest first."""

from __future__ import annotations

import flet as ft

from services import records
from views.context import ViewContext
from views.labels import DOCUMENT_TYPE_NAMES, date_text


def build(ctx: ViewContext) -> ft.Control:
    _ = ctx._
    profile = ctx.state.current
    if profile is None:
        return ft.Text(_("No profile yet: add one in Profiles."))
    docs = records.list_records(ctx.state.vault, profile.id, "document")
    tiles: list[ft.Control] = [
        ft.ListTile(
            leading=ft.Icon(ft.Icons.PICTURE_AS_PDF if d.mime == "application/pdf" else ft.Icons.IMAGE),
            title=ft.Text(d.title),
            subtitle=ft.Text(" - ".join(part for part in (
                _(DOCUMENT_TYPE_NAMES.get(d.type_code, d.type_code)), date_text(d.on, _), d.author) if part)),
        )
        for d in docs
    ]
    if not tiles:
        tiles = [ft.Text(_("No document yet."), italic=True)]
    return ft.Column(
        [ft.Text(_("Documents of {name}").format(name=profile.first_name),
                 theme_style=ft.TextThemeStyle.TITLE_LARGE), *tiles],
        scroll=ft.ScrollMode.AUTO, expand=True,
    )

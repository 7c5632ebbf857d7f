"""What the Partager screens share: the words of the summary in the user's language, a heading, a line of
text that wraps, a button that opens another screen, and a file handed over the platform's way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import flet as ft

from components.labelled import labelled
from services import exports
from services.sharing.texts import Texts
from views.context import ViewContext
from views.files import MOBILE, WEB
from views.labels import MEASUREMENT_NAMES, vaccine_text


def texts(ctx: ViewContext) -> Texts:
    from services.sharing.data import texts_for  # the summary's modules load with the screens that use them

    _ = ctx._
    return texts_for(
        _,
        ctx.state.language,
        lambda code: vaccine_text(code, _),
        lambda kind: _(MEASUREMENT_NAMES.get(kind, kind)),
    )


def now(ctx: ViewContext) -> datetime:
    return ctx.state.now().replace(microsecond=0)


def heading(text: str) -> ft.Text:
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_LARGE)


def line(text: str, key: str | None = None, **style: object) -> ft.Text:
    return ft.Text(text, key=key, **style)  # type: ignore[arg-type]


def button(
    label: str,
    identifier: str,
    on_click: Callable[[object], object],
    icon: ft.IconData | None = None,
    filled: bool = False,
) -> ft.MergeSemantics:
    kind = ft.FilledButton if filled else ft.OutlinedButton
    return labelled(kind(label, icon=icon, on_click=on_click, height=48), label, identifier)


def go_button(
    ctx: ViewContext, label: str, route: str, icon: ft.IconData, identifier: str
) -> ft.MergeSemantics:
    return button(label, identifier, lambda e: ctx.state.go(route), icon)


def hand_over(ctx: ViewContext, title: str, name: str, data: bytes, extension: str, done: str) -> None:
    """A file out of the app: the share sheet on a phone (from the export folder), a save dialog or a
    browser download elsewhere."""
    files = ctx.host.files

    async def deliver() -> None:
        if files.platform == MOBILE:
            path: Path = exports.write_export(ctx.state.export_dir, name, data)
            await files.share(path, title)
        elif (
            await files.save_as(title, name, data=data, extension=extension) is None and files.platform != WEB
        ):
            return  # the user cancelled
        ctx.host.toast(done)

    ctx.host.run_task(deliver)

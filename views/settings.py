"""Réglages: language, theme, auto-lock, lock now."""

from __future__ import annotations

import flet as ft

from services.i18n import LANGUAGES
from views import reminder_settings, sync_settings
from views.context import ViewContext, labelled

AUTOLOCK_CHOICES = (1, 5, 15, 60, 0)


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    language = ft.Dropdown(
        label=_("Language"),
        value=state.language,
        options=[ft.DropdownOption(key=code, text=name) for code, name in LANGUAGES.items()],
        on_select=lambda e: state.set_language(e.control.value),
    )
    theme = ft.Switch(
        label=_("Dark theme"),
        value=state.theme == "dark",
        on_change=lambda e: state.set_theme("dark" if e.control.value else "light"),
    )
    autolock = ft.Dropdown(
        label=_("Lock after inactivity"),
        value=str(state.autolock_minutes),
        options=[
            ft.DropdownOption(key=str(m), text=_("{n} min").format(n=m) if m else _("Never"))
            for m in AUTOLOCK_CHOICES
        ],
        on_select=lambda e: state.set_autolock(int(e.control.value)),
    )
    lock = labelled(
        ft.OutlinedButton(_("Lock now"), icon=ft.Icons.LOCK, on_click=lambda e: state.lock()),
        _("Lock now"),
        "lock-now",
    )
    return ft.Column(
        [
            ft.Text(_("Settings"), theme_style=ft.TextThemeStyle.TITLE_LARGE),
            ft.Semantics(content=language, label=_("Language")),
            ft.Semantics(content=theme, label=_("Dark theme")),
            ft.Semantics(content=autolock, label=_("Lock after inactivity")),
            reminder_settings.section(ctx),
            sync_settings.section(ctx),
            lock,
        ],
        spacing=16,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )

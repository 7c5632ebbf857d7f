"""Réglages: language, theme, auto-lock, opening without typing, passphrase and recovery key, backup,
reminders, sync, lock now."""

from __future__ import annotations

import flet as ft

from components.dialog_actions import dialog_actions
from components.labelled import labelled
from components.passphrase_fields import secret_field
from components.switch_row import switch_row
from domain.errors import N_, CarnetError
from services.i18n import LANGUAGES
from views.context import ViewContext
from views.lock.forms import refusal_text
from views.settings import backup as backup_settings
from views.settings import reminders as reminder_settings
from views.settings import security as security_settings
from views.settings import sync as sync_settings
from views.sharing import urgence

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
            switch_row(theme, _("Dark theme"), "dark-theme"),
            ft.Semantics(content=autolock, label=_("Lock after inactivity")),
            opening_section(ctx),
            security_settings.section(ctx),
            backup_settings.section(ctx),
            reminder_settings.section(ctx),
            sync_settings.section(ctx),
            urgence.settings_section(ctx),
            lock,
        ],
        spacing=16,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )


def opening_section(ctx: ViewContext) -> ft.Control:
    """Open without typing: off by default; what it means is said before it is turned on."""
    _, state = ctx._, ctx.state
    rows: list[ft.Control] = [ft.Text(_("Opening the carnet"), weight=ft.FontWeight.BOLD)]
    if state.web:
        rows.append(ft.Text(_("In the browser, Carnet asks for the passphrase in every tab, always.")))
    elif not state.device_unlock_possible:
        rows.append(ft.Text(_("This device has no keyring: the passphrase is asked every time.")))
    else:
        switch = ft.Switch(value=state.device_unlock, on_change=lambda e: _toggle(ctx, bool(e.control.value)))
        rows += [
            switch_row(switch, _("Open without typing the passphrase on this device"), "device-unlock"),
            ft.Text(_(DEVICE_UNLOCK_MEANING), size=13),
        ]
    return ft.Column(rows, spacing=8)


DEVICE_UNLOCK_MEANING = N_(
    "Off, the passphrase is asked each time Carnet opens. On, the key of the carnet stays in this "
    "device's keyring (or secure storage) and Carnet opens without it: anyone who can use this "
    "device account opens the carnet. After a lock, the passphrase is always asked."
)


def _toggle(ctx: ViewContext, on: bool) -> None:
    if not on:
        done = ctx._("The passphrase will be asked at every opening.")
        ctx.act(lambda: ctx.state.set_device_unlock(False), done=done)
        return
    ask_passphrase(ctx)


def ask_passphrase(ctx: ViewContext) -> ft.AlertDialog:
    """Turning it on is the owner's decision: the passphrase proves it, and a refusal shows on the field."""
    _, state = ctx._, ctx.state
    field = secret_field(_("Passphrase"), translate=_, autofocus=True)

    def confirm(e: object = None) -> None:
        state.touch()
        try:
            state.set_device_unlock(True, field.value or "")
        except CarnetError as exc:
            field.value, field.error = "", refusal_text(ctx, exc)
            return
        ctx.host.close_dialog()
        ctx.host.toast(_("Carnet will open without the passphrase on this device."))

    def cancel(e: object = None) -> None:
        ctx.host.close_dialog()
        state.notify()  # the switch goes back to off

    field.on_submit = confirm
    dialog = ft.AlertDialog(
        modal=True,
        title=ft.Text(_("Open without typing?")),
        content=ft.Column(
            [
                ft.Text(_(DEVICE_UNLOCK_MEANING)),
                ft.Semantics(content=field, label=_("Passphrase"), identifier="device-unlock-passphrase"),
            ],
            tight=True,
        ),
        actions=dialog_actions(
            (_("Cancel"), cancel, "device-unlock-cancel"), (_("Turn on"), confirm, "device-unlock-confirm")
        ),
    )
    ctx.host.show_dialog(dialog)
    return dialog

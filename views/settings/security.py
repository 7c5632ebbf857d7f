"""Réglages > Phrase de passe et clé de secours: change the passphrase (the vault key is wrapped again,
nothing else: instant whatever the carnet's size), make or replace the recovery key."""

from __future__ import annotations

import flet as ft

from components.dialog_actions import dialog_actions
from components.labelled import labelled
from components.passphrase_fields import PassphrasePair, secret_field
from domain.errors import CarnetError, WeakPassphraseError
from views import recovery_key
from views.context import ViewContext
from views.lock.forms import refusal_text, rule


def section(ctx: ViewContext) -> ft.Control:
    _, session = ctx._, ctx.state.session
    has_key = session.has_recovery_key()
    key_text = (
        _("This carnet has a recovery key: it opens the carnet if the passphrase is forgotten.")
        if has_key
        else _("No recovery key yet: if the passphrase is forgotten, nobody can open the carnet.")
    )
    key_label = _("Replace the recovery key") if has_key else _("Make a recovery key")
    return ft.Column(
        [
            ft.Text(_("Passphrase and recovery key"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            labelled(
                ft.OutlinedButton(
                    _("Change the passphrase"), icon=ft.Icons.PASSWORD, on_click=lambda e: change_dialog(ctx)
                ),
                _("Change the passphrase"),
                "change-passphrase",
            ),
            ft.Row(
                [
                    ft.Icon(ft.Icons.KEY if has_key else ft.Icons.KEY_OFF),
                    ft.Text(key_text, expand=True, key="recovery-status"),
                ]
            ),
            labelled(
                ft.OutlinedButton(
                    key_label, icon=ft.Icons.KEY, on_click=lambda e: recovery_key.ask_then_make(ctx)
                ),
                key_label,
                "recovery-key",
            ),
        ],
        spacing=8,
    )


def change_dialog(ctx: ViewContext) -> ft.AlertDialog:
    _, state = ctx._, ctx.state
    old = secret_field(_("Current passphrase"), translate=_, autofocus=True)
    pair = PassphrasePair(_("New passphrase"), _("New passphrase again"), "new-passphrase", translate=_)

    def confirm(e: object = None) -> None:
        state.touch()
        old.error = None
        new = pair.typed(_("The two passphrases differ."))
        if new is None:
            return
        try:
            state.session.change_passphrase(old.value or "", new)
        except WeakPassphraseError as exc:
            pair.refuse(exc.render(_))
            return
        except CarnetError as exc:
            old.value, old.error = "", refusal_text(ctx, exc)
            return
        ctx.host.close_dialog()
        still = state.session.has_recovery_key()
        ctx.host.toast(
            _("Passphrase changed. Your recovery key still works.") if still else _("Passphrase changed.")
        )

    pair.second.on_submit = confirm
    dialog = ft.AlertDialog(
        modal=True,
        scrollable=True,  # a phone's keyboard leaves little room
        title=ft.Text(_("Change the passphrase")),
        content=ft.Column(
            [
                ft.Semantics(content=old, label=_("Current passphrase"), identifier="old-passphrase"),
                rule(ctx),
                *pair.controls(),
                ft.Text(
                    _("Backups already made keep opening with the passphrase they were made with."),
                    size=13,
                ),
            ],
            tight=True,
            width=460,
        ),
        actions=dialog_actions(
            (_("Cancel"), lambda e: ctx.host.close_dialog(), "change-passphrase-cancel"),
            (_("Change"), confirm, "change-passphrase-confirm"),
        ),
    )
    ctx.host.show_dialog(dialog)
    return dialog

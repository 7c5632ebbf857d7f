"""The lock screen: create the vault on first run, otherwise unlock it with the passphrase."""

from __future__ import annotations

import flet as ft

from views.context import ViewContext, labelled


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    passphrase = ft.TextField(
        label=_("Passphrase"), password=True, can_reveal_password=True, autofocus=True, width=360
    )
    controls: list[ft.Control] = [
        ft.Icon(ft.Icons.LOCK, size=48),
        ft.Text("Carnet", theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM),
    ]
    if state.first_run:
        confirmation = ft.TextField(label=_("Passphrase again"), password=True, width=360)

        def create(e: object = None) -> None:
            ctx.act(lambda: state.create_vault(passphrase.value or "", confirmation.value or ""))

        controls += [
            ft.Text(
                _(
                    "Choose a passphrase (8 characters or more). It encrypts your health data on this "
                    "device; nobody can recover it for you."
                ),
                width=360,
            ),
            ft.Semantics(content=passphrase, label=_("Passphrase"), identifier="passphrase"),
            ft.Semantics(content=confirmation, label=_("Passphrase again"), identifier="passphrase-again"),
            labelled(
                ft.FilledButton(_("Create my vault"), on_click=create), _("Create my vault"), "create-vault"
            ),
        ]
    else:

        def unlock(e: object = None) -> None:
            ctx.act(lambda: state.unlock(passphrase.value or ""))

        passphrase.on_submit = unlock
        controls += [
            ft.Semantics(content=passphrase, label=_("Passphrase"), identifier="passphrase"),
            labelled(ft.FilledButton(_("Unlock"), on_click=unlock), _("Unlock"), "unlock"),
        ]
    return ft.Column(
        controls,
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        alignment=ft.MainAxisAlignment.CENTER,
        spacing=16,
        expand=True,
    )

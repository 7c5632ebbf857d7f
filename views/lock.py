"""The lock screen: create the vault on first run, otherwise unlock it with the passphrase.

A refusal (wrong passphrase, too many attempts, passphrases that differ) is written under the field it
is about, not in a passing message: the user reads it where they type again.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from domain.errors import CarnetError, WrongPassphraseError
from views.context import ViewContext, labelled

ERROR, ERROR_AGAIN = "lock.error", "lock.error.again"  # AppState.choices: the refusal, kept across re-renders
COLUMN = {"xs": 12, "sm": 9, "md": 6, "xl": 4}  # full width on a phone, a readable column on a screen


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    passphrase = ft.TextField(
        label=_("Passphrase"),
        password=True,
        can_reveal_password=True,
        autofocus=True,
        error=state.choices.get(ERROR) or None,
        error_max_lines=4,
    )
    form = _create_form(ctx, passphrase) if state.first_run else _unlock_form(ctx, passphrase)
    return ft.Column(
        [
            ft.Icon(ft.Icons.LOCK, size=48),
            ft.Text("Carnet", theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM),
            ft.ResponsiveRow(
                [ft.Column(form, col=COLUMN, spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)],
                alignment=ft.MainAxisAlignment.CENTER,
            ),
        ],
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        alignment=ft.MainAxisAlignment.CENTER,
        spacing=16,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )


def _unlock_form(ctx: ViewContext, passphrase: ft.TextField) -> list[ft.Control]:
    _, state = ctx._, ctx.state

    def unlock(e: object = None) -> None:
        _attempt(ctx, ERROR, lambda: state.unlock(passphrase.value or ""))

    passphrase.on_submit = unlock
    return [
        ft.Semantics(content=passphrase, label=_("Passphrase"), identifier="passphrase"),
        labelled(ft.FilledButton(_("Unlock"), on_click=unlock), _("Unlock"), "unlock"),
    ]


def _create_form(ctx: ViewContext, passphrase: ft.TextField) -> list[ft.Control]:
    _, state = ctx._, ctx.state
    confirmation = ft.TextField(
        label=_("Passphrase again"),
        password=True,
        error=state.choices.get(ERROR_AGAIN) or None,
        error_max_lines=4,
    )

    def create(e: object = None) -> None:
        typed, again = passphrase.value or "", confirmation.value or ""
        if typed != again:
            state.choices.pop(ERROR, None)
            state.choose(ERROR_AGAIN, _("The two passphrases differ."))
            return
        _attempt(ctx, ERROR, lambda: state.create_vault(typed, again))

    confirmation.on_submit = create
    return [
        ft.Text(
            _(
                "Choose a passphrase (8 characters or more). It encrypts your health data on this "
                "device; nobody can recover it for you."
            )
        ),
        ft.Semantics(content=passphrase, label=_("Passphrase"), identifier="passphrase"),
        ft.Semantics(content=confirmation, label=_("Passphrase again"), identifier="passphrase-again"),
        labelled(
            ft.FilledButton(_("Create my vault"), on_click=create), _("Create my vault"), "create-vault"
        ),
    ]


def _attempt(ctx: ViewContext, error_key: str, action: Callable[[], object]) -> None:
    """Runs the unlock or creation; a refusal is shown under the passphrase field (a re-render)."""
    state = ctx.state
    state.touch()
    try:
        action()
    except CarnetError as exc:
        state.choices.pop(ERROR_AGAIN, None)
        state.choose(error_key, refusal_text(ctx, exc))


def refusal_text(ctx: ViewContext, exc: CarnetError) -> str:
    # The storage's message names CARNET_PASSPHRASE, which is for the command line; here the user typed it.
    if type(exc) is WrongPassphraseError:
        return ctx._("Wrong passphrase: the carnet stays locked.")
    return exc.render(ctx._)

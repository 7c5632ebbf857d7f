"""What the lock screen's forms share: which form is shown, refusals kept under their field across
re-renders, the passphrase rule, the "Back" button and the "please wait" view.

Every key lives in ``AppState.choices`` under ``lock.``: an unlock clears them all.
"""

from __future__ import annotations

import flet as ft

from components.labelled import labelled
from domain.errors import CarnetError, WrongPassphraseError
from services.session import MIN_LENGTH, PASSPHRASE_RULE
from views.context import ViewContext

MODE = "lock.mode"  # "" (unlock, or the four first-run choices), RECOVER, a first-run flow, or BUSY
BUSY, RECOVER = "busy", "recover"
PROGRESS = "lock.progress"  # the line shown while BUSY
ERRORS = "lock.error."  # + the field's identifier: its refusal


def error(ctx: ViewContext, identifier: str) -> str | None:
    return ctx.state.choices.get(ERRORS + identifier) or None


def refuse(ctx: ViewContext, identifier: str, text: str) -> None:
    """Shows the form again with ``text`` under the field ``identifier`` (and no other refusal)."""
    state = ctx.state
    for key in [k for k in state.choices if k.startswith(ERRORS)]:
        del state.choices[key]
    state.choose(ERRORS + identifier, text)


def go(ctx: ViewContext, mode: str) -> None:
    """Another form of the lock screen, without the refusals of the one left."""
    state = ctx.state
    for key in [k for k in state.choices if k.startswith(ERRORS)]:
        del state.choices[key]
    state.choose(MODE, mode)


def refusal_text(ctx: ViewContext, exc: CarnetError) -> str:
    # The storage's message names CARNET_PASSPHRASE, which is for the command line; here the user typed it.
    if type(exc) is WrongPassphraseError and exc.msgid == WrongPassphraseError.msgid:
        return ctx._("Wrong passphrase: the carnet stays locked.")
    return exc.render(ctx._)


def rule(ctx: ViewContext) -> ft.Text:
    return ft.Text(ctx._(PASSPHRASE_RULE).format(n=MIN_LENGTH), size=13, key="passphrase-rule")


def heading(text: str) -> ft.Text:
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM)


def back(ctx: ViewContext, identifier: str = "lock-back", to: str = "") -> ft.Control:
    _ = ctx._
    return labelled(
        ft.TextButton(_("Back"), icon=ft.Icons.ARROW_BACK, on_click=lambda e: go(ctx, to)),
        _("Back"),
        identifier,
    )


def busy(ctx: ViewContext) -> list[ft.Control]:
    """A long step (a restore, the first pull from a server): what is happening, and that it goes on."""
    return [
        ft.Row([ft.ProgressRing()], alignment=ft.MainAxisAlignment.CENTER),
        ft.Text(
            ctx.state.choices.get(PROGRESS, ""),
            text_align=ft.TextAlign.CENTER,
            key="lock-progress",
        ),
    ]

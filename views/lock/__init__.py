"""The lock screen: the first-run choices when no vault exists (views/first_run.py), otherwise the
passphrase, or "J'ai perdu ma phrase de passe": the recovery key and a new passphrase.

A refusal (wrong passphrase, too many attempts, passphrases that differ) is written under the field it
is about, not in a passing message: the user reads it where they type again.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from components.labelled import labelled
from components.passphrase_fields import PassphrasePair, secret_field
from domain.errors import CarnetError, WeakPassphraseError
from views.context import ViewContext
from views.lock import first_run
from views.lock.forms import BUSY, MODE, RECOVER, back, busy, error, go, heading, refusal_text, refuse, rule
from views.sharing import urgence

__all__ = ["build", "refusal_text"]
COLUMN: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {
    "xs": 12,
    "sm": 9,
    "md": 6,
    "xl": 4,
}  # full width on a phone, a readable column on a screen


def build(ctx: ViewContext) -> ft.Control:
    state = ctx.state
    mode = state.choices.get(MODE, "")
    if mode == BUSY:  # checked first: a new device's vault exists before its first pull ends
        form = busy(ctx)
    elif state.first_run:
        form = first_run.form(ctx, mode)
    elif mode == RECOVER:
        form = _recover_form(ctx)
    else:
        form = _unlock_form(ctx)
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


def _unlock_form(ctx: ViewContext) -> list[ft.Control]:
    _, state = ctx._, ctx.state
    passphrase = secret_field(_("Passphrase"), error(ctx, "passphrase"), translate=_, autofocus=True)

    def unlock(e: object = None) -> None:
        _attempt(ctx, "passphrase", lambda: state.unlock(passphrase.value or ""))

    passphrase.on_submit = unlock
    lost = ft.TextButton(_("I lost my passphrase"), on_click=lambda e: go(ctx, RECOVER))
    return [
        ft.Semantics(content=passphrase, label=_("Passphrase"), identifier="passphrase"),
        labelled(ft.FilledButton(_("Unlock"), on_click=unlock), _("Unlock"), "unlock"),
        labelled(lost, _("I lost my passphrase"), "lost-passphrase"),
        *urgence.lock_entry(ctx),  # nothing unless the user turned the emergency card on (issue 16)
    ]


def _recover_form(ctx: ViewContext) -> list[ft.Control]:
    """The recovery key opens the carnet, and a new passphrase replaces the lost one."""
    _, state = ctx._, ctx.state
    try:
        has_key = state.session.has_recovery_key()
    except CarnetError:  # a damaged key file: the unlock says so; this screen must still be drawn
        has_key = False
    if not has_key:
        return [
            heading(_("I lost my passphrase")),
            ft.Text(
                _(
                    "This carnet has no recovery key: without its passphrase nobody can open it, not even "
                    "Carnet. A backup or your server can bring your data back on a new device or in a new "
                    "folder."
                ),
                key="no-recovery-key",
            ),
            back(ctx, "recovery-back"),
        ]
    code = ft.TextField(
        label=_("Recovery key"),
        autofocus=True,
        error=error(ctx, "recovery-code"),
        error_max_lines=4,
        capitalization=ft.TextCapitalization.CHARACTERS,
    )
    pair = PassphrasePair(
        _("New passphrase"),
        _("New passphrase again"),
        "recovery-new",
        (error(ctx, "recovery-new"), error(ctx, "recovery-new-again")),
        translate=_,
    )

    def reset(e: object = None) -> None:
        new = pair.first.value or ""
        if new != (pair.second.value or ""):
            refuse(ctx, "recovery-new-again", _("The two passphrases differ."))
            return
        state.touch()
        try:
            state.reset_passphrase(code.value or "", new, new)
        except WeakPassphraseError as exc:
            refuse(ctx, "recovery-new", exc.render(_))
        except CarnetError as exc:
            refuse(ctx, "recovery-code", refusal_text(ctx, exc))

    pair.second.on_submit = reset
    return [
        heading(_("I lost my passphrase")),
        ft.Text(_("Type your recovery key (8 groups of 4 characters), then choose a new passphrase.")),
        ft.Semantics(content=code, label=_("Recovery key"), identifier="recovery-code"),
        rule(ctx),
        *pair.controls(),
        labelled(
            ft.FilledButton(_("Open and change the passphrase"), on_click=reset),
            _("Open and change the passphrase"),
            "recovery-confirm",
        ),
        back(ctx, "recovery-back"),
    ]


def _attempt(ctx: ViewContext, identifier: str, action: Callable[[], object]) -> None:
    """Runs the unlock; a refusal is shown under the passphrase field (a re-render)."""
    ctx.state.touch()
    try:
        action()
    except CarnetError as exc:
        refuse(ctx, identifier, refusal_text(ctx, exc))

"""The recovery key: offered when a vault is created, made (or replaced) in Réglages, shown once.

The code lives only in the dialog that shows it and in the PDF the user saves to print; the vault keeps
only what it wraps (storage/keyfile.py). Closing the dialog forgets it.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft
from babel.dates import format_date

from components.dialog_actions import dialog_actions
from components.labelled import labelled
from components.passphrase_fields import secret_field
from domain.errors import CarnetError
from services.recovery_pdf import code_lines, recovery_key_pdf
from views.context import ViewContext
from views.lock.forms import refusal_text

PDF_NAME = "carnet-cle-de-secours.pdf"


def offer(ctx: ViewContext, then: Callable[[], object] = lambda: None) -> ft.AlertDialog:
    """Right after a vault is created: a recovery key now (recommended), or later in Réglages."""
    _ = ctx._

    def later(e: object = None) -> None:
        ctx.host.close_dialog()
        then()

    def create(e: object = None) -> None:
        ctx.host.close_dialog()
        show_new(ctx, then)

    dialog = ft.AlertDialog(
        modal=True,
        scrollable=True,  # a phone's keyboard leaves little room
        title=ft.Text(_("A recovery key?")),
        content=ft.Text(
            _(
                "If you forget your passphrase, nobody can open your carnet, not even Carnet. A recovery key "
                "is a code to print and keep at home: it opens the carnet and lets you choose a new "
                "passphrase. You can also make one later in Settings."
            ),
            key="recovery-offer",
        ),
        actions=dialog_actions(
            (_("Later"), later, "recovery-later"), (_("Make my recovery key"), create, "recovery-create")
        ),
    )
    ctx.host.show_dialog(dialog)
    return dialog


def show_new(ctx: ViewContext, then: Callable[[], object] = lambda: None) -> ft.AlertDialog | None:
    """Makes a new recovery key and shows it, once, with its PDF to print."""
    _, state = ctx._, ctx.state
    made: list[str] = []
    if not ctx.act(lambda: made.append(state.session.new_recovery_key())):
        then()
        return None
    code = made[0]

    async def save_pdf(e: object = None) -> None:
        day = format_date(state.today(), "long", locale=state.language)
        data = recovery_key_pdf(code, day, _)
        await ctx.host.files.save_as(_("Save the recovery key (PDF)"), PDF_NAME, data=data, extension="pdf")

    def done(e: object = None) -> None:
        ctx.host.close_dialog()
        state.notify()  # Réglages says the carnet has a recovery key now
        then()

    # Two lines of four groups, as on the PDF; a line wraps in two on a very narrow screen.
    shown = ft.Column(
        [
            ft.Row(
                [
                    ft.Text(
                        group, size=20, weight=ft.FontWeight.BOLD, font_family="monospace", selectable=True
                    )
                    for group in line.split("-")
                ],
                wrap=True,
                spacing=12,
                run_spacing=4,
                alignment=ft.MainAxisAlignment.CENTER,
            )
            for line in code_lines(code)
        ],
        spacing=4,
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
    )
    dialog = ft.AlertDialog(
        modal=True,
        scrollable=True,  # a phone's keyboard leaves little room
        title=ft.Text(_("Your recovery key")),
        content=ft.Column(
            [
                ft.Text(_("Write it down or print it now: it will never be shown again.")),
                ft.Semantics(
                    content=shown, label=" ".join(code.split("-")), identifier="recovery-code-shown"
                ),
                ft.Text(
                    _(
                        "Keep it somewhere safe, away from this device: whoever has it can open the carnet. "
                        "It also opens the backups made from now on."
                    ),
                    size=13,
                ),
            ],
            tight=True,
            width=460,
        ),
        actions=[
            labelled(
                ft.OutlinedButton(_("Save the PDF to print"), icon=ft.Icons.PRINT, on_click=save_pdf),
                _("Save the PDF to print"),
                "recovery-pdf",
            ),
            labelled(
                ft.FilledButton(_("I have noted it"), on_click=done), _("I have noted it"), "recovery-done"
            ),
        ],
        actions_alignment=ft.MainAxisAlignment.END,
    )
    ctx.host.show_dialog(dialog)
    return dialog


def ask_then_make(ctx: ViewContext) -> ft.AlertDialog:
    """Réglages: the passphrase first (a recovery key opens the carnet: only its owner makes one), then
    the new key; an older one stops opening the carnet."""
    _, state = ctx._, ctx.state
    field = secret_field(_("Passphrase"), translate=_, autofocus=True)
    replacing = state.session.has_recovery_key()

    def confirm(e: object = None) -> None:
        state.touch()
        try:
            state.session.verify_passphrase(field.value or "")
        except CarnetError as exc:
            field.value, field.error = "", refusal_text(ctx, exc)
            return
        ctx.host.close_dialog()
        show_new(ctx)

    field.on_submit = confirm
    lines = [_("Type your passphrase to make a recovery key.")]
    if replacing:
        lines.append(
            _(
                "The current recovery key will stop opening the carnet (backups made before keep "
                "opening with it)."
            )
        )
    title = _("Replace the recovery key") if replacing else _("Make a recovery key")
    dialog = ft.AlertDialog(
        modal=True,
        scrollable=True,  # a phone's keyboard leaves little room
        title=ft.Text(title),
        content=ft.Column(
            [
                *[ft.Text(line) for line in lines],
                ft.Semantics(content=field, label=_("Passphrase"), identifier="recovery-passphrase"),
            ],
            tight=True,
            width=460,
        ),
        actions=dialog_actions(
            (_("Cancel"), lambda e: ctx.host.close_dialog(), "recovery-cancel"),
            (_("Continue"), confirm, "recovery-passphrase-confirm"),
        ),
    )
    ctx.host.show_dialog(dialog)
    return dialog

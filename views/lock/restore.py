"""First run, "Restaurer une sauvegarde": the file, then its passphrase, or its recovery key and a new
passphrase. The carnet is restored into the app's own data folder; every chunk of the file is checked
before anything is written (storage/backup.py), and a refusal is shown under the field it is about.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
from pathlib import Path

import flet as ft

from components.labelled import labelled
from components.passphrase_fields import PassphrasePair, secret_field
from components.switch_row import switch_row
from domain.errors import (
    CarnetError,
    LockedError,
    WeakPassphraseError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from views.context import ViewContext
from views.lock.forms import BUSY, MODE, PROGRESS, back, error, go, heading, refusal_text, refuse, rule

RESTORE = "restore"
FILE, NAME, SPILLED = "lock.restore.file", "lock.restore.name", "lock.restore.spilled"
WITH_KEY = "lock.restore.recovery"


def form(ctx: ViewContext) -> list[ft.Control]:
    _, state = ctx._, ctx.state
    chosen = ft.TextField(
        label=_("Backup file"),
        value=state.choices.get(NAME, ""),
        hint_text=_("No file chosen yet"),
        read_only=True,
        error=error(ctx, "restore-file"),
        error_max_lines=4,
    )

    async def choose(e: object = None) -> None:
        await pick_file(ctx)

    pick = ft.OutlinedButton(_("Choose the file"), icon=ft.Icons.FOLDER_OPEN, on_click=choose)
    with_key = bool(state.choices.get(WITH_KEY))
    switch = ft.Switch(value=with_key, on_change=lambda e: go_with_key(ctx, bool(e.control.value)))
    secrets = _key_fields(ctx) if with_key else _passphrase_fields(ctx)

    async def restore(e: object = None) -> None:
        await restore_chosen(ctx, secrets)

    return [
        heading(_("Restore a backup")),
        ft.Text(_("Choose a backup file (.carnet) made by Carnet. It becomes the carnet of this device.")),
        ft.Semantics(content=chosen, label=_("Backup file"), identifier="restore-file"),
        labelled(pick, _("Choose the file"), "restore-pick"),
        switch_row(switch, _("I lost its passphrase: use the recovery key"), "restore-use-recovery"),
        *[
            control
            for name, field in secrets.items()
            for control in (
                *([rule(ctx)] if name == "restore-new" else []),  # the rule, before the new passphrase
                ft.Semantics(content=field, label=str(field.label), identifier=name),
            )
        ],
        labelled(
            ft.FilledButton(_("Restore"), icon=ft.Icons.RESTORE, on_click=restore),
            _("Restore"),
            "restore-confirm",
        ),
        back(ctx, "first-run-back"),
    ]


def _passphrase_fields(ctx: ViewContext) -> dict[str, ft.TextField]:
    field = secret_field(ctx._("Passphrase of the backup"), error(ctx, "restore-passphrase"), translate=ctx._)
    field.helper = ctx._("The passphrase the carnet had when the backup was made.")
    field.helper_max_lines = 3
    return {"restore-passphrase": field}


def _key_fields(ctx: ViewContext) -> dict[str, ft.TextField]:
    _ = ctx._
    code = ft.TextField(
        label=_("Recovery key"),
        error=error(ctx, "restore-code"),
        error_max_lines=4,
        capitalization=ft.TextCapitalization.CHARACTERS,
    )
    pair = PassphrasePair(
        _("New passphrase"),
        _("New passphrase again"),
        "restore-new",
        (error(ctx, "restore-new"), error(ctx, "restore-new-again")),
        translate=_,
    )
    return {"restore-code": code, "restore-new": pair.first, "restore-new-again": pair.second}


def go_with_key(ctx: ViewContext, on: bool) -> None:
    ctx.state.choices[WITH_KEY] = "1" if on else ""
    go(ctx, RESTORE)


async def pick_file(ctx: ViewContext) -> None:
    """The platform's file chooser; the browser hands bytes, kept in a private temporary file."""
    state = ctx.state
    picked = await ctx.host.files.pick(ctx._("Choose a backup"))
    if picked is None:
        return
    path = picked.path
    if path is None:
        fd, name = tempfile.mkstemp(suffix=".carnet")  # 0600: the file is encrypted anyway
        with os.fdopen(fd, "wb") as out:
            out.write(picked.data or b"")
        path, state.choices[SPILLED] = Path(name), name
    state.choices[FILE] = str(path)
    state.choices[NAME] = picked.name
    go(ctx, RESTORE)


async def restore_chosen(ctx: ViewContext, fields: dict[str, ft.TextField]) -> None:
    _, state = ctx._, ctx.state
    value = {name: field.value or "" for name, field in fields.items()}
    source = state.choices.get(FILE, "")
    if not source:
        refuse(ctx, "restore-file", _("Choose the backup file first."))
        return
    if "restore-code" in value:
        secret, new = value["restore-code"], value["restore-new"]
        if new != value["restore-new-again"]:
            refuse(ctx, "restore-new-again", _("The two passphrases differ."))
            return
    else:
        secret, new = value["restore-passphrase"], ""
        if not secret:
            refuse(ctx, "restore-passphrase", _("Type the passphrase of the backup."))
            return
    spilled = state.choices.get(SPILLED, "")
    state.choices[PROGRESS] = _("Restoring: the whole file is checked before anything is written...")
    go(ctx, BUSY)
    try:
        await asyncio.to_thread(state.restore, Path(source), secret, new)
    except (CarnetError, OSError) as exc:
        state.choices[MODE] = RESTORE
        refuse(ctx, _field_of(exc), refusal_text(ctx, exc) if isinstance(exc, CarnetError) else str(exc))
        return
    if spilled:
        with contextlib.suppress(OSError):
            os.unlink(spilled)
    ctx.host.toast(_("Your carnet is restored."))


def _field_of(exc: Exception) -> str:
    if isinstance(exc, WrongRecoveryKeyError):
        return "restore-code"
    if isinstance(exc, WeakPassphraseError):
        return "restore-new"
    if isinstance(exc, (WrongPassphraseError, LockedError)):
        return "restore-passphrase"
    return "restore-file"

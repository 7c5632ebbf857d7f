"""Réglages > Sauvegarde: "Sauvegarder maintenant", the date of the last backup (a warning after 30 days
or none), the optional weekly copy into a folder, and the automatic safety copies.

Where the file goes depends on the platform (views/files.py): on a desktop, the save dialog's path (the
backup is streamed there); in the browser, a download; on a phone, the app's documents folder and then
the share sheet, to send it or save it elsewhere. The backup runs off the UI thread, on a connection of
its own.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
import threading
from datetime import datetime
from pathlib import Path

import flet as ft

from components.labelled import labelled
from domain.errors import N_, CarnetError, ValidationError
from services import backup
from views.context import ViewContext
from views.files import DESKTOP, MOBILE, WEB
from views.labels import moment_text
from views.state import AppState

log = logging.getLogger("carnet")
BUSY, RESULT, FAILED = "backup.busy", "backup.result", "backup.failed"  # AppState.choices
WEB_DOWNLOAD_MAX = 256 * 1024 * 1024  # larger: the browser would hold it all in memory; kept on disk
REASON_NAMES = {
    "profile": N_("before a profile was deleted"),
    "demo": N_("before the demo family was removed"),
    "migration": N_("before an update of the carnet's format"),
}


def section(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    current = backup.status(state.session, state.now())
    busy = bool(state.choices.get(BUSY))

    async def save(e: object = None) -> None:
        await save_now(ctx)

    button = ft.FilledButton(_("Back up now"), icon=ft.Icons.SAVE, on_click=save, disabled=busy)
    rows: list[ft.Control] = [
        ft.Text(_("Backup"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        _last_backup(ctx, current),
        ft.Text(
            _(
                "One encrypted file holding the whole carnet: profiles, records, documents, settings and "
                "the access history. It opens with the passphrase of the moment, or the recovery key."
            ),
            size=13,
        ),
        ft.Row(
            [
                labelled(button, _("Back up now"), "backup-now"),
                *([ft.ProgressRing(width=20, height=20)] if busy else []),
            ],
            wrap=True,
        ),
    ]
    if state.choices.get(RESULT):
        colour = ft.Colors.ERROR if state.choices.get(FAILED) else None
        rows.append(ft.Text(state.choices[RESULT], color=colour, selectable=True, key="backup-result"))
    return ft.Column([*rows, *_weekly(ctx, current), *_safety_copies(ctx)], spacing=8)


def _last_backup(ctx: ViewContext, current: backup.BackupStatus) -> ft.Control:
    _, language = ctx._, ctx.state.language
    if current.last is None:
        text = _("No backup yet: a lost or changed phone would lose everything.")
    elif current.overdue:
        text = _("Last backup: {when}, more than 30 days ago. Make a new one.").format(
            when=moment_text(current.last, language)
        )
    else:
        text = _("Last backup: {when}").format(when=moment_text(current.last, language))
    colour = ft.Colors.ERROR if current.overdue else ft.Colors.PRIMARY
    icon = ft.Icons.WARNING_AMBER if current.overdue else ft.Icons.CHECK_CIRCLE
    return ft.Row(
        [
            ft.Icon(icon, color=colour, key="backup-overdue" if current.overdue else "backup-ok"),
            ft.Text(text, color=colour if current.overdue else None, expand=True, key="backup-last"),
        ]
    )


async def save_now(ctx: ViewContext) -> Path | None:
    """The backup, where the platform lets the user put it; the outcome shown under the button."""
    _, state, files = ctx._, ctx.state, ctx.host.files
    now = state.now()
    name = backup.file_name(now)
    target = state.export_dir / name
    if files.platform == DESKTOP:
        try:
            chosen = await files.save_as(_("Save a backup"), name, extension="carnet")
        except Exception:  # noqa: BLE001 - no dialog on this desktop (Linux without zenity): the export folder
            log.warning("no save dialog; the backup goes to %s", state.export_dir, exc_info=True)
            chosen = str(target)
        if not chosen:
            return None  # cancelled
        target = Path(chosen)
    scratch = Path(tempfile.mkdtemp()) if files.platform == WEB else None
    if scratch is not None:
        target = scratch / name  # handed to the browser, then removed
    state.choose(BUSY, "1")
    path: Path | None = None
    try:
        path = await asyncio.to_thread(_write, state, target, now)
        message = await _deliver(ctx, path)
    except (CarnetError, OSError) as exc:
        text = exc.render(_) if isinstance(exc, CarnetError) else str(exc)
        path, message = None, _("The backup could not be made: {error}").format(error=text)
    finally:
        state.choices.pop(BUSY, None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    _show(state, message, failed=path is None)
    return path


def _write(state: AppState, target: Path, now: datetime) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    worker = state.session.worker()  # a backup of a large carnet takes seconds: not on the UI's connection
    try:
        return backup.backup_now(worker, target, now, overwrite=True)
    finally:
        worker.lock()


async def _deliver(ctx: ViewContext, path: Path) -> str:
    _, state, files = ctx._, ctx.state, ctx.host.files
    if files.platform == WEB:
        if path.stat().st_size > WEB_DOWNLOAD_MAX:
            kept = state.export_dir / path.name
            state.export_dir.mkdir(parents=True, exist_ok=True)
            shutil.move(path, kept)
            return _("Backup too large for the browser: saved in {path}.").format(path=kept)
        await files.save_as(_("Save a backup"), path.name, data=path.read_bytes(), extension="carnet")
        return _("Backup handed to your browser, which saves it in its downloads ({name}).").format(
            name=path.name
        )
    if files.platform == MOBILE:
        await files.share(path, _("Save a backup"))
        return _("Backup saved in {path}; the share sheet can send or save it elsewhere.").format(path=path)
    return _("Backup saved: {path}").format(path=path)


def _show(state: AppState, text: str, *, failed: bool = False) -> None:
    state.choices[FAILED] = "1" if failed else ""
    state.choose(RESULT, text)


# -- the weekly copy ------------------------------------------------------------------------------------
def _weekly(ctx: ViewContext, current: backup.BackupStatus) -> list[ft.Control]:
    _, state = ctx._, ctx.state
    rows: list[ft.Control] = [ft.Text(_("Weekly copy"), weight=ft.FontWeight.BOLD)]
    if current.weekly_folder:
        rows.append(
            ft.Text(
                _("Every week, a copy goes to {dir}.").format(dir=current.weekly_folder), key="weekly-status"
            )
        )
        if current.weekly_failed is not None:
            rows.append(
                ft.Row(
                    [
                        ft.Icon(ft.Icons.WARNING_AMBER, color=ft.Colors.ERROR),
                        ft.Text(
                            _(
                                "The last weekly copy could not be written ({when}); it is tried again "
                                "within the hour. Is the folder still there?"
                            ).format(when=moment_text(current.weekly_failed, state.language)),
                            color=ft.Colors.ERROR,
                            expand=True,
                            key="weekly-failed",
                        ),
                    ]
                )
            )
        stop = ft.OutlinedButton(_("Stop the weekly copy"), on_click=lambda e: _set_folder(ctx, None))
        return [*rows, labelled(stop, _("Stop the weekly copy"), "weekly-off")]
    folder = ft.TextField(label=_("Folder of the weekly copy"), error_max_lines=4)

    async def choose(e: object = None) -> None:
        chosen = await ctx.host.files.folder(_("Folder of the weekly copy"))
        if chosen:
            folder.value, folder.error = chosen, None

    def turn_on(e: object = None) -> None:
        if not (folder.value or "").strip():
            folder.error = _("Choose a folder first.")
            return
        try:
            _set_folder(ctx, Path(folder.value.strip()))
        except ValidationError as exc:
            folder.error = exc.render(_)

    buttons: list[ft.Control] = [
        labelled(
            ft.FilledButton(_("Turn on the weekly copy"), on_click=turn_on),
            _("Turn on the weekly copy"),
            "weekly-on",
        )
    ]
    if ctx.host.files.platform != WEB:  # a browser cannot hand a folder's path
        buttons.insert(
            0,
            labelled(
                ft.OutlinedButton(_("Choose a folder"), icon=ft.Icons.FOLDER_OPEN, on_click=choose),
                _("Choose a folder"),
                "weekly-choose",
            ),
        )
    return [
        *rows,
        ft.Text(
            _(
                "Carnet can also back up by itself every week into a folder you choose (a memory card, a "
                "synchronised folder...)."
            ),
            size=13,
        ),
        ft.Semantics(content=folder, label=_("Folder of the weekly copy"), identifier="weekly-folder"),
        ft.Row(buttons, wrap=True),
    ]


def _set_folder(ctx: ViewContext, folder: Path | None) -> None:
    backup.set_weekly_folder(ctx.state.session, folder)
    ctx.state.touch()
    ctx.state.notify()


_weekly_running = threading.Lock()  # two tabs of the web mode: one copy


def weekly_copy(state: AppState) -> Path | None:
    """The weekly copy if one is due; called at unlock, then every minute (views/app.py), off the UI
    thread. A failure is kept for Réglages to show, never raised."""
    if state.locked or not backup.weekly_due(state.session, state.now()):
        return None
    if not _weekly_running.acquire(blocking=False):
        return None
    try:
        worker = state.session.worker()
        try:
            path = backup.weekly_backup_if_due(worker, state.now())
        finally:
            worker.lock()
    except (CarnetError, OSError) as exc:
        log.warning("the weekly copy failed: %s", exc.render() if isinstance(exc, CarnetError) else exc)
        path = None
    finally:
        _weekly_running.release()
    if state.route == "/settings":  # the date or the failure shown there
        state.notify()
    return path


# -- safety copies -----------------------------------------------------------------------------------------
def _safety_copies(ctx: ViewContext) -> list[ft.Control]:
    _, state = ctx._, ctx.state
    copies = backup.list_safety_copies(state.session.data_dir)
    rows: list[ft.Control] = [
        ft.Text(_("Automatic safety copies"), weight=ft.FontWeight.BOLD),
        ft.Text(
            _(
                "Before a profile is deleted, the demo family removed or the carnet's format updated, "
                "Carnet keeps an encrypted copy in its own folder (the last {n}). A deleted profile stays "
                "in them until they are replaced or erased."
            ).format(n=backup.KEEP_SAFETY_COPIES),
            size=13,
        ),
    ]
    if not copies:
        return [*rows, ft.Text(_("No safety copy for now."), key="safety-none")]
    for copy in copies:
        when = moment_text(copy.made, state.language) if copy.made else copy.path.name
        reason = _(REASON_NAMES[copy.reason]) if copy.reason in REASON_NAMES else copy.reason
        rows.append(ft.Text(f"{when} · {reason}", key=f"safety-{copy.path.name}"))

    def erase() -> None:
        backup.erase_safety_copies(state.session.data_dir)

    ask = _("Erase the {n} safety copies? The profiles deleted that they still hold will be gone for good.")
    button = ft.OutlinedButton(
        _("Erase the safety copies"),
        icon=ft.Icons.DELETE_SWEEP,
        on_click=lambda e: ctx.confirm(
            ask.format(n=len(copies)), _("Erase"), erase, done=_("Safety copies erased."), after=state.notify
        ),
    )
    return [*rows, labelled(button, _("Erase the safety copies"), "safety-erase")]

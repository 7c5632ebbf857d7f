"""Réglages > Synchronisation: the server, its status, a round in the background, conflicts to resolve,
profiles deleted on another device (views/sync_trash.py) and the Corbeille."""

from __future__ import annotations

from datetime import datetime

import flet as ft

from components.form_errors import FieldForm
from components.labelled import labelled
from components.passphrase_fields import TOKEN_REVEAL, secret_field
from domain.errors import CarnetError
from services.sync import round as sync
from services.sync.round import SyncIssue
from views.context import ViewContext
from views.forms import on_field
from views.labels import moment_text
from views.settings import trash as sync_trash


def section(ctx: ViewContext) -> ft.Control:
    _, session = ctx._, ctx.state.session
    status = sync.sync_status(session)
    server = ft.TextField(
        label=_("FHIR server address"), value=status.server, keyboard_type=ft.KeyboardType.URL
    )
    token = secret_field(_("Access token"), translate=_, reveal=TOKEN_REVEAL)
    form = FieldForm({"server": server, "token": token}, "sync")
    button = ft.FilledButton(
        _("Synchronise now"),
        icon=ft.Icons.SYNC,
        on_click=lambda e: start_round(ctx, server.value, token.value, form),
    )
    rows: list[ft.Control] = [
        ft.Text(_("Synchronisation"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        form.error,
        ft.Semantics(content=server, label=_("FHIR server address"), identifier="sync-server"),
        ft.Semantics(content=token, label=_("Access token"), identifier="sync-token"),
        labelled(button, _("Synchronise now"), "sync-now"),
        ft.Text(_status_line(ctx, status), key="sync-status"),
    ]
    if status.last_error is not None:
        rows.append(ft.Text(status.last_error.render(_), color=ft.Colors.ERROR, key="sync-error"))
    rows += sync_trash.deleted_elsewhere(ctx)
    rows += [_conflict_row(ctx, issue) for issue in sync.list_issues(session, "conflict")]
    rows += sync_trash.trash(ctx)
    return ft.Column(rows, spacing=8)


def _local(instant: str) -> datetime:
    """The stored ISO instant of the last round, in this computer's time (never shown as ISO)."""
    moment = datetime.fromisoformat(instant)
    return moment.astimezone() if moment.tzinfo else moment


def _status_line(ctx: ViewContext, status: sync.SyncStatus) -> str:
    _ = ctx._
    when = (
        _("Last synchronisation: {when}").format(
            when=moment_text(_local(status.last_sync), ctx.state.language)
        )
        if status.last_sync
        else _("Never synchronised")
    )
    parts = [
        when,
        ctx.ngettext("{n} change waiting", "{n} changes waiting", status.pending).format(n=status.pending),
    ]
    if status.conflicts:
        parts.append(
            ctx.ngettext("{n} conflict to resolve", "{n} conflicts to resolve", status.conflicts).format(
                n=status.conflicts
            )
        )
    if status.not_synced:
        parts.append(
            ctx.ngettext(
                "{n} change refused by the server", "{n} changes refused by the server", status.not_synced
            ).format(n=status.not_synced)
        )
    if status.quarantined:
        parts.append(
            ctx.ngettext(
                "{n} invalid record from the server set aside",
                "{n} invalid records from the server set aside",
                status.quarantined,
            ).format(n=status.quarantined)
        )
    if status.deleted_elsewhere:
        parts.append(
            ctx.ngettext(
                "{n} profile deleted on another device",
                "{n} profiles deleted on another device",
                status.deleted_elsewhere,
            ).format(n=status.deleted_elsewhere)
        )
    if status.more_to_pull:
        parts.append(_("more to receive at the next synchronisation"))
    return " · ".join(parts)


def _conflict_row(ctx: ViewContext, issue: SyncIssue) -> ft.Control:
    _ = ctx._

    def choose(keep: str) -> None:
        if ctx.act(lambda: sync.resolve_conflict(ctx.state.session, issue.id, keep, ctx.state.today())):
            ctx.state.reload()

    return ft.Row(
        [
            ft.Text(
                _("Changed here and on the server: {what}").format(what=issue.resource_type), expand=True
            ),
            labelled(ft.TextButton(_("Keep mine"), on_click=lambda e: choose("mine")), _("Keep mine")),
            labelled(
                ft.TextButton(_("Keep the server's"), on_click=lambda e: choose("theirs")),
                _("Keep the server's"),
            ),
        ],
        wrap=True,
    )


def start_round(ctx: ViewContext, server: str | None, token: str | None, form: FieldForm) -> None:
    """Saves the settings (a refusal under the server's address), then runs one round off
    the UI thread, on a connection of its own."""
    state = ctx.state

    def configure() -> None:
        with on_field("server"):
            sync.configure(state.session, server or "", token or None)

    if not ctx.submit(configure, after=lambda: None, form=form, close=False):
        return

    def work() -> None:
        try:
            worker = state.session.worker()
        except CarnetError as exc:
            ctx.host.toast(exc.render(ctx._))
            return
        try:
            report = sync.sync_now(worker, today=state.today())
        except CarnetError as exc:
            ctx.host.toast(exc.render(ctx._))
            return
        finally:
            worker.lock()
        ctx.host.toast(round_message(ctx, report))
        if state.session.unlocked:
            state.reload()  # profiles and records may have come from the server

    ctx.host.run_thread(work)


def round_message(ctx: ViewContext, report: sync.SyncReport) -> str:
    """What the round really did: what it sent and received even when it stopped, and what waits."""
    _ = ctx._
    done = _("Synchronised: {pushed} sent, {pulled} received.").format(
        pushed=report.pushed, pulled=report.pulled
    )
    parts = [done] if report.error is None or report.pushed or report.pulled else []
    if report.error is not None:
        parts.append(report.error.render(_))
    if report.deleted_elsewhere:
        parts.append(
            ctx.ngettext(
                "{n} profile deleted on another device: choose below what to do.",
                "{n} profiles deleted on another device: choose below what to do.",
                report.deleted_elsewhere,
            ).format(n=report.deleted_elsewhere)
        )
    if report.trashed:
        parts.append(
            ctx.ngettext(
                "{n} record deleted on another device is in the trash.",
                "{n} records deleted on another device are in the trash.",
                report.trashed,
            ).format(n=report.trashed)
        )
    if report.more and report.error is None:
        parts.append(_("More changes wait on the server; the next synchronisation receives them."))
    return " ".join(parts)

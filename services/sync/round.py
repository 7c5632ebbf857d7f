"""Synchronise the vault with a FHIR R4 server: one round = push the outbox, then pull what changed.

Offline-first: every local change is already in the outbox (same transaction as the change), so a round
that fails half-way (no network, server error, the process killed) loses nothing; the next one goes on.
The UI runs ``sync_now`` in a background thread and shows ``sync_status``.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import httpx

from domain.errors import N_, CarnetError, NotFoundError, SyncError, ValidationError
from services.session import Session
from services.sync import trash as sync_trash
from services.sync.apply import apply_resource
from services.sync.client import FhirClient, Limits, check_server_url
from services.sync.pull import CURSOR, pull
from services.sync.push import push
from services.sync.token import load_token, save_token
from storage.repositories import Change
from storage.sync_ledger import CONFLICT, DELETED_ELSEWHERE, QUARANTINE, REJECTED, SyncIssue, now_text
from storage.uow import UnitOfWork

_running = threading.Lock()  # one round at a time per process (a double tap on the button)


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    pending: int = 0
    conflicts: int = 0
    rejected: int = 0
    quarantined: int = 0
    requests: int = 0
    trashed: int = 0  # records deleted on another device, moved to the Corbeille by this round
    deleted_elsewhere: int = 0  # profiles deleted on another device, marked by this round
    more: bool = False  # the server's history was not read to its end: the next round goes on
    error: CarnetError | None = None

    def line(self) -> str:
        """What the round did, for the command line (stable words: scripts read it)."""
        extras = [f"trashed {self.trashed}"] if self.trashed else []
        extras += [f"deleted elsewhere {self.deleted_elsewhere}"] if self.deleted_elsewhere else []
        extras += ["more to pull"] if self.more else []
        return ", ".join([f"pushed {self.pushed}, pulled {self.pulled}, pending {self.pending}", *extras])


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the Réglages screen shows."""

    server: str
    last_sync: str  # ISO instant of the last round that ended without error, "" if never
    pending: int
    conflicts: int
    not_synced: int
    quarantined: int
    last_error: CarnetError | None
    deleted_elsewhere: int = 0  # profiles waiting for the user's choice
    more_to_pull: bool = False  # the last round stopped before the end of the server's history


def configure(session: Session, server: str, token: str | None = None) -> str:
    """Remember the server (and its token, in the keyring or sealed in the vault)."""
    server = check_server_url(server)
    with session.uow() as uow:
        uow.sync_state.set("server", server)
        if token:
            save_token(uow, server, token)
        uow.commit()
    return server


def sync_now(
    session: Session,
    server: str | None = None,
    token: str | None = None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    retries: int = 4,
    backoff: float = 0.5,
    timeout: float = 15.0,
    limits: Limits | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    today: date | None = None,
) -> SyncReport:
    """One round, bounded by ``limits``. Never raises for a server problem: the report carries it, and the
    status keeps it."""
    if server or token:
        configure(session, server or _state(session, "server"), token)
    server = _state(session, "server")
    if not server:
        raise ValidationError("No synchronisation server is set.")
    if not _running.acquire(blocking=False):
        raise ValidationError("A synchronisation is already running.")
    today = today or date.today()
    report = SyncReport()
    try:
        sync_trash.purge_trash(session, today)
        before = _kept_counts(session)
        with session.uow() as uow:
            token = load_token(uow, server)
        with FhirClient(
            server, token, transport=transport, timeout=timeout, retries=retries, backoff=backoff,
            sleep=sleep, limits=limits, clock=clock,
        ) as client:  # fmt: skip
            _round(session, client, report, today)
            report.requests = client.requests
        after = _kept_counts(session)
        report.trashed, report.deleted_elsewhere = after[0] - before[0], after[1] - before[1]
        _finish(session, report)
    finally:
        _running.release()
    return report


def _round(session: Session, client: FhirClient, report: SyncReport, today: date) -> None:
    try:
        push(session, client, report)
        pull(session, client, report, today)
    except SyncError as exc:
        report.error = exc
    except (CarnetError, sqlite3.Error):  # the vault itself could not be written: say what was kept
        report.error = SyncError(
            N_(
                "The vault could not be written during the synchronisation; {pushed} change(s) sent and "
                "{pulled} received before that are kept, the rest follows at the next round."
            ),
            pushed=report.pushed,
            pulled=report.pulled,
        )


def _state(session: Session, key: str) -> str:
    with session.uow() as uow:
        return uow.sync_state.get(key)


def _finish(session: Session, report: SyncReport) -> None:
    with session.uow() as uow:
        if report.error is None:
            uow.sync_state.set("last_sync", now_text())
            uow.sync_state.set("last_error", "")
        else:
            error = {"msgid": report.error.msgid, "params": report.error.params}
            uow.sync_state.set("last_error", json.dumps(error))
        if report.pushed or report.pulled:
            _log_exchanges(uow, report)
        uow.commit()
        report.pending = uow.outbox.pending_rows()
        report.quarantined = uow.issues.counts()[QUARANTINE]


def _kept_counts(session: Session) -> tuple[int, int]:
    """(entries in the Corbeille, profiles deleted elsewhere waiting for a choice)."""
    with session.uow() as uow:
        return uow.trash.count(), len(sync_trash.held_profiles(uow))


def _log_exchanges(uow: UnitOfWork, report: SyncReport) -> None:
    """A round that sent or brought something is an exchange of every profile, in its history (issue 16)."""
    from urllib.parse import urlsplit

    from domain.exchanges import Exchange
    from services.access_log import now_utc
    from services.sharing import exchange_log

    now, server = now_utc(), urlsplit(uow.sync_state.get("server")).hostname or ""
    label = f"↑{report.pushed} ↓{report.pulled}"  # sent, received: the same in every language
    for profile in uow.profiles.list():
        exchange = Exchange(profile.id, "sync", now, who="sync", label=label, counterpart=server)
        exchange_log.record(uow, exchange, now)


def sync_status(session: Session) -> SyncStatus:
    with session.uow() as uow:
        counts = uow.issues.counts()
        error_text = uow.sync_state.get("last_error")
        error = None
        if error_text:
            saved = json.loads(error_text)
            error = SyncError(saved["msgid"], **saved["params"])
        return SyncStatus(
            server=uow.sync_state.get("server"),
            last_sync=uow.sync_state.get("last_sync"),
            pending=uow.outbox.pending_rows(),
            conflicts=counts[CONFLICT],
            not_synced=counts[REJECTED],
            quarantined=counts[QUARANTINE],
            last_error=error,
            deleted_elsewhere=counts.get(DELETED_ELSEWHERE, 0),
            more_to_pull=bool(uow.sync_state.get(CURSOR)),
        )


def list_issues(session: Session, kind: str) -> list[SyncIssue]:
    """Conflicts to resolve (``conflict``), changes the server refused (``rejected``), or resources from the
    server set aside as invalid (``quarantine``)."""
    with session.uow() as uow:
        return uow.issues.list(kind)


def resolve_conflict(session: Session, issue_id: str, keep: str, today: date | None = None) -> None:
    """``keep="mine"``: the local version goes to the server over the one it holds now.
    ``keep="theirs"``: the server's version replaces the local one (a deletion: the record goes to the
    Corbeille). Nothing changes before this choice."""
    if keep not in ("mine", "theirs"):
        raise ValidationError("Choose which version to keep.")
    with session.uow(from_server=keep == "theirs") as uow:
        issue = next((i for i in uow.issues.list(CONFLICT) if i.id == issue_id), None)
        if issue is None:
            raise NotFoundError(record=issue_id)
        remote, version = issue.content.get("remote"), str(issue.content.get("version") or "")
        if keep == "theirs":
            apply_resource(uow, None, issue.resource_type, issue.row_id, remote, {}, today or date.today())
            uow.outbox.drop_row(issue.row_id)  # local edits set aside
        else:
            uow.outbox.requeue(_change_of(uow, issue))
        if version:
            uow.remote.set(issue.row_id, issue.profile_id, issue.resource_type, version)
        elif keep == "mine":  # the server deleted it: our version is created again, without If-Match
            uow.remote.forget(issue.row_id)
        uow.issues.drop(issue.id)
        uow.commit()


def _change_of(uow: UnitOfWork, issue: SyncIssue) -> Change:
    deleted = issue.row_table == "records" and uow.records.gone(issue.row_id)
    return Change(issue.row_table, issue.row_id, issue.profile_id, "delete" if deleted else "put")


def retry_not_synced(session: Session) -> int:
    """Sends the refused changes again (after an update of Carnet or of the server)."""
    with session.uow() as uow:
        refused = uow.issues.list(REJECTED)
        for issue in refused:
            if issue.row_id:
                uow.outbox.requeue(_change_of(uow, issue))
            uow.issues.drop(issue.id)
        uow.commit()
    return len(refused)

"""Synchronise the vault with a FHIR R4 server: one round = push the outbox, then pull what changed.

Offline-first: every local change is already in the outbox (same transaction as the change), so a round
that fails half-way (no network, server error, the process killed) loses nothing; the next one goes on.
The UI runs ``sync_now`` in a background thread and shows ``sync_status``.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any

import httpx

from domain.errors import CarnetError, NotFoundError, SyncError, ValidationError
from services import sync_store as st
from services.api_client import FhirClient, check_server_url
from services.sync_pull import apply_resource, pull
from services.sync_push import push
from storage.uow import UnitOfWork
from storage.vault import Vault

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
    error: CarnetError | None = None

    def line(self) -> str:
        return f"pushed {self.pushed}, pulled {self.pulled}, pending {self.pending}"


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


def configure(vault: Vault, server: str, token: str | None = None) -> str:
    """Remember the server (and its token, in the keyring or sealed in the vault)."""
    server = check_server_url(server)
    with UnitOfWork(vault) as uow:
        st.set_state(vault, "server", server)
        if token:
            st.save_token(vault, server, token)
        uow.commit()
    return server


def sync_now(
    vault: Vault,
    server: str | None = None,
    token: str | None = None,
    *,
    transport: httpx.BaseTransport | None = None,
    retries: int = 4,
    backoff: float = 0.5,
    timeout: float = 15.0,
) -> SyncReport:
    """One round. Never raises for a server problem: the report carries it, and the status keeps it."""
    if server or token:
        configure(vault, server or st.get_state(vault, "server"), token)
    server = st.get_state(vault, "server")
    if not server:
        raise ValidationError("No synchronisation server is set.")
    if not _running.acquire(blocking=False):
        raise ValidationError("A synchronisation is already running.")
    report = SyncReport()
    try:
        client = FhirClient(
            server,
            st.load_token(vault, server),
            transport=transport,
            retries=retries,
            backoff=backoff,
            timeout=timeout,
        )
        with client:
            try:
                push(vault, client, report)
                pull(vault, client, report)
            except SyncError as exc:
                report.error = exc
            report.requests = client.requests
        _finish(vault, report)
    finally:
        _running.release()
    return report


def _finish(vault: Vault, report: SyncReport) -> None:
    with UnitOfWork(vault) as uow:
        if report.error is None:
            st.set_state(vault, "last_sync", st.now_text())
            st.set_state(vault, "last_error", "")
        else:
            st.set_state(
                vault, "last_error", json.dumps({"msgid": report.error.msgid, "params": report.error.params})
            )
        uow.commit()
    report.pending = st.pending_count(vault)
    report.quarantined = st.issue_counts(vault)[st.QUARANTINE]


def sync_status(vault: Vault) -> SyncStatus:
    with UnitOfWork(vault):
        counts = st.issue_counts(vault)
        error_text = st.get_state(vault, "last_error")
        error = None
        if error_text:
            saved = json.loads(error_text)
            error = SyncError(saved["msgid"], **saved["params"])
        return SyncStatus(
            server=st.get_state(vault, "server"),
            last_sync=st.get_state(vault, "last_sync"),
            pending=st.pending_count(vault),
            conflicts=counts[st.CONFLICT],
            not_synced=counts[st.REJECTED],
            quarantined=counts[st.QUARANTINE],
            last_error=error,
        )


def list_issues(vault: Vault, kind: str) -> list[st.SyncIssue]:
    """Conflicts to resolve (``conflict``), changes the server refused (``rejected``), or resources from the
    server set aside as invalid (``quarantine``)."""
    with UnitOfWork(vault):
        return st.issues(vault, kind)


def resolve_conflict(vault: Vault, issue_id: str, keep: str) -> None:
    """``keep="mine"``: the local version goes to the server over the one it holds now.
    ``keep="theirs"``: the server's version replaces the local one. Nothing changes before this choice."""
    if keep not in ("mine", "theirs"):
        raise ValidationError("Choose which version to keep.")
    with UnitOfWork(vault, from_server=keep == "theirs") as uow:
        issue = next((i for i in st.issues(vault, st.CONFLICT) if i.id == issue_id), None)
        if issue is None:
            raise NotFoundError(record=issue_id)
        remote, version = issue.content.get("remote"), str(issue.content.get("version") or "")
        if keep == "theirs":
            apply_resource(uow, None, issue.resource_type, issue.row_id, remote, {})
            vault.db.execute("DELETE FROM outbox WHERE row_id = ?", [issue.row_id])  # local edits set aside
        else:
            st.requeue(vault, _change_of(vault, issue))
        if version:
            st.set_remote(vault, issue.row_id, issue.profile_id, issue.resource_type, version)
        elif keep == "mine":  # the server deleted it: our version is created again, without If-Match
            vault.db.execute("DELETE FROM sync_remote WHERE row_id = ?", [issue.row_id])
        st.drop_issue(vault, issue.id)
        uow.commit()


def _change_of(vault: Vault, issue: st.SyncIssue) -> st.Change:
    deleted: Any = None
    if issue.row_table == "records":
        row = vault.db.execute("SELECT deleted FROM records WHERE id = ?", [issue.row_id]).fetchone()
        deleted = row[0] if row else 1
    return st.Change(issue.row_table, issue.row_id, issue.profile_id, "delete" if deleted else "put")


def retry_not_synced(vault: Vault) -> int:
    """Sends the refused changes again (after an update of Carnet or of the server)."""
    with UnitOfWork(vault) as uow:
        refused = st.issues(vault, st.REJECTED)
        for issue in refused:
            if issue.row_id:
                st.requeue(vault, _change_of(vault, issue))
            st.drop_issue(vault, issue.id)
        uow.commit()
    return len(refused)

"""Partager: a share made from the vault, turned into a SMART Health Link, and revoked.

The chosen documents (never a masked one) and, optionally, the summary become JWE files in one manifest
(services/sharing/shlink.py). Where the manifest goes:

* a FHIR server is configured (the sync's): the manifest is put there as a ``Binary`` under an id of 192
  random bits, and the link names that address; revoking deletes it there (one tap), and the share's
  record, revoked, reaches the other devices through the sync;
* otherwise the manifest is a file to hand over (save dialog, share sheet) with the link; the link's
  address is then under ``carnet.invalid`` (RFC 2606: no host answers there), since no server holds it.

The key lives only in the link shown once: the share's record (sealed, synced) keeps no key, so the
server that holds the encrypted files cannot open them.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

from domain.errors import N_, SyncError, ValidationError
from domain.exchanges import Exchange
from domain.models import Document
from domain.sharing import SHARE_DURATIONS_DAYS, Share, shareable
from services import records
from services.session import Session
from services.sharing import exchange_log, shlink
from services.sharing.data import summary_data
from services.sharing.summary import summary_bundle
from services.sharing.texts import Texts
from services.sync.client import FhirClient
from services.sync.token import load_token

OFFLINE_BASE = "https://carnet.invalid/shl/"
MANIFEST_TYPE = "application/json"


@dataclass(frozen=True, slots=True)
class Made:
    share: Share
    link: str  # shlink:/... (shown once: it holds the key)
    manifest: bytes  # the encrypted files, to hand over when nothing was uploaded
    qr_png: bytes


def offered_documents(session: Session, profile_id: str) -> list[Document]:
    """The documents a share may propose: the profile's unmasked ones, newest first."""
    return shareable(records.list_records(session, profile_id, "document"))


def server_of(session: Session) -> str:
    with session.uow() as uow:
        return uow.sync_state.get("server")


def create_share(
    session: Session,
    profile_id: str,
    label: str,
    document_ids: tuple[str, ...],
    with_summary: bool,
    days: int,
    now: datetime,
    today: date,
    texts: Texts | None = None,
    upload: bool = True,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Made:
    """Checks the share, encrypts its files, uploads them when a server is set (and ``upload``), then
    keeps the share and logs it; nothing is kept when any step fails."""
    if days not in SHARE_DURATIONS_DAYS:
        raise ValidationError("Choose how long the share lasts.")
    share = Share(profile_id, label, now, now + timedelta(days=days), tuple(document_ids), with_summary)
    with session.uow() as uow:
        documents = uow.records.list(profile_id, "document")
        share.check(now, documents)
        chosen = [d for d in documents if d.id in share.document_ids]
        pairs = [(d, uow.attachments.get(profile_id, d.attachment_id)) for d in chosen]
    summary = (
        summary_bundle(summary_data(session, profile_id, today), today, now, texts) if with_summary else None
    )
    files = shlink.share_files(share, now, summary, pairs)
    server = server_of(session) if upload else ""
    manifest_id = secrets.token_hex(24)  # a FHIR id ([A-Za-z0-9.-]{1,64}), 192 random bits
    url = f"{server}/Binary/{manifest_id}" if server else OFFLINE_BASE + manifest_id
    link = shlink.build_link(share, files, url)
    manifest = json.dumps(link.manifest(now), separators=(",", ":")).encode("utf-8")
    if server:
        _put_manifest(session, server, manifest_id, manifest, transport)
        share = dataclasses.replace(share, uploaded=url)
    uri = link.uri()
    with session.uow() as uow:
        records.store(uow, profile_id, share)
        where = urlsplit(server).hostname or "" if server else ""
        exchange_log.record(uow, Exchange(profile_id, "share", now, label=share.label, counterpart=where,
                                          subject_id=share.id), now)  # fmt: skip
        uow.commit()
    return Made(share, uri, manifest, shlink.qr_png(uri))


def list_shares(session: Session, profile_id: str) -> list[Share]:
    found: list[Share] = records.list_records(session, profile_id, "share")
    return sorted(found, key=lambda s: (s.created, s.id), reverse=True)


def revoke_share(
    session: Session, share: Share, now: datetime, transport: httpx.AsyncBaseTransport | None = None
) -> Share:
    """Ends the share now: its files leave the server they were put on (a server that already lost them
    is fine), then the share is kept as revoked and the revocation logged."""
    if share.revoked is not None:
        raise ValidationError("This share is already revoked.")
    if share.uploaded:
        server, _, manifest_id = share.uploaded.rpartition("/Binary/")
        _call(session, server, "DELETE", f"Binary/{manifest_id}", None, transport, (200, 204, 404, 410))
    revoked = dataclasses.replace(share, revoked=max(now, share.created))
    with session.uow() as uow:
        records.store(uow, share.profile_id, revoked, action="update")
        exchange = Exchange(share.profile_id, "revoke", now, label=share.label, subject_id=share.id)
        exchange_log.record(uow, exchange, now)
        uow.commit()
    return revoked


def fetch_manifest(
    session: Session, url: str, transport: httpx.AsyncBaseTransport | None = None
) -> dict[str, Any]:
    """The manifest a link names on the user's server (a device checking its own link; the tests)."""
    server, _, manifest_id = url.rpartition("/Binary/")
    status, body = _call(session, server, "GET", f"Binary/{manifest_id}", None, transport, (200,))
    data = base64.b64decode((body or {}).get("data", ""))
    manifest: dict[str, Any] = json.loads(data)
    return manifest


def _put_manifest(
    session: Session,
    server: str,
    manifest_id: str,
    manifest: bytes,
    transport: httpx.AsyncBaseTransport | None,
) -> None:
    binary = {
        "resourceType": "Binary",
        "id": manifest_id,
        "contentType": MANIFEST_TYPE,
        "data": base64.b64encode(manifest).decode("ascii"),
    }
    _call(session, server, "PUT", f"Binary/{manifest_id}", binary, transport, (200, 201))


def _call(
    session: Session,
    server: str,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    transport: httpx.AsyncBaseTransport | None,
    accepted: tuple[int, ...],
) -> tuple[int, dict[str, Any] | None]:
    with session.uow() as uow:
        token = load_token(uow, server)
    with FhirClient(server, token, transport=transport, retries=1, timeout=20.0) as client:
        status, answer, _headers = client.call(method, path, body=body)
    if status not in accepted:
        raise SyncError(
            N_("The server {url} refused the shared files (HTTP {status})."), url=server, status=status
        )
    return status, answer

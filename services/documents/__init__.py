"""Use cases of the document vault: add, list, find, read, mask, delete and undo.

A document is a sealed record (its metadata) plus two sealed attachments: its bytes, and the distinct
words of a PDF's text (``<attachment id>.text``, see search.prepare) so that the in-memory search index
can be rebuilt at unlock without parsing every PDF again. Every read of a document's content and every
change is written in the access log, in the same transaction as the change.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from domain.errors import NotFoundError, ValidationError
from domain.models import DOCUMENT_TYPES, Document, new_id
from services import access_log, records
from services.documents import search
from services.documents import snapshot as search_snapshot
from services.documents.files import (  # noqa: F401 - check_file, images_to_pdf, pdf_text: part of this API
    MAX_DOCUMENT_BYTES,
    Preview,
    check_file,
    examine,
    first_page_png,
    images_to_pdf,
    pdf_text,
    render_preview,
)
from services.files import read_regular_file
from services.session import Session
from storage.uow import UnitOfWork

log = logging.getLogger("carnet")
logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is our ValidationError, not noise
TEXT_SUFFIX = ".text"
TEXTS_AT_ONCE = 500  # the words of this many PDFs read at once while the search index is built
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


@dataclass(frozen=True, slots=True)
class Deleted:
    """What an undo needs: kept in memory by the screen for 10 seconds, never written."""

    document: Document
    data: bytes
    text: str


# -- adding -------------------------------------------------------------------------------------------
def add_document(
    session: Session, profile_id: str, data: bytes, who: str = "me", *, today: date, **fields: Any
) -> Document:
    """Stores the document, its bytes and its text together, or nothing at all: from the Dossier, a
    pregnancy's folder, a child's certificate, or ``main.py add-document``."""
    if fields.get("type_code") not in DOCUMENT_TYPES:
        raise ValidationError("Unknown document type {code!r}.", code=fields.get("type_code", ""))
    Document(**fields).check(today)  # its date, before the file is even parsed
    mime, text = examine(data)
    document = Document(**fields, mime=mime, size=len(data), attachment_id=new_id())
    return _store(session, profile_id, document, data, text, who, today)


def add_images(
    session: Session, profile_id: str, images: list[bytes], who: str = "me", *, today: date, **fields: Any
) -> Document:
    return add_document(session, profile_id, images_to_pdf(images), who, today=today, **fields)


def _store(
    session: Session,
    profile_id: str,
    document: Document,
    data: bytes,
    text: str,
    who: str,
    today: date | None,
) -> Document:
    """``today`` None: a document restored as it was (an undo), checked when it was first added."""
    with session.uow() as uow:
        profile = uow.profiles.get(profile_id)
        uow.attachments.put(profile_id, document.attachment_id, data)
        if text:
            uow.attachments.put(profile_id, document.attachment_id + TEXT_SUFFIX, text.encode("utf-8"))
        if today is None:
            records.store(uow, profile_id, document, who, "restore")
        else:
            records.add(uow, profile, document, today, who)
        uow.commit()
    idx = _loaded(session, profile_id)
    if idx is not None:
        idx.add(document, text, prepared=True)
    return document


# -- listing and finding --------------------------------------------------------------------------------
def list_documents(
    session: Session, profile_id: str, *, sort: str = "date", limit: int | None = None, **filters: Any
) -> list[Document]:
    """Sorted by date (newest first) or by type; filters: type_code, year, author, added_by, folder."""
    wanted = {name: value for name, value in filters.items() if value not in (None, "")}
    if sort == "date" and not wanted:  # the common case: only the newest months are opened
        with session.uow() as uow:
            return list(uow.records.list(profile_id, "document", limit))
    docs = [d for d in index(session, profile_id).documents.values() if _matches(d, wanted)]
    docs.sort(key=lambda d: (d.on, d.id), reverse=True)
    if sort == "type":
        docs.sort(key=lambda d: d.type_code)
    return docs[:limit] if limit is not None else docs


def _matches(document: Document, wanted: dict[str, Any]) -> bool:
    for name, value in wanted.items():
        actual = document.on.year if name == "year" else getattr(document, name)
        if actual != value:
            return False
    return True


def facets(session: Session, profile_id: str) -> dict[str, list[Any]]:
    """The values the filters can take for this profile (types, years, authors, origins)."""
    docs = index(session, profile_id).documents.values()
    return {
        "type_code": sorted({d.type_code for d in docs}),
        "year": sorted({d.on.year for d in docs}, reverse=True),
        "author": sorted({d.author for d in docs if d.author}),
        "added_by": sorted({d.added_by for d in docs}),
    }


def search_documents(session: Session, profile_id: str, query: str, limit: int = 50) -> list[Document]:
    return [doc for doc, _score in index(session, profile_id).search(query, limit)]


def index(session: Session, profile_id: str) -> search.SearchIndex:
    return search.index_for(
        session,
        profile_id,
        lambda: _built_index(session, profile_id),
        lambda: _signature(session, profile_id),
    )


def _signature(session: Session, profile_id: str) -> tuple[int, int]:
    """Changes with any put or delete of a document record (each bumps its version)."""
    return session.reader().signature(profile_id, "document")


def _loaded(session: Session, profile_id: str) -> search.SearchIndex | None:
    """The index if built, its signature brought up to date by the caller's own change."""
    idx = search.loaded(session, profile_id)
    if idx is not None:
        idx.signature = _signature(session, profile_id)
    return idx


def _built_index(session: Session, profile_id: str) -> search.SearchIndex:
    """From the sealed snapshot of the last session when the documents have not changed since; otherwise
    from every document and the stored words of each PDF, and the snapshot written for the next time."""
    signature = _signature(session, profile_id)
    missing: list[tuple[Document, str]] = []
    with session.uow() as uow:
        kept = search_snapshot.load(uow, profile_id, signature)
        if kept is not None:
            return kept
        idx = search.SearchIndex()
        found = uow.records.list(profile_id, "document")
        for start in range(0, len(found), TEXTS_AT_ONCE):  # one query per batch; its bytes freed after it
            batch = found[start : start + TEXTS_AT_ONCE]
            pdfs = [d.attachment_id + TEXT_SUFFIX for d in batch if d.mime == "application/pdf"]
            texts = uow.attachments.get_many(profile_id, pdfs)
            for document in batch:
                text = ""
                if document.mime == "application/pdf":
                    text = texts.pop(document.attachment_id + TEXT_SUFFIX, b"").decode("utf-8")
                    if not text:  # added by an import or the sync: parsed once, then kept sealed
                        text = _text_of_attachment(uow, profile_id, document)
                        missing.append((document, text))
                idx.add(document, text, prepared=True)
        for document, text in missing:
            uow.attachments.put(profile_id, document.attachment_id + TEXT_SUFFIX, text.encode("utf-8"))
        idx.signature = signature
        search_snapshot.save(uow, profile_id, idx)
        uow.commit()
    return idx


def _text_of_attachment(uow: UnitOfWork, profile_id: str, document: Document) -> str:
    try:
        return search.prepare(pdf_text(uow.attachments.get(profile_id, document.attachment_id)))
    except (ValidationError, NotFoundError):
        return ""


# -- reading ---------------------------------------------------------------------------------------------
def get_document(session: Session, profile_id: str, document_id: str) -> Document:
    with session.uow() as uow:
        document: Document = uow.records.get(profile_id, document_id)
        return document


def read_content(
    session: Session, profile_id: str, document: Document, who: str = "me", action: str = "read"
) -> bytes:
    """The decrypted bytes; the read is logged (``export`` when a copy leaves the vault)."""
    with session.uow() as uow:
        data = uow.attachments.get(profile_id, document.attachment_id)
        access_log.append(uow, profile_id, who, action, "document", document.id, document.title)
        uow.commit()
    return data


def preview(session: Session, profile_id: str, document: Document, who: str = "me") -> Preview:
    """What the preview shows, drawn with bounded memory and time (services/documents/files.py)."""
    return render_preview(document.mime, read_content(session, profile_id, document, who))


# -- changing ---------------------------------------------------------------------------------------------
def set_masked(
    session: Session, profile_id: str, document: Document, masked: bool, who: str = "me"
) -> Document:
    """Masked documents are kept from professionals (shares, exports to them); the holder still sees them."""
    updated = dataclasses.replace(document, masked=masked)
    with session.uow() as uow:
        records.store(uow, profile_id, updated, who, "mask" if masked else "unmask")
        uow.commit()
    idx = _loaded(session, profile_id)
    if idx is not None:
        idx.replace(updated)
    return updated


def delete_document(session: Session, profile_id: str, document: Document, who: str = "me") -> Deleted:
    """Removes the record (a tombstone stays for the sync) and its sealed bytes; returns what undo needs."""
    with session.uow() as uow:
        data = uow.attachments.get(profile_id, document.attachment_id)
        text = _stored_text(uow, profile_id, document)
        records.delete(uow, profile_id, document, who)
        uow.attachments.delete(profile_id, document.attachment_id)
        uow.attachments.delete(profile_id, document.attachment_id + TEXT_SUFFIX)
        uow.commit()
    idx = _loaded(session, profile_id)
    if idx is not None:
        idx.remove(document.id)
    return Deleted(document, data, text)


def _stored_text(uow: UnitOfWork, profile_id: str, document: Document) -> str:
    try:
        return uow.attachments.get(profile_id, document.attachment_id + TEXT_SUFFIX).decode("utf-8")
    except NotFoundError:
        return ""


def restore_document(session: Session, profile_id: str, deleted: Deleted, who: str = "me") -> Document:
    """Undo: the same document back, under new ids (the old id is a tombstone the sync already knows)."""
    document = dataclasses.replace(deleted.document, id=new_id(), attachment_id=new_id())
    return _store(session, profile_id, document, deleted.data, deleted.text, who, None)


# -- copies outside the vault -------------------------------------------------------------------------------
def temp_dir() -> Path:
    """A private folder for the decrypted copies handed to the system viewer (desktop only)."""
    folder = Path(tempfile.gettempdir()) / f"carnet-open-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    folder.mkdir(mode=0o700, exist_ok=True)
    folder.chmod(0o700)
    return folder


def open_copy(session: Session, profile_id: str, document: Document, who: str = "me") -> Path:
    """A decrypted copy for the system viewer; ``purge_copies`` removes it when the vault locks or the app
    starts again (the viewer may still read it while the vault is open)."""
    data = read_content(session, profile_id, document, who, action="export")
    purge_copies(older_than=3600)  # left by a session that ended without locking (a crash, a kill)
    path = temp_dir() / f"{document.id}{EXTENSIONS.get(document.mime, '')}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return path


def purge_copies(older_than: float = 0) -> int:
    """Deletes the decrypted copies (all of them, or those older than ``older_than`` seconds)."""
    removed, now = 0, time.time()
    for path in temp_dir().iterdir():
        if now - path.stat().st_mtime >= older_than:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def launch_viewer(path: Path) -> None:
    """The platform's default application for the file."""
    if sys.platform.startswith("win"):
        os.startfile(path)  # type: ignore[attr-defined]  # noqa: S606
    else:
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        subprocess.Popen([opener, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def save_copy(
    session: Session, profile_id: str, document: Document, destination: Path, who: str = "me"
) -> Path:
    """A decrypted copy written where the user chose (it leaves the vault: logged as an export)."""
    data = read_content(session, profile_id, document, who, action="export")
    try:
        destination.write_bytes(data)
    except OSError as exc:
        raise ValidationError("The copy cannot be written to {path}.", path=str(destination)) from exc
    return destination


def file_name(document: Document) -> str:
    safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in document.title).strip() or "document"
    return f"{safe}{EXTENSIONS.get(document.mime, '')}"


def read_file(path: Path) -> bytes:
    """A file chosen by the user: a regular file of at most 20 MB, read no further than that."""
    return read_regular_file(path, MAX_DOCUMENT_BYTES)

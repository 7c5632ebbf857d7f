"""A profile's search index kept between sessions, sealed: the first search after unlock reads one value
instead of every document and the words of every PDF (0.35 s for 10,000 documents).

It is one attachment of the profile (sealed with its data key and padded, like the words of each PDF
that it copies), under an id no document has. It is trusted only while it matches the documents (their
number and versions: the index's ``signature``); otherwise the index is built from the records again and
the snapshot written anew: after documents were added, changed or deleted, the next session builds the
index once from the documents (and writes the snapshot), so a change never costs a rewrite of it.
"""

from __future__ import annotations

import json
from typing import Any

from domain.errors import IntegrityError, NotFoundError
from services.documents.search import SearchIndex
from storage import codec
from storage.uow import UnitOfWork

SNAPSHOT = "search-index"  # an attachment id: documents' are random hex, never this word
VERSION = 1


def save(uow: UnitOfWork, profile_id: str, index: SearchIndex) -> None:
    documents, texts = index.numbered()
    stored = [codec.to_dict(document) if document is not None else None for document in documents]
    header = {"v": VERSION, "signature": list(index.signature), "documents": stored}
    data = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode() + b"\0"
    uow.attachments.put(profile_id, SNAPSHOT, data + texts.encode(), replace=True)


def load(uow: UnitOfWork, profile_id: str, signature: Any) -> SearchIndex | None:
    """The index as the snapshot holds it, when it matches ``signature``; None otherwise."""
    try:
        raw = uow.attachments.get(profile_id, SNAPSHOT)
    except (NotFoundError, IntegrityError):  # none yet, or damaged: built from the records
        return None
    head, _, body = raw.partition(b"\0")
    del raw
    try:
        header = json.loads(head)
        if header.get("v") != VERSION or header.get("signature") != list(signature):
            return None
        documents = [codec.from_dict("document", d) if d is not None else None for d in header["documents"]]
        index = SearchIndex.restored(documents, body.decode())
    except (ValueError, KeyError, TypeError):
        return None
    return index if index.whole() else None

"""Full-text search over a profile's documents: title, author, type and the text of PDFs.

The index lives in memory only. It is built on first use after unlock from sealed rows (document
records, and the text of each PDF stored sealed beside its bytes by services.documents), kept up to
date by the document use cases, and held by the session, which drops it when it locks. Nothing of it is
written in clear. Words are matched without accents or case; a query word of 3 letters or more also
matches the words it begins ("hémo" finds "Hémoglobine"). Every query word must match.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from domain.models import DOCUMENT_TYPES, Document
from services.i18n import translator

if TYPE_CHECKING:  # the session holds the indexes and imports this module for their type
    from services.session import Session

WORD = re.compile(r"[^\W_]+")
# A word in the title counts more than one in the type, the author, then the text.
WEIGHTS = {"title": 8, "type": 4, "author": 2, "text": 1}
PREFIX_FROM = 3


def words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii").lower()
    return [w for w in WORD.findall(plain) if len(w) > 1 or w.isdigit()]


def prepare(text: str) -> str:
    """The distinct words of a text, as the index reads them: what is stored (sealed) for each PDF."""
    return " ".join(dict.fromkeys(words(text)))


def type_names(type_code: str) -> str:
    """The type's code and its names in English and French, so either language finds it."""
    name = DOCUMENT_TYPES.get(type_code, "")
    return " ".join({type_code, name, translator("fr")(name) if name else ""})


@dataclass
class _Postings:
    """word -> document numbers, as compact arrays (a few bytes per posting, for 10,000 documents)."""

    table: dict[str, array] = field(default_factory=dict)
    _sorted: list[str] | None = None

    def add(self, number: int, tokens: Iterable[str]) -> None:
        table = self.table
        for token in set(tokens):
            postings = table.get(token)
            if postings is None:
                postings = table[token] = array("I")
                self._sorted = None
            postings.append(number)

    def matching(self, term: str) -> set[int]:
        if len(term) < PREFIX_FROM:
            return set(self.table.get(term, ()))
        if self._sorted is None:
            self._sorted = sorted(self.table)
        found: set[int] = set()
        start = bisect.bisect_left(self._sorted, term)
        for token in self._sorted[start:]:
            if not token.startswith(term):
                break
            found.update(self.table[token])
        return found


class SearchIndex:
    def __init__(self) -> None:
        self.documents: dict[str, Document] = {}
        self._numbers: dict[str, int] = {}
        self._ids: list[str | None] = []
        self._fields = {name: _Postings() for name in WEIGHTS}
        self.signature: Any = None

    def add(self, document: Document, text: str = "", *, prepared: bool = False) -> None:
        """``prepared``: ``text`` is already the output of ``prepare`` (as stored sealed), split as is."""
        self.remove(document.id)
        number = len(self._ids)
        self._ids.append(document.id)
        self._numbers[document.id] = number
        self.documents[document.id] = document
        self._fields["title"].add(number, words(document.title))
        self._fields["type"].add(number, words(type_names(document.type_code)))
        self._fields["author"].add(number, words(document.author))
        self._fields["text"].add(number, text.split() if prepared else words(text))

    def replace(self, document: Document) -> None:
        """New metadata (masked...), same words: only the stored document changes."""
        if document.id in self.documents:
            self.documents[document.id] = document

    def remove(self, document_id: str) -> None:
        number = self._numbers.pop(document_id, None)
        if number is not None:
            self._ids[number] = None  # its postings stay, pointing to nobody: cheaper than rebuilding
            del self.documents[document_id]

    def search(self, query: str, limit: int = 50) -> list[tuple[Document, int]]:
        """Matches, best first: the weight of the best field of each word, then the newest."""
        terms = list(dict.fromkeys(words(query)))
        if not terms:
            return []
        scores: dict[int, int] | None = None
        for term in terms:
            term_scores: dict[int, int] = {}
            for name, weight in sorted(WEIGHTS.items(), key=lambda item: item[1]):
                for number in self._fields[name].matching(term):
                    term_scores[number] = weight
            if scores is None:
                scores = term_scores
            else:
                scores = {n: s + term_scores[n] for n, s in scores.items() if n in term_scores}
            if not scores:
                return []
        assert scores is not None
        hits = [
            (self.documents[doc_id], score)
            for number, score in scores.items()
            if (doc_id := self._ids[number]) is not None
        ]
        hits.sort(key=lambda hit: (hit[1], hit[0].on, hit[0].id), reverse=True)
        return hits[:limit]


def index_for(
    session: Session, profile_id: str, build: Callable[[SearchIndex], None], signature: Callable[[], Any]
) -> SearchIndex:
    """The profile's index, kept by the session while it is unlocked (it drops them at lock), rebuilt when
    the documents changed behind it (an import, the sync): the use cases that keep it current also refresh
    its ``signature``."""
    current = signature()
    index = session.search_indexes.get(profile_id)
    if index is None or index.signature != current:
        index = SearchIndex()
        build(index)
        index.signature = current
        session.search_indexes[profile_id] = index
    return index


def loaded(session: Session, profile_id: str) -> SearchIndex | None:
    """The index if it is already built (the use cases keep it current), else None."""
    return session.search_indexes.get(profile_id)

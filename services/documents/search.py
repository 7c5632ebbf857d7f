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


def type_words(type_code: str) -> list[str]:
    """The words of the type's code and of its names in English and French, so either language finds it."""
    name = DOCUMENT_TYPES.get(type_code, "")
    return words(" ".join({type_code, name, translator("fr")(name) if name else ""}))


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


@dataclass
class _Values:
    """A field that few distinct values fill (a type, an author): value -> document numbers; a term is
    matched against the words of each distinct value, not posted for every document."""

    words_of: Callable[[str], list[str]] = words
    numbers: dict[str, array] = field(default_factory=dict)
    _words: dict[str, list[str]] = field(default_factory=dict)  # each value's words, dropped with the index

    def add(self, number: int, value: str) -> None:
        found = self.numbers.get(value)
        if found is None:
            found = self.numbers[value] = array("I")
            self._words[value] = self.words_of(value)
        found.append(number)

    def matching(self, term: str) -> set[int]:
        prefix = len(term) >= PREFIX_FROM
        found: set[int] = set()
        for value, numbers in self.numbers.items():
            if any(w == term or (prefix and w.startswith(term)) for w in self._words[value]):
                found.update(numbers)
        return found


class _Texts:
    """The words of each document's text, scanned rather than indexed: one string of lines
    `` word word ... `` (a space before and after each word), read by ``str.find`` in C. Building it is a
    join, where postings of every word of 10,000 texts took most of a second after each unlock; and the
    lines are not kept beside it (the texts of 10,000 documents are some 12 MB)."""

    def __init__(self) -> None:
        self._pending: list[str] = []  # lines added since the last join
        self._blob = ""
        self._starts: list[int] = []  # where each document's line begins in the blob

    def add(self, number: int, prepared: str) -> None:
        assert number == len(self._starts) + len(self._pending)  # numbered as the index numbers them
        self._pending.append(f" {prepared} ")

    def __len__(self) -> int:
        return len(self._starts) + len(self._pending)

    @property
    def blob(self) -> str:
        """Every text as one string (the form a snapshot keeps)."""
        return self._joined()[0]

    def restore(self, blob: str) -> None:
        """The texts as ``blob`` held them (empty before), without a copy of each."""
        assert not self._starts and not self._pending
        starts, at = [], 0
        while blob and at >= 0:
            starts.append(at)
            at = blob.find("\n", at)
            at = at + 1 if at >= 0 else -1
        self._blob, self._starts = blob, starts

    def _joined(self) -> tuple[str, list[int]]:
        if self._pending:
            parts = [self._blob] if self._starts else []
            start = len(self._blob) + 1 if self._starts else 0
            for line in self._pending:
                self._starts.append(start)
                start += len(line) + 1
            self._blob = "\n".join([*parts, *self._pending])
            self._pending = []
        return self._blob, self._starts

    def matching(self, term: str) -> set[int]:
        """The numbers of the texts holding a word that is ``term`` (or begins with it, from 3 letters)."""
        blob, starts = self._joined()
        needle = f" {term}" if len(term) >= PREFIX_FROM else f" {term} "
        found: set[int] = set()
        at = blob.find(needle)
        while at >= 0:
            number = bisect.bisect_right(starts, at) - 1
            found.add(number)
            after = number + 1
            at = blob.find(needle, starts[after]) if after < len(starts) else -1
        return found


class SearchIndex:
    def __init__(self) -> None:
        self.documents: dict[str, Document] = {}
        self._numbers: dict[str, int] = {}
        self._ids: list[str | None] = []
        self._titles = _Postings()
        self._types = _Values(words_of=type_words)
        self._authors = _Values()
        self._texts = _Texts()
        self.signature: Any = None

    def add(self, document: Document, text: str = "", *, prepared: bool = False) -> None:
        """``prepared``: ``text`` is already the output of ``prepare`` (as stored sealed), taken as is."""
        self.remove(document.id)
        number = len(self._ids)
        self._ids.append(document.id)
        self._numbers[document.id] = number
        self.documents[document.id] = document
        self._titles.add(number, words(document.title))
        self._types.add(number, document.type_code)
        self._authors.add(number, document.author)
        self._texts.add(number, text if prepared else prepare(text))

    def _matching(self, field_name: str, term: str) -> set[int]:
        fields: dict[str, Any] = {
            "title": self._titles,
            "type": self._types,
            "author": self._authors,
            "text": self._texts,
        }
        return set(fields[field_name].matching(term))

    def numbered(self) -> tuple[list[Document | None], str]:
        """The documents by number (None where one was removed) and their texts as one string: what a
        snapshot keeps, and what ``restored`` takes back."""
        return [self.documents[i] if i is not None else None for i in self._ids], self._texts.blob

    def whole(self) -> bool:
        """Each document number has its text (a snapshot cut short has not)."""
        return len(self._texts) == len(self._ids)

    @classmethod
    def restored(cls, documents: list[Document | None], texts: str) -> SearchIndex:
        index = cls()
        for number, document in enumerate(documents):
            index._ids.append(document.id if document is not None else None)
            if document is not None:
                index._numbers[document.id] = number
                index.documents[document.id] = document
                index._titles.add(number, words(document.title))
                index._types.add(number, document.type_code)
                index._authors.add(number, document.author)
        index._texts.restore(texts)
        return index

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
                for number in self._matching(name, term):
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
    session: Session, profile_id: str, build: Callable[[], SearchIndex], signature: Callable[[], Any]
) -> SearchIndex:
    """The profile's index, kept by the session while it is unlocked (it drops them at lock), made again
    (``build``) when the documents changed behind it (an import, the sync): the use cases that keep it
    current also refresh its ``signature``."""
    current = signature()
    index = session.search_indexes.get(profile_id)
    if index is None or index.signature != current:
        index = build()
        index.signature = current
        session.search_indexes[profile_id] = index
    return index


def loaded(session: Session, profile_id: str) -> SearchIndex | None:
    """The index if it is already built (the use cases keep it current), else None."""
    return session.search_indexes.get(profile_id)

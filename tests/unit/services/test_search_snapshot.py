"""The search index kept sealed between sessions: used while it matches the documents, never otherwise."""

from datetime import date

from domain.models import Document
from services import documents
from services.documents import snapshot as search_snapshot
from tests.conftest import PASSPHRASE

from .test_documents import add, pdf_with


def reopen(session):
    session.lock()
    session.unlock(PASSPHRASE)


def snapshot_bytes(session, profile_id):
    with session.uow() as uow:
        return uow.attachments.get(profile_id, search_snapshot.SNAPSHOT)


def test_the_first_search_of_the_next_session_reads_the_snapshot_not_the_documents(
    session, family, monkeypatch
):
    holder = family[0]
    add(session, holder, pdf_with("Souffle systolique au foyer aortique."))
    assert [d.title for d in documents.search_documents(session, holder.id, "aortique")] == [
        "Echographie cardiaque"
    ]
    reopen(session)
    used = []
    real = search_snapshot.load

    def spy(*args):
        found = real(*args)
        used.append(found is not None)
        return found

    monkeypatch.setattr(search_snapshot, "load", spy)
    assert [d.title for d in documents.search_documents(session, holder.id, "aortique")] == [
        "Echographie cardiaque"
    ]
    assert used == [True]


def test_a_change_made_behind_the_index_makes_the_snapshot_stale_and_it_is_built_again(session, family):
    holder = family[0]
    documents.search_documents(session, holder.id, "scintigraphie")  # built, and its snapshot written
    data = pdf_with("Scintigraphie osseuse")
    scan = Document("Examen", "18748-4", date(2026, 2, 2), size=len(data), attachment_id="scan")
    with session.uow() as uow:  # as the sync or an import stores it
        uow.attachments.put(holder.id, "scan", data)
        uow.records.add(holder.id, scan)
        uow.commit()
    reopen(session)
    assert [d.title for d in documents.search_documents(session, holder.id, "scintigraphie")] == ["Examen"]


def test_after_a_change_the_next_session_builds_the_index_again_and_keeps_the_change(session, family):
    holder = family[0]
    documents.search_documents(session, holder.id, "x")
    doc = add(session, holder, pdf_with("Thyroglobuline basse."))
    documents.set_masked(session, holder.id, doc, True)
    reopen(session)
    with session.uow() as uow:  # stale: made before the change
        assert search_snapshot.load(uow, holder.id, documents._signature(session, holder.id)) is None
    assert [d.id for d in documents.search_documents(session, holder.id, "thyroglobuline")] == [doc.id]
    with session.uow() as uow:  # written anew by that search
        loaded = search_snapshot.load(uow, holder.id, documents._signature(session, holder.id))
    assert loaded is not None and loaded.documents[doc.id].masked
    assert [d.id for d, _s in loaded.search("thyroglobuline")] == [doc.id]


def test_a_snapshot_keeps_the_numbers_of_documents_removed_from_the_index(session, family):
    holder = family[0]
    gone = add(session, holder, pdf_with("Scanner thoracique."))
    kept = add(session, holder, pdf_with("Thyroglobuline basse."))
    idx = documents.index(session, holder.id)
    idx.remove(gone.id)
    restored = documents.search.SearchIndex.restored(*idx.numbered())
    assert [d.id for d, _s in restored.search("thyroglobuline")] == [kept.id]
    assert restored.search("thoracique") == [] and restored.whole()


def test_a_damaged_snapshot_is_left_aside_and_the_index_built_from_the_documents(session, family):
    holder = family[0]
    add(session, holder, pdf_with("Electrocardiogramme normal."))
    documents.search_documents(session, holder.id, "x")
    with session.uow() as uow:  # another value under its id: it no longer opens as the snapshot
        uow.attachments.put(holder.id, search_snapshot.SNAPSHOT, b"not a snapshot", replace=True)
        uow.commit()
    reopen(session)
    assert [d.title for d in documents.search_documents(session, holder.id, "electrocardiogramme")] == [
        "Echographie cardiaque"
    ]
    assert snapshot_bytes(session, holder.id) != b"not a snapshot"  # written anew

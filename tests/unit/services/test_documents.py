"""The document vault: adding, finding, masking, deleting and undoing; bad files store nothing."""

from datetime import date

import pytest
from fpdf import FPDF

from domain.errors import ValidationError
from domain.models import Document
from services import access_log, documents
from services.records import list_profiles, list_records
from tests.conftest import TODAY


def pdf_with(*lines, compress=True):
    pdf = FPDF()
    pdf.set_compression(compress)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for line in lines:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def png(width=4, height=3):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def add(session, profile, data, **fields):
    values = {
        "title": "Echographie cardiaque",
        "type_code": "18748-4",
        "on": date(2026, 3, 14),
        "author": "Dr Anne Martin, cardiologue",
        **fields,
    }
    return documents.add_document(session, profile.id, data, today=TODAY, **values)


def stored_counts(session):
    """(document rows, tombstones included; attachment rows)."""
    rows = sum(session.reader().signature(p.id, "document")[0] for p in list_profiles(session))
    return rows, session.vault.db.execute("SELECT COUNT(*) FROM attachments").fetchone()[0]


def test_a_pdf_added_is_found_by_a_word_inside_it(session, family):
    holder = family[0]
    doc = add(session, holder, pdf_with("Conclusion : insuffisance mitrale minime."))
    assert [d.id for d in documents.search_documents(session, holder.id, "mitrale")] == [doc.id]
    assert documents.get_document(session, holder.id, doc.id).mime == "application/pdf"


def test_the_index_built_after_unlock_finds_what_was_added_before(session, family):
    holder = family[0]
    add(session, holder, pdf_with("Souffle systolique au foyer aortique."))
    documents.search_documents(session, holder.id, "aortique")
    session.lock()  # no document text stays in memory
    assert session.search_indexes == {}
    session.unlock("correct horse battery")
    found = documents.search_documents(session, holder.id, "aortique")
    assert [d.title for d in found] == ["Echographie cardiaque"]


def test_the_content_type_comes_from_the_bytes_not_the_name(session, family):
    doc = add(session, family[0], png(), title="Photo de l'ordonnance")
    assert doc.mime == "image/png"
    assert documents.preview(session, family[0].id, doc).image.startswith(b"\x89PNG")


def test_several_images_become_one_pdf_with_a_page_each(session, family):
    doc = documents.add_images(
        session,
        family[0].id,
        [png(), png(8, 8)],
        today=TODAY,
        title="Ordonnance scannée",
        type_code="57833-6",
        on=date(2026, 5, 2),
    )
    import io

    from pypdf import PdfReader

    data = documents.read_content(session, family[0].id, doc)
    assert doc.mime == "application/pdf" and len(PdfReader(io.BytesIO(data)).pages) == 2


def test_the_preview_of_a_pdf_is_its_first_page_drawn_and_its_text(session, family):
    import io

    from PIL import Image

    doc = add(session, family[0], pdf_with("Fraction d'ejection 62 %"))
    shown = documents.preview(session, family[0].id, doc)
    assert "ejection 62" in shown.text
    page = Image.open(io.BytesIO(shown.image))
    assert page.format == "PNG" and page.width == 900 and page.height > page.width  # an A4 page
    low, high = page.convert("L").getextrema()
    assert low < 128 < high  # dark ink on a light page, not a blank


def test_a_pdf_that_cannot_be_drawn_falls_back_to_its_text():
    assert documents.first_page_png(b"%PDF-1.4 truncated") == b""


def test_masking_and_unmasking_is_kept_and_logged(session, family):
    holder = family[0]
    doc = add(session, holder, pdf_with("Texte"))
    documents.set_masked(session, holder.id, doc, True)
    assert documents.get_document(session, holder.id, doc.id).masked
    documents.set_masked(session, holder.id, documents.get_document(session, holder.id, doc.id), False)
    assert not documents.get_document(session, holder.id, doc.id).masked
    actions = [e.action for e in access_log.entries(session, holder.id)]
    assert actions[:3] == ["unmask", "mask", "add"]


def test_deleting_removes_the_document_and_its_bytes_and_undo_brings_it_back(session, family):
    holder = family[0]
    doc = add(session, holder, pdf_with("Holter rythmique normal"))
    assert [d.id for d in documents.search_documents(session, holder.id, "holter")] == [doc.id]
    before = stored_counts(session)
    deleted = documents.delete_document(session, holder.id, doc)
    assert documents.search_documents(session, holder.id, "holter") == []
    assert doc.id not in [d.id for d in list_records(session, holder.id, "document")]
    assert stored_counts(session)[1] == before[1] - 2  # the bytes and the text
    restored = documents.restore_document(session, holder.id, deleted)
    assert [d.id for d in documents.search_documents(session, holder.id, "holter")] == [restored.id]
    assert documents.read_content(session, holder.id, restored) == deleted.data


def test_the_list_sorts_by_date_or_type_and_filters(session, family):
    holder = family[0]
    add(session, holder, pdf_with("a"), title="Scanner 2024", on=date(2024, 2, 1), added_by="me")
    by_date = documents.list_documents(session, holder.id)
    assert by_date[0].title == "Ordonnance - Dr Hélène Lefèvre" and by_date[-1].title == "Scanner 2024"
    by_type = [d.type_code for d in documents.list_documents(session, holder.id, sort="type")]
    assert by_type == sorted(by_type)
    assert [d.title for d in documents.list_documents(session, holder.id, year=2024)] == ["Scanner 2024"]
    # the demo's documents came from professionals
    by_origin = documents.list_documents(session, holder.id, added_by="me")
    assert [d.title for d in by_origin] == ["Scanner 2024"]
    assert [d.title for d in documents.list_documents(session, holder.id, type_code="11502-2")] == [
        "Bilan sanguin annuel"
    ]
    assert 2024 in documents.facets(session, holder.id)["year"]


BIG = 50 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("0 bytes", lambda: b"", "empty"),
        ("empty", lambda: b"   \n\n  ", "empty"),
        ("truncated PDF", lambda: pdf_with("Compte rendu")[:600], "truncated"),
        ("PDF without body", lambda: b"%PDF-1.7\n%%EOF\n", "damaged"),
        ("executable renamed .pdf", lambda: b"\x7fELF\x02\x01\x01" + bytes(4000), "Only PDF, JPEG and PNG"),
        ("50 MB", lambda: b"%PDF-1.7\n" + bytes(BIG), "larger than 20 MB"),
        ("truncated PNG", lambda: png()[:40], "truncated"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_stores_nothing(session, family, name, make, message):
    before = stored_counts(session), len(access_log.entries(session, family[0].id))
    with pytest.raises(ValidationError, match=message):
        add(session, family[0], make())
    assert (stored_counts(session), len(access_log.entries(session, family[0].id))) == before


def test_a_file_over_the_limit_is_refused_before_being_read(tmp_path):
    path = tmp_path / "scan.pdf"
    with path.open("wb") as out:
        out.truncate(BIG)
    with pytest.raises(ValidationError, match="larger than 20 MB"):
        documents.read_file(path)


def test_an_unknown_document_type_is_refused(session, family):
    with pytest.raises(ValidationError, match="Unknown document type"):
        add(session, family[0], pdf_with("x"), type_code="00000-0")


def test_the_text_of_a_pdf_never_appears_in_the_files_of_the_vault(session, family):
    secret = "Zorglubine quarantedeux"
    data = pdf_with(f"Traitement : {secret} 5 mg", compress=False)
    assert secret.encode() in data  # the PDF itself holds the words in clear
    doc = add(session, family[0], data, title="Ordonnance Zorglubine", author="Dr Quentin Zeller")
    documents.search_documents(session, family[0].id, "zorglubine")
    documents.delete_document(
        session,
        family[0].id,
        documents.restore_document(
            session, family[0].id, documents.delete_document(session, family[0].id, doc)
        ),
    )
    session.vault.db.execute("PRAGMA wal_checkpoint(FULL)")
    for path in session.data_dir.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            for needle in ("Zorglubine", "quarantedeux", "Zeller"):
                assert needle.encode() not in raw, f"{needle} found in {path.name}"
                assert needle.encode("utf-16-le") not in raw


def test_a_decrypted_copy_goes_where_asked_and_temp_copies_are_purged(session, family, tmp_path):
    doc = add(session, family[0], pdf_with("Copie"))
    saved = documents.save_copy(session, family[0].id, doc, tmp_path / documents.file_name(doc))
    assert saved.name == "Echographie cardiaque.pdf" and saved.read_bytes().startswith(b"%PDF")
    opened = documents.open_copy(session, family[0].id, doc)
    assert opened.exists() and oct(opened.stat().st_mode & 0o777) == "0o600"
    assert documents.purge_copies() >= 1 and not opened.exists()
    assert [e.action for e in access_log.entries(session, family[0].id)][:2] == ["export", "export"]


def test_documents_of_one_profile_are_not_found_from_another(session, family):
    holder, leo = family[0], family[1]
    add(session, holder, pdf_with("Electrocardiogramme"))
    assert documents.search_documents(session, leo.id, "electrocardiogramme") == []


def test_a_document_stored_behind_the_index_by_an_import_or_the_sync_is_found(session, family):
    holder = family[0]
    assert documents.search_documents(session, holder.id, "scintigraphie") == []
    data = pdf_with("Scintigraphie osseuse")
    document = Document("Examen", "18748-4", date(2026, 2, 2), size=len(data), attachment_id="scan")
    with session.uow() as uow:  # as the sync or an import stores it: no text stored beside it
        uow.attachments.put(holder.id, "scan", data)
        uow.records.add(holder.id, document)
        uow.commit()
    assert [d.title for d in documents.search_documents(session, holder.id, "scintigraphie")] == ["Examen"]

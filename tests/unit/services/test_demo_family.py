from pathlib import Path

from domain.models import completed_months
from services import demo, records
from tests.conftest import stored_bytes

from .conftest import TODAY


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_the_demo_family_is_a_holder_a_toddler_and_a_seven_year_old(session, family):
    holder, leo, ines = family
    assert holder.role == "holder" and holder.sex == "F"
    assert completed_months(leo.birth_date, TODAY) == 13 or completed_months(leo.birth_date, TODAY) == 14
    assert completed_months(ines.birth_date, TODAY) // 12 == 7
    assert all(p.demo for p in records.list_profiles(session))


def test_the_holder_has_real_pdf_documents_measurements_and_vaccinations(session, family):
    holder = family[0]
    docs = records.list_records(session, holder.id, "document")
    assert len(docs) == 3
    for doc in docs:
        data = stored_bytes(session, holder.id, doc.attachment_id)
        assert data.startswith(b"%PDF-") and len(data) == doc.size
    assert records.list_records(session, holder.id, "measurement")
    assert len(records.list_records(session, holder.id, "immunization")) == 4  # flu, dTP, 2 MMR


def test_the_toddler_has_growth_measurements_and_his_infant_vaccinations(session, family):
    leo = family[1]
    kinds = {m.kind for m in records.list_records(session, leo.id, "measurement")}
    assert kinds == {"weight", "height", "head_circumference"}
    vaccines = [d.vaccine for d in records.list_records(session, leo.id, "immunization")]
    assert vaccines.count("hexa") == 3 and vaccines.count("menb") == 3 and "ror" in vaccines


def test_no_name_title_or_document_text_appears_in_any_file_of_the_data_dir(session, family):
    session.lock()  # checkpoint the WAL so every byte is on disk in its final place
    content = all_bytes(session.data_dir)
    words = [
        "Camille",
        "Durand",
        "Inès".encode().decode(),
        "Bilan sanguin",
        "Radiographie",
        "Hémoglobine",
        "Lefèvre",
        "Vaxelis",
        "Bexsero",
        "BioSanté",
        "Certificat de santé",
    ]
    for word in words:
        for encoding in ("utf-8", "latin-1", "utf-16-le"):
            assert word.encode(encoding, "ignore") not in content, word


def test_removing_the_demo_family_deletes_it_in_one_action_and_keeps_other_profiles(session, family):
    mine = records.add_profile(
        session,
        TODAY,
        first_name="Zoé",
        last_name="Petit",
        birth_date=TODAY.replace(year=2020),
        sex="F",
        role="child",
    )
    assert demo.remove_demo_family(session) == 3
    assert [p.id for p in records.list_profiles(session)] == [mine.id]
    assert session.vault.db.execute("SELECT COUNT(*) FROM keys").fetchone()[0] == 2  # identity + Zoé


def test_the_demo_is_calm_nothing_late_and_one_thing_to_book_whatever_the_day(tmp_path):
    """On any day of a year, a new demo family has no item late, and one thing to book: the mother's
    HPV test (issue 13: "the demo must not alarm")."""
    from datetime import timedelta

    from services import agenda
    from services.session import Session
    from storage.keys import MemoryKeyHolder
    from views.todo import to_book

    for step in range(0, 365, 73):
        today = TODAY + timedelta(days=step)
        session = Session(tmp_path / str(step), MemoryKeyHolder())
        session.create("phrase de passe du test")
        family = demo.create_demo_family(session, today)
        plans = {p.first_name: agenda.plan(session, p, today) for p in family}
        assert [(n, i.code) for n, items in plans.items() for i in items if i.status == "overdue"] == []
        booked = [(n, i.code) for n, items in plans.items() for i in to_book(items, today)]
        assert len(booked) == 1 and booked[0][0] == "Camille" and "hpv" in booked[0][1], (today, booked)
        session.lock()


def test_the_demo_exams_are_done_on_the_day_of_their_documents(session, family):
    holder, leo, ines = family
    certificate = next(d for d in records.list_records(session, leo.id, "document") if "9e mois" in d.title)
    school = next(
        d for d in records.list_records(session, ines.id, "document") if "grande section" in d.title
    )
    leo_exams = {e.code: e.on for e in records.list_records(session, leo.id, "child_exam")}
    ines_exams = {e.code: e.on for e in records.list_records(session, ines.id, "child_exam")}
    assert leo_exams["child-exam-09"] == certificate.on and ines_exams["child-exam-17"] == school.on

"""Vaccination summary PDF, child exams and certificates, advice cards, pregnancy follow-up services."""

import io
from datetime import date

import pypdf
import pytest

from domain.advice import child_advice, pregnancy_advice
from domain.errors import ValidationError
from domain.models import Pregnancy
from services import child_exams, documents, records, vaccination_pdf
from services import pregnancy as follow_up

from .conftest import TODAY
from .test_documents import pdf_with

NAMES = {
    "hexa": "Hexavalent DTaP-IPV-Hib-HepB",
    "pcv": "Pneumococcus",
    "rota": "Rotavirus",
    "menb": "Meningococcus B",
    "acwy": "Meningococcus ACWY",
    "ror": "Measles, mumps, rubella",
    "dtp": "dTP adult booster",
    "flu": "Influenza",
    "dtcap": "DTaP-IPV booster",
    "menc": "Meningococcus C",
    "nirsevimab": "RSV antibody (nirsevimab)",
}


def same(text):
    return text


def pdf_text(data):
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def person(family, name):
    return next(p for p in family if p.first_name == name)


def test_the_childs_vaccination_pdf_opens_and_lists_every_vaccine_with_dates_and_lots(session, family):
    leo = person(family, "Léo")
    doses = records.list_records(session, leo.id, "immunization")
    text = pdf_text(vaccination_pdf.summary_pdf(leo, doses, TODAY, same, NAMES.get))
    assert "Name: Léo Durand" in text
    assert f"Born on {leo.birth_date:%m/%d/%Y}" in text
    assert "Issued on 11/30/2026" in text
    assert len(doses) >= 10
    for dose in doses:
        assert NAMES[dose.vaccine] in text
        assert f"{dose.on:%m/%d/%Y}" in text
        assert dose.lot in text


def test_the_same_summary_serves_an_adult_and_is_written_outside_the_vault_folder(session, family, tmp_path):
    camille = person(family, "Camille")
    path = vaccination_pdf.export_summary(session, camille, TODAY, same, NAMES.get, tmp_path / "exports")
    assert path.parent == tmp_path / "exports" and oct(path.stat().st_mode & 0o777) == "0o600"
    assert session.data_dir not in path.parents
    text = pdf_text(path.read_bytes())
    assert "Camille Durand" in text and "R4521" in text and "V8812" in text and "Influenza" in text


def test_a_person_without_vaccination_gets_a_pdf_that_says_so(session):
    baby = records.add_profile(
        session,
        TODAY,
        first_name="Noé",
        last_name="Petit",
        birth_date=date(2026, 11, 1),
        sex="M",
        role="child",
    )
    assert "No vaccination recorded." in pdf_text(
        vaccination_pdf.summary_pdf(baby, [], TODAY, same, NAMES.get)
    )


def test_marking_an_exam_done_stores_it_and_the_agenda_sees_it_done(session, family):
    leo = person(family, "Léo")
    rows = child_exams.exam_rows(session, leo, TODAY)
    assert len(rows) == 20
    index, first = next((i, r.item.code) for i, r in enumerate(rows) if r.record is None)  # the demo's next
    child_exams.mark_exam_done(session, leo, TODAY, first, TODAY, "Maternité de la Croix-Rousse", "RAS")
    row = child_exams.exam_rows(session, leo, TODAY)[index]
    assert (row.record.on, row.record.professional, row.record.note) == (
        TODAY,
        "Maternité de la Croix-Rousse",
        "RAS",
    )
    with pytest.raises(ValidationError, match="already"):
        child_exams.mark_exam_done(session, leo, TODAY, first, TODAY)


@pytest.mark.parametrize(
    ("code", "on"), [("child-exam-99", date(2026, 1, 1)), ("child-exam-01", date(2027, 1, 1))]
)
def test_a_bad_exam_mark_is_refused_and_nothing_is_stored(session, family, code, on):
    leo = person(family, "Léo")
    before = records.list_records(session, leo.id, "child_exam")
    with pytest.raises(ValidationError):
        child_exams.mark_exam_done(session, leo, TODAY, code, on)
    assert records.list_records(session, leo.id, "child_exam") == before


def test_a_certificate_is_stored_as_a_medical_certificate_document_and_found_by_the_age(session, family):
    leo = person(family, "Léo")
    assert set(child_exams.certificates(session, leo)) == {"cert-9m"}  # the demo's 9th-month certificate
    on = leo.birth_date
    document = child_exams.add_certificate(session, leo, TODAY, "cert-8d", on, "Dr Marc Bernard", "", same)
    assert (document.type_code, document.folder, document.mime) == ("89601-9", "cert-8d", "application/pdf")
    assert set(child_exams.certificates(session, leo)) == {"cert-8d", "cert-9m"}
    with pytest.raises(ValidationError, match="does not fit"):
        child_exams.add_certificate(session, leo, TODAY, "cert-24m", on, "Dr Marc Bernard", "", same)


def test_advice_is_chosen_by_age_and_every_card_names_an_official_source():
    babies = child_advice(date(2026, 6, 1), TODAY, "en")  # 5 months old
    assert [c.id for c in babies] == ["sleep-back", "screens-under-3", "food-diversification"]
    official = ("1000-premiers-jours.fr", "ameli.fr", "mangerbouger.fr", "service-public.fr")
    for birth in (date(2026, 11, 1), date(2025, 1, 1), date(2020, 1, 1), date(2012, 1, 1)):
        for card in child_advice(birth, TODAY):
            assert any(site in card.source_url for site in official), card.id
    assert pregnancy_advice(date(2026, 6, 1), TODAY, "en").title == "Month 6"


@pytest.mark.parametrize(
    "known",
    [{"lmp": date(2026, 6, 1)}, {"conception": date(2026, 6, 15)}, {"term": date(2027, 3, 15)}],
)
def test_a_pregnancy_starts_from_the_lmp_a_conception_date_or_a_dated_term(session, family, known):
    camille = person(family, "Camille")
    pregnancy = follow_up.start_pregnancy(session, camille, TODAY, **known)
    assert pregnancy.lmp == date(2026, 6, 1)
    assert follow_up.pregnancies(session, camille.id) == [pregnancy]


@pytest.mark.parametrize(
    "known",
    [
        {},
        {"lmp": date(2026, 6, 1), "term": date(2027, 3, 15)},
        {"lmp": date(2026, 12, 5)},
        {"lmp": date(2025, 11, 1)},
    ],
)
def test_bad_pregnancy_dates_are_refused_and_nothing_is_stored(session, family, known):
    camille = person(family, "Camille")
    with pytest.raises(ValidationError):
        follow_up.start_pregnancy(session, camille, TODAY, **known)
    assert follow_up.pregnancies(session, camille.id) == []


def test_only_one_pregnancy_is_followed_at_a_time_and_not_on_a_mans_profile(session, family):
    camille, leo = person(family, "Camille"), person(family, "Léo")
    follow_up.start_pregnancy(session, camille, TODAY, lmp=date(2026, 6, 1))
    with pytest.raises(ValidationError, match="already"):
        follow_up.start_pregnancy(session, camille, TODAY, lmp=date(2026, 7, 1))
    with pytest.raises(ValidationError):
        follow_up.start_pregnancy(session, leo, TODAY, lmp=date(2026, 7, 1))


def test_the_timeline_groups_the_items_by_month_of_pregnancy():
    months = follow_up.timeline(Pregnancy(date(2026, 6, 1)), TODAY)
    codes = {m.number: [i.code for i in m.items] for m in months}
    assert codes[1] == ["preg-exam-1", "preg-declaration", "preg-bio-1", "preg-bilan-prevention", "preg-epp"]
    assert "preg-anaesthesia" in codes[8]
    assert "preg-post-term" in codes[9]  # from 41 SA, still before the birth
    assert codes[follow_up.AFTER_BIRTH] == ["preg-postnatal-exam", "preg-postnatal", "preg-postnatal-2"]
    assert sum(len(c) for c in codes.values()) == 32  # 7 exams, declaration, 1st-trimester tests,
    # prevention check-up, 3 ultrasounds, combined screening, EPP, dental, pertussis, diabetes test,
    # strep B swab, 7 preparation sessions, anaesthesia, monitoring from 41 SA, leave, postnatal exam
    # and 2 interviews (a first child)


def test_past_pregnancies_keep_their_folder(session, family):
    camille = person(family, "Camille")
    pregnancy = follow_up.start_pregnancy(session, camille, TODAY, lmp=date(2026, 2, 20))
    documents.add_document(
        session,
        camille.id,
        pdf_with("Biométries normales."),
        today=TODAY,
        title="Échographie T2",
        type_code="18748-4",
        on=date(2026, 7, 10),
        folder=pregnancy.id,
    )
    closed, baby = follow_up.gave_birth(
        session, camille, pregnancy, TODAY, birth_date=date(2026, 11, 20), first_name="Jeanne", sex="F"
    )
    assert [d.title for d in follow_up.documents(session, camille.id, closed)] == ["Échographie T2"]
    assert follow_up.pregnancies(session, camille.id)[0].closed_on == date(2026, 11, 20)
    assert records.get_profile(session, baby.id).birth_date == date(2026, 11, 20)
    with pytest.raises(ValidationError, match="already closed"):
        follow_up.gave_birth(
            session, camille, closed, TODAY, birth_date=date(2026, 11, 20), first_name="X", sex="F"
        )

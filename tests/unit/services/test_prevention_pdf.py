"""The prevention PDFs: the one-page Mon bilan prévention summary (flagged answers first, habits,
vaccinations and screenings due) and the ICOPE screenings over time."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from domain.errors import ValidationError
from domain.habits import AdultHabits
from services import documents, prevention, prevention_pdf, records
from services.i18n import translator

from .conftest import TODAY
from .test_prevention import ICOPE_NEGATIVE

ENGLISH = str


def text_of(data):
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def paul(session):
    """51 on 1 January 2027: in the 45-50 bracket today, a daily smoker, due for colorectal screening."""
    return records.add_profile(
        session, TODAY, first_name="Paul", last_name="Martin", birth_date=date(1976, 1, 1), sex="M"
    )


def answer_the_bilan(session, profile):
    answers = {"TOUX": "yes", "CIGARETTES": "yes", "DENTISTE": "yes", "MASSE": 82.0, "TAILLE": 1.8}
    prevention.save_bilan(session, profile, "45-50", answers, TODAY)
    prevention.save_habits(
        session, profile, AdultHabits(TODAY, tobacco="daily", cigarettes_per_day=12), TODAY
    )


def test_the_bilan_summary_is_one_page_with_the_flagged_answers_first(session, paul):
    answer_the_bilan(session, paul)
    pages, text = text_of(prevention_pdf.bilan_summary_pdf(session, paul, "45-50", TODAY, ENGLISH))
    assert pages == 1
    flagged = text.index("To talk about with the professional")
    assert text.index("Do you cough often, every day? Yes") > flagged
    assert text.index("Do you smoke or vape? Yes") > flagged
    habits = text.index("Habits")
    assert habits > text.index("Do you smoke or vape? Yes")
    assert "How many cigarettes a day" in text[habits:] or "12" in text[habits:]
    assert text.index("Vaccinations due") > habits and text.index("Screenings due") > habits
    assert "Paul Martin" in text or "Paul MARTIN" in text


def test_the_bilan_summary_speaks_french_with_its_accents(session, paul):
    answer_the_bilan(session, paul)
    data = prevention_pdf.bilan_summary_pdf(session, paul, "45-50", TODAY, translator("fr"), "fr")
    _pages, text = text_of(data)
    assert "Mon bilan prévention" in text and "en mètres ? 1,8" in text
    assert "Toussez-vous souvent, tous les jours ? Oui" in text.replace("\u00a0", " ")


def test_a_long_summary_stays_on_one_page_and_says_how_many_lines_did_not_fit(paul):
    from domain.bilan import Item, Summary

    many = tuple(Item(f"Q{n}", "habits", f"Question {n}?", ("Yes",), None, True) for n in range(120))
    data = prevention_pdf.bilan_pdf(paul, Summary("45-50", many, (), 0), [], [], [], TODAY, ENGLISH)
    pages, text = text_of(data)
    assert pages == 1 and "Question 0? Yes" in text and "Question 119?" not in text
    assert "more lines in Carnet" in text


def test_there_is_no_summary_before_any_answer(session, paul):
    with pytest.raises(ValidationError, match="nothing to summarise"):
        prevention_pdf.bilan_summary_pdf(session, paul, "45-50", TODAY, ENGLISH)


def test_the_summary_can_be_attached_to_the_profiles_documents(session, paul):
    answer_the_bilan(session, paul)
    document = prevention_pdf.attach_bilan(session, paul, "45-50", TODAY, ENGLISH)
    [listed] = documents.list_documents(session, paul.id)
    assert listed.id == document.id and listed.type_code == "60591-5"
    _pages, text = text_of(documents.read_content(session, paul.id, listed))
    assert "Do you cough often, every day? Yes" in text


def test_the_icope_pdf_lists_each_screening_and_the_next_steps_of_the_latest(session):
    rose = records.add_profile(
        session,
        TODAY,
        first_name="Rose",
        last_name="Martin",
        birth_date=date(1958, 3, 2),
        sex="F",
        role="helped",
    )
    prevention.record_icope(session, rose, ICOPE_NEGATIVE, TODAY, on=date(2026, 5, 2))
    prevention.record_icope(
        session, rose, dict(ICOPE_NEGATIVE, hearing_failed=True), TODAY, filled_by="caregiver"
    )
    pages, text = text_of(prevention_pdf.icope_history_pdf(session, rose, TODAY, ENGLISH))
    assert pages == 1 and "05/02/2026" in text and "11/30/2026" in text
    assert "A caregiver" in text and "To check" in text
    assert "A sign of frailty was found" in text

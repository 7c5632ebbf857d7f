"""The summary as a PDF a doctor reads, and the "urgence" card (services/sharing/summary_pdf.py,
domain/summary.py)."""

import dataclasses
import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from domain.errors import ValidationError
from domain.medical import MedicalHistory
from domain.models import Immunization
from domain.summary import EmergencyContact, emergency_card
from services.i18n import translator
from services.sharing.summary_pdf import summary_pdf
from services.sharing.texts import Texts
from tests.unit.sharing.conftest import TODAY


def text_of(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_names_the_person_and_their_allergy(full_data):
    pages, text = text_of(summary_pdf(full_data, TODAY))
    assert pages == 1
    assert "Élodie Marchand" in text
    assert "Pénicilline" in text and "severe" in text
    assert "Blood group: O Rh-" in text
    assert "Marc Marchand (conjoint): 06 12 34 56 78" in text
    assert "Lévothyroxine" in text and "Amoxicilline" not in text  # ended treatments are left out


def test_the_pdf_of_an_empty_profile_says_nothing_is_recorded(empty_data):
    pages, text = text_of(summary_pdf(empty_data, TODAY))
    assert pages == 1 and "Jean Petit" in text
    assert "No allergy is recorded in Carnet." in text
    assert "Blood group: not known" in text


def test_the_pdf_is_in_french_when_the_app_is(full_data):
    texts = Texts(translate=translator("fr"), lang="fr")
    _pages, text = text_of(summary_pdf(full_data, TODAY, texts))
    assert "Groupe sanguin : O Rh-" in text
    assert "Allergies" in text and "sévère" in text


def test_a_long_record_still_fits_in_two_pages_and_says_how_much_is_left_out(full_data):
    day = date(2000, 1, 1)
    many = dataclasses.replace(
        full_data,
        immunizations=tuple(Immunization("flu", day + timedelta(days=30 * i)) for i in range(200)),
        problems=tuple(MedicalHistory(f"Problème {i} " + "x" * 150, day) for i in range(60)),
    )
    pages, text = text_of(summary_pdf(many, TODAY))
    assert pages <= 2
    assert "more in Carnet." in text
    assert "Pénicilline" in text  # what matters first is never cut


def test_the_urgence_card_holds_what_a_rescuer_needs_first(full_data):
    card = emergency_card(full_data, TODAY)
    assert card.name == "Élodie Marchand" and card.blood_group == "O Rh-"
    assert card.allergies == (("Pénicilline", "severe"),)
    assert card.treatments == (("Lévothyroxine", "75 µg le matin"),)
    assert card.contacts[0].phone == "06 12 34 56 78"


def test_the_urgence_card_of_an_empty_profile_is_empty_not_wrong(empty_data):
    card = emergency_card(empty_data, TODAY)
    assert (card.blood_group, card.allergies, card.treatments, card.contacts) == ("", (), (), ())


@pytest.mark.parametrize("phone", ["", "12", "06 12 34 56 78 90 12 34", "06-ABC-12", "=HYPERLINK(1)"])
def test_an_emergency_contact_needs_a_telephone_number(phone):
    with pytest.raises(ValidationError):
        EmergencyContact("Marc", phone)


def test_an_international_number_is_a_telephone_number():
    assert EmergencyContact(" Marc ", "+33 6 12 34 56 78").name == "Marc"

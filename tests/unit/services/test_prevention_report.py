"""The ``prevention`` command's overview of one profile on 3 December 2026: the advice cards with their
source, Mon bilan prévention and ICOPE when due, the campaigns under way with the provisional hint."""

from datetime import date

import pytest

from domain.errors import NotFoundError, ValidationError
from domain.medical import MedicalHistory
from services import prevention, prevention_report, records
from services.i18n import translator

DAY = date(2026, 12, 3)
FR = translator("fr")


def someone(session, first_name, born, sex="M"):
    return records.add_profile(
        session, DAY, first_name=first_name, last_name="Martin", birth_date=born, sex=sex, role="holder"
    )


def test_a_profile_is_found_by_id_or_by_first_name_whatever_the_accents_and_case(session):
    ines = someone(session, "Inès", date(1990, 1, 1), "F")
    assert prevention_report.find_profile(session, ines.id) == ines
    assert prevention_report.find_profile(session, "ines") == ines
    assert prevention_report.find_profile(session, "Inès Martin") == ines
    with pytest.raises(NotFoundError):
        prevention_report.find_profile(session, "Personne")
    someone(session, "Ines", date(1992, 1, 1), "F")
    with pytest.raises(ValidationError, match="Several profiles"):
        prevention_report.find_profile(session, "ines")


def test_a_45_year_old_with_diabetes_sees_the_bilan_due_and_the_provisional_campaign_in_french(session):
    paul = someone(session, "Paul", date(1980, 6, 1))
    records.add_record(session, paul.id, MedicalHistory("Diabète de type 2", date(2020, 3, 1)), DAY)
    prevention.save_bilan(session, paul, "45-50", {"CIGARETTES": "no"}, DAY)
    found = prevention_report.overview(session, paul, DAY)
    assert [i.code for i in found.due] == ["prevention-bilan-45"]
    assert found.bilan == ("45-50", "draft")
    assert [(c.id, c.provisional) for c in found.campaigns] == [("flu-covid", True)]
    text = "\n".join(prevention_report.lines(found, FR))
    assert "Conseils pour vous" in text and "Source : " in text
    assert "brouillon enregistré" in text
    assert "du 15/10/2026 au 31/01/2027" in text
    assert "demandez à votre pharmacien" in text.lower()
    data = prevention_report.as_json(found, FR)
    assert data["campaigns"][0]["provisional"] is True and data["campaigns"][0]["from"] == "2026-10-15"
    assert all(card["title"] and card["source"] for card in data["advice"])


def test_icope_due_at_60_is_listed_and_a_healthy_adult_has_no_campaign(session):
    anne = someone(session, "Anne", date(1966, 12, 3), "F")  # 60 today
    found = prevention_report.overview(session, anne, DAY)
    assert "icope-2026-12" in [i.code for i in found.due]
    assert found.campaigns == ()
    assert "Aucune campagne en cours pour ce profil." in prevention_report.lines(found, FR)[-1]

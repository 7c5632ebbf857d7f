"""A family member with something in every part of the summary, and one with nothing."""

from datetime import UTC, date, datetime

import pytest

from domain.medical import Allergy, BloodGroup, Hospitalisation, MedicalHistory, Treatment
from domain.models import Immunization, Measurement, Pregnancy, Profile
from domain.plan import AgendaItem
from domain.summary import EmergencyContact, SummaryData

TODAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)


def item(code: str, kind: str, start: date, end: date, status: str) -> AgendaItem:
    return AgendaItem(code, kind, f"Item {code}", start, end, status, "source")


@pytest.fixture
def empty_data() -> SummaryData:
    return SummaryData(Profile("Jean", "Petit", date(1990, 3, 3), "M"))


@pytest.fixture
def full_data() -> SummaryData:
    profile = Profile("Élodie", "Marchand", date(1992, 6, 15), "F", national_id="2920675123456")
    return SummaryData(
        profile=profile,
        allergies=(Allergy("Pénicilline", date(2010, 1, 1), reaction="urticaire", severity="severe"),),
        treatments=(
            Treatment("Lévothyroxine", date(2020, 1, 1), dosage="75 µg le matin"),
            Treatment("Amoxicilline", date(2026, 1, 1), until=date(2026, 1, 8)),  # ended: left out
        ),
        problems=(MedicalHistory("Hypothyroïdie", date(2019, 9, 1), note="suivie par l'endocrinologue"),),
        hospitalisations=(
            Hospitalisation(
                "CHU de Nantes", date(2021, 4, 2), reason="Appendicectomie", until=date(2021, 4, 5)
            ),
        ),
        immunizations=(Immunization("dtp", date(2024, 5, 2), product="Revaxis", lot="X123"),),
        measurements=(
            Measurement("weight", 60.0, date(2025, 1, 1)),
            Measurement("weight", 62.5, date(2026, 10, 1)),
            Measurement("systolic", 118, date(2026, 10, 1)),
            Measurement("hba1c", 5.4, date(2026, 9, 1)),
        ),
        pregnancies=(Pregnancy(date(2026, 8, 1)),),
        blood_groups=(BloodGroup("O", "-", date(2015, 2, 2), lab="Biolab"),),
        contacts=(EmergencyContact("Marc Marchand", "06 12 34 56 78", "conjoint"),),
        plan=(
            item("vax-flu-2026", "vaccination", date(2026, 10, 15), date(2027, 2, 1), "to_schedule"),
            item("screen-cervix-2026", "screening", date(2026, 1, 1), date(2026, 12, 31), "scheduled"),
            item("far-away", "prevention", date(2030, 1, 1), date(2030, 6, 1), "upcoming"),
        ),
    )

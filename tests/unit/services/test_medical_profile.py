"""Profil médical: entries of each kind with their date and who entered them; measurements and BMI."""

from datetime import date

import pytest

from domain.errors import ValidationError
from domain.models import Measurement
from services import medical_profile as mp
from services import records

from .conftest import TODAY


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("allergy", {"substance": "Pénicilline", "reaction": "Urticaire", "severity": "severe"}),
        ("treatment", {"medicine": "Lévothyrox 50 µg", "dosage": "1 le matin"}),
        ("medical_history", {"condition": "Appendicectomie"}),
        ("hospitalisation", {"place": "Hôpital Édouard-Herriot", "until": date(2019, 5, 9)}),
        ("family_history", {"relative": "Mère", "condition": "Diabète de type 2"}),
        ("blood_group", {"abo": "AB", "rhd": "-"}),
    ],
)
def test_each_kind_is_added_edited_and_deleted_with_its_date_and_author(session, family, kind, fields):
    holder = family[0]
    entry = mp.add_entry(session, holder.id, kind, TODAY, who="professional", on=date(2019, 3, 2), **fields)
    [stored] = mp.list_entries(session, holder.id, kind)
    assert stored == entry and stored.on == date(2019, 3, 2) and stored.entered_by == "professional"
    changed = mp.update_entry(session, holder.id, stored, TODAY, on=date(2019, 3, 4))
    assert mp.list_entries(session, holder.id, kind) == [changed]
    mp.delete_entry(session, holder.id, changed)
    assert mp.list_entries(session, holder.id, kind) == []


@pytest.mark.parametrize(
    ("kind", "fields", "message"),
    [
        ("allergy", {"substance": " "}, "allergy is to"),
        ("allergy", {"substance": "Latex", "severity": "fatal"}, "severity"),
        ("treatment", {"medicine": "X", "until": date(2000, 1, 1)}, "end before"),
        ("blood_group", {"abo": "C", "rhd": "+"}, "A, B, AB or O"),
        ("blood_group", {"abo": "A", "rhd": "?"}, "RhD"),
        ("tattoo", {}, "Unknown kind"),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_stored(session, family, kind, fields, message):
    with pytest.raises(ValidationError, match=message):
        mp.add_entry(session, family[0].id, kind, TODAY, on=date(2020, 1, 1), **fields)
    assert mp.list_entries(session, family[0].id, "allergy") == []


def test_a_date_in_the_future_is_refused(session, family):
    with pytest.raises(ValidationError, match="future"):
        mp.add_entry(session, family[0].id, "allergy", TODAY, substance="Latex", on=date(2027, 1, 1))


def test_the_blood_group_card_is_a_pdf_naming_the_group(session, family):
    group = mp.add_entry(session, family[0].id, "blood_group", TODAY, abo="O", rhd="-", on=date(2012, 6, 1))
    assert mp.blood_group(session, family[0].id).label == "O Rh-"
    data = mp.blood_group_card(family[0], group)
    import io

    from pypdf import PdfReader

    assert "O Rh-" in PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_the_blood_group_card_writes_its_dates_in_the_order_of_the_language(session, family):
    import io

    from pypdf import PdfReader

    from services.i18n import translator

    group = mp.add_entry(session, family[0].id, "blood_group", TODAY, abo="O", rhd="-", on=date(2012, 6, 1))

    def text(lang):
        return (
            PdfReader(io.BytesIO(mp.blood_group_card(family[0], group, translator(lang))))
            .pages[0]
            .extract_text()
        )

    assert "01/06/2012" in text("fr") and "06/01/2012" in text("en")


def test_an_implausible_measurement_is_refused_with_the_range(session, family):
    with pytest.raises(ValidationError, match=r"outside the plausible range \(30.0 to 45.0 Cel\)"):
        records.add_measurement(session, family[0].id, TODAY, kind="temperature", value=52, on=TODAY)


def test_bmi_is_computed_from_each_weight_and_the_latest_height_before_it():
    ms = [
        Measurement("height", 166.0, date(2025, 1, 1)),
        Measurement("weight", 64.0, date(2025, 2, 1)),
        Measurement("weight", 62.4, date(2026, 2, 1)),
        Measurement("weight", 70.0, date(2024, 1, 1)),
    ]
    assert mp.series(ms, "bmi") == [(date(2025, 2, 1), 23.2), (date(2026, 2, 1), 22.6)]
    assert mp.latest(ms)["bmi"] == (date(2026, 2, 1), 22.6)
    assert mp.latest(ms)["weight"] == (date(2026, 2, 1), 62.4)

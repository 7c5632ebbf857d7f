"""Values read from a biology report of the Dossier: the reference's synthetic lines laid out in a PDF made
with fpdf2, read through the bounded PDF worker, proposed, and stored only one by one when confirmed."""

from datetime import date

import pytest
from fpdf import FPDF

from domain.diabetes_agenda import agenda_items
from domain.glucose_csv import columns_of
from services import access_log, documents, lab_values, records
from tests.unit.domain.test_labreport import FIXTURES

from .conftest import TODAY


def report(lines):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    for line in lines:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_every_synthetic_line_of_the_reference_is_proposed_from_the_pdf_and_nothing_is_saved(session, adult):
    lines = ["Laboratoire de test - prélevé le 04/11/2026", *(line for line, _expected in FIXTURES)]
    doc = documents.add_document(
        session,
        adult.id,
        report(lines),
        today=TODAY,
        title="Bilan",
        type_code="11502-2",
        on=date(2026, 11, 5),
    )
    assert lab_values.lab_documents(session, adult.id) == [doc]
    found = lab_values.propose(session, adult.id, doc)
    assert [v.kind for v in found] == [e[0] for _line, e in FIXTURES]
    assert [v.canonical for v in found] == pytest.approx([e[3] for _line, e in FIXTURES], abs=0.01)
    assert all(v.on == date(2026, 11, 4) for v in found)
    assert records.list_records(session, adult.id, "measurement") == []
    assert access_log.entries(session, adult.id)[0].action == "read"  # the read after consent is logged


def test_a_confirmed_value_is_a_measurement_in_carnets_unit_with_its_line(session, adult):
    doc = documents.add_document(
        session,
        adult.id,
        report(["LDL-cholestérol mesuré : 3,41 mmol/L"]),
        today=TODAY,
        title="Bilan",
        type_code="11502-2",
        on=date(2026, 10, 2),
    )
    [value] = lab_values.propose(session, adult.id, doc)
    assert value.on == date(2026, 10, 2)  # no sampling date printed: the document's
    stored = lab_values.confirm(session, adult.id, value, TODAY)
    assert (stored.kind, stored.value, stored.on) == ("ldl", 1.32, date(2026, 10, 2))
    assert stored.note == "LDL-cholestérol mesuré : 3,41 mmol/L"
    assert records.list_records(session, adult.id, "measurement") == [stored]


def test_other_documents_are_not_offered(session, adult):
    documents.add_document(
        session, adult.id, report(["Ordonnance"]), today=TODAY, title="Ordo", type_code="57833-6", on=TODAY
    )
    assert lab_values.lab_documents(session, adult.id) == []


# -- the diabetes follow-up as agenda items -----------------------------------------------------------------
BIRTH = date(1964, 4, 17)


def test_an_item_never_done_is_to_schedule_now_and_late_after_its_window():
    items = {i.code: i for i in agenda_items(TODAY, birth_date=BIRTH)}
    assert items["t2d-foot"].status == "to_schedule" and items["t2d-foot"].window_start == TODAY
    marked = agenda_items(TODAY, birth_date=BIRTH, done=[("t2d-foot", date(2025, 5, 1))])
    late = next(i for i in marked if i.code == "t2d-foot")
    assert late.status == "overdue" and late.window_start == date(2026, 5, 1)


def test_an_appointment_made_for_an_item_makes_it_scheduled():
    items = agenda_items(TODAY, birth_date=BIRTH, scheduled=[("t2d-eye", date(2026, 12, 15))])
    eye = next(i for i in items if i.code == "t2d-eye")
    assert eye.status == "scheduled" and eye.scheduled_on == date(2026, 12, 15)


def test_the_pneumococcal_dose_given_as_an_adult_is_done_once_and_for_all():
    items = agenda_items(TODAY, birth_date=BIRTH, vaccinations=[("pcv", date(2024, 10, 1))])
    pneumo = next(i for i in items if i.code == "t2d-pneumo")
    assert (pneumo.status, pneumo.done_on, pneumo.kind) == ("done", date(2024, 10, 1), "vaccination")


def test_a_header_is_offered_for_mapping_by_hand_when_no_column_is_recognised():
    text = "Export du 01/12/2026\nJour;Heure;Valeur\n01/11/2026;07:30;98\n"
    assert columns_of(text) == ["Jour", "Heure", "Valeur"]


@pytest.mark.parametrize(
    ("kind", "value", "stored"),
    [
        ("fasting_glucose", 1.2611, 1.26),
        ("creatinine", 9.1616, 9.2),
        ("hba1c", 6.9995, 7.0),
        ("egfr", 58.4, 58.0),
    ],
)
def test_a_converted_value_is_kept_with_the_decimals_a_report_prints(kind, value, stored):
    from domain.units import stored_value

    assert stored_value(kind, value) == stored

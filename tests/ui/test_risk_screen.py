"""Issue 15's screens built and driven without a Flet client: the blood-pressure pair on Profil médical,
the unit printed on the report, the findings card on Accueil and the Risques screen."""

import io
from datetime import date, datetime, timedelta

import flet as ft
import pytest
from fpdf import FPDF
from pypdf import PdfReader

from components.finding_card import FindingCard
from components.pair_chart import PairChart
from domain.medical import MedicalHistory
from services import documents, glucose, records
from services import risk as risk_service
from views.medical import blood_pressure as bp_view
from views.medical import measurements as medical_measurements
from views.risk import diabetes as diabetes_view
from views.risk import glucose_import, home_series, lab_values, questionnaires
from views.routes import ITEM_ROUTES

from .conftest import TODAY
from .tree import node, press, semantics, texts, walk


@pytest.fixture
def screen(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    return shell, state, host


def profile(state):
    return state.current


def test_blood_pressure_is_one_entry_with_two_fields_shown_as_a_pair_on_one_chart(screen):
    shell, state, host = screen
    state.go("/medical")
    medical_measurements.choose_measure(shell.ctx, bp_view.KIND)
    semantics(shell, "add-measurement").content.on_click(None)
    form = host.dialogs[-1]
    assert set(form.inputs) == {"systolic", "diastolic", "heart_rate", "on"}
    form.inputs["systolic"].value, form.inputs["diastolic"].value = "128", "82"
    form.inputs["on"].value = "11/02/2026"  # English: month first
    form.confirm()
    assert host.dialogs == [] and "Blood pressure: 2 readings, latest 128/82 mmHg" in shell.texts()
    [chart] = [c for c, _ in walk(shell.body) if isinstance(c, PairChart)]
    # the demo's older pair of single measures (118 and 76 a month ago) is shown with the new reading
    assert len(chart.chart().data_series) == 2
    assert chart.points == [(TODAY - timedelta(days=30), 118, 76), (date(2026, 11, 2), 128, 82)]
    [reading] = records.list_records(state.session, state.current_id, "blood_pressure")
    assert (reading.systolic, reading.diastolic) == (128, 82)


def test_a_diastolic_above_the_systolic_is_refused_under_its_field(screen):
    shell, state, host = screen
    form = bp_view.show_form(shell.ctx, state.current_id)
    form.inputs["systolic"].value, form.inputs["diastolic"].value = "80", "120"
    form.confirm()
    assert host.dialogs[-1] is form and "higher than the diastolic" in form.inputs["diastolic"].error
    assert records.list_records(state.session, state.current_id, "blood_pressure") == []


def test_the_measurement_form_takes_the_unit_printed_on_the_report(screen):
    shell, state, host = screen
    form = medical_measurements.show_measurement_form(shell.ctx, state.current_id, "fasting_glucose")
    assert [o.key for o in form.inputs["unit"].options] == ["g/L", "mmol/L", "mg/dL"]
    form.inputs["value"].value, form.inputs["unit"].value = "126", "mg/dL"
    form.confirm()
    [m] = [
        m
        for m in records.list_records(state.session, state.current_id, "measurement")
        if m.kind == "fasting_glucose"
    ]
    assert m.value == 1.26
    form = medical_measurements.show_measurement_form(shell.ctx, state.current_id, "weight")
    form.inputs["kind"].on_select(type("E", (), {"control": form.inputs["kind"]})())
    form.inputs["kind"].value = "creatinine"
    form.inputs["kind"].on_select(type("E", (), {"control": form.inputs["kind"]})())
    assert form.inputs["unit"].value == "mg/L" and "µmol/L" in [o.key for o in form.inputs["unit"].options]
    form.inputs["value"].value, form.inputs["unit"].value = "9", "%"
    form.confirm()
    assert host.dialogs[-1] is form and "not a unit" in form.inputs["unit"].error_text


def test_accueil_shows_the_most_urgent_finding_and_leads_to_the_risk_screen(screen):
    shell, state, host = screen
    risk_service.add_blood_pressure(
        state.session, state.current_id, TODAY, systolic=182, diastolic=95, on=TODAY
    )
    state.go("/")
    [card] = [c for c, _ in walk(shell.body) if isinstance(c, FindingCard)]
    assert card.level == "urgent" and "182/95" in card.message and "Call 15" in card.next_step
    press(shell.body, "home-risk")
    assert state.route == "/risk" and "Risks and follow-up" in shell.texts()


def test_a_childs_home_has_no_risk_card_and_the_risk_screen_is_not_offered(screen):
    shell, state, host = screen
    child = records.add_profile(
        state.session,
        TODAY,
        first_name="Léa",
        last_name="P",
        birth_date=date(2020, 1, 1),
        sex="F",
        role="child",
    )
    state.reload()
    state.switch(child.id)
    state.go("/")
    assert not [c for c, _ in walk(shell.body) if isinstance(c, FindingCard)]
    assert "nav-risk" not in [i.content.identifier for i in shell.menu.items]
    state.go("/risk")  # an old link: a child's carnet opens at home
    assert state.route == "/"


def test_the_home_series_guides_each_reading_and_shows_its_mean(screen):
    shell, state, host = screen
    state.go("/risk")
    press(shell.body, "series-add")
    form = host.dialogs[-1]
    assert form.inputs["moment"].value == "morning"
    form.inputs["systolic"].value, form.inputs["diastolic"].value = "142", "88"
    form.confirm()
    assert "1/18 readings, 1 day; mean 142/88 mmHg" in shell.texts()
    assert any("reading 2 of 3" in t for t in shell.texts())


def test_the_copd_questionnaire_is_kept_and_its_finding_shown(screen):
    shell, state, host = screen
    state.go("/risk")
    press(shell.body, "questionnaire-copd")
    form = host.dialogs[-1]
    for item in ("cough", "sputum", "breathless"):
        form.inputs[item].value = "yes"
    form.confirm()
    assert form.inputs["over_40"].error_text == "Choose an answer." and host.dialogs[-1] is form
    form.inputs["over_40"].value = form.inputs["smoker"].value = "no"
    form.confirm()
    assert host.dialogs == []
    cards = [c for c, _ in walk(shell.body) if isinstance(c, FindingCard)]
    assert any("spirometry" in c.next_step for c in cards)


def test_saying_type_2_diabetes_opens_the_follow_up_and_the_glucose_log(screen):
    shell, state, host = screen
    state.go("/risk")
    press(shell.body, "record-t2d")
    shown = shell.texts()
    assert "HbA1c (every 3 months): to schedule now" in shown
    # the yearly flu line is the campaign's item (diabetes makes Camille at risk), done by her recorded dose
    assert "Flu and COVID-19 vaccination campaign (usual dates): done on 10/11/2026" in shown
    assert not [t for t in shown if t.startswith("Flu vaccine (every campaign)")]
    assert "No glucose reading yet." in shown
    assert ITEM_ROUTES["t2d-"] == "/risk"
    form = diabetes_view.show_form(shell.ctx, state.current_id)
    form.inputs["value"].value, form.inputs["unit"].value, form.inputs["time"].value = (
        "7,2",
        "mmol/L",
        "07:45",
    )
    form.confirm()
    [reading] = glucose.readings(state.session, state.current_id)
    assert reading.mg_dl == 129.7 and reading.at == datetime.combine(TODAY, datetime.min.time()).replace(
        hour=7, minute=45
    )


CSV = """Jour;Heure;Valeur (mg/dL)
01/11/2026;07:30;98
01/11/2026;12:15;142
"""


def test_a_csv_export_is_previewed_mapped_by_hand_and_imported_once(screen):
    shell, state, host = screen
    records.add_record(state.session, state.current_id, MedicalHistory("DT2", date(2020, 1, 1)), TODAY)
    dialog = glucose_import.open_csv(shell.ctx, state.current_id, CSV.encode())
    assert glucose.readings(state.session, state.current_id) == []
    assert "Choose the date and glucose columns above." in texts(dialog)
    inputs = {i: node(dialog, f"glucose-column-{i}").content for i in ("stamp", "time", "value")}
    inputs["stamp"].value, inputs["time"].value, inputs["value"].value = "Jour", "Heure", "Valeur (mg/dL)"
    inputs["value"].on_select(None)
    assert "New readings: 2, from 11/01/2026 to 11/01/2026, read in mg/dL." in texts(dialog)
    press(dialog, "glucose-import")
    assert [r.mg_dl for r in glucose.readings(state.session, state.current_id)] == [98.0, 142.0]
    again = glucose_import.open_csv(shell.ctx, state.current_id, CSV.encode())  # the columns are remembered
    assert "No new reading in this file." in texts(again) and "Already recorded (skipped): 2." in texts(again)


def test_the_glucose_report_is_saved_as_a_pdf_showing_time_in_range(screen):
    shell, state, host = screen
    start = datetime.combine(TODAY - timedelta(days=14), datetime.min.time())
    readings = [
        glucose.GlucoseReading(start + timedelta(minutes=15 * i), 120 if i % 4 else 200, "cgm")
        for i in range(14 * 96)
    ]
    glucose.save_readings(state.session, state.current_id, readings, TODAY)
    host.files.save_to = "/dev/null"
    diabetes_view.export_report(shell.ctx, profile(state))
    [(name, data)] = host.files.saved
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert name.endswith(".pdf") and "Time in range (70-180 mg/dL)" in text and "75 %" in text


def biology_pdf(lines):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in lines:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_lab_values_are_proposed_beside_their_line_after_consent_and_saved_one_by_one(screen):
    shell, state, host = screen
    data = biology_pdf(
        [
            "LABORATOIRE TEST - Preleve le 13/11/2026",
            "A jeun : oui",
            "Glycemie 1,32 g/L (7,33 mmol/L) 0,70-1,10",
            "Cholesterol LDL calcule 1,62 g/L",
        ]
    )
    before = records.list_records(state.session, state.current_id, "measurement")
    doc = documents.add_document(
        state.session,
        state.current_id,
        data,
        today=TODAY,
        title="Bilan sanguin",
        type_code="11502-2",
        on=TODAY,
    )
    state.go("/risk")
    press(shell.body, f"lab-read-{doc.id}")
    consent = host.dialogs[-1]
    assert "Nothing is saved until you confirm each value" in " ".join(texts(consent))
    assert records.list_records(state.session, state.current_id, "measurement") == before
    press(consent, "lab-yes")
    proposals = host.dialogs[-1]
    shown = texts(proposals)
    assert (
        "Glycemie 1,32 g/L (7,33 mmol/L) 0,70-1,10" in shown and "Cholesterol LDL calcule 1,62 g/L" in shown
    )
    assert any(t.startswith("Proposed: Fasting blood glucose: 1.32 g/L") for t in shown)
    press(proposals, "lab-confirm-0")
    press(proposals, "lab-ignore-1")
    [m] = [m for m in records.list_records(state.session, state.current_id, "measurement") if m not in before]
    assert (m.kind, m.value, m.on) == ("fasting_glucose", 1.32, date(2026, 11, 13))


def test_no_value_is_read_without_consent(screen):
    shell, state, host = screen
    before = records.list_records(state.session, state.current_id, "measurement")
    doc = documents.add_document(
        state.session,
        state.current_id,
        biology_pdf(["Glycemie 1,32 g/L"]),
        today=TODAY,
        title="Bilan",
        type_code="11502-2",
        on=TODAY,
    )
    lab_values.ask_consent(shell.ctx, state.current_id, doc)
    press(host.dialogs[-1], "lab-no")
    assert (
        host.dialogs == [] and records.list_records(state.session, state.current_id, "measurement") == before
    )


def test_questionnaire_and_series_sections_build_for_a_new_profile(screen):
    shell, state, host = screen
    assert isinstance(home_series.section(shell.ctx, state.current_id), ft.Card)
    assert isinstance(questionnaires.section(shell.ctx, profile(state), {"heart_failure"}), ft.Card)


def test_the_agenda_shows_the_diabetes_follow_up_with_its_own_detail(screen):
    shell, state, host = screen
    risk_service.record_condition(state.session, state.current_id, "type2_diabetes", TODAY)
    state.go("/agenda")
    semantics(shell, f"item-t2d-eye-{state.current_id[:8]}").content.on_click(None)
    shown = texts(host.dialogs[-1])
    assert any("type 2 diabetes the HAS recommends" in t for t in shown)
    assert any("(ALD 8)" in t for t in shown)


def test_profil_medical_leads_an_adult_to_the_risk_screen(screen):
    shell, state, host = screen
    state.go("/medical")
    press(shell.body, "medical-risk")
    assert state.route == "/risk"


def test_a_fhir_file_of_glucose_observations_is_imported_from_the_screen(screen):
    import json

    from views.files import Picked

    shell, state, host = screen
    obs = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "2339-0"}]},
        "effectiveDateTime": "2026-11-20T07:30:00",
        "valueQuantity": {"value": 5.5, "unit": "mmol/L"},
    }
    host.files.picked = Picked(
        "glycemies.json", None, json.dumps({"resourceType": "Bundle", "entry": [{"resource": obs}]}).encode()
    )
    host.run_task(glucose_import.pick_fhir, shell.ctx, state.current_id)
    assert host.toasts[-1] == "Added: 1; already there: 0; other entries left aside: 0."
    assert [r.mg_dl for r in glucose.readings(state.session, state.current_id)] == [99.1]


def test_heart_failure_brings_the_epof_signs_and_breathless_lying_down_says_call_15(screen):
    shell, state, host = screen
    risk_service.record_condition(state.session, state.current_id, "heart_failure", TODAY)
    state.go("/risk")
    press(shell.body, "questionnaire-epof")
    form = host.dialogs[-1]
    for item in form.inputs:
        form.inputs[item].value = "yes" if item == "breathless_lying" else "no"
    form.confirm()
    cards = [c for c, _ in walk(shell.body) if isinstance(c, FindingCard)]
    assert cards[0].level == "urgent" and "call 15" in cards[0].next_step

"""The four forms of issue 15 (blood pressure, the home series, the glucose log, the questionnaires) on
the one mechanism of every form (views/forms.py, ViewContext.form): a refusal on its field, the dialog
kept open, the first wrong field focused, and dates typed in the language's order. Client-less."""

from datetime import date

import pytest

from services import glucose, records
from services import risk as risk_service
from views.medical import blood_pressure as bp_view
from views.risk import diabetes as diabetes_view
from views.risk import home_series, questionnaires


def fill_blood_pressure(form):
    form.inputs["systolic"].value, form.inputs["diastolic"].value = "128", "82"


def fill_glucose(form):
    form.inputs["value"].value, form.inputs["unit"].value, form.inputs["time"].value = "1,05", "g/L", "07:45"


def blood_pressure_days(state):
    return [r.on for r in records.list_records(state.session, state.current_id, "blood_pressure")]


def glucose_days(state):
    return [r.at.date() for r in glucose.readings(state.session, state.current_id)]


DATED_FORMS = {
    "blood pressure": (bp_view.show_form, fill_blood_pressure, blood_pressure_days),
    "home series": (home_series.show_form, fill_blood_pressure, blood_pressure_days),
    "glucose": (diabetes_view.show_form, fill_glucose, glucose_days),
}


@pytest.mark.parametrize("name", DATED_FORMS)
def test_in_english_a_date_is_labelled_and_read_month_first(unlocked, name):
    shell, state, host = unlocked
    state.set_language("en")
    show, fill, saved_days = DATED_FORMS[name]
    form = show(shell.ctx, state.current_id)
    assert form.inputs["on"].label == "Date (MM/DD/YYYY)" and form.inputs["on"].value == "11/30/2026"
    fill(form)
    form.inputs["on"].value = "12/31/2025"
    form.confirm()
    assert host.dialogs == [] and saved_days(state) == [date(2025, 12, 31)]


@pytest.mark.parametrize("name", DATED_FORMS)
def test_in_french_a_date_is_labelled_and_read_day_first(unlocked, name):
    shell, state, host = unlocked  # French
    show, fill, saved_days = DATED_FORMS[name]
    form = show(shell.ctx, state.current_id)
    assert form.inputs["on"].label == "Date (JJ/MM/AAAA)" and form.inputs["on"].value == "30/11/2026"
    fill(form)
    form.inputs["on"].value = "31/12/2025"
    form.confirm()
    assert host.dialogs == [] and saved_days(state) == [date(2025, 12, 31)]


@pytest.mark.parametrize("name", DATED_FORMS)
def test_a_date_in_the_wrong_order_is_refused_on_the_date_field(unlocked, name):
    shell, state, host = unlocked  # French: 12/31/2025 has no 31st month
    show, fill, saved_days = DATED_FORMS[name]
    form = show(shell.ctx, state.current_id)
    fill(form)
    form.inputs["on"].value = "12/31/2025"
    form.confirm()
    assert form.inputs["on"].error.startswith("« 12/31/2025 » n'est pas une date valide")
    assert host.dialogs == [form] and form.focused == "on" and saved_days(state) == []


def test_a_systolic_out_of_range_is_said_under_the_systolic_field_and_the_form_stays(unlocked):
    shell, state, host = unlocked
    form = bp_view.show_form(shell.ctx, state.current_id)
    form.inputs["systolic"].value, form.inputs["diastolic"].value = "1280", "82"
    form.confirm()
    assert "1280" in form.inputs["systolic"].error and form.inputs["diastolic"].error is None
    assert host.dialogs == [form] and form.focused == "systolic" and host.toasts == []
    assert blood_pressure_days(state) == []


def test_every_unreadable_number_of_the_blood_pressure_form_is_marked_at_once(unlocked):
    shell, state, host = unlocked
    form = bp_view.show_form(shell.ctx, state.current_id)
    form.inputs["systolic"].value, form.inputs["diastolic"].value = "cent", "80"
    form.inputs["heart_rate"].value = "soixante"
    form.confirm()
    assert form.inputs["systolic"].error == "« cent » n'est pas un nombre."
    assert form.inputs["heart_rate"].error == "« soixante » n'est pas un nombre."
    assert form.focused == "systolic" and host.dialogs == [form]


def test_a_blood_pressure_in_the_future_is_refused_on_the_date_with_a_french_date(unlocked):
    shell, state, host = unlocked
    form = bp_view.show_form(shell.ctx, state.current_id)
    fill_blood_pressure(form)
    form.inputs["on"].value = "01/12/2026"  # tomorrow
    form.confirm()
    assert "01/12/2026" in form.inputs["on"].error and form.focused == "on" and host.dialogs == [form]


def test_a_fourth_reading_of_the_same_morning_is_refused_on_the_moment(unlocked):
    shell, state, host = unlocked
    for _ in range(3):
        risk_service.add_series_reading(
            state.session,
            state.current_id,
            state.today(),
            systolic=130,
            diastolic=80,
            on=state.today(),
            moment="morning",
        )
    form = home_series.show_form(shell.ctx, state.current_id)
    fill_blood_pressure(form)
    form.inputs["moment"].value, form.inputs["on"].value = "morning", "30/11/2026"
    form.confirm()
    assert (
        form.inputs["moment"].error_text == "Les 3 mesures de ce matin ou de ce soir sont déjà enregistrées."
    )
    assert host.dialogs == [form] and form.focused == "moment"


def test_a_glucose_out_of_range_is_said_under_the_glucose_field(unlocked):
    shell, state, host = unlocked
    form = diabetes_view.show_form(shell.ctx, state.current_id)
    fill_glucose(form)
    form.inputs["value"].value = "105"  # 105 g/L: mg/dL typed with the unit left at g/L
    form.confirm()
    assert "10500" in form.inputs["value"].error and form.inputs["on"].error is None
    assert host.dialogs == [form] and form.focused == "value" and glucose_days(state) == []


def test_a_wrong_time_is_said_under_the_time_field_without_programmer_quotes(unlocked):
    shell, state, host = unlocked
    form = diabetes_view.show_form(shell.ctx, state.current_id)
    fill_glucose(form)
    form.inputs["time"].value = "25:00"
    form.confirm()
    assert form.inputs["time"].error == "« 25:00 » n'est pas une heure valide (format attendu : HH:MM)."
    assert host.dialogs == [form] and form.focused == "time"


def test_a_second_reading_of_the_same_minute_is_refused_on_the_time(unlocked):
    shell, state, host = unlocked
    for _ in range(2):
        form = diabetes_view.show_form(shell.ctx, state.current_id)
        fill_glucose(form)
        form.confirm()
    assert "déjà enregistrée" in form.inputs["time"].error and host.dialogs == [form]


def test_every_unanswered_question_is_marked_at_once_and_the_first_focused(unlocked):
    shell, state, host = unlocked
    form = questionnaires.show_form(shell.ctx, state.current, "copd")
    form.inputs["cough"].value = "yes"
    form.confirm()
    unanswered = [k for k, c in form.inputs.items() if c.error_text == "Choisissez une réponse."]
    assert unanswered == [k for k in form.inputs if k != "cough"] and form.inputs["cough"].error_text is None
    assert host.dialogs == [form] and form.focused == unanswered[0]
    assert risk_service.questionnaires(state.session, state.current_id) == []


def test_an_unreadable_waist_in_findrisc_is_said_under_the_waist_field(unlocked):
    shell, state, host = unlocked
    form = questionnaires.show_form(shell.ctx, state.current, "findrisc")
    for key, control in form.inputs.items():
        if key in form.choices:
            control.value = next(iter(form.choices[key]))
    form.inputs["bmi"].value, form.inputs["waist"].value = "24,5", "quatre-vingt"
    form.confirm()
    assert form.inputs["waist"].error == "« quatre-vingt » n'est pas un nombre."
    assert host.dialogs == [form] and form.focused == "waist"
    form.inputs["waist"].value = "82"
    form.confirm()
    assert host.dialogs == [] and [
        r.kind for r in risk_service.questionnaires(state.session, state.current_id)
    ] == ["findrisc"]


def test_a_questionnaire_keeps_the_form_error_line_for_a_refusal_that_names_no_question(unlocked):
    shell, state, host = unlocked
    form = questionnaires.show_form(shell.ctx, state.current, "copd")
    assert form.error in form.content.controls
    form.show_errors({}, "Impossible d'enregistrer.")
    assert form.error.visible and form.error.content.value == "Impossible d'enregistrer."

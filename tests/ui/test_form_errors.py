"""Every form shows a refusal on the field it is about (its error text), keeps the dialog open and moves
the focus to the first wrong field (views/context.py: form and submit; views/forms.py). Client-less."""

from datetime import date

from services import records
from views.documents import add as dossier_add
from views.medical import measurements as medical_measurements
from views.profiles import open_form


def test_a_wrong_date_in_a_form_is_shown_on_that_field_in_french_and_the_dialog_stays(unlocked):
    shell, state, host = unlocked  # French
    form = dossier_add.show_add_form(shell.ctx, [("bilan.pdf", b"%PDF-1.4\n%%EOF\n")])
    form.inputs["on"].value = "31/02/2026"
    form.confirm()
    assert form.inputs["on"].error == (
        "« 31/02/2026 » n'est pas une date valide : écrivez-la au format JJ/MM/AAAA."
    )
    assert host.dialogs == [form] and host.toasts == [] and form.focused == "on"
    assert "'" not in form.inputs["on"].error.split("n'est")[0]  # no programmer quotes around the text


def test_the_form_error_line_hides_as_a_whole_never_an_invisible_control_inside_semantics(unlocked):
    shell, state, host = unlocked
    form = dossier_add.show_add_form(shell.ctx, [("virus.pdf", b"MZ" + bytes(100))])
    assert form.error.visible is False and form.error.content.visible is not False
    form.confirm()  # a refusal that names no field: on the form's own line
    assert form.error.visible and form.error.content.value and host.toasts == []


def test_every_wrong_field_is_marked_at_once_and_the_first_one_gets_the_focus(unlocked):
    shell, state, host = unlocked
    form = medical_measurements.show_measurement_form(shell.ctx, state.current_id, "weight")
    form.inputs["value"].value = "soixante"
    form.inputs["on"].value = ""
    form.confirm()
    assert form.inputs["value"].error == "« soixante » n'est pas un nombre."
    assert form.inputs["on"].error == "Saisissez une date au format JJ/MM/AAAA."
    assert form.focused == "value" and host.dialogs == [form]


def test_a_corrected_form_saves_and_clears_nothing_else(unlocked):
    shell, state, host = unlocked
    form = medical_measurements.show_measurement_form(shell.ctx, state.current_id, "weight")
    form.inputs["value"].value = "61,8"
    form.inputs["on"].value = "31/11/2026"
    form.confirm()
    assert form.inputs["value"].error is None and form.inputs["on"].error
    form.inputs["on"].value = "29/11/2026"
    form.confirm()
    assert host.dialogs == [] and host.toasts[-1] == "Enregistré."
    weights = [
        m
        for m in records.list_records(state.session, state.current_id, "measurement")
        if m.on == date(2026, 11, 29)
    ]
    assert [m.value for m in weights] == [61.8]


def test_a_refusal_of_the_rules_goes_on_its_field_with_a_french_date(unlocked):
    shell, state, host = unlocked
    form = medical_measurements.show_measurement_form(shell.ctx, state.current_id, "weight")
    form.inputs["value"].value = "61,8"
    form.inputs["on"].value = "01/12/2026"  # tomorrow
    form.confirm()
    assert form.focused == "on" and "01/12/2026" in form.inputs["on"].error
    assert "2026-12-01" not in form.inputs["on"].error  # never ISO in a sentence


def test_an_out_of_range_value_is_said_with_a_decimal_comma(unlocked):
    shell, state, host = unlocked
    form = medical_measurements.show_measurement_form(shell.ctx, state.current_id, "temperature")
    form.inputs["kind"].value = "temperature"
    form.inputs["value"].value = "45,5"
    form.confirm()
    assert form.inputs["value"].error.startswith("45,5 ") and "30 à 45" in form.inputs["value"].error


def test_the_profile_form_shows_its_refusals_on_its_fields_too(unlocked):
    shell, state, host = unlocked
    form = open_form(shell.ctx)
    form.first_name.value, form.birth_date.value, form.sex.value = "", "01/01/2020", "M"
    form.save()
    assert form.first_name.error and host.dialogs == [form] and host.toasts == []


def test_english_forms_read_and_show_dates_month_first(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    form = medical_measurements.show_measurement_form(shell.ctx, state.current_id, "weight")
    assert form.inputs["on"].label == "Date (MM/DD/YYYY)" and form.inputs["on"].value == "11/30/2026"
    form.inputs["value"].value = "61.8"
    form.inputs["on"].value = "11/02/2026"
    form.confirm()
    days = [m.on for m in records.list_records(state.session, state.current_id, "measurement")]
    assert date(2026, 11, 2) in days and date(2026, 2, 11) not in days

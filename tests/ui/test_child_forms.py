"""The Enfant tab's forms show a refusal on the field it is about and stay open (issue 13, point 3):
never a message in a snack bar under the open form, nor on the form's general line when a field is
meant. Client-less, in French."""

from datetime import date

from services import child_exams, records
from views.child import exams as exams_view
from views.child import growth_entries, vaccinations

from .test_growth_entries import open_growth, type_weight
from .tree import semantics


def leo(state):
    return next(p for p in state.profiles if p.first_name == "Léo")


def test_an_unreadable_corrected_weight_is_said_on_its_field_not_under_the_form(unlocked):
    shell, state, host = unlocked
    child = open_growth(state, "fr")
    type_weight(shell, "10,2", "29/11/2026")
    entry = next(
        m for m in records.list_records(state.session, child.id, "measurement") if m.on == date(2026, 11, 29)
    )
    form, said = growth_entries.open_edit(shell.ctx, child, entry), list(host.toasts)
    form.inputs["value"].value, form.inputs["on"].value = "dix", "11/29/2026"
    form.confirm()
    assert form.inputs["value"].error == "« dix » n'est pas un nombre."
    assert form.inputs["on"].error.startswith("« 11/29/2026 » n'est pas une date valide")
    assert host.dialogs == [form] and host.toasts == said and form.focused == "on"


def test_a_corrected_weight_dated_in_the_future_is_refused_on_the_date(unlocked):
    shell, state, host = unlocked
    child = open_growth(state, "fr")
    type_weight(shell, "10,2", "29/11/2026")
    entry = next(
        m for m in records.list_records(state.session, child.id, "measurement") if m.on == date(2026, 11, 29)
    )
    form, said = growth_entries.open_edit(shell.ctx, child, entry), list(host.toasts)
    form.inputs["on"].value = "01/12/2026"  # tomorrow
    form.confirm()
    assert "01/12/2026" in form.inputs["on"].error and host.dialogs == [form] and host.toasts == said


def test_a_certificate_with_a_wrong_date_stays_open_with_the_message_on_the_date(unlocked):
    shell, state, host = unlocked
    form = exams_view.open_certificate_form(shell.ctx, leo(state), "cert-24m")
    form.inputs["on"].value = "31/02/2026"
    form.confirm()
    assert form.inputs["on"].error.startswith("« 31/02/2026 » n'est pas une date valide")
    assert host.dialogs == [form] and host.toasts == []


def test_a_certificate_that_does_not_fit_the_age_is_said_on_its_date(unlocked):
    shell, state, host = unlocked
    form = exams_view.open_certificate_form(shell.ctx, leo(state), "cert-24m")
    form.inputs["on"].value = "20/11/2026"  # Léo is 13 months old: not his 24th-month certificate
    form.confirm()
    assert form.inputs["on"].error and host.dialogs == [form] and host.toasts == []


def test_a_vaccination_with_an_unreadable_box_code_is_said_on_the_code(unlocked):
    shell, state, host = unlocked
    form = vaccinations.open_dose_form(shell.ctx, leo(state))
    form.inputs["gs1"].value = "pas un code"
    form.confirm()
    assert form.inputs["gs1"].error and form.focused == "gs1" and host.dialogs == [form]


def test_a_vaccination_in_the_future_is_said_on_its_date(unlocked):
    shell, state, host = unlocked
    form = vaccinations.open_dose_form(shell.ctx, leo(state))
    form.inputs["on"].value = "01/12/2026"
    form.confirm()
    assert "01/12/2026" in form.inputs["on"].error and form.focused == "on" and host.dialogs == [form]


def test_an_exam_done_tomorrow_is_refused_on_its_date(unlocked):
    shell, state, host = unlocked
    child = leo(state)
    row = next(r for r in child_exams.exam_rows(state.session, child, state.today()) if r.record is None)
    form = exams_view.open_exam_form(shell.ctx, child, row)
    form.inputs["on"].value = "01/12/2026"
    form.confirm()
    assert "01/12/2026" in form.inputs["on"].error and form.focused == "on" and host.dialogs == [form]


def test_a_new_weight_dated_in_the_future_is_refused_on_the_tabs_date_field(unlocked):
    shell, state, host = unlocked
    child = open_growth(state, "fr")
    type_weight(shell, "10,2", "01/12/2026")  # tomorrow
    shown = semantics(shell, "growth-date").content
    assert "01/12/2026" in shown.error and host.toasts == [] and host.dialogs == []
    assert all(
        m.on != date(2026, 12, 1) for m in records.list_records(state.session, child.id, "measurement")
    )

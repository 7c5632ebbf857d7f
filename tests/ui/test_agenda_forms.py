"""The agenda's forms show each refusal on its field, the form kept open (issue 13, point 3), in the
language's words: no programmer quotes around what was typed. Client-less, in French."""

from services import appointments

from .tree import press


def new_appointment(shell, state, host):
    state.switch(next(p.id for p in state.profiles if p.first_name == "Inès"))
    state.go("/agenda")
    press(shell.body, "add-appointment")
    return host.dialogs[-1]


def test_a_wrong_time_is_said_under_the_time_in_french_quotes(unlocked):
    shell, state, host = unlocked
    form = new_appointment(shell, state, host)
    form.fields["day"].value, form.fields["time"].value = "15/12/2026", "25h00"
    form.fields["professional"].value = "Dr Roux"
    form.save()
    assert form.fields["time"].error == "« 25h00 » n'est pas une heure valide (format attendu : HH:MM)."
    assert host.dialogs == [form] and host.toasts == []
    assert appointments.list_appointments(state.session, state.current.id) == []


def test_an_appointment_with_nobody_and_no_note_is_refused_under_with_whom(unlocked):
    shell, state, host = unlocked
    form = new_appointment(shell, state, host)
    form.fields["day"].value = "15/12/2026"
    form.save()
    assert form.fields["professional"].error and not form.error.visible and host.dialogs == [form]

"""The last forms and dialogs that said a refusal in a snack bar behind them now say it inside: the
reminder days under their field, the glucose import and the pregnancy's "already done" on the dialog's own
line, a lab value refused beside its line. The dialog stays open and nothing is kept. Client-less."""

from datetime import date

import flet as ft

from domain.errors import ValidationError
from domain.labreport import LabValue
from services import glucose, records, reminders
from services import pregnancy as follow_up
from views.risk import glucose_import, lab_values

from .test_pregnancy_endings import open_pregnancy, start_through_the_form
from .tree import node, press, walk


def test_a_wrong_reminder_day_is_said_under_its_field_and_neither_field_is_kept(unlocked):
    shell, state, host = unlocked
    state.set_language("fr")
    state.go("/settings")
    fields = {c.label: c for c, _ in walk(shell.body) if isinstance(c, ft.TextField)}
    window = fields["Rappels avant un élément de l'agenda (jours)"]
    appointment = fields["Rappels avant un rendez-vous (jours)"]
    window.value, appointment.value = "14, 2", "demain"
    press(shell.body, "save-reminder-settings")
    assert appointment.error and "nombres" in appointment.error and window.error is None
    assert host.toasts == [] and reminders.global_settings(state.session).window_days == (30, 7)


def test_a_glucose_import_refused_says_why_in_its_dialog_which_stays_open(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    future = "Jour;Heure;Valeur (mg/dL)\n01/11/2027;07:30;98\n"  # a reading a year ahead
    dialog = glucose_import.open_csv(shell.ctx, state.current_id, future.encode())
    columns = {i: node(dialog, f"glucose-column-{i}").content for i in ("stamp", "time", "value")}
    columns["stamp"].value, columns["time"].value = "Jour", "Heure"
    columns["value"].value = "Valeur (mg/dL)"
    columns["value"].on_select(None)
    press(dialog, "glucose-import")
    line = node(dialog, "glucose-import-error")
    assert line.visible and "11/01/2027" in line.content.value and "future" in line.content.value
    assert host.dialogs == [dialog] and host.toasts == []
    assert glucose.readings(state.session, state.current_id) == []


def test_a_lab_value_refused_is_said_beside_its_line_and_the_dialog_stays(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    document = records.list_records(state.session, state.current_id, "document")[0]
    value = LabValue("fasting_glucose", 1.32, "g/L", 1.32, "Glycemie 1,32 g/L", 3, on=date(2027, 11, 13))
    dialog = lab_values.show_values(shell.ctx, state.current_id, document, [value])
    press(dialog, "lab-confirm-0")
    refused = next(c for c, _ in walk(dialog) if isinstance(c, ft.Text) and c.color == ft.Colors.ERROR)
    assert "11/13/2027" in refused.value and host.dialogs == [dialog] and host.toasts == []


def test_a_refusal_of_what_was_already_done_stays_in_its_dialog(unlocked, monkeypatch):
    shell, state, host = unlocked
    open_pregnancy(state)
    question = start_through_the_form(shell, state, host, "06/01/2026")
    said = list(host.toasts)  # the follow-up started

    def refuse(*args):
        raise ValidationError("The date {day} is in the future.", day=date(2027, 1, 1))

    monkeypatch.setattr(follow_up, "mark_already_done", refuse)  # a refusal, whatever the rule
    press(question, "preg-already-save")
    line = node(question, "preg-already-error")
    assert line.visible and "01/01/2027" in line.content.value
    assert host.dialogs == [question] and host.toasts == said


def test_an_items_wrong_reminder_days_are_said_under_the_field_of_its_detail_which_stays_open(unlocked):
    from services import agenda
    from views.agenda import detail

    shell, state, host = unlocked
    state.set_language("fr")
    profile = state.current
    item = agenda.plan(state.session, profile, state.today())[0]
    dialog = detail.open_detail(shell.ctx, profile, item)
    days = next(
        c for c, _ in walk(dialog) if isinstance(c, ft.TextField) and c.label == "Rappels, jours avant"
    )
    days.value = "demain"
    press(dialog, "save-reminders")
    assert days.error and host.toasts == []
    assert item.code not in reminders.item_settings(state.session, profile.id)
    days.value = "3"
    press(dialog, "save-reminders")
    assert days.error is None and reminders.item_settings(state.session, profile.id)[
        item.code
    ].days_before == (3,)

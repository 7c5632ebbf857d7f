"""The agenda reads in date order and says what a screen next to it says (issue 13, points 2, 8, 9)."""

from datetime import date, datetime

import flet as ft
from icalendar import Calendar

from services import appointments, ical, records, reminders
from services.reminders import reminder_text
from views.child import exams as exams_tab

from .conftest import TODAY
from .tree import identifiers, node, press, texts, walk


def open_agenda_of(state, first_name):
    state.set_language("en")
    state.switch(next(p.id for p in state.profiles if p.first_name == first_name))
    state.go("/agenda")


def forget_exams(state, profile):
    """A family that recorded none of the child's exams (the demo marks the past ones done)."""
    for exam in records.list_records(state.session, profile.id, "child_exam"):
        records.delete_record(state.session, profile.id, exam)
    for mark in records.list_records(state.session, profile.id, "agenda_mark"):
        if mark.item_code.startswith("child-exam"):
            records.delete_record(state.session, profile.id, mark)
    state.notify()


def hidden_semantics(root):
    """Semantics nodes wrapping nothing or an invisible control: Flet draws them as a red error."""
    return [
        c.identifier or c.label
        for c, _ in walk(root)
        if isinstance(c, ft.Semantics) and (c.content is None or c.content.visible is False)
    ]


def test_marking_a_non_vaccine_item_done_asks_no_hidden_field(unlocked):
    shell, state, host = unlocked
    open_agenda_of(state, "Léo")
    leo = state.current
    forget_exams(state, leo)
    press(shell.body, f"item-child-exam-10-{leo.id[:8]}")
    press(host.dialogs[-1], "mark-done")
    ask = host.dialogs[-1]
    assert hidden_semantics(ask) == []
    labels = [c.label for c, _ in walk(ask.content) if isinstance(c, ft.TextField)]
    assert labels == ["Done on", "By whom"]


def test_marking_a_vaccine_done_asks_its_product(unlocked):
    shell, state, host = unlocked
    open_agenda_of(state, "Léo")
    leo = state.current
    press(shell.body, f"item-vax-mmr-2-{leo.id[:8]}")
    press(host.dialogs[-1], "mark-done")
    labels = [c.label for c, _ in walk(host.dialogs[-1].content) if isinstance(c, ft.TextField)]
    assert labels == ["Done on", "By whom", "Vaccine product"]
    assert hidden_semantics(host.dialogs[-1]) == []


def test_a_personal_appointment_twelve_days_away_comes_before_the_years_to_come(unlocked):
    shell, state, host = unlocked
    open_agenda_of(state, "Léo")
    leo = state.current
    soon = appointments.add_appointment(
        state.session, leo.id, at=datetime(2026, 12, 12, 10, 30), professional="Dr Roux"
    )
    state.notify()
    order = identifiers(shell, "")
    first_upcoming = order.index(f"item-child-exam-11-{leo.id[:8]}")
    assert order.index(f"appointment-{soon.id}") < first_upcoming
    assert order.index("agenda-scheduled") < order.index(f"appointment-{soon.id}")
    assert "Appointment on 12/12/2026 at 10:30" in shell.texts()


def test_a_booked_item_moves_to_scheduled_and_keeps_its_reason(unlocked):
    shell, state, host = unlocked
    open_agenda_of(state, "Léo")
    leo = state.current
    forget_exams(state, leo)
    tile = f"item-child-exam-10-{leo.id[:8]}"
    press(shell.body, tile)
    press(host.dialogs[-1], "book-item")
    form = host.dialogs[-1]
    form.fields["day"].value, form.fields["professional"].value = "12/04/2026", "Dr Roux"
    form.save()
    scheduled = node(shell.body, "agenda-scheduled")
    assert node(scheduled, tile).label == (
        "Mandatory child exam no. 10 (13th month) - Appointment on 12/04/2026"
    )
    assert "Appointment on 12/04/2026" in texts(scheduled) and "Scheduled" in texts(scheduled)
    press(shell.body, tile)  # its detail shows the appointment and edits it
    assert any(t.startswith("Appointment on 12/04/2026 - Dr Roux") for t in texts(host.dialogs[-1]))
    press(host.dialogs[-1], "edit-booking")
    assert host.dialogs[-1].fields["day"].value == "12/04/2026"


def test_an_appointment_without_a_time_shows_no_invented_hour(unlocked):
    shell, state, host = unlocked
    open_agenda_of(state, "Inès")
    ines = state.current
    press(shell.body, "add-appointment")
    form = host.dialogs[-1]
    form.fields["day"].value, form.fields["professional"].value = "12/15/2026", "Dr Roux"
    form.save()
    saved = appointments.list_appointments(state.session, ines.id)[0]
    assert saved.timed is False
    assert "Appointment on 12/15/2026" in shell.texts()
    assert not any("09:00" in t or "00:00" in t for t in shell.texts())
    press(shell.body, f"appointment-{saved.id}")
    assert host.dialogs[-1].fields["time"].value == ""
    defaults = reminders.global_settings(state.session)
    due = [
        r
        for r in reminders.profile_reminders(state.session, ines, date(2026, 12, 14), defaults)
        if r.subject == saved.id
    ]
    _title, body = reminder_text(due[0], "Inès", state._, False, lambda d: d.strftime("%d/%m/%Y"))
    assert body == "Dr Roux for Inès on 15/12/2026."


def test_exam_3_ends_the_same_day_in_the_agenda_and_the_exams_tab(unlocked):
    shell, state, host = unlocked
    open_agenda_of(state, "Léo")
    leo = state.current
    forget_exams(state, leo)
    agenda_texts = texts(node(shell.body, f"item-child-exam-03-{leo.id[:8]}"))
    assert "11/01/2025 to 11/30/2025" in agenda_texts
    exams = exams_tab.build(shell.ctx, leo)
    assert "11/01/2025 to 11/30/2025" in texts(node(exams, "exam-child-exam-03"))


def test_the_agenda_shows_the_long_missed_exams_the_exams_tab_calls_late(unlocked):
    shell, state, host = unlocked
    open_agenda_of(state, "Léo")
    leo = state.current
    forget_exams(state, leo)
    exams = exams_tab.build(shell.ctx, leo)
    late = [i.removeprefix("exam-") for i in identifiers_in(exams, "exam-child-exam-") if is_late(exams, i)]
    assert "child-exam-01" in late and "child-exam-02" in late
    shown = identifiers(shell, "item-child-exam-")
    assert {f"item-{code}-{leo.id[:8]}" for code in late} <= set(shown)


def identifiers_in(root, prefix):
    return [
        c.identifier
        for c, _ in walk(root)
        if isinstance(c, ft.Semantics) and (c.identifier or "").startswith(prefix)
    ]


def is_late(root, identifier):
    return "Overdue" in texts(node(root, identifier))


def test_the_calendar_export_ends_after_the_last_day_shown(unlocked):
    shell, state, host = unlocked
    open_agenda_of(state, "Léo")
    leo = state.current
    data = ical.export_calendar(state.session, [leo], TODAY, datetime(2026, 11, 30, 8), state._)
    events = {str(e["summary"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    exam = events["Mandatory child exam no. 11 (16 to 18 months)"]
    assert exam.decoded("dtstart") == date(2027, 2, 1)
    assert exam.decoded("dtend") == date(2027, 4, 1)  # RFC 5545: an all-day DTEND is exclusive
    assert "02/01/2027 to 03/31/2027" in str(exam["description"])


def test_dates_are_typed_in_the_language_order_and_a_bad_one_is_said_plainly(unlocked):
    shell, state, host = unlocked
    open_agenda_of(state, "Inès")
    ines = state.current
    press(shell.body, "add-appointment")
    form = host.dialogs[-1]
    assert form.fields["day"].hint_text == "MM/DD/YYYY"
    form.fields["day"].value, form.fields["professional"].value = "12/15/2026", "Dr Roux"
    form.save()
    assert appointments.list_appointments(state.session, ines.id)[0].at.date() == date(2026, 12, 15)
    state.set_language("fr")
    press(shell.body, "add-appointment")
    form = host.dialogs[-1]
    assert form.fields["day"].hint_text == "JJ/MM/AAAA"
    form.fields["day"].value, form.fields["professional"].value = "", "Dr Roux"
    form.save()
    assert host.dialogs[-1] is form and form.fields["day"].error == "Saisissez une date au format JJ/MM/AAAA."
    form.fields["day"].value = "31/02/2027"
    form.save()
    assert (
        form.fields["day"].error
        == "« 31/02/2027 » n'est pas une date valide : écrivez-la au format JJ/MM/AAAA."
    )


def test_the_second_ultrasound_ends_the_same_day_in_the_pregnancy_timeline_and_the_agenda(unlocked):
    from services.pregnancy import start_pregnancy

    shell, state, host = unlocked
    state.set_language("en")
    mother = state.current
    start_pregnancy(state.session, mother, state.today(), lmp=date(2026, 6, 1))
    state.go("/pregnancy")
    timeline = node(shell.body, "preg-item-preg-us-2").content.content
    state.go("/agenda")
    window = texts(node(shell.body, f"item-preg-us-2-{mother.id[:8]}"))[1]
    start, end = window.split(" to ")
    assert f"from {start} to {end}" in timeline

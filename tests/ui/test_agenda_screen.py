"""The agenda screen, driven without a Flet client (English, so that text can be asserted)."""

from datetime import date, datetime
from pathlib import Path

import flet as ft

from services import appointments, records
from services.notifications import ChainNotifier, InAppCentre
from services.scheduler import ReminderScheduler

from .conftest import TODAY
from .tree import semantics, walk


def open_agenda_of(shell, state, first_name):
    state.set_language("en")
    state.switch(next(p.id for p in state.profiles if p.first_name == first_name))
    state.go("/agenda")


def test_the_agenda_of_leo_shows_the_four_sections_and_his_done_vaccines(unlocked):
    shell, state, host = unlocked
    open_agenda_of(shell, state, "Léo")
    texts = shell.texts()
    assert "Agenda of Léo" in texts
    assert {"To schedule", "Scheduled", "Upcoming", "Past"} <= set(texts)
    assert "Measles-mumps-rubella vaccine, dose 2 (16 to 18 months)" in texts
    assert any(t.startswith("Vaccine DTaP-IPV-Hib-HepB (hexavalent), booster (11 months)") for t in texts)


def test_the_family_view_names_each_person(unlocked):
    shell, state, host = unlocked
    open_agenda_of(shell, state, "Léo")
    scope = semantics(shell, "agenda-scope").content
    scope.selected = ["family"]
    scope.on_change(type("E", (), {"control": scope})())
    texts = shell.texts()
    assert "Agenda of the family" in texts
    assert {t.split(" - ")[0] for t in texts if " - " in t} >= {"Léo", "Inès", "Camille"}


def test_an_item_detail_says_why_whom_coverage_and_source(unlocked):
    shell, state, host = unlocked
    open_agenda_of(shell, state, "Léo")
    leo = state.current
    semantics(shell, f"item-child-exam-11-{leo.id[:8]}").content.on_click(None)
    detail = host.dialogs[-1]
    texts = [c.value for c, _ in walk(detail.content) if isinstance(c, ft.Text)]
    assert "Why" in texts and "Whom to see" in texts and "Coverage" in texts and "Source" in texts
    assert "100% covered by the Assurance maladie, whoever does it." in texts
    assert any("service-public.fr" in t for t in texts)


def test_marking_an_exam_done_from_its_detail_moves_it_to_done(unlocked):
    shell, state, host = unlocked
    open_agenda_of(shell, state, "Léo")
    leo = state.current
    semantics(shell, f"item-child-exam-11-{leo.id[:8]}").content.on_click(None)
    mark = next(
        c for c, _ in walk(host.dialogs[-1]) if isinstance(c, ft.Semantics) and c.identifier == "mark-done"
    )
    mark.content.on_click(None)
    ask = host.dialogs[-1]
    assert ask.data["day"].value == "11/30/2026"  # today, typed as the field reads it
    ask.data["day"].value = "02/31/2026"
    ask.data["confirm"]()
    assert "not a valid date" in ask.data["day"].error  # on the field, the dialog open: no snack bar
    assert host.dialogs[-1] is ask and host.toasts == []
    codes = [e.code for e in records.list_records(state.session, leo.id, "child_exam")]
    assert "child-exam-11" not in codes  # the demo's exams 1 to 10 are done, not the 11th
    ask.data["day"].value = "11/20/2026"
    ask.data["confirm"]()
    assert host.dialogs == []
    assert ("child-exam-11", date(2026, 11, 20)) in [
        (e.code, e.on) for e in records.list_records(state.session, leo.id, "child_exam")
    ]
    assert any(t.startswith("Mandatory child exam no. 11") for t in shell.texts())
    assert any("Done on 11/20/2026" in t for t in shell.texts())


def test_an_appointment_is_added_edited_and_deleted_through_the_form(unlocked):
    shell, state, host = unlocked
    open_agenda_of(shell, state, "Inès")
    ines = state.current
    semantics(shell, "add-appointment").content.on_click(None)
    form = host.dialogs[-1]
    form.fields["day"].value, form.fields["time"].value = "12/15/2026", "16:45"
    form.fields["professional"].value, form.fields["place"].value = "Dr Roux", "Lyon 3e"
    form.save()
    assert host.dialogs == [] and "Dr Roux" in shell.texts()
    saved = appointments.list_appointments(state.session, ines.id)[0]
    assert saved.at == datetime(2026, 12, 15, 16, 45)
    semantics(shell, f"appointment-{saved.id}").content.on_click(None)
    edit = host.dialogs[-1]
    edit.fields["place"].value = "Villeurbanne"
    edit.save()
    assert appointments.list_appointments(state.session, ines.id)[0].place == "Villeurbanne"
    semantics(shell, f"appointment-{saved.id}").content.on_click(None)
    host.dialogs[-1].delete()
    host.dialogs[-1].confirm()
    assert appointments.list_appointments(state.session, ines.id) == [] and host.dialogs == []


def test_an_appointment_without_a_day_is_refused_and_the_form_stays(unlocked):
    shell, state, host = unlocked
    open_agenda_of(shell, state, "Inès")
    semantics(shell, "add-appointment").content.on_click(None)
    form = host.dialogs[-1]
    form.fields["professional"].value = "Dr Roux"
    form.save()
    assert host.dialogs == [form] and host.toasts == []
    assert form.fields["day"].error == "Enter a date as MM/DD/YYYY." and not form.error.visible
    assert appointments.list_appointments(state.session, state.current.id) == []


def test_the_export_button_writes_an_ics_file_and_says_where(unlocked):
    shell, state, host = unlocked
    open_agenda_of(shell, state, "Léo")
    semantics(shell, "export-ical").content.on_click(None)
    path = host.toasts[-1].split(" in ", 1)[1]
    assert path.endswith(".ics")
    assert Path(path).read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_the_bell_counts_new_reminders_and_lists_them(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    centre = InAppCentre()
    scheduler = ReminderScheduler(
        state.session,
        ChainNotifier([], centre),
        lambda: state._,
        clock=lambda: datetime.combine(TODAY, datetime.min.time()),
    )
    shown = scheduler.run_once()
    state.notify()
    assert shown and semantics(shell, "nav-notifications").label == (
        f"{len(shown)} new notification" + ("s" if len(shown) > 1 else "")
    )
    semantics(shell, "nav-notifications").content.on_click(None)
    listed = [c.value for c, _ in walk(host.dialogs[-1].content) if isinstance(c, ft.Text)]
    assert set(d.body for d in shown) <= set(listed)
    host.dialogs[-1].actions[0].content.content.on_click(None)
    assert semantics(shell, "nav-notifications").label == "0 new notifications"


def test_reminder_settings_are_saved_and_a_bad_value_is_refused(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    state.go("/settings")
    fields = [c for c, _ in walk(shell.body) if isinstance(c, ft.TextField)]
    window = next(f for f in fields if f.label == "Reminders before an agenda item (days)")
    assert window.value == "30, 7"
    window.value = "14, 2"
    semantics(shell, "save-reminder-settings").content.on_click(None)
    assert host.toasts[-1] == "Reminders saved."
    window.value = "tomorrow"
    semantics(shell, "save-reminder-settings").content.on_click(None)
    assert "numbers" in window.error and host.toasts == ["Reminders saved."]  # under the field, no snack bar
    privacy = semantics(shell, "notification-privacy").content
    assert privacy.value is True
    privacy.value = False
    privacy.on_change(type("E", (), {"control": privacy})())
    from services import reminders

    assert reminders.global_settings(state.session) == reminders.ReminderDefaults((14, 2), (1,), False)

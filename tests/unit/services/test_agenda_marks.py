"""What the vault records moves the agenda: doses given, exams done, items booked."""

from datetime import date, datetime

import pytest
from icalendar import Calendar

from domain.errors import ValidationError
from services import agenda, appointments, ical, records

TODAY = date(2026, 6, 1)
BORN = date(2026, 1, 10)


@pytest.fixture
def lola(session):
    return records.add_profile(
        session, TODAY, first_name="Lola", last_name="Martin", birth_date=BORN, sex="F", role="child"
    )


def item(session, profile, code, today=TODAY):
    return next(i for i in agenda.plan(session, profile, today) if i.code == code)


def test_recorded_doses_are_the_doses_of_the_series_in_date_order(session, lola):
    records.record_dose(session, lola.id, TODAY, vaccine="hexa", on=date(2026, 3, 20))
    records.record_dose(session, lola.id, TODAY, vaccine="hexa", on=date(2026, 5, 25))
    assert item(session, lola, "vax-hexa-1").done_on == date(2026, 3, 20)
    assert item(session, lola, "vax-hexa-2").done_on == date(2026, 5, 25)
    assert item(session, lola, "vax-hexa-3").status == "upcoming"


def test_a_late_first_dose_moves_the_second_one(session, lola):
    nominal = item(session, lola, "vax-hexa-2")
    assert (nominal.window_start, nominal.window_end) == (date(2026, 5, 10), date(2026, 6, 10))
    appointments.mark_done(session, lola.id, "vax-hexa-1", date(2026, 4, 2), TODAY, product="Vaxelis")
    moved = item(session, lola, "vax-hexa-2")
    assert moved.window_start == date(2026, 6, 2)  # 2 months after the actual first dose
    assert moved.window_end == date(2026, 7, 3)  # the window keeps its length (31 days)
    doses = records.list_records(session, lola.id, "immunization")
    assert [(d.vaccine, d.on, d.product) for d in doses] == [("hexa", date(2026, 4, 2), "Vaxelis")]


def test_a_dose_cannot_be_marked_before_the_earlier_ones_and_nothing_is_stored(session, lola):
    with pytest.raises(ValidationError, match="earlier doses"):
        appointments.mark_done(session, lola.id, "vax-hexa-2", date(2026, 5, 20), TODAY)
    with pytest.raises(ValidationError, match="future"):
        appointments.mark_done(session, lola.id, "vax-hexa-1", date(2026, 7, 1), TODAY)
    assert records.list_records(session, lola.id, "immunization") == []


def test_an_exam_marked_done_is_a_child_exam_and_a_screening_an_agenda_mark(session, lola):
    appointments.mark_done(session, lola.id, "child-exam-05", date(2026, 4, 20), TODAY, professional="PMI")
    assert item(session, lola, "child-exam-05").status == "done"
    assert [e.code for e in records.list_records(session, lola.id, "child_exam")] == ["child-exam-05"]
    appointments.mark_done(session, lola.id, "dental-mtdents-03", date(2026, 5, 1), TODAY)
    assert [m.item_code for m in records.list_records(session, lola.id, "agenda_mark")] == [
        "dental-mtdents-03"
    ]


def test_booking_an_item_makes_it_scheduled_and_deleting_the_appointment_undoes_it(session, lola):
    booked = appointments.schedule_item(
        session, lola.id, "child-exam-07", datetime(2026, 6, 20, 10, 0), professional="Dr Roux"
    )
    planned = item(session, lola, "child-exam-07")
    assert (planned.status, planned.scheduled_on) == ("scheduled", date(2026, 6, 20))
    appointments.delete_appointment(session, lola.id, booked.id)
    assert item(session, lola, "child-exam-07").status == "upcoming"  # opens on 2026-06-10


def test_a_personal_appointment_is_added_edited_and_deleted(session, lola):
    first = appointments.add_appointment(
        session,
        lola.id,
        at=appointments.parse_moment("12/06/2026", "14:30"),
        professional="Dr Roux",
        place="Lyon",
    )
    appointments.update_appointment(session, lola.id, first, place="Villeurbanne")
    assert [(a.at, a.place) for a in appointments.list_appointments(session, lola.id)] == [
        (datetime(2026, 6, 12, 14, 30), "Villeurbanne")
    ]
    appointments.delete_appointment(session, lola.id, first.id)
    assert appointments.list_appointments(session, lola.id) == []


def test_an_appointment_with_nobody_and_no_note_or_a_bad_time_is_refused(session, lola):
    with pytest.raises(ValidationError):
        appointments.add_appointment(session, lola.id, at=datetime(2026, 6, 12, 9, 0))
    with pytest.raises(ValidationError, match="valid time"):
        appointments.parse_moment("12/06/2026", "25h61")
    assert appointments.list_appointments(session, lola.id) == []


def test_the_demo_family_vaccinations_fill_the_agenda(session, family):
    holder, leo, ines = family
    leo_done = {i.code for i in agenda.plan(session, leo, TODAY) if i.status == "done"}
    assert {"vax-hexa-3", "vax-pcv-3", "vax-menb-3", "vax-rota-2", "vax-mmr-1"} <= leo_done
    ines_done = {i.code for i in agenda.plan(session, ines, TODAY) if i.status == "done"}
    assert {"vax-hexa-3", "vax-mmr-2", "vax-dtcap-06"} <= ines_done


def test_the_ical_export_parses_back_with_the_expected_events(session, lola):
    appointments.add_appointment(
        session, lola.id, at=datetime(2026, 6, 12, 14, 30), professional="Dr Roux", place="Lyon"
    )
    records.record_dose(session, lola.id, TODAY, vaccine="hexa", on=date(2026, 3, 20))
    now = datetime(2026, 6, 1, 8, 0).astimezone()
    data = ical.export_calendar(session, [lola], TODAY, now, str)
    calendar = Calendar.from_ical(data)
    assert str(calendar["PRODID"]) == ical.PRODID and str(calendar["VERSION"]) == "2.0"
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    exam = events["Mandatory child exam no. 9 (12th month)"]
    assert (exam.decoded("DTSTART"), exam.decoded("DTEND")) == (date(2026, 12, 10), date(2027, 1, 10))
    visit = events["Dr Roux"]
    assert visit.decoded("DTSTART") == datetime(2026, 6, 12, 14, 30) and str(visit["LOCATION"]) == "Lyon"
    assert "Vaccine DTaP-IPV-Hib-HepB (hexavalent), dose 1 (2 months)" not in events  # done
    assert all("DTSTAMP" in e and "UID" in e for e in calendar.walk("VEVENT"))
    again = Calendar.from_ical(ical.export_calendar(session, [lola], TODAY, now, str))
    uids = sorted(str(e["UID"]) for e in calendar.walk("VEVENT"))
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == uids and len(set(uids)) == len(uids)


def test_the_family_export_names_each_person(session, family):
    data = ical.export_calendar(session, family, TODAY, datetime(2026, 6, 1, 8, 0).astimezone(), str)
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert {s.rsplit(" - ", 1)[-1] for s in summaries} == {"Camille", "Léo", "Inès"}

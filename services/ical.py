"""The agenda as an iCalendar file (RFC 5545), for Google Agenda, Apple Calendrier, Outlook, Thunderbird.

An agenda item to plan or to come is an all-day event spanning its window (DTEND exclusive, as in
the agenda); an appointment is a timed event. UIDs are stable (the same item exports with the same
UID), so importing a newer export updates the events instead of doubling them. The file holds
health details in clear: it is made only when the user asks, and goes where the user chooses.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from domain.models import Appointment, Profile
from domain.plan import AgendaItem
from services import agenda
from services.appointments import list_appointments
from services.session import Session

PRODID = "-//Carnet//Agenda santé//FR"
EXPORTED_STATUSES = ("to_schedule", "upcoming", "scheduled", "overdue")
APPOINTMENT_LENGTH = timedelta(minutes=30)
HORIZON = timedelta(days=2 * 365)  # items opening later than this would only clutter a calendar


def _uid(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32] + "@carnet"


def export_calendar(
    session: Session, profiles: list[Profile], today: date, now: datetime, _: Callable[[str], str]
) -> bytes:
    """One calendar for these profiles (one person, or the family): their items to come and appointments."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Carnet agenda"))
    family = len(profiles) > 1
    for profile in profiles:
        suffix = f" - {profile.first_name}" if family else ""
        for item in agenda.plan(session, profile, today):
            if item.status not in EXPORTED_STATUSES or item.window_start > today + HORIZON:
                continue
            if item.status == "overdue" and item.window_end < today:
                continue
            event = Event()
            event.add("uid", _uid(profile.id, item.code))
            event.add("dtstamp", now)
            event.add("summary", _(item.label) + suffix)
            event.add("dtstart", item.window_start)
            event.add("dtend", item.window_end)
            event.add("transp", "TRANSPARENT")  # a window is not a busy time
            event.add(
                "description",
                _window_words(item, _) + "\n" + _("Source: {source}").format(source=item.source),
            )
            event.add("categories", [item.kind])
            calendar.add_component(event)
        for appointment in list_appointments(session, profile.id):
            calendar.add_component(_appointment_event(appointment, profile, suffix, now, _))
    return calendar.to_ical()


def _window_words(item: AgendaItem, _: Callable[[str], str]) -> str:
    """The window as the screens say it, with its last day (DTEND itself is the day after, RFC 5545)."""
    day = _("%m/%d/%Y")
    return _("{start} to {end}").format(
        start=item.window_start.strftime(day), end=item.last_day.strftime(day)
    )


def _appointment_event(
    appointment: Appointment, profile: Profile, suffix: str, now: datetime, _: Callable[[str], str]
) -> Event:
    event = Event()
    event.add("uid", _uid(profile.id, appointment.id))
    event.add("dtstamp", now)
    what = appointment.professional or appointment.note or _("Appointment")
    event.add("summary", what + suffix)
    if appointment.timed:
        event.add("dtstart", appointment.at)
        event.add("dtend", appointment.at + APPOINTMENT_LENGTH)
    else:  # a day without a time: an all-day event, no invented hour
        event.add("dtstart", appointment.at.date())
        event.add("dtend", appointment.at.date() + timedelta(days=1))
    if appointment.place:
        event.add("location", appointment.place)
    if appointment.note:
        event.add("description", appointment.note)
    return event

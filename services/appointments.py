"""Appointments (personal, or booked for an agenda item) and agenda items marked done.

Marking an item done records what it is: a vaccination becomes an Immunization (so the vaccination
record and the next doses follow), a child exam a ChildExam, anything else an AgendaMark.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from typing import Any

from domain import dose_codes
from domain.errors import ValidationError
from domain.models import AgendaMark, Appointment, ChildExam, Immunization, parse_day
from services import records
from services.session import Session


def parse_moment(day_text: str, time_text: str) -> datetime:
    """A day typed as 31/12/2026 (or ISO) and a time as 14:30; no time: midnight, never an invented
    hour (the appointment is stored with ``timed=False``, see ``is_timed``)."""
    day = parse_day(day_text)
    value = (time_text or "").strip() or "00:00"
    try:
        hours, minutes = (int(part) for part in value.replace("h", ":").split(":"))
        return datetime.combine(day, time(hours, minutes))
    except ValueError as exc:
        raise ValidationError("\u201c{text}\u201d is not a valid time (expected HH:MM).", text=value) from exc


def is_timed(time_text: str) -> bool:
    return bool((time_text or "").strip())


def list_appointments(session: Session, profile_id: str) -> list[Appointment]:
    """Newest first."""
    with session.uow() as uow:
        return uow.records.list(profile_id, "appointment")


# An appointment has no date rule (past and future ones alike): its doors are ``records.store``/``delete``.
def add_appointment(session: Session, profile_id: str, who: str = "me", **fields: Any) -> Appointment:
    appointment = Appointment(**fields)
    with session.uow() as uow:
        uow.profiles.get(profile_id)
        records.store(uow, profile_id, appointment, who)
        uow.commit()
    return appointment


def update_appointment(
    session: Session, profile_id: str, appointment: Appointment, who: str = "me", **changes: Any
) -> Appointment:
    updated = dataclasses.replace(appointment, **changes)
    with session.uow() as uow:
        records.store(uow, profile_id, updated, who, "update")
        uow.commit()
    return updated


def delete_appointment(session: Session, profile_id: str, appointment_id: str, who: str = "me") -> None:
    with session.uow() as uow:
        appointment = uow.records.get(profile_id, appointment_id)
        if not isinstance(appointment, Appointment):
            raise ValidationError("This record is not an appointment.")
        records.delete(uow, profile_id, appointment, who)
        uow.commit()


def schedule_item(
    session: Session, profile_id: str, item_code: str, at: datetime, **fields: Any
) -> Appointment:
    """The item is booked: an appointment that fulfils it (its reminder is the appointment's)."""
    if not item_code:
        raise ValidationError("Say which agenda item the appointment is for.")
    return add_appointment(session, profile_id, at=at, item_code=item_code, **fields)


def mark_done(
    session: Session, profile_id: str, item_code: str, on: date, today: date, **details: str
) -> Any:
    """Records that the item was done on ``on``; returns the record stored (checked by its door)."""
    record: Any
    if item_code.startswith("vax-"):
        record = _dose(session, profile_id, item_code, on, details)
    elif item_code.startswith("child-exam-"):
        record = ChildExam(
            item_code, on, professional=details.get("professional", ""), note=details.get("note", "")
        )
    else:
        record = AgendaMark(item_code, on, note=details.get("note", ""))
    return records.add_record(session, profile_id, record, today)


def _dose(
    session: Session, profile_id: str, item_code: str, on: date, details: dict[str, str]
) -> Immunization:
    """Dose n of a series is the n-th dose recorded: the earlier ones must be there, and earlier."""
    vaccine = dose_codes.vaccine_of(item_code)
    earlier = dose_codes.previous_doses(item_code)
    if earlier:
        with session.uow() as uow:
            birth = uow.profiles.get(profile_id).birth_date
            doses = uow.records.list(profile_id, "immunization")
        recorded = dict(dose_codes.done_codes(doses, birth))
        missing = [code for code in earlier if code not in recorded]
        if missing:
            raise ValidationError("Record the earlier doses of this vaccine first ({code}).", code=missing[0])
        if on <= recorded[earlier[-1]]:
            raise ValidationError(
                "This dose must come after the previous one ({day}).", day=recorded[earlier[-1]]
            )
    return Immunization(
        vaccine, on, product=details.get("product", ""), professional=details.get("professional", "")
    )

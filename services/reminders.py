"""Reminder settings (global in settings.json, per item in the vault) and the reminders of a profile.

Global settings say nothing about anyone (numbers of days, the privacy switch), so they sit in
settings.json beside the language. A per-item setting names an agenda item of a person: it is a
sealed record (ReminderSetting) of that profile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from domain.errors import ValidationError
from domain.models import Profile, ReminderSetting
from domain.reminders import (
    DEFAULT_APPOINTMENT_DAYS,
    DEFAULT_WINDOW_DAYS,
    Reminder,
    appointment_reminders,
    window_reminders,
)
from services import agenda, records
from services.session import Session

WINDOW_KEY = "reminder_days_before_window"
APPOINTMENT_KEY = "reminder_days_before_appointment"
PRIVACY_KEY = "notification_privacy"


@dataclass(frozen=True, slots=True)
class ReminderDefaults:
    window_days: tuple[int, ...] = DEFAULT_WINDOW_DAYS
    appointment_days: tuple[int, ...] = DEFAULT_APPOINTMENT_DAYS
    private: bool = True  # notification text without any medical detail


def parse_days(text: str) -> tuple[int, ...]:
    """``"30, 7"`` -> (30, 7); empty = no reminder."""
    parts = [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]
    try:
        days = tuple(sorted({int(part) for part in parts}, reverse=True))
    except ValueError as exc:
        raise ValidationError("Give days as numbers separated by commas, e.g. 30, 7.") from exc
    if any(not 0 <= day <= 365 for day in days):
        raise ValidationError("A reminder is set from 0 to 365 days before.")
    return days


def days_text(days: tuple[int, ...]) -> str:
    return ", ".join(str(day) for day in days)


def global_settings(session: Session) -> ReminderDefaults:
    values = session.settings.all()

    def days(key: str, default: tuple[int, ...]) -> tuple[int, ...]:
        stored = values.get(key)
        return tuple(int(day) for day in stored) if isinstance(stored, list) else default

    return ReminderDefaults(
        window_days=days(WINDOW_KEY, DEFAULT_WINDOW_DAYS),
        appointment_days=days(APPOINTMENT_KEY, DEFAULT_APPOINTMENT_DAYS),
        private=bool(values.get(PRIVACY_KEY, True)),
    )


def set_window_days(session: Session, text: str) -> tuple[int, ...]:
    days = parse_days(text)
    session.settings.set(WINDOW_KEY, list(days))
    return days


def set_appointment_days(session: Session, text: str) -> tuple[int, ...]:
    days = parse_days(text)
    session.settings.set(APPOINTMENT_KEY, list(days))
    return days


def set_privacy(session: Session, private: bool) -> None:
    session.settings.set(PRIVACY_KEY, bool(private))


def item_settings(session: Session, profile_id: str) -> dict[str, ReminderSetting]:
    with session.uow() as uow:
        return {s.item_code: s for s in uow.records.list(profile_id, "reminder_setting")}


def set_item_reminders(
    session: Session, profile_id: str, item_code: str, text: str | None
) -> ReminderSetting | None:
    """Days before this item's window (``"30, 7"``; ``""`` = none); ``None`` = back to the global setting."""
    days = None if text is None else parse_days(text)
    existing = item_settings(session, profile_id).get(item_code)
    with session.uow() as uow:
        uow.profiles.get(profile_id)
        if existing is not None:
            records.delete(uow, profile_id, existing)
        setting = None if days is None else records.store(uow, profile_id, ReminderSetting(item_code, days))
        uow.commit()
    return setting


def profile_reminders(
    session: Session, profile: Profile, today: date, defaults: ReminderDefaults
) -> list[Reminder]:
    """Every reminder of a profile: before its agenda windows and before its appointments."""
    items = agenda.plan(session, profile, today)
    overrides = {code: s.days_before for code, s in item_settings(session, profile.id).items()}
    with session.uow() as uow:
        appointments = uow.records.list(profile.id, "appointment")
    labels = {item.code: item.label for item in items}
    return window_reminders(profile.id, items, defaults.window_days, overrides) + appointment_reminders(
        profile.id, appointments, defaults.appointment_days, overrides, labels
    )


def reminder_text(
    reminder: Reminder, name: str, _: Callable[[str], str], private: bool, day_format: Callable[[date], str]
) -> tuple[str, str]:
    """(title, body). In private mode no word says what the appointment is for, only that there is one."""
    title = "Carnet"
    if reminder.kind == "window":  # says what to do: book it
        if private:
            return title, _("Book a health appointment for {name}.").format(name=name)
        return title, _("To book: {item} for {name}, from {day}.").format(
            item=_(reminder.label), name=name, day=day_format(reminder.target)
        )
    moment = reminder.at.strftime("%H:%M") if reminder.at and reminder.timed else ""
    if not moment:  # no time was given: the day alone, no invented hour
        return _day_only_text(reminder, name, _, private, day_format)
    if private:
        return title, _("{name} has a health appointment on {day} at {time}.").format(
            name=name, day=day_format(reminder.target), time=moment
        )
    what = _(reminder.label) if reminder.label else reminder.professional or _("Appointment")
    return title, _("{what} for {name} on {day} at {time}.").format(
        what=what, name=name, day=day_format(reminder.target), time=moment
    )


def _day_only_text(
    reminder: Reminder, name: str, _: Callable[[str], str], private: bool, day_format: Callable[[date], str]
) -> tuple[str, str]:
    day = day_format(reminder.target)
    if private:
        return "Carnet", _("{name} has a health appointment on {day}.").format(name=name, day=day)
    what = _(reminder.label) if reminder.label else reminder.professional or _("Appointment")
    return "Carnet", _("{what} for {name} on {day}.").format(what=what, name=name, day=day)

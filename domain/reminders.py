"""When to remind whom of what: reminders before an agenda window opens and before an appointment.

Pure functions over agenda items and appointments; ``today`` comes from the caller. A reminder has a
stable ``key`` so that a delivery log can tell it was already shown, whatever restarts happen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.models import Appointment
from domain.plan import AgendaItem

DEFAULT_WINDOW_DAYS: tuple[int, ...] = (30, 7)
DEFAULT_APPOINTMENT_DAYS: tuple[int, ...] = (1,)
# Done or booked items need no reminder; a window long closed is no longer worth one.
REMINDED_STATUSES = ("upcoming", "to_schedule")
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Reminder:
    profile_id: str
    kind: str  # "window" (an agenda item opens) or "appointment"
    subject: str  # the agenda item's code, or the appointment's id
    target: date  # the day the window opens, or the day of the appointment
    days_before: int
    fire_on: date
    until: date  # exclusive: from this day the reminder has no point any more
    label: str = ""  # msgid of the agenda item, if any
    at: datetime | None = None  # time of the appointment
    timed: bool = True  # False: the appointment has a day but no time
    professional: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}|{self.profile_id}|{self.subject}|{self.target.isoformat()}|{self.days_before}"

    @property
    def group(self) -> tuple[str, str, str, date]:
        """Reminders of the same event: only the latest one due is shown."""
        return (self.kind, self.profile_id, self.subject, self.target)


def window_reminders(
    profile_id: str,
    items: Iterable[AgendaItem],
    defaults: Iterable[int] = DEFAULT_WINDOW_DAYS,
    overrides: Mapping[str, Iterable[int]] | None = None,
) -> list[Reminder]:
    """``defaults`` days before each open-to-come item's window; ``overrides`` by item code (empty = none)."""
    overrides = overrides or {}
    base = tuple(defaults)
    reminders = []
    for item in items:
        if item.status not in REMINDED_STATUSES:
            continue
        for days in overrides.get(item.code, base):
            reminders.append(
                Reminder(
                    profile_id=profile_id,
                    kind="window",
                    subject=item.code,
                    target=item.window_start,
                    days_before=days,
                    fire_on=item.window_start - timedelta(days=days),
                    until=item.window_end,
                    label=item.label,
                )
            )
    return reminders


def appointment_reminders(
    profile_id: str,
    appointments: Iterable[Appointment],
    defaults: Iterable[int] = DEFAULT_APPOINTMENT_DAYS,
    overrides: Mapping[str, Iterable[int]] | None = None,
    labels: Mapping[str, str] | None = None,
) -> list[Reminder]:
    """``defaults`` days before each appointment; an appointment for an item follows that item's override."""
    overrides, labels = overrides or {}, labels or {}
    base = tuple(defaults)
    reminders = []
    for appointment in appointments:
        day = appointment.at.date()
        for days in overrides.get(appointment.item_code, base) if appointment.item_code else base:
            reminders.append(
                Reminder(
                    profile_id=profile_id,
                    kind="appointment",
                    subject=appointment.id,
                    target=day,
                    days_before=days,
                    fire_on=day - timedelta(days=days),
                    until=day + ONE_DAY,
                    label=labels.get(appointment.item_code, ""),
                    at=appointment.at,
                    timed=appointment.timed,
                    professional=appointment.professional,
                )
            )
    return reminders


def schedule(reminders: Iterable[Reminder], start: date, end: date) -> list[Reminder]:
    """The reminders that fire in [start, end), in the order they fire."""
    return sorted(
        (r for r in reminders if start <= r.fire_on < end and r.fire_on < r.until),
        key=lambda r: (r.fire_on, r.profile_id, r.subject, -r.days_before),
    )


def due(
    reminders: Iterable[Reminder], today: date, delivered: set[str] | frozenset[str] = frozenset()
) -> list[Reminder]:
    """What to show on ``today``: fire day reached, event not passed, not shown yet.

    Of several reminders of one event that are all due (the app was not opened for a while), only the
    latest is shown: a 30-days-before reminder never follows the 7-days-before one.
    """
    latest: dict[tuple[str, str, str, date], Reminder] = {}
    for reminder in reminders:
        if not reminder.fire_on <= today < reminder.until:
            continue
        known = latest.get(reminder.group)
        if known is None or reminder.fire_on > known.fire_on:
            latest[reminder.group] = reminder
    shown = [r for r in latest.values() if r.key not in delivered]
    return sorted(shown, key=lambda r: (r.fire_on, r.profile_id, r.subject))

"""What the agenda shows: one recommended or personal health item with its time window."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

KINDS = ("exam", "vaccination", "dental", "screening", "prevention", "pregnancy")
# "catch_up": the window closed but the calendar still recommends the dose (rattrapage) until
# ``catch_up_until``; "expired": the dose can no longer be given at all (non rattrapable).
STATUSES = ("done", "scheduled", "to_schedule", "upcoming", "overdue", "catch_up", "expired")


@dataclass(frozen=True, slots=True)
class AgendaItem:
    code: str  # stable, e.g. "child-exam-09", "vax-hexa-1"
    kind: str  # one of KINDS
    label: str  # gettext msgid (English); translated by the UI
    window_start: date  # inclusive
    window_end: date  # exclusive
    status: str  # one of STATUSES
    source: str  # the official text the rule comes from
    done_on: date | None = None
    scheduled_on: date | None = None
    note: str = ""  # gettext msgid saying why the item stands as it does (e.g. why it is not catchable)
    catch_up_until: date | None = None  # exclusive; set when a missed item may still be done
    # the window is a campaign's usual dates, not this season's official ones (domain/campaigns.py)
    provisional: bool = False

    @property
    def last_day(self) -> date:
        """The window's last day, as every screen, reminder and export shows it: the end is exclusive
        internally (``window_end``), a person reads the last day the item can still be done."""
        return last_day(self.window_start, self.window_end)

    @property
    def catch_up_last_day(self) -> date | None:
        return None if self.catch_up_until is None else self.catch_up_until - ONE_DAY


ONE_DAY = timedelta(days=1)


def last_day(start: date, end: date) -> date:
    """The last day shown for the window [start, end): the day before ``end`` (never before ``start``)."""
    return max(end - ONE_DAY, start)


def add_months(day: date, months: int) -> date:
    """``day`` plus calendar months, clamped to the end of a shorter month (31 Jan + 1 = 28/29 Feb;
    29 February 2028 + 12 months = 28 February 2029)."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    if day.day <= 28:  # every month has these days: no need to look the month's length up (hot path)
        return date(year, month0 + 1, day.day)
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def status_of(
    code: str, start: date, end: date, today: date, done: Mapping[str, Any], scheduled: Mapping[str, Any]
) -> str:
    """Where the person stands for one item: what they did or booked wins over the calendar."""
    if code in done:
        return "done"
    if code in scheduled:
        return "scheduled"
    if today >= end:
        return "overdue"
    return "to_schedule" if today >= start else "upcoming"

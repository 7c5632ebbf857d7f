"""What the agenda shows: one recommended or personal health item with its time window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

KINDS = ("exam", "vaccination", "dental", "screening", "prevention", "pregnancy")
STATUSES = ("done", "scheduled", "to_schedule", "upcoming", "overdue")


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

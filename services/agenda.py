"""The agenda of a profile: the official French calendar computed from the profile and its records."""

from __future__ import annotations

from datetime import date, timedelta

from domain.agenda import recommended
from domain.models import Pregnancy, Profile
from domain.plan import AgendaItem
from services import records
from storage.vault import Vault

RECENT = timedelta(days=365)


def current_pregnancy(vault: Vault, profile_id: str) -> Pregnancy | None:
    open_ones = [p for p in records.list_records(vault, profile_id, "pregnancy") if p.closed_on is None]
    return open_ones[0] if open_ones else None


def plan(vault: Vault, profile: Profile, today: date) -> list[AgendaItem]:
    pregnancy = current_pregnancy(vault, profile.id) if profile.sex == "F" else None
    return recommended(
        profile.birth_date, profile.sex, today, pregnancy_lmp=pregnancy.lmp if pregnancy else None
    )


def sections(items: list[AgendaItem], today: date) -> dict[str, list[AgendaItem]]:
    """À planifier (open now, or missed within a year), À venir, Passés (done, or missed long ago)."""
    to_plan, upcoming, past = [], [], []
    for item in items:
        if item.status in ("to_schedule", "scheduled") or (
            item.status == "overdue" and today - item.window_end < RECENT
        ):
            to_plan.append(item)
        elif item.status == "upcoming":
            upcoming.append(item)
        else:
            past.append(item)
    return {"to_plan": to_plan, "upcoming": upcoming, "past": list(reversed(past))}

"""The agenda of a profile: the official French calendar computed from the profile and its records."""

from __future__ import annotations

from datetime import date, timedelta

from domain.agenda import recommended
from domain.models import Pregnancy, Profile
from domain.plan import AgendaItem
from services import records
from services.dose_codes import done_codes
from storage.uow import UnitOfWork
from storage.vault import Vault

Marks = list[tuple[str, date]]

RECENT = timedelta(days=365)


def current_pregnancy(vault: Vault, profile_id: str) -> Pregnancy | None:
    open_ones = [p for p in records.list_records(vault, profile_id, "pregnancy") if p.closed_on is None]
    return open_ones[0] if open_ones else None


def marks(vault: Vault, profile: Profile) -> tuple[Marks, Marks]:
    """(done, scheduled) ``(code, date)`` pairs read from the vault: recorded vaccinations, child exams
    and agenda marks say what is done; appointments made for an item say what is scheduled."""
    with UnitOfWork(vault) as uow:
        doses = uow.records.list(profile.id, "immunization")
        exams = uow.records.list(profile.id, "child_exam")
        done_marks = uow.records.list(profile.id, "agenda_mark")
        appointments = uow.records.list(profile.id, "appointment")
    done = done_codes(doses, profile.birth_date)
    done += [(exam.code, exam.on) for exam in exams]
    done += [(mark.item_code, mark.on) for mark in done_marks]
    scheduled = [(a.item_code, a.at.date()) for a in appointments if a.item_code]
    return done, scheduled


def plan(vault: Vault, profile: Profile, today: date) -> list[AgendaItem]:
    pregnancy = current_pregnancy(vault, profile.id) if profile.sex == "F" else None
    done, scheduled = marks(vault, profile)
    return recommended(
        profile.birth_date,
        profile.sex,
        today,
        pregnancy_lmp=pregnancy.lmp if pregnancy else None,
        done=done,
        scheduled=scheduled,
    )


def family_plan(vault: Vault, profiles: list[Profile], today: date) -> list[tuple[Profile, AgendaItem]]:
    """Every profile's items, merged in window order (the family view and its calendar export)."""
    merged = [(profile, item) for profile in profiles for item in plan(vault, profile, today)]
    return sorted(merged, key=lambda pair: (pair[1].window_start, pair[0].first_name, pair[1].code))


def section_of(item: AgendaItem, today: date) -> str:
    """À planifier (open now, booked, or missed within a year), À venir, Passés (done, or missed long ago)."""
    if item.status in ("to_schedule", "scheduled") or (
        item.status == "overdue" and today - item.window_end < RECENT
    ):
        return "to_plan"
    return "upcoming" if item.status == "upcoming" else "past"


def sections(items: list[AgendaItem], today: date) -> dict[str, list[AgendaItem]]:
    parts: dict[str, list[AgendaItem]] = {"to_plan": [], "upcoming": [], "past": []}
    for item in items:
        parts[section_of(item, today)].append(item)
    parts["past"].reverse()
    return parts


def family_sections(
    pairs: list[tuple[Profile, AgendaItem]], today: date
) -> dict[str, list[tuple[Profile, AgendaItem]]]:
    """The same three sections for (profile, item) pairs."""
    parts: dict[str, list[tuple[Profile, AgendaItem]]] = {"to_plan": [], "upcoming": [], "past": []}
    for pair in pairs:
        parts[section_of(pair[1], today)].append(pair)
    parts["past"].reverse()
    return parts

"""The agenda of a profile: the official French calendar computed from the profile and its records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from domain import diabetes_agenda
from domain.agenda import recommended
from domain.dose_codes import brands_of, done_codes
from domain.models import Pregnancy, Profile
from domain.plan import AgendaItem
from domain.pregnancy import Circumstances
from services import prevention, records, risk
from services.session import Session

Marks = list[tuple[str, date]]

RECENT = timedelta(days=365)
POSTNATAL = timedelta(days=365)  # after a birth the mother's agenda keeps her postnatal items this long
# missed items still recommended as catch-up stay to plan; items no longer possible go to the past
TO_PLAN = ("to_schedule", "catch_up")


def current_pregnancy(session: Session, profile_id: str) -> Pregnancy | None:
    open_ones = [p for p in records.list_records(session, profile_id, "pregnancy") if p.closed_on is None]
    return open_ones[0] if open_ones else None


def followed_pregnancy(session: Session, profile: Profile, today: date) -> Pregnancy | None:
    """The pregnancy the agenda follows: the current one, else a birth less than a year ago (the
    postnatal interview, exam, dental check-up and the rest of the maternity leave)."""
    if profile.sex != "F":
        return None
    found = records.list_records(session, profile.id, "pregnancy")
    current = [p for p in found if p.closed_on is None]
    if current:
        return current[0]
    births = [p for p in found if p.outcome == "birth" and p.closed_on and today - p.closed_on < POSTNATAL]
    return max(births, key=lambda p: p.closed_on or p.lmp) if births else None


def circumstances(pregnancy: Pregnancy) -> Circumstances:
    return Circumstances(
        babies=pregnancy.babies,
        previous_children=pregnancy.previous_children,
        toxo_immune=pregnancy.toxo_immune,
        rh_negative=pregnancy.rh_negative,
    )


def marks(session: Session, profile: Profile) -> tuple[Marks, Marks]:
    """(done, scheduled) ``(code, date)`` pairs read from the vault: recorded vaccinations, child exams
    and agenda marks say what is done; appointments made for an item say what is scheduled."""
    done, scheduled, _brands = _marks_and_brands(session, profile)
    return done, scheduled


def _marks_and_brands(session: Session, profile: Profile) -> tuple[Marks, Marks, dict[str, str]]:
    with session.uow() as uow:
        doses = uow.records.list(profile.id, "immunization")
        exams = uow.records.list(profile.id, "child_exam")
        done_marks = uow.records.list(profile.id, "agenda_mark")
        appointments = uow.records.list(profile.id, "appointment")
        lmps = [p.lmp for p in uow.records.list(profile.id, "pregnancy")] if profile.sex == "F" else []
    done = done_codes(doses, profile.birth_date, lmps)
    done += [(exam.code, exam.on) for exam in exams]
    done += [(mark.item_code, mark.on) for mark in done_marks]
    scheduled = [(a.item_code, a.at.date()) for a in appointments if a.item_code]
    return done, scheduled, brands_of(doses)


def plan(session: Session, profile: Profile, today: date) -> list[AgendaItem]:
    pregnancy = followed_pregnancy(session, profile, today)
    done, scheduled, brands = _marks_and_brands(session, profile)
    born = pregnancy.closed_on if pregnancy is not None and pregnancy.outcome == "birth" else None
    items = recommended(
        profile.birth_date,
        profile.sex,
        today,
        pregnancy_lmp=pregnancy.lmp if pregnancy else None,
        pregnancy_birth=born,
        circumstances=circumstances(pregnancy) if pregnancy else None,
        brands=brands,
        done=done,
        scheduled=scheduled,
    )
    items += prevention.agenda_items(session, profile, today, done, items)  # ICOPE, campaigns (issue 14)
    items += diabetes_followup(session, profile, today, done, scheduled)  # type 2 diabetes (issue 15)
    items.sort(key=lambda item: (item.window_start, item.code))
    return items


def diabetes_followup(
    session: Session, profile: Profile, today: date, done: Marks, scheduled: Marks
) -> list[AgendaItem]:
    """The HAS follow-up of type 2 diabetes (issue 15), for an adult whose medical history records it."""
    if profile.age_days(today) < 18 * 365 or "type2_diabetes" not in risk.conditions(session, profile.id):
        return []
    with session.uow() as uow:
        measured = uow.records.list(profile.id, "measurement")
        doses = [(d.vaccine, d.on) for d in uow.records.list(profile.id, "immunization")]
    return diabetes_agenda.agenda_items(
        today,
        birth_date=profile.birth_date,
        measurements=measured,
        done=done,
        scheduled=scheduled,
        vaccinations=doses,
    )


def diabetes_items(session: Session, profile: Profile, today: date) -> list[AgendaItem]:
    """The type 2 diabetes follow-up as the Risques screen lists it: the ``t2d-`` items and, for its yearly
    flu line, the agenda's flu campaign item (the one the reminders fire for)."""
    items = plan(session, profile, today)
    found = [item for item in items if item.code.startswith(diabetes_agenda.PREFIX)]
    flu = diabetes_agenda.flu_item(items, today)
    return found + [flu] if found and flu is not None else found


def family_plan(session: Session, profiles: list[Profile], today: date) -> list[tuple[Profile, AgendaItem]]:
    """Every profile's items, merged in window order (the family view and its calendar export)."""
    merged = [(profile, item) for profile in profiles for item in plan(session, profile, today)]
    return sorted(merged, key=lambda pair: (pair[1].window_start, pair[0].first_name, pair[1].code))


def section_of(item: AgendaItem, today: date) -> str:
    """À planifier (open now, a missed item still recommended as catch-up, or missed within a year),
    Planifié (booked), À venir, Passés (done, no longer possible, or missed long ago)."""
    if item.status == "scheduled":
        return "scheduled"
    if item.status in TO_PLAN or (item.status == "overdue" and today - item.window_end < RECENT):
        return "to_plan"
    return "upcoming" if item.status == "upcoming" else "past"


SECTIONS = ("to_plan", "scheduled", "upcoming", "past")


def sections(items: list[AgendaItem], today: date) -> dict[str, list[AgendaItem]]:
    """Each section nearest first: to plan by last day, booked by their day, to come by first day,
    the past most recent first."""
    parts: dict[str, list[AgendaItem]] = {name: [] for name in SECTIONS}
    for item in items:
        parts[section_of(item, today)].append(item)
    return {name: sorted(found, key=_order(name)) for name, found in parts.items()}


def family_sections(
    pairs: list[tuple[Profile, AgendaItem]], today: date
) -> dict[str, list[tuple[Profile, AgendaItem]]]:
    """The same sections for (profile, item) pairs."""
    parts: dict[str, list[tuple[Profile, AgendaItem]]] = {name: [] for name in SECTIONS}
    for pair in pairs:
        parts[section_of(pair[1], today)].append(pair)
    return {name: _sorted_pairs(found, name) for name, found in parts.items()}


def _sorted_pairs(pairs: list[tuple[Profile, AgendaItem]], section: str) -> list[tuple[Profile, AgendaItem]]:
    order = _order(section)
    return sorted(pairs, key=lambda pair: (order(pair[1]), pair[0].first_name))


def item_day(item: AgendaItem, section: str) -> date:
    """The day an item is sorted on in its section."""
    if section == "scheduled":
        return item.scheduled_on or item.window_start
    if section == "to_plan":
        return item.last_day
    if section == "upcoming":
        return item.window_start
    return item.done_on or item.last_day


def _order(section: str) -> Callable[[AgendaItem], tuple[int, str]]:
    if section == "past":
        return lambda item: (-item_day(item, section).toordinal(), item.code)
    return lambda item: (item_day(item, section).toordinal(), item.code)

"""Pregnancy follow-up use cases: start one, see its month-by-month timeline, keep its documents, and
"J'ai accouché", which closes it and creates the baby's profile in the same transaction."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from domain.dose_codes import done_codes
from domain.errors import ValidationError
from domain.models import AgendaMark, Document, Pregnancy, Profile, check_pregnancy_dates
from domain.plan import AgendaItem
from domain.pregnancy import (
    dates_from_conception,
    dates_from_lmp,
    dates_from_term,
    month_of_pregnancy,
    pregnancy_items,
    rules,
    weeks_of_amenorrhea,
)
from services import appointments, records
from services import documents as dossier
from services.agenda import circumstances
from services.session import Session
from storage.uow import UnitOfWork

AFTER_BIRTH = 10  # the timeline's bucket for what comes after the birth (leave, postnatal interview)
# How a follow-up ends: a birth, or without one (a miscarriage, a termination: IVG or IMG; "other" when
# the user prefers not to say).
OUTCOMES = ("birth", "miscarriage", "termination", "other")
# Below 22 SA a birth is before the WHO viability threshold (22 SA or 500 g, used in France for the
# civil registration of a child born alive or stillborn): the screen asks the user to confirm the date.
VIABILITY_WEEKS = 22
# The mother's RSV vaccine protects the baby when given at least 14 days before the birth; then the
# baby does not need nirsevimab (RSV campaign 2025-2026, see assets/rules/vaccination.json rsv_infant).
MATERNAL_RSV_DAYS = 14
DETAILS = ("babies", "previous_children", "toxo_immune", "rh_negative")


@dataclass(frozen=True, slots=True)
class Month:
    number: int  # 1..9, or AFTER_BIRTH
    start: date
    items: list[AgendaItem]


def pregnancies(session: Session, profile_id: str) -> list[Pregnancy]:
    """The open pregnancy first (if any), then past ones, most recent first."""
    found = records.list_records(session, profile_id, "pregnancy")
    return sorted(found, key=lambda p: (p.closed_on is not None, -p.lmp.toordinal()))


def lmp_from(*, lmp: date | None = None, conception: date | None = None, term: date | None = None) -> date:
    """The LMP from whichever single date is known: the LMP, a conception date, or a dated term."""
    given = [d for d in (lmp, conception, term) if d is not None]
    if len(given) != 1:
        raise ValidationError("Give one date: the last period, the conception or the expected term.")
    if lmp is not None:
        return lmp
    return dates_from_conception(conception).lmp if conception is not None else dates_from_term(given[0]).lmp


def start_pregnancy(
    session: Session,
    profile: Profile,
    today: date,
    details: dict[str, Any] | None = None,
    **known: date | None,
) -> Pregnancy:
    """Starts a follow-up from one known date; ``details`` are the answers of the form (see DETAILS)."""
    if profile.sex != "F":
        raise ValidationError("A pregnancy can only be recorded on a woman's profile.")
    pregnancy = Pregnancy(lmp_from(**known), **_details(details or {}))
    with session.uow() as uow:
        if any(p.closed_on is None for p in uow.records.list(profile.id, "pregnancy")):
            raise ValidationError("A pregnancy is already being followed on this profile.")
        records.add(uow, profile, pregnancy, today)
        uow.commit()
    return pregnancy


def _details(details: dict[str, Any]) -> dict[str, Any]:
    unknown = set(details) - set(DETAILS)
    if unknown:
        raise ValueError(f"unknown pregnancy details {sorted(unknown)}")
    return details


def update_details(
    session: Session, profile: Profile, pregnancy: Pregnancy, today: date, **details: Any
) -> Pregnancy:
    """Changes the number of babies, the children already in the family, toxoplasmosis immunity or rhesus."""
    updated = dataclasses.replace(pregnancy, **_details(details))
    with session.uow() as uow:
        records.update(uow, profile, updated, today)
        uow.commit()
    return updated


def timeline(
    pregnancy: Pregnancy,
    today: date,
    done: Iterable[tuple[str, date]] = (),
    scheduled: Iterable[tuple[str, date]] = (),
) -> list[Month]:
    """The pregnancy's agenda items grouped by the month of pregnancy their window opens in; ``done`` and
    ``scheduled`` are the marks of the agenda (services.agenda.marks), so both screens agree."""
    born = pregnancy.closed_on if pregnancy.outcome == "birth" else None
    items = pregnancy_items(
        pregnancy.lmp,
        today,
        done=dict(done),
        scheduled=dict(scheduled),
        birth_date=born,
        circumstances=circumstances(pregnancy),
    )
    dates = dates_from_lmp(pregnancy.lmp)
    end = born or dates.month_start(10)
    months = [Month(n, dates.month_start(n), []) for n in range(1, 10)]
    after = Month(AFTER_BIRTH, end, [])
    prenatal = {rule.code for rule in rules() if rule.until_birth}
    for item in items:
        if item.window_start >= end and item.code in prenatal:
            months[-1].items.append(item)  # monitoring past the term still comes before the birth
        elif item.window_start >= end:
            after.items.append(item)
        else:
            number = month_of_pregnancy(pregnancy.lmp, max(item.window_start, pregnancy.lmp))
            months[number - 1].items.append(item)
    return [month for month in [*months, after] if month.items]


def documents(session: Session, profile_id: str, pregnancy: Pregnancy) -> list[Document]:
    """The pregnancy's folder: the documents filed under its id."""
    return [d for d in records.list_records(session, profile_id, "document") if d.folder == pregnancy.id]


def gave_birth(
    session: Session,
    mother: Profile,
    pregnancy: Pregnancy,
    today: date,
    *,
    birth_date: date,
    first_name: str,
    sex: str,
    last_name: str | None = None,
) -> tuple[Pregnancy, Profile]:
    """Ends the follow-up on the birth date and creates the child's profile, both or neither."""
    if pregnancy.closed_on is not None:
        raise ValidationError("This pregnancy is already closed.")
    check_pregnancy_dates(pregnancy.lmp, today, birth_date)  # the birth fits the LMP, before it closes
    closed = dataclasses.replace(pregnancy, closed_on=birth_date, outcome="birth")
    weeks, _days = weeks_of_amenorrhea(pregnancy.lmp, birth_date)
    child = Profile(
        first_name,
        mother.last_name if last_name is None else last_name,
        birth_date,
        sex,
        role="child",
        born_at_weeks=weeks if 22 <= weeks <= 45 else None,  # growth charts correct the age of a preterm baby
    ).check(today)
    with session.uow() as uow:
        maternal_rsv = _maternal_rsv(uow, mother, pregnancy, birth_date)
        records.update(uow, mother, closed, today)
        records.add_profile_in(uow, child, today)
        if maternal_rsv is not None:
            records.add(uow, child, AgendaMark("vax-rsv-maternal", maternal_rsv), today)
        uow.commit()
    return closed, child


def before_viability(pregnancy: Pregnancy, birth_date: date) -> bool:
    """A birth on ``birth_date`` would come before 22 SA (see VIABILITY_WEEKS)."""
    return birth_date - pregnancy.lmp < timedelta(weeks=VIABILITY_WEEKS)


def end_without_birth(
    session: Session,
    profile: Profile,
    pregnancy: Pregnancy,
    today: date,
    *,
    on: date,
    outcome: str,
    keep_documents: bool = True,
) -> Pregnancy:
    """Ends the follow-up on ``on`` without a birth (a miscarriage, a termination, or unsaid): its items
    leave the agenda; its folder's documents are kept, or deleted when the user chooses so."""
    if pregnancy.closed_on is not None:
        raise ValidationError("This pregnancy is already closed.")
    if outcome not in OUTCOMES or outcome == "birth":
        raise ValidationError("Say how the pregnancy ended.")
    closed = dataclasses.replace(pregnancy, closed_on=on, outcome=outcome)
    with session.uow() as uow:
        records.update(uow, profile, closed, today)
        uow.commit()
    if not keep_documents:
        for document in documents(session, profile.id, pregnancy):
            dossier.delete_document(session, profile.id, document)
    return closed


def already_past(
    pregnancy: Pregnancy, today: date, done: Iterable[tuple[str, date]] = ()
) -> list[AgendaItem]:
    """The items whose time had passed when a follow-up starts mid-pregnancy (so "overdue"): the screen
    asks which were already done instead of calling them late."""
    return [
        item for month in timeline(pregnancy, today, done) for item in month.items if item.status == "overdue"
    ]


def mark_already_done(session: Session, profile: Profile, items: Iterable[AgendaItem], today: date) -> None:
    """Marks each item done on the last day of its window (the day is not known, only that it was done
    in its time), or today if the window is still open."""
    for item in items:
        on = min(item.window_end - timedelta(days=1), today)
        appointments.mark_done(session, profile.id, item.code, on, today)


def _maternal_rsv(uow: UnitOfWork, mother: Profile, pregnancy: Pregnancy, birth_date: date) -> date | None:
    """The day of the mother's RSV vaccine of this pregnancy when it protects the baby (>= 14 days
    before the birth), so that the baby's agenda does not also ask for nirsevimab."""
    doses = done_codes(uow.records.list(mother.id, "immunization"), mother.birth_date, [pregnancy.lmp])
    marks = [(m.item_code, m.on) for m in uow.records.list(mother.id, "agenda_mark")]
    days = [
        day
        for code, day in doses + marks
        if code == "vax-rsv-pregnancy"
        and pregnancy.lmp <= day <= birth_date - timedelta(days=MATERNAL_RSV_DAYS)
    ]
    return max(days) if days else None

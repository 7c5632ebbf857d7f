"""Prévention (issue 14): a profile's habits, self-tests, advice cards, Mon bilan prévention and ICOPE.

The rules are the pure domain's (domain/prevention.py, habits, selftests, bilan, icope, campaigns);
this module reads what the vault knows of a profile to build the domain's ``Person`` (age, sex,
pregnancy, the children of the family, habits, latest self-tests and ICOPE screenings), and writes the
prevention records through the write doors of services/records.py, so each one is checked and logged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from typing import Any

from domain import campaigns, icope, prevention_risk
from domain.bilan import Summary, bracket, summary
from domain.errors import ValidationError
from domain.habits import AdultHabits, ChildHabits, form_for
from domain.models import Measurement, Profile
from domain.plan import AgendaItem
from domain.prevention import Card, Person, advice
from domain.prevention_records import (
    AdviceDismissal,
    BilanRecord,
    HabitsRecord,
    IcopeRecord,
    SelfTestRecord,
)
from domain.selftests import SelfTestResult
from services import records
from services.session import Session
from storage.uow import UnitOfWork

CAMPAIGN_PREFIX = "campaign-"
ICOPE_PREFIX = "icope"
# The calendar's own flu and COVID-19 items (assets/rules/vaccination.json) already remind the people
# they concern of the autumn campaign: its campaign item is shown only to the others (at risk).
CALENDAR_SEASON_CODES = ("vax-flu", "vax-covid")
FLU_DOSE_PREFIX = "vax-flu-"
FLU_CAMPAIGN_PREFIX = "campaign-flu-covid-"  # a season's code, dated or usual (domain.campaigns._Entry.code)


# -- reading what the vault knows -----------------------------------------------------------------------
def _newest(found: list[Any], day: str) -> Any:
    return max(found, key=lambda r: getattr(r, day)) if found else None


def _habits_of(found: list[HabitsRecord], profile: Profile, today: date) -> HabitsRecord | None:
    form = form_for(profile.birth_date, today)
    record: HabitsRecord | None = _newest([h for h in found if h.form == form], "recorded_on")
    return record


def habits_record(session: Session, profile: Profile, today: date) -> HabitsRecord | None:
    """The habits of the form this profile answers today (a child's form is set aside from 12)."""
    return _habits_of(records.list_records(session, profile.id, "habits"), profile, today)


def _latest(
    found: list[SelfTestRecord], profile: Profile
) -> dict[str, tuple[SelfTestRecord, SelfTestResult]]:
    latest: dict[str, SelfTestRecord] = {}
    for record in sorted(found, key=lambda r: r.on):
        latest[record.test] = record
    return {test: (record, record.result(profile.sex)) for test, record in latest.items()}


def latest_selftests(session: Session, profile: Profile) -> dict[str, tuple[SelfTestRecord, SelfTestResult]]:
    """The latest result of each self-test taken, by test id."""
    return _latest(records.list_records(session, profile.id, "selftest_result"), profile)


def _oldest_first(found: list[IcopeRecord]) -> list[IcopeRecord]:
    return sorted(found, key=lambda r: (r.on, r.id))


def icope_history(session: Session, profile_id: str) -> list[IcopeRecord]:
    """Every ICOPE screening of the profile, oldest first (the chart's order)."""
    return _oldest_first(records.list_records(session, profile_id, "icope_result"))


def _pregnant(uow: UnitOfWork, profile: Profile) -> bool:
    if profile.sex != "F":
        return False
    return any(p.closed_on is None for p in uow.records.list(profile.id, "pregnancy"))


def _latest_value(found: list[Measurement], kind: str, today: date) -> float | None:
    values = [m for m in found if m.kind == kind and m.on <= today]
    return max(values, key=lambda m: m.on).value if values else None


def _risk_conditions(uow: UnitOfWork, profile: Profile, today: date) -> frozenset[str]:
    """The chronic conditions of the flu recommendation that the medical history names (the words
    people write, or those the Risques screen records), and a BMI of 40 or more from the latest
    weight and height."""
    history = uow.records.list(profile.id, "medical_history")
    measured = uow.records.list(profile.id, "measurement")
    return prevention_risk.risk_conditions(
        [f"{entry.condition} {entry.note}" for entry in history],
        profile.birth_date,
        today,
        weight_kg=_latest_value(measured, "weight", today),
        height_cm=_latest_value(measured, "height", today),
    )


def risk_conditions(session: Session, profile: Profile, today: date) -> frozenset[str]:
    """Why this profile is invited to the flu and COVID-19 campaign before 65 (condition families)."""
    with session.uow() as uow:
        return _risk_conditions(uow, profile, today)


def person(session: Session, profile: Profile, today: date) -> Person:
    """What the advice engine may use about this profile today (read in one unit of work: the agenda
    asks it of every profile each time it is drawn)."""
    with session.uow() as uow:
        pregnant = _pregnant(uow, profile)
        at_risk = bool(_risk_conditions(uow, profile, today))
        children = (
            tuple(p.birth_date for p in uow.profiles.list() if p.role == "child" and p.birth_date <= today)
            if profile.role == "holder"
            else ()
        )
        history = _oldest_first(uow.records.list(profile.id, "icope_result"))
        habits = _habits_of(uow.records.list(profile.id, "habits"), profile, today)
        tests = _latest(uow.records.list(profile.id, "selftest_result"), profile)
    return Person(
        birth_date=profile.birth_date,
        sex=profile.sex,
        pregnant=pregnant,
        habits=habits.habits() if habits is not None else None,
        children_birth_dates=children,
        selftests=tuple(result for _record, result in tests.values()),
        icope_positive=history[-1].positive() if history else frozenset(),
        icope_dates=tuple(r.on for r in history),
        at_risk=at_risk,
    )


def dismissed(session: Session, profile_id: str) -> set[str]:
    return {d.card_id for d in records.list_records(session, profile_id, "advice_dismissal")}


def advice_cards(
    session: Session, profile: Profile, today: date, limit: int | None = None
) -> tuple[Card, ...]:
    """A few advice cards for this profile today, most relevant first, without those dismissed."""
    return advice(person(session, profile, today), today, dismissed(session, profile.id), limit)


# -- writing, through the doors ---------------------------------------------------------------------------
def dismiss(session: Session, profile: Profile, card_id: str, today: date) -> AdviceDismissal:
    """The card never comes back for this profile (the dismissal is a sealed record)."""
    record: AdviceDismissal = records.add_record(session, profile.id, AdviceDismissal(card_id, today), today)
    return record


def save_habits(
    session: Session, profile: Profile, habits: AdultHabits | ChildHabits, today: date
) -> HabitsRecord:
    """The profile's habits, replacing those of the same form (editable any time)."""
    existing = habits_record(session, profile, today)
    fresh = HabitsRecord.of(habits)
    with session.uow() as uow:
        if existing is not None and existing.form == fresh.form:
            records.update(uow, profile, dataclasses.replace(fresh, id=existing.id), today)
            fresh = dataclasses.replace(fresh, id=existing.id)
        else:
            records.add(uow, profile, fresh, today)
        uow.commit()
    return fresh


def take_selftest(
    session: Session, profile: Profile, test: str, answers: tuple[int, ...], today: date
) -> SelfTestResult:
    """Keeps the answers of a self-test taken today and returns its result (advice, helpline)."""
    record: SelfTestRecord = records.add_record(
        session, profile.id, SelfTestRecord(test, today, tuple(answers)), today
    )
    return record.result(profile.sex)


def bilan_record(session: Session, profile_id: str, bracket_id: str) -> BilanRecord | None:
    found = [b for b in records.list_records(session, profile_id, "bilan_draft") if b.bracket == bracket_id]
    record: BilanRecord | None = _newest(found, "updated_on")
    return record


def save_bilan(
    session: Session,
    profile: Profile,
    bracket_id: str,
    answers: Mapping[str, Any],
    today: date,
    finished: bool = False,
) -> BilanRecord:
    """Saves the bracket's answers so far (a draft, or finished), over the previous draft."""
    existing = bilan_record(session, profile.id, bracket_id)
    kept = {key: value for key, value in answers.items() if value not in (None, "", [])}
    fresh = BilanRecord(bracket_id, today, kept, finished)
    with session.uow() as uow:
        if existing is not None:
            fresh = dataclasses.replace(fresh, id=existing.id)
            records.update(uow, profile, fresh, today)
        else:
            records.add(uow, profile, fresh, today)
        uow.commit()
    return fresh


def bilan_summary(session: Session, profile: Profile, bracket_id: str, today: date) -> Summary:
    record = bilan_record(session, profile.id, bracket_id)
    if record is None:
        raise ValidationError("Answer the questionnaire first: there is nothing to summarise yet.")
    return summary(record.draft(), profile.sex, profile.birth_date, today)


def current_bracket(profile: Profile, today: date) -> str | None:
    return bracket(profile.birth_date, today)


def record_icope(
    session: Session,
    profile: Profile,
    answers: Mapping[str, Any],
    today: date,
    on: date | None = None,
    filled_by: str = "self",
) -> IcopeRecord:
    """One ICOPE step-1 screening (``filled_by`` "caregiver" when a caregiver fills it in)."""
    record: IcopeRecord = records.add_record(
        session, profile.id, IcopeRecord(on or today, dict(answers), filled_by), today
    )
    return record


def campaigns_now(session: Session, profile: Profile, today: date) -> tuple[campaigns.Campaign, ...]:
    """The public-health campaigns under way today that concern this profile."""
    return campaigns.campaigns_on(person(session, profile, today), today)


# -- the agenda's prevention items ----------------------------------------------------------------------
def _overlaps(item: AgendaItem, others: list[AgendaItem]) -> bool:
    return any(
        other.code.startswith(CALENDAR_SEASON_CODES)
        and other.window_start < item.window_end
        and item.window_start < other.window_end
        for other in others
    )


def _flu_doses(done: list[tuple[str, date]]) -> dict[str, date]:
    """A recorded flu dose of a season (``vax-flu-<year>``, as domain/vaccine_doses names it) marks that
    season's campaign item done: it is the flu reminder of the people at risk (type 2 diabetes included,
    whose follow-up counted the dose the same way)."""
    found: dict[str, date] = {}
    for code, day in done:
        year = code.removeprefix(FLU_DOSE_PREFIX)
        if code.startswith(FLU_DOSE_PREFIX) and year.isdigit():
            found[f"{FLU_CAMPAIGN_PREFIX}{year}"] = day
    return found


def agenda_items(
    session: Session, profile: Profile, today: date, done: list[tuple[str, date]], calendar: list[AgendaItem]
) -> list[AgendaItem]:
    """The ICOPE screening (from 60, every 6 months) and the campaigns that concern this profile.

    ``done``: the agenda marks; an ICOPE item marked done counts as a screening on that day.
    ``calendar``: the items of the official calendar, so a campaign they already cover is not doubled.
    """
    who = person(session, profile, today)
    marked = [day for code, day in done if code.startswith(ICOPE_PREFIX)]
    # A date the rules refuse (a mark from another device's clock) must not take the whole agenda down.
    past = [day for day in (*who.icope_dates, *marked) if profile.birth_date <= day <= today]
    items: list[AgendaItem] = []
    screening = icope.next_screening(profile.birth_date, past, today)
    if screening is not None:
        items.append(screening)
    marks = {code: day for code, day in done if code.startswith(CAMPAIGN_PREFIX)}
    marks.update(_flu_doses(done))
    for item in campaigns.agenda_items(who, today, marks):
        if not (item.kind == "vaccination" and _overlaps(item, calendar)):
            items.append(item)
    return items

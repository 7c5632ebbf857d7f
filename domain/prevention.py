"""Personalised prevention advice: a few cards for one person on one day, most relevant first.

The cards are rules-as-data (assets/prevention/advice.json, plus one card per ICOPE domain from
assets/prevention/icope.json), each with its sources and review date. ``facts`` turns what Carnet
knows of a person (age, sex, pregnancy, children's ages, habits, self-test and ICOPE results) into
named facts; a card shows when its conditions hold (domain.prevention_rules). At most one card per
theme, at most ``max_cards`` (5) at a time, highest priority first; dismissed cards never come back
and keep their theme quiet, so that a near-identical card does not replace them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from domain import bilan, icope
from domain.errors import ValidationError
from domain.habits import AdultHabits, ChildHabits, activity_minimum, sleep_range
from domain.models import check_not_in_future, completed_months
from domain.prevention_rules import Condition, Provenance, asset, check_conditions, matches, provenance
from domain.selftests import SEXES, Helpline, SelfTestResult, audit_c, helpline

PERSON_FACTS = ("age_years", "age_months", "sex", "pregnant", "at_risk", "children_months")
DERIVED_FACTS = (
    "audit_c_level",
    "hsi_level",
    "phq2_level",
    "selftests_done",
    "sleep_below_range",
    "child_active_below",
    "icope_positive",
    "icope_due",
    "bilan_bracket",
    "months_since_stopping",
    "audit_c_score",
)
ADULT_FACTS = tuple(name for name in AdultHabits.__dataclass_fields__ if name != "recorded_on")
CHILD_FACTS = tuple(f"child_{name}" for name in ChildHabits.__dataclass_fields__ if name != "recorded_on")
FACTS = frozenset((*PERSON_FACTS, *DERIVED_FACTS, *ADULT_FACTS, *CHILD_FACTS))


@dataclass(frozen=True, slots=True)
class Person:
    """What the advice engine may use about one profile; everything but birth date and sex is optional."""

    birth_date: date
    sex: str
    pregnant: bool = False
    habits: AdultHabits | ChildHabits | None = None
    children_birth_dates: tuple[date, ...] = ()
    selftests: tuple[SelfTestResult, ...] = ()  # the latest result of each test taken
    icope_positive: frozenset[str] = frozenset()  # the latest ICOPE screening
    icope_dates: tuple[date, ...] = ()
    at_risk: bool = False  # a chronic disease or another reason the flu/COVID-19 campaign names

    def __post_init__(self) -> None:
        if self.sex not in SEXES:
            raise ValidationError("Unknown sex {sex!r}: choose F or M.", sex=self.sex)
        if self.pregnant and self.sex != "F":
            raise ValidationError("A pregnancy can only be recorded on a woman's profile.")
        icope.next_steps(self.icope_positive)  # raises on an unknown domain

    def check(self, today: date) -> Person:
        check_not_in_future(self.birth_date, today, "The birth date {day} is in the future.")
        for child in self.children_birth_dates:
            check_not_in_future(child, today, "The birth date {day} is in the future.")
        if self.habits is not None:
            self.habits.check(self.birth_date, today)
        return self


@dataclass(frozen=True, slots=True)
class Card:
    id: str
    theme: str
    priority: int
    title: str  # msgid
    text: str  # msgid
    detail: str = ""  # msgid: a second paragraph (ICOPE practical advice)
    helpline: Helpline | None = None
    provenance: Provenance | None = None


@dataclass(frozen=True, slots=True)
class CardRule:
    card: Card
    when: tuple[Condition, ...] = ()
    when_any: tuple[tuple[Condition, ...], ...] = field(default=())


def _habit_facts(person: Person, today: date, age_months: int) -> dict[str, Any]:
    habits = person.habits
    if habits is None:
        return {}
    found = habits.facts(today)
    hours = found.get("sleep_hours", found.get("child_sleep_hours"))
    recommended = sleep_range(age_months)
    if hours is not None and recommended is not None:
        found["sleep_below_range"] = hours < recommended[0]
    minutes, minimum = found.get("child_active_minutes"), activity_minimum(age_months)
    if minutes is not None and minimum is not None:
        found["child_active_below"] = minutes < minimum
    if isinstance(habits, AdultHabits) and habits.audit_c is not None:
        found["audit_c_level"] = audit_c(habits.audit_c, person.sex).level
    return found


def facts(person: Person, today: date) -> dict[str, Any]:
    """The named facts the card and campaign rules test, for this person today."""
    age_months = completed_months(person.birth_date, today)
    found: dict[str, Any] = {
        "age_months": age_months,
        "age_years": age_months // 12,
        "sex": person.sex,
        "pregnant": person.pregnant,
        "at_risk": person.at_risk,
        "children_months": tuple(
            completed_months(born, today) for born in person.children_birth_dates if born <= today
        ),
        "icope_positive": person.icope_positive,
        "bilan_bracket": bilan.bracket(person.birth_date, today),
    }
    found.update(_habit_facts(person, today, age_months))
    done = {"audit_c"} if found.get("audit_c_level") else set()
    for result in person.selftests:  # a test taken on its own wins over the habits' answers
        found[f"{result.test}_level"] = result.level
        done.add(result.test)
    found["selftests_done"] = frozenset(done)
    screening = icope.next_screening(person.birth_date, person.icope_dates, today)
    found["icope_due"] = screening is not None and screening.status in ("to_schedule", "overdue")
    return found


def _rule(raw: dict[str, Any], defaults: dict[str, Any]) -> CardRule:
    when = tuple(raw.get("when", ()))
    when_any = tuple(tuple(group) for group in raw.get("when_any", ()))
    check_conditions((*when, *(c for group in when_any for c in group)), FACTS)
    line = helpline(raw["helpline"]) if raw.get("helpline") else None
    card = Card(
        raw["id"],
        raw["theme"],
        raw["priority"],
        raw["title"],
        raw["text"],
        "",
        line,
        provenance(raw, defaults),
    )
    return CardRule(card, when, when_any)


def _icope_rules(defaults: dict[str, Any]) -> list[CardRule]:
    settings = asset("advice")["icope_cards"]
    found = []
    for domain in icope.next_steps(icope.DOMAINS):
        card = Card(
            id=f"icope-{domain.domain}",
            theme=f"icope_{domain.domain}",
            priority=settings["priority"],
            title=domain.title,
            text=domain.next_step,
            detail=domain.advice,
            provenance=provenance(settings, defaults),
        )
        found.append(CardRule(card, ({"fact": "icope_positive", "has": domain.domain},)))
    return found


@cache
def rules() -> tuple[CardRule, ...]:
    """Every card rule, checked once (a condition on an unknown fact is a data error)."""
    data = asset("advice")
    rules = [_rule(raw, data) for raw in data["cards"]] + _icope_rules(data)
    ids = [rule.card.id for rule in rules]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate card id in assets/prevention/advice.json")
    return tuple(sorted(rules, key=lambda rule: (-rule.card.priority, rule.card.id)))


def advice(
    person: Person, today: date, dismissed: Iterable[str] = (), limit: int | None = None
) -> tuple[Card, ...]:
    """The cards for this person today: at most ``limit`` (default and maximum 5), one per theme."""
    most = asset("advice")["max_cards"]
    limit = most if limit is None else limit
    if not 1 <= limit <= most:
        raise ValidationError("Between 1 and {most} advice cards can be shown at a time.", most=most)
    known = facts(person, today)
    hidden = set(dismissed)
    chosen: list[Card] = []
    themes: set[str] = set()
    for rule in rules():  # already sorted by priority
        card = rule.card
        if card.theme in themes or not matches(rule.when, rule.when_any, known):
            continue
        themes.add(card.theme)  # a dismissed card keeps its theme quiet
        if card.id not in hidden:
            chosen.append(card)
            if len(chosen) == limit:
                break
    return tuple(chosen)

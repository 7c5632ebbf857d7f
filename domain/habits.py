"""Lifestyle habits (Habitudes de vie): what a person chooses to tell about food, activity, tobacco,
sleep, screens and alcohol, and the age-appropriate variant a parent answers for a child.

The questions are data (assets/prevention/habits.json: ids, English msgids, allowed answers, ages);
the two records below are frozen dataclasses whose fields are those question ids. Every field is
optional (``None`` = not answered). A record checks its own answers on construction and, given the
birth date and ``today``, its dates and the age its form is meant for (``check``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from typing import Any

from domain.errors import ValidationError
from domain.models import check_not_in_future, completed_months
from domain.prevention_rules import asset
from domain.selftests import check_audit_c_answers

ADULT = "adult"
CHILD = "child"


@dataclass(frozen=True, slots=True)
class Answer:
    id: str
    label: str  # msgid


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    section: str
    type: str  # single / yes_no / number / date / instrument
    question: str  # msgid
    hint: str = ""  # msgid
    answers: tuple[Answer, ...] = ()
    low: float | None = None
    high: float | None = None
    step: float | None = None  # numbers with a step accept decimals, the others whole numbers
    show_if: dict[str, Any] | None = None  # a condition on another answer (domain.prevention_rules)
    from_months: int = 0
    to_months: int | None = None

    def asked_at(self, age_months: int) -> bool:
        return self.from_months <= age_months and (self.to_months is None or age_months < self.to_months)


def _question(raw: dict[str, Any], answer_sets: dict[str, Any]) -> Question:
    answers = raw.get("answers", [])
    if isinstance(answers, str):
        answers = answer_sets[answers]
    return Question(
        id=raw["id"],
        section=raw["section"],
        type=raw["type"],
        question=raw["question"],
        hint=raw.get("hint", ""),
        answers=tuple(Answer(a["id"], a["label"]) for a in answers),
        low=raw.get("min"),
        high=raw.get("max"),
        step=raw.get("step"),
        show_if=raw.get("show_if"),
        from_months=raw.get("from_months", 0),
        to_months=raw.get("to_months"),
    )


@cache
def _questions(form: str) -> dict[str, Question]:
    data = asset("habits")
    return {raw["id"]: _question(raw, data["answer_sets"]) for raw in data[form]}


def questions(form: str, age_months: int | None = None) -> tuple[Question, ...]:
    """The questions of a form in display order; for a child, only those asked at ``age_months``."""
    if form not in (ADULT, CHILD):
        raise ValidationError("Unknown habits form {form!r}.", form=form)
    found = tuple(_questions(form).values())
    if age_months is not None:
        found = tuple(q for q in found if q.asked_at(age_months))
    return found


def form_for(birth_date: date, today: date) -> str:
    """Teenagers and adults answer for themselves; a parent answers the child form before that."""
    years = completed_months(birth_date, today) // 12
    return ADULT if years >= asset("habits")["self_form_from_years"] else CHILD


def _by_age(table: str, age_months: int) -> dict[str, Any] | None:
    for row in asset("habits")[table]["ranges"]:
        if row["from_months"] <= age_months < row["to_months"]:
            return dict(row)
    return None


def sleep_range(age_months: int) -> tuple[float, float] | None:
    """Recommended hours of sleep per 24 h at this age (National Sleep Foundation 2015)."""
    row = _by_age("sleep_hours_by_age", age_months)
    return (row["min"], row["max"]) if row else None


def activity_minimum(age_months: int) -> int | None:
    """Minutes of activity a day recommended for a child of this age (None if not asked)."""
    row = _by_age("activity_minutes_by_age", age_months)
    return row["min"] if row else None


def _check_answer(question: Question, value: Any) -> None:
    if value is None:
        return
    kind = question.type
    if kind == "single" and value not in {a.id for a in question.answers}:
        raise ValidationError(
            "{value!r} is not an allowed answer to the question {question}.",
            value=value,
            question=question.id,
        )
    if kind == "yes_no" and not isinstance(value, bool):
        raise ValidationError("The answer to the question {question} is yes or no.", question=question.id)
    if kind == "date" and not isinstance(value, date):
        raise ValidationError("The answer to the question {question} is a date.", question=question.id)
    if kind == "instrument":
        check_audit_c_answers(value)
    if kind == "number":
        _check_number(question, value)


def _check_number(question: Question, value: Any) -> None:
    whole = isinstance(value, int) and not isinstance(value, bool)
    number = whole or (question.step is not None and isinstance(value, float) and math.isfinite(value))
    low = question.low if question.low is not None else -math.inf
    high = question.high if question.high is not None else math.inf
    if not number or not low <= value <= high:
        raise ValidationError(
            "The answer to the question {question} must be a number from {low} to {high}.",
            question=question.id,
            low=question.low,
            high=question.high,
        )


def _check_fields(record: Any, form: str) -> None:
    known = _questions(form)
    for item in fields(record):
        if item.name != "recorded_on":
            _check_answer(known[item.name], getattr(record, item.name))


def _check_dates(recorded_on: date, birth_date: date, today: date, *days: date | None) -> None:
    check_not_in_future(recorded_on, today, "The habits are dated {day}, a day in the future.")
    for day in (recorded_on, *days):
        if day is None:
            continue
        check_not_in_future(day, today, "The date {day} is in the future.")
        if day < birth_date:
            raise ValidationError("The date {day} is before the birth date.", day=day)


@dataclass(frozen=True, slots=True)
class AdultHabits:
    """The habits of a teenager or an adult, told by themselves (or their caregiver)."""

    recorded_on: date
    fruit_veg: str | None = None
    fatty: str | None = None
    sugary: str | None = None
    salt_added: bool | None = None
    active_regularly: bool | None = None
    active_days: str | None = None
    sitting: str | None = None
    tobacco: str | None = None
    cigarettes_per_day: int | None = None
    started_smoking: date | None = None
    stopped_smoking: date | None = None
    vaping: str | None = None
    sleep_quality: str | None = None
    sleep_hours: float | None = None
    screen_before_sleep: str | None = None
    screen_hours: float | None = None
    audit_c: tuple[int, int, int] | None = None
    drinks_per_week: int | None = None

    def __post_init__(self) -> None:
        _check_fields(self, ADULT)
        if self.cigarettes_per_day is not None and self.tobacco != "daily":
            raise ValidationError("The number of cigarettes a day is only asked of daily smokers.")
        if self.started_smoking is not None and self.tobacco not in ("daily", "occasional", "former"):
            raise ValidationError("The start of smoking is only asked of smokers and former smokers.")
        if self.stopped_smoking is not None and self.tobacco != "former":
            raise ValidationError("The date smoking stopped is only asked of former smokers.")
        if self.started_smoking and self.stopped_smoking and self.started_smoking > self.stopped_smoking:
            raise ValidationError("Smoking cannot stop before it started.")

    def check(self, birth_date: date, today: date) -> AdultHabits:
        """Dates in the past and after birth, and a person old enough to answer for themselves."""
        _check_dates(self.recorded_on, birth_date, today, self.started_smoking, self.stopped_smoking)
        if form_for(birth_date, self.recorded_on) != ADULT:
            raise ValidationError("A parent answers the child habits form until the age of 12.")
        return self

    def months_since_stopping(self, today: date) -> int | None:
        return completed_months(self.stopped_smoking, today) if self.stopped_smoking else None

    def pack_years(self, today: date) -> float | None:
        """Packs of 20 a day times years of daily smoking (the measure the 45-50 bilan uses)."""
        if self.tobacco != "daily" or self.cigarettes_per_day is None or self.started_smoking is None:
            return None
        years = completed_months(self.started_smoking, today) / 12
        return round(self.cigarettes_per_day / 20 * years, 1)

    def facts(self, today: date) -> dict[str, Any]:
        """The answers as rule facts (domain.prevention_rules), with what derives from them."""
        found = {item.name: getattr(self, item.name) for item in fields(self)}
        found["months_since_stopping"] = self.months_since_stopping(today)
        found["audit_c_score"] = sum(self.audit_c) if self.audit_c is not None else None
        return found


@dataclass(frozen=True, slots=True)
class ChildHabits:
    """A child's habits as the parent tells them; some questions depend on the age (see the data)."""

    recorded_on: date
    screen_minutes: int | None = None
    screens_at_meals_or_bed: bool | None = None
    sleep_hours: float | None = None
    active_minutes: int | None = None

    def __post_init__(self) -> None:
        _check_fields(self, CHILD)

    def check(self, birth_date: date, today: date) -> ChildHabits:
        _check_dates(self.recorded_on, birth_date, today)
        if form_for(birth_date, self.recorded_on) != CHILD:
            raise ValidationError("From the age of 12, the habits form is answered by the teenager.")
        months = completed_months(birth_date, self.recorded_on)
        for question in _questions(CHILD).values():
            if getattr(self, question.id) is not None and not question.asked_at(months):
                raise ValidationError(
                    "The question {question} is not asked at this age.", question=question.id
                )
        return self

    def facts(self, today: date) -> dict[str, Any]:
        return {f"child_{item.name}": getattr(self, item.name) for item in fields(self)}

"""WHO ICOPE step 1 (repérage) for people aged 60 and over: which of the six domains screen
positive, what to do next, and when the next screening is due (every 6 months).

The answers are a mapping with exactly the keys of ``ANSWER_KEYS``; the rules (3 words, 14 seconds)
and the texts are data (assets/prevention/icope.json). A positive domain is a prompt to see a
professional for a fuller assessment (step 2), never a diagnosis.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from domain.errors import ValidationError
from domain.models import check_not_in_future, completed_months
from domain.plan import AgendaItem, add_months, status_of
from domain.prevention_rules import asset, source_titles

DOMAINS = ("cognition", "mobility", "nutrition", "vision", "hearing", "mood")
BOOLEAN_KEYS = (
    "oriented",
    "weight_loss",
    "appetite_loss",
    "vision_problem",
    "hearing_failed",
    "feeling_down",
    "little_interest",
)
ANSWER_KEYS = frozenset({"words_recalled", "chair_rise_seconds", *BOOLEAN_KEYS})


@dataclass(frozen=True, slots=True)
class DomainAdvice:
    domain: str
    title: str  # msgid
    next_step: str  # msgid: the step-2 assessment with a professional
    advice: str  # msgid: what one can do meanwhile


def _data() -> dict[str, Any]:
    data: dict[str, Any] = asset("icope")
    return data


def check_answers(answers: Mapping[str, Any]) -> None:
    """Raises ValidationError unless ``answers`` has exactly the step-1 keys with plausible values."""
    if not isinstance(answers, Mapping):
        raise ValidationError("The ICOPE answers are missing.")
    missing = sorted(ANSWER_KEYS - answers.keys())
    if missing:
        raise ValidationError("The ICOPE answer {key} is missing.", key=missing[0])
    unknown = sorted(set(answers) - ANSWER_KEYS)
    if unknown:
        raise ValidationError("{key} is not an ICOPE answer.", key=unknown[0])
    words = answers["words_recalled"]
    if isinstance(words, bool) or not isinstance(words, int) or not 0 <= words <= 3:
        raise ValidationError("The number of words recalled is a whole number from 0 to 3.")
    seconds = answers["chair_rise_seconds"]
    if seconds is not None and (
        isinstance(seconds, bool)
        or not isinstance(seconds, int | float)
        or not math.isfinite(seconds)
        or seconds <= 0
    ):
        raise ValidationError("The chair rise time is a number of seconds above 0, or empty if not done.")
    for key in BOOLEAN_KEYS:
        if not isinstance(answers[key], bool):
            raise ValidationError("The ICOPE answer {key} is yes or no.", key=key)


def positive_domains(answers: Mapping[str, Any]) -> frozenset[str]:
    """The domains whose step-1 screening is positive (WHO rules; 14.0 s exactly is not positive)."""
    check_answers(answers)
    rules = _data()["rules"]
    seconds = answers["chair_rise_seconds"]
    positive = {
        "cognition": answers["words_recalled"] < rules["words_needed"] or not answers["oriented"],
        "mobility": seconds is None or seconds > rules["chair_rise_max_seconds"],
        "nutrition": answers["weight_loss"] or answers["appetite_loss"],
        "vision": answers["vision_problem"],
        "hearing": answers["hearing_failed"],
        "mood": answers["feeling_down"] or answers["little_interest"],
    }
    return frozenset(domain for domain, found in positive.items() if found)


@cache
def _advice() -> dict[str, DomainAdvice]:
    return {
        raw["id"]: DomainAdvice(raw["id"], raw["title"], raw["next_step"], raw["advice"])
        for raw in _data()["domains"]
    }


def next_steps(domains: Iterable[str]) -> tuple[DomainAdvice, ...]:
    """For each positive domain, in the order of ``DOMAINS``: the step-2 assessment and advice."""
    chosen = set(domains)
    unknown = chosen - set(DOMAINS)
    if unknown:
        raise ValidationError("{key} is not an ICOPE domain.", key=sorted(unknown)[0])
    return tuple(_advice()[domain] for domain in DOMAINS if domain in chosen)


def summary(domains: Iterable[str]) -> str:
    """The one-line message after a screening (msgid)."""
    messages = _data()["messages"]
    return messages["some_positive"] if set(domains) else messages["all_negative"]


def next_screening(birth_date: date, past: Iterable[date], today: date) -> AgendaItem | None:
    """The current or next ICOPE agenda item (kind "prevention", code "icope-YYYY-MM"), None before 59½.

    The first one is due on the 60th birthday (not before the national programme opened), then 6
    months after the latest screening. Its window lasts one interval; a missed screening is not
    left overdue for ever: the interval under way is proposed instead, since it is repeated anyway.
    """
    schedule = _data()["schedule"]
    every = schedule["every_months"]
    done = sorted(past)
    for day in done:
        check_not_in_future(day, today, "The ICOPE screening date {day} is in the future.")
        if day < birth_date:
            raise ValidationError("The date {day} is before the birth date.", day=day)
    due = max(add_months(birth_date, 12 * schedule["from_years"]), date.fromisoformat(schedule["opened_on"]))
    if today < add_months(due, -every):
        return None  # shown once the first one is less than one interval away
    if done:
        due = max(due, add_months(done[-1], every))
    elapsed = completed_months(due, today) if today >= due else 0
    start = add_months(due, every * (elapsed // every))  # from ``due``: no drift at month ends
    end = add_months(start, every)
    code = f"{schedule['code_prefix']}-{start:%Y-%m}"
    return AgendaItem(
        code=code,
        kind=schedule["kind"],
        label=schedule["label"],
        window_start=start,
        window_end=end,
        status=status_of(code, start, end, today, {}, {}),
        source=source_titles(schedule["sources"]),
    )

"""A Prévention questionnaire's refusals, each put under the question it is about: the answers that
cannot be read or are missing (all at once), and a refusal of the domain's rules, tagged with its question
and said in words a person reads under it (no question code, no ISO date)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from domain.errors import N_, CarnetError, ValidationError
from domain.models import parse_day
from views.forms import FormValues, Translate, month_first

Save = Callable[[dict[str, Any]], Any]

# A rule whose refusal names no question: the question it is about.
QUESTION_OF = {
    "Smoking cannot stop before it started.": "stopped_smoking",
    "The number of words recalled is a whole number from 0 to 3.": "words_recalled",
    "The chair rise time is a number of seconds above 0, or empty if not done.": "chair_rise_seconds",
}
# A refusal said under its question: in words, without the question's code.
ON_QUESTION = {
    "The answer to the question {question} must be a number from {low} to {high}.": N_(
        "Type a number from {low} to {high}."
    ),
    "The answer to the question {question} is yes or no.": N_("Choose yes or no."),
    "The answer to the question {question} is a date.": N_("Type a date."),
    "{value!r} is not an allowed answer to the question {question}.": N_("Choose an answer offered."),
    "The answer to the question {question} is a text of at most {count} characters.": N_(
        "Write at most {count} characters."
    ),
    "The ICOPE answer {key} is missing.": N_("Choose an answer."),
    "The ICOPE answer {key} is yes or no.": N_("Choose yes or no."),
}


def unreadable(values: Mapping[str, Any], kinds: Mapping[str, str], _: Translate) -> dict[str, str]:
    """Every typed answer of ``kinds`` ("choice", "optional number", "optional date"...) that cannot be
    read or is missing, with why (views/forms.py)."""
    typed = FormValues({k: v for k, v in values.items() if isinstance(v, str)}, _)
    return typed.errors({k: kind for k, kind in kinds.items() if k in typed})


def tagged(action: Save, values: dict[str, Any], _: Translate) -> None:
    """Runs ``action``; a refusal of the rules is tagged with the question it names (its ``question``
    or ``key``, the date question holding its ``day``, or the one its message is about) and said as
    that question's error: without the question's code, a day as the language writes it."""
    try:
        action(values)
    except CarnetError as exc:
        if getattr(exc, "field", ""):
            raise
        params = dict(exc.params)
        key = params.pop("question", "") or params.pop("key", "") or QUESTION_OF.get(exc.msgid, "")
        day = params.get("day")
        if isinstance(day, date):
            key = key or next((k for k, v in values.items() if _same_day(v, day, _)), "")
        if not key:
            raise
        refusal = ValidationError(ON_QUESTION.get(exc.msgid, exc.msgid), **params)
        refusal.field = key  # type: ignore[attr-defined]
        raise refusal from exc


def _same_day(text: Any, day: date, _: Translate) -> bool:
    try:
        return isinstance(text, str) and parse_day(text, month_first(_)) == day
    except CarnetError:
        return False

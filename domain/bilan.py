"""Mon bilan prévention: the self-questionnaire of each age bracket (18-25, 45-50, 60-65, 70-75),
its draft answers, and which answers call for discussion with the professional.

The questions are data (assets/prevention/bilan.json). A draft may hold any subset of answers (it is
filled over several sittings); each answer is checked against its question. ``summary`` orders the
answers for the one-page document the person brings: those that call for discussion first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from domain.errors import ValidationError
from domain.models import check_not_in_future, completed_months
from domain.prevention_rules import Provenance, asset, holds, provenance

TEXT_MAX = 1000  # characters of a free-text answer
SEXES = ("F", "M")


@dataclass(frozen=True, slots=True)
class Answer:
    id: str
    label: str  # msgid


@dataclass(frozen=True, slots=True)
class Question:
    id: str  # the Mon espace santé code where the item comes from it (45-50)
    theme: str
    type: str  # single / multi / number / text
    question: str  # msgid
    answers: tuple[Answer, ...] = ()
    discuss: tuple[str, ...] = ()  # answer ids that call for discussion
    discuss_number: Mapping[str, float] | None = None  # a condition on a number, e.g. {"gt": 10}
    discuss_if_filled: bool = False
    show_if: Mapping[str, Any] | None = None  # {"of": question id, "in": [answer ids]}
    only_sex: str | None = None
    min_age: int | None = None
    low: float | None = None
    high: float | None = None
    step: float | None = None
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Questionnaire:
    bracket: str
    from_years: int
    to_years: int  # exclusive
    agenda_code: str
    completeness: str  # "complete" (the official list) or "by_theme"
    questions: tuple[Question, ...]
    bmi_discuss: tuple[Mapping[str, float], ...]
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class Item:
    """One answered question (or the body mass index), as the summary shows it."""

    question_id: str
    theme: str
    question: str  # msgid
    answers: tuple[str, ...] = ()  # msgids of the chosen answers
    value: float | str | None = None  # a number or a free text
    discuss: bool = False


@dataclass(frozen=True, slots=True)
class Summary:
    bracket: str
    discuss: tuple[Item, ...]  # first on the page
    others: tuple[Item, ...]
    unanswered: int


def _question(qid: str, raw: Mapping[str, Any], sets: Mapping[str, Any]) -> Question:
    answers = raw.get("answers", [])
    answers = sets[answers] if isinstance(answers, str) else answers
    discuss = raw.get("discuss", [])
    return Question(
        id=qid,
        theme=raw["theme"],
        type=raw["type"],
        question=raw["question"],
        answers=tuple(Answer(a["id"], a["label"]) for a in answers),
        discuss=tuple(discuss) if isinstance(discuss, list) else (),
        discuss_number=discuss if isinstance(discuss, dict) else None,
        discuss_if_filled=raw.get("discuss_if_filled", False),
        show_if=raw.get("show_if"),
        only_sex=raw.get("only_sex"),
        min_age=raw.get("min_age"),
        low=raw.get("min"),
        high=raw.get("max"),
        step=raw.get("step"),
        unit=raw.get("unit", ""),
    )


@cache
def questionnaires() -> dict[str, Questionnaire]:
    data = asset("bilan")
    library = {qid: _question(qid, raw, data["answer_sets"]) for qid, raw in data["questions"].items()}
    return {
        raw["bracket"]: Questionnaire(
            bracket=raw["bracket"],
            from_years=raw["from_years"],
            to_years=raw["to_years"],
            agenda_code=raw["agenda_code"],
            completeness=raw["completeness"],
            questions=tuple(library[qid] for qid in raw["questions"]),
            bmi_discuss=tuple(raw["bmi_discuss"]),
            provenance=provenance(raw, data),
        )
        for raw in data["questionnaires"]
    }


def bracket(birth_date: date, today: date) -> str | None:
    """The bracket the person is in today ("45-50" from the 45th birthday to the day before the 51st)."""
    years = completed_months(birth_date, today) // 12 if birth_date <= today else -1
    for found in questionnaires().values():
        if found.from_years <= years < found.to_years:
            return found.bracket
    return None


def questionnaire(bracket_id: str) -> Questionnaire:
    try:
        return questionnaires()[bracket_id]
    except KeyError:
        raise ValidationError(
            "There is no prevention questionnaire for {bracket}.", bracket=bracket_id
        ) from None


def for_agenda_code(code: str) -> Questionnaire:
    """The questionnaire the agenda item of a bracket (``prevention-bilan-45``...) opens."""
    for found in questionnaires().values():
        if found.agenda_code == code:
            return found
    raise ValidationError("There is no prevention questionnaire for {bracket}.", bracket=code)


def _check_answer(question: Question, value: Any) -> None:
    ids = {a.id for a in question.answers}
    if question.type == "single" and value not in ids:
        raise ValidationError(
            "{value!r} is not an allowed answer to the question {question}.",
            value=value,
            question=question.id,
        )
    if question.type == "multi":
        if isinstance(value, str) or not isinstance(value, Sequence | frozenset | set):
            raise ValidationError("The question {question} takes a list of answers.", question=question.id)
        for item in value:
            if item not in ids:
                raise ValidationError(
                    "{value!r} is not an allowed answer to the question {question}.",
                    value=item,
                    question=question.id,
                )
    if question.type == "number":
        whole = isinstance(value, int) and not isinstance(value, bool)
        decimal = question.step is not None and isinstance(value, float) and math.isfinite(value)
        low = question.low if question.low is not None else -math.inf
        high = question.high if question.high is not None else math.inf
        if not (whole or decimal) or not low <= value <= high:
            raise ValidationError(
                "The answer to the question {question} must be a number from {low} to {high}.",
                question=question.id,
                low=question.low,
                high=question.high,
            )
    if question.type == "text" and (not isinstance(value, str) or len(value) > TEXT_MAX):
        raise ValidationError(
            "The answer to the question {question} is a text of at most {count} characters.",
            question=question.id,
            count=TEXT_MAX,
        )


@dataclass(frozen=True, slots=True)
class Draft:
    """The answers given so far to one bracket's questionnaire; any subset, saved as they come."""

    bracket: str
    updated_on: date
    answers: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        known = {q.id: q for q in questionnaire(self.bracket).questions}
        for qid, value in self.answers.items():
            if qid not in known:
                raise ValidationError("{question} is not a question of this questionnaire.", question=qid)
            _check_answer(known[qid], value)

    def check(self, today: date) -> Draft:
        check_not_in_future(self.updated_on, today, "The questionnaire is dated {day}, a day in the future.")
        return self


def visible(
    form: Questionnaire, answers: Mapping[str, Any], sex: str, age_years: int
) -> tuple[Question, ...]:
    """The questions to show this person given the answers so far (sex, age and follow-up questions)."""
    shown = []
    for question in form.questions:
        if question.only_sex is not None and question.only_sex != sex:
            continue
        if question.min_age is not None and age_years < question.min_age:
            continue
        if question.show_if is not None:
            given = answers.get(question.show_if["of"])
            chosen = set(given) if isinstance(given, list | tuple | set | frozenset) else {given}
            if not chosen & set(question.show_if["in"]):
                continue
        shown.append(question)
    return tuple(shown)


def _item(question: Question, value: Any) -> Item:
    labels = {a.id: a.label for a in question.answers}
    if question.type in ("single", "multi"):
        chosen = [value] if question.type == "single" else [a.id for a in question.answers if a.id in value]
        discuss = any(answer in question.discuss for answer in chosen)
        return Item(
            question.id, question.theme, question.question, tuple(labels[a] for a in chosen), None, discuss
        )
    if question.type == "number":
        cond = question.discuss_number
        discuss = cond is not None and holds({"fact": "value", **cond}, {"value": value})
        return Item(question.id, question.theme, question.question, (), value, discuss)
    filled = bool(value.strip())
    return Item(
        question.id, question.theme, question.question, (), value, question.discuss_if_filled and filled
    )


def _bmi(form: Questionnaire, answers: Mapping[str, Any]) -> Item | None:
    weight, height = answers.get("MASSE"), answers.get("TAILLE")
    if weight is None or height is None:
        return None
    derived = asset("bilan")["derived"]["BMI"]
    value = round(weight / height**2, 1)
    discuss = any(holds({"fact": "bmi", **cond}, {"bmi": value}) for cond in form.bmi_discuss)
    return Item("BMI", derived["theme"], derived["label"], (), value, discuss)


def summary(draft: Draft, sex: str, birth_date: date, today: date) -> Summary:
    """The answers of the visible questions, those calling for discussion first (questionnaire order)."""
    if sex not in SEXES:
        raise ValidationError("Unknown sex {sex!r}: choose F or M.", sex=sex)
    form = questionnaire(draft.bracket)
    age = completed_months(birth_date, today) // 12
    shown = visible(form, draft.answers, sex, age)
    items = [_item(q, draft.answers[q.id]) for q in shown if q.id in draft.answers]
    bmi = _bmi(form, draft.answers)
    if bmi is not None:
        items.insert(0, bmi)
    unanswered = sum(1 for q in shown if q.id not in draft.answers)
    return Summary(
        bracket=draft.bracket,
        discuss=tuple(i for i in items if i.discuss),
        others=tuple(i for i in items if not i.discuss),
        unanswered=unanswered,
    )


def flagged(draft: Draft, sex: str, birth_date: date, today: date) -> tuple[Item, ...]:
    """The answers that call for discussion with the professional."""
    return summary(draft, sex, birth_date, today).discuss

"""The prevention records a profile keeps (issue 14), sealed like every record: the habits, the
self-test results, the Mon bilan prévention questionnaire (draft, then finished), the ICOPE step-1
screenings and the advice cards dismissed.

Each wraps an object of the pure prevention domain (domain/habits.py, selftests.py, bilan.py,
icope.py) in a storable shape: plain JSON values only (dates as ISO text, tuples as lists), since the
codec stores fields as they are. Building a record checks its answers through that domain object;
``check(today, birth_date)`` adds the rules that need the day and the birth date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, cast

from domain import bilan, icope, selftests
from domain.errors import ValidationError
from domain.habits import ADULT, CHILD, AdultHabits, ChildHabits
from domain.models import check_day, completed_months, new_id

PREVENTION_KINDS = ("habits", "selftest_result", "bilan_draft", "icope_result", "advice_dismissal")
SELF_TESTS = ("audit_c", "hsi", "phq2")
FILLED_BY = ("self", "caregiver")
ICOPE_FROM_YEARS = 60
_DATE_FIELDS = ("started_smoking", "stopped_smoking")
FUTURE = "The date {day} is in the future."
BEFORE_BIRTH = "The date {day} is before the birth date."


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list | set | frozenset):
        return list(value)
    return value


def _answers_of(habits: AdultHabits | ChildHabits) -> dict[str, Any]:
    return {
        item.name: _plain(getattr(habits, item.name))
        for item in fields(habits)
        if item.name != "recorded_on" and getattr(habits, item.name) is not None
    }


@dataclass(frozen=True, slots=True)
class HabitsRecord:
    """One profile's habits (the adult/teen form, or the child form its parent answers); updated in place."""

    form: str  # domain.habits.ADULT or CHILD
    recorded_on: date
    answers: Mapping[str, Any] = field(default_factory=dict)  # question id -> plain JSON value
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.form not in (ADULT, CHILD):
            raise ValidationError("Unknown habits form {form!r}.", form=self.form)
        self.habits()  # the answers are checked by the domain's own record

    @classmethod
    def of(cls, habits: AdultHabits | ChildHabits, record_id: str | None = None) -> HabitsRecord:
        form = ADULT if isinstance(habits, AdultHabits) else CHILD
        return cls(form, habits.recorded_on, _answers_of(habits), record_id or new_id())

    @property
    def label(self) -> str:
        return f"habits-{self.form}"

    def habits(self) -> AdultHabits | ChildHabits:
        values = dict(self.answers)
        if self.form == CHILD:
            return ChildHabits(self.recorded_on, **values)
        for name in _DATE_FIELDS:
            if isinstance(values.get(name), str):
                values[name] = date.fromisoformat(values[name])
        if isinstance(values.get("audit_c"), list):
            values["audit_c"] = tuple(values["audit_c"])
        return AdultHabits(self.recorded_on, **values)

    def check(self, today: date, birth_date: date | None = None) -> HabitsRecord:
        if birth_date is None:
            raise ValidationError("The habits belong to a profile with a birth date.")
        self.habits().check(birth_date, today)
        return self


@dataclass(frozen=True, slots=True)
class SelfTestRecord:
    """One self-test taken (AUDIT-C, short Fagerström, PHQ-2): its answers; the result is worked out."""

    test: str
    on: date
    answers: tuple[int, ...] = ()
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.test not in SELF_TESTS:
            raise ValidationError("Unknown self-test {test!r}.", test=self.test)
        object.__setattr__(self, "answers", tuple(self.answers))  # a list in JSON
        self.result("F")  # checks the answers

    @property
    def label(self) -> str:
        return self.test

    def result(self, sex: str) -> selftests.SelfTestResult:
        if self.test == "audit_c":
            return selftests.audit_c(selftests.check_audit_c_answers(self.answers), sex)
        pair = cast(tuple[int, int], self.answers)  # its count is checked by the scoring
        return selftests.fagerstrom(pair) if self.test == "hsi" else selftests.phq2(pair)

    def check(self, today: date, birth_date: date | None = None) -> SelfTestRecord:
        check_day(self.on, today, birth_date, FUTURE, BEFORE_BIRTH)
        return self


@dataclass(frozen=True, slots=True)
class BilanRecord:
    """The Mon bilan prévention questionnaire of one bracket: saved as a draft, answer by answer."""

    bracket: str
    updated_on: date
    answers: Mapping[str, Any] = field(default_factory=dict)
    finished: bool = False
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        self.draft()

    @property
    def label(self) -> str:
        return f"bilan-{self.bracket}"

    def draft(self) -> bilan.Draft:
        return bilan.Draft(self.bracket, self.updated_on, dict(self.answers))

    def check(self, today: date, birth_date: date | None = None) -> BilanRecord:
        self.draft().check(today)
        check_day(self.updated_on, today, birth_date, FUTURE, BEFORE_BIRTH)
        return self


@dataclass(frozen=True, slots=True)
class IcopeRecord:
    """One ICOPE step-1 screening, by the person or by a caregiver for the person helped."""

    on: date
    answers: Mapping[str, Any]
    filled_by: str = "self"
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        icope.check_answers(self.answers)
        if self.filled_by not in FILLED_BY:
            raise ValidationError("Say who filled the screening in.")

    @property
    def label(self) -> str:
        return "icope"

    def positive(self) -> frozenset[str]:
        return icope.positive_domains(self.answers)

    def check(self, today: date, birth_date: date | None = None) -> IcopeRecord:
        check_day(self.on, today, birth_date, FUTURE, BEFORE_BIRTH)
        if birth_date is not None and completed_months(birth_date, self.on) < 12 * ICOPE_FROM_YEARS:
            raise ValidationError("The ICOPE screening is for people aged 60 and over.")
        return self


@dataclass(frozen=True, slots=True)
class AdviceDismissal:
    """An advice card the person does not want to see again (and its theme stays quiet)."""

    card_id: str
    on: date
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if not isinstance(self.card_id, str) or not self.card_id.strip():
            raise ValidationError("Say which advice card to hide.")

    @property
    def label(self) -> str:
        return self.card_id

    def check(self, today: date, birth_date: date | None = None) -> AdviceDismissal:
        check_day(self.on, today, None, FUTURE)
        return self

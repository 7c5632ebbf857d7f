"""Validated self-tests: AUDIT-C (alcohol), the short Fagerström test (tobacco, also called the
Heaviness of Smoking Index) and PHQ-2 (mood).

Answers are the points of each item, as published (AUDIT-C 0-4 per item, the other two 0-3). The
items, their published wording, the thresholds and the result texts are data
(assets/prevention/selftests.json); this module scores, checks the answers and picks the result.
A result is a screening prompt, never a diagnosis: it says what may help, and the free or
non-premium helpline that applies, if any.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from domain.errors import ValidationError
from domain.prevention_rules import Provenance, asset, provenance

SEXES = ("F", "M")


@dataclass(frozen=True, slots=True)
class Helpline:
    id: str
    name: str  # msgid (a proper name, the same in French)
    number: str
    url: str
    text: str  # msgid: what the line offers
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class SelfTestResult:
    test: str  # "audit_c", "hsi" or "phq2"
    score: int
    level: str  # audit_c: low/risk/dependence; hsi: low/moderate/high; phq2: negative/positive
    title: str  # msgid
    advice: str  # msgid
    helpline: Helpline | None


@dataclass(frozen=True, slots=True)
class Option:
    points: int
    label: str  # msgid (published English wording)
    published_fr: str


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    question: str  # msgid (published English wording)
    published_fr: str
    options: tuple[Option, ...]


@cache
def helplines() -> dict[str, Helpline]:
    data = asset("helplines")
    return {
        raw["id"]: Helpline(
            raw["id"], raw["name"], raw["number"], raw["url"], raw["text"], provenance(raw, data)
        )
        for raw in data["helplines"]
    }


def helpline(helpline_id: str) -> Helpline:
    return helplines()[helpline_id]


@cache
def _test(test_id: str) -> dict[str, Any]:
    return next(raw for raw in asset("selftests")["tests"] if raw["id"] == test_id)


@cache
def items(test_id: str) -> tuple[Item, ...]:
    """The published items of a test, to show them (answers are the options' points)."""
    raw = _test(test_id)
    sets = raw.get("option_sets", {})

    def options(value: Any) -> tuple[Option, ...]:
        listed = sets[value] if isinstance(value, str) else value
        return tuple(Option(o["points"], o["label"], o["published_fr"]) for o in listed)

    return tuple(Item(i["id"], i["question"], i["published_fr"], options(i["options"])) for i in raw["items"])


def _points(test_id: str, answers: Sequence[int]) -> int:
    expected = items(test_id)
    if isinstance(answers, str | bytes) or not isinstance(answers, Sequence) or len(answers) != len(expected):
        raise ValidationError("The {test} test needs {count} answers.", test=test_id, count=len(expected))
    for answer, item in zip(answers, expected, strict=True):
        allowed = {option.points for option in item.options}
        if isinstance(answer, bool) or not isinstance(answer, int) or answer not in allowed:
            raise ValidationError(
                "Each answer of the {test} test is a whole number from 0 to {high}.",
                test=test_id,
                high=max(allowed),
            )
    return sum(answers)


def _result(test_id: str, score: int, level: str) -> SelfTestResult:
    raw = _test(test_id)["results"][level]
    line = helpline(raw["helpline"]) if raw.get("helpline") else None
    return SelfTestResult(test_id, score, level, raw["title"], raw["text"], line)


def check_audit_c_answers(answers: Sequence[int]) -> tuple[int, int, int]:
    """The three AUDIT-C answers, checked (each 0-4); raises ValidationError otherwise."""
    _points("audit_c", answers)
    return (answers[0], answers[1], answers[2])


def audit_c(answers: tuple[int, int, int], sex: str) -> SelfTestResult:
    """AUDIT-C: risk from 3 points for women and 4 for men, probable dependence from 10."""
    if sex not in SEXES:
        raise ValidationError("Unknown sex {sex!r}: choose F or M.", sex=sex)
    score = _points("audit_c", answers)
    thresholds = _test("audit_c")["thresholds"]
    if score >= thresholds["dependence_from"]:
        level = "dependence"
    elif score >= thresholds["risk_from"][sex]:
        level = "risk"
    else:
        level = "low"
    return _result("audit_c", score, level)


def fagerstrom(answers: tuple[int, int]) -> SelfTestResult:
    """Short Fagerström test (Heaviness of Smoking Index), 0-6: low 0-1, moderate 2-3, high 4-6."""
    score = _points("hsi", answers)
    levels = _test("hsi")["thresholds"]["levels"]
    level = next(row["level"] for row in levels if score <= row["up_to"])
    return _result("hsi", score, level)


def cigarettes_points(cigarettes_per_day: int) -> int:
    """The points of the first Fagerström item for a number of cigarettes a day (from the habits)."""
    if (
        isinstance(cigarettes_per_day, bool)
        or not isinstance(cigarettes_per_day, int)
        or cigarettes_per_day < 1
    ):
        raise ValidationError("The number of cigarettes a day is a whole number from 1.")
    rows = _test("hsi")["cigarettes_points"]
    return int(next(r["points"] for r in rows if r["up_to"] is None or cigarettes_per_day <= r["up_to"]))


def phq2(answers: tuple[int, int]) -> SelfTestResult:
    """PHQ-2, 0-6: positive (talk about it with a doctor) from 3 points."""
    score = _points("phq2", answers)
    level = "positive" if score >= _test("phq2")["thresholds"]["positive_from"] else "negative"
    return _result("phq2", score, level)

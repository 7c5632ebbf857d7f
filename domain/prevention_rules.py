"""The small rule language of assets/prevention/*.json, and what every sourced entry carries.

A rule is a list of conditions on named facts about one person on one day (``age_years``,
``tobacco``, ``icope_positive``...), all of which must hold (``when``), optionally with groups of
which one must hold (``when_any``). A fact that is unknown (``None``: a habit not recorded) makes
every condition on it false, so that nothing is ever said about what the person did not tell.

Every user-visible string in these files is an English gettext msgid (see
assets/prevention/README.md); the UI translates it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.reference import load_json

Facts = Mapping[str, Any]
Condition = Mapping[str, Any]

OPERATORS = ("eq", "ne", "in", "not_in", "ge", "gt", "le", "lt", "between", "has", "lacks", "any_between")
STATUSES = ("VERIFIED_OFFICIAL", "VERIFIED_SECONDARY", "VERIFIED", "UNVERIFIED")


def asset(name: str) -> Any:
    """The parsed file assets/prevention/<name>.json (read once, cached)."""
    return load_json(f"prevention/{name}.json")


def _operator(condition: Condition) -> tuple[str, Any]:
    ops = [key for key in condition if key != "fact"]
    if "fact" not in condition or len(ops) != 1 or ops[0] not in OPERATORS:
        raise ValueError(f"malformed condition {dict(condition)!r}")
    return ops[0], condition[ops[0]]


def holds(condition: Condition, facts: Facts) -> bool:
    """Whether one condition holds; an unknown fact never satisfies a condition."""
    op, value = _operator(condition)
    fact = facts.get(condition["fact"])
    if fact is None:
        return False
    if op == "lacks":
        return value not in fact
    if op == "eq":
        return bool(fact == value)
    if op == "ne":
        return bool(fact != value)
    if op == "in":
        return fact in value
    if op == "not_in":
        return fact not in value
    if op == "has":
        return value in fact
    if op == "between":  # [low, high): the convention of every age window in Carnet
        return bool(value[0] <= fact < value[1])
    if op == "any_between":
        return any(value[0] <= item < value[1] for item in fact)
    return bool(_compare(op, fact, value))


def _compare(op: str, fact: Any, value: Any) -> bool:
    if op == "ge":
        return bool(fact >= value)
    if op == "gt":
        return bool(fact > value)
    if op == "le":
        return bool(fact <= value)
    return bool(fact < value)


def matches(when: Sequence[Condition], when_any: Sequence[Sequence[Condition]], facts: Facts) -> bool:
    """All of ``when`` hold, and one group of ``when_any`` (if any) holds entirely."""
    if not all(holds(condition, facts) for condition in when):
        return False
    return not when_any or any(all(holds(c, facts) for c in group) for group in when_any)


def check_conditions(conditions: Iterable[Condition], known_facts: Iterable[str]) -> None:
    """Raises ValueError on a malformed condition or a fact no code computes (a typo in the data)."""
    known = set(known_facts)
    for condition in conditions:
        _operator(condition)
        if condition["fact"] not in known:
            raise ValueError(f"unknown fact {condition['fact']!r}")


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an entry comes from and until when it can be trusted without a new reading."""

    sources: tuple[str, ...]  # ids in assets/prevention/sources.json
    status: str  # one of STATUSES, the weakest of the facts the entry states
    reviewed_on: date
    review_by: date


def provenance(raw: Mapping[str, Any], defaults: Mapping[str, Any]) -> Provenance:
    """An entry's provenance; ``reviewed_on`` / ``review_by`` default to those of its file."""

    def field(name: str) -> Any:
        return raw[name] if name in raw else defaults[name]

    status = field("status")
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    return Provenance(
        sources=tuple(field("sources")),
        status=status,
        reviewed_on=date.fromisoformat(field("reviewed_on")),
        review_by=date.fromisoformat(field("review_by")),
    )


def source_titles(ids: Iterable[str]) -> str:
    """The titles of sources, joined, as they are cited next to the data (not translated)."""
    known = {raw["id"]: raw for raw in asset("sources")["sources"]}
    return "; ".join(known[i]["title"] for i in ids)

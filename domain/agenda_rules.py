"""The prevention-calendar rules, read once from assets/rules/*.json and flattened for cheap planning.

Rules stay data (window, validity dates, source, verification status) so that a new official calendar
is a data change. This module only turns the JSON into frozen ``Rule`` values, expanding repeated
rules (a screening every 2 years) ahead of time so that planning a profile is a simple loop.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any

from domain.reference import load_json

RULE_FILES = ("child_exams", "vaccination", "dental", "prevention")  # screening: agenda_screening.py
HORIZON_YEARS = 100  # recurring adult items and open-ended windows stop at this age

Offset = tuple[int, int]  # (months, days) after a date; years are 12 months, weeks 7 days


@dataclass(frozen=True, slots=True)
class Rule:
    id: str  # key of the label; also the code unless ``code`` is a template
    code: str  # may hold {year} (year the window opens), {age} is filled at load time
    kind: str
    start: Offset  # window opening, from birth (or from the last menstrual period)
    end: Offset | None  # exclusive; None = open until HORIZON_YEARS
    source: str
    status: str  # VERIFIED / VERIFIED_SECONDARY / UNVERIFIED, copied from the data
    valid_from: date | None = None
    valid_to: date | None = None
    catch_up: bool = False
    sex: str | None = None
    born_from: date | None = None
    born_to: date | None = None
    after: str | None = None  # code of the dose this one follows
    after_min: Offset | None = None
    after_max: Offset | None = None
    unless_done: tuple[str, ...] = ()
    season: tuple[tuple[int, int], tuple[int, int]] | None = None  # ((month, day) opening, (month, day) end)
    first_season_only: bool = False  # e.g. nirsevimab: the first RSV season of the baby's life only
    campaign: str | None = None  # the season's dates are this campaign series' (domain/campaigns.py)
    pregnancy: bool = False
    series: str | None = None  # doses of one vaccine pooled by date (see domain/agenda_doses.py)
    brand: str | None = None  # the rule belongs to this brand's scheme only (rotavirus)
    min_age: Offset | None = None  # a dose given younger does not count for the series
    limit: Offset | None = None  # the dose can no longer be given from this age (non rattrapable)
    limit_note: str | None = None  # key of the explanation shown once the limit is reached
    rattrapage_until: Offset | None = None  # a missed dose stays recommended as catch-up until this age
    abolished_on: date | None = None  # from this day the item is gone unless done (child exam no. 3 of 2019)

    @property
    def seasonal(self) -> bool:
        """One item per season: fixed month-days (``season``) or a campaign's dates (``campaign``)."""
        return self.season is not None or self.campaign is not None

    def in_force(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


def offset(value: dict[str, int] | None) -> Offset | None:
    """``{"months": 2}`` -> (2, 0); one unit per offset keeps the data readable."""
    if value is None:
        return None
    months = value.get("years", 0) * 12 + value.get("months", 0)
    days = value.get("weeks", 0) * 7 + value.get("days", 0)
    return (months, days)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return (int(month), int(day))


def _rule(raw: dict[str, Any], group: dict[str, Any]) -> Rule:
    def field(name: str) -> Any:
        # a rule may override what its calendar says
        return raw[name] if name in raw else group.get(name)

    after = raw.get("after") or {}
    season = raw.get("season")
    return Rule(
        id=raw["id"],
        code=raw.get("code", raw["id"]),
        kind=field("kind"),
        start=offset(raw["start"]) or (0, 0),
        end=offset(raw.get("end")),
        source=field("source"),
        status=field("status"),
        valid_from=_day(field("valid_from")),
        valid_to=_day(field("valid_to")),
        catch_up=bool(field("catch_up")),
        sex=field("sex"),
        born_from=_day(field("born_from")),
        born_to=_day(field("born_to")),
        after=after.get("code"),
        after_min=offset(after.get("min")),
        after_max=offset(after.get("max")),
        unless_done=tuple(raw.get("unless_done", ())),
        season=(_month_day(season["start"]), _month_day(season["end"]))
        if season and "start" in season
        else None,
        campaign=season.get("campaign") if season else None,
        first_season_only=bool(season and season.get("first_only")),
        pregnancy=bool(raw.get("pregnancy")),
        series=raw.get("series"),
        brand=raw.get("brand"),
        min_age=offset(raw.get("min_age")),
        limit=offset(raw.get("limit")),
        limit_note=raw.get("limit_note"),
        rattrapage_until=offset(field("rattrapage_until")),
        abolished_on=_day(raw.get("abolished_on")),
    )


def _expand(rule: Rule, raw: dict[str, Any]) -> list[Rule]:
    """One rule per occurrence of a repeated rule, {age} filled in (age in years at the opening)."""
    repeat = raw.get("repeat")
    if repeat is None:
        return [_with_age(rule, rule.start)]
    step, _ = offset(repeat["every"]) or (12, 0)
    last, _ = offset(repeat["last_start"]) or rule.start
    rules = []
    shift = 0
    while rule.start[0] + shift <= last:
        start = (rule.start[0] + shift, rule.start[1])
        end = (rule.end[0] + shift, rule.end[1]) if rule.end else None
        rules.append(_with_age(replace(rule, start=start, end=end), start))
        shift += step
    return rules


def _with_age(rule: Rule, start: Offset) -> Rule:
    if "{age" not in rule.code:
        return rule
    age = start[0] // 12
    return replace(rule, code=rule.code.replace("{year}", "{{year}}").format(age=age))


@dataclass(frozen=True, slots=True)
class Scheme:
    """One way to complete a series: its dose codes in order, for a brand or a starting age."""

    codes: tuple[str, ...]
    brand: str | None = None
    first_dose_before: Offset | None = None  # the scheme applies if the first valid dose is younger


@dataclass(frozen=True, slots=True)
class Series:
    id: str
    schemes: tuple[Scheme, ...]
    default_brand: str | None = None  # the brand planned while none is recorded (the stricter scheme)


@cache
def series() -> dict[str, Series]:
    """The vaccine series of vaccination.json, by id."""
    found = {}
    for key, raw in load_json("rules/vaccination.json").get("series", {}).items():
        schemes = tuple(
            Scheme(tuple(s["codes"]), s.get("brand"), offset(s.get("first_dose_before")))
            for s in raw["schemes"]
        )
        found[key] = Series(key, schemes, raw.get("default_brand"))
    return found


@cache
def rules() -> tuple[Rule, ...]:
    """Every shipped rule, in file order (a dose always comes after the dose it follows)."""
    flat: list[Rule] = []
    for name in RULE_FILES:
        for group in load_json(f"rules/{name}.json")["calendars"]:
            for raw in group["rules"]:
                flat.extend(_expand(_rule(raw, group), raw))
    return tuple(flat)

"""Public-health campaigns (flu and COVID-19 in autumn, Mois sans tabac, the cancer screening months)
and who they concern on a given day.

Dates are data (assets/prevention/campaigns.json): a seasonal campaign is one entry per season, so a
new season is a data change; ``needs_new_season`` tells when the data has run out. Until a season is
dated, its series' ``usual`` window (from an official rule: HAS keeps the flu campaign's start in
mid-October) stands in for it, marked ``provisional`` and shown with a hint that the exact dates are
announced each year, never as the official dates. Who is concerned uses the same facts as the advice
cards (domain.prevention.facts); the service sets ``at_risk`` (domain.prevention_risk).

``season`` is the one answer to "when is this season?": the official calendar's flu and COVID-19
items (domain/agenda.py, ``"season": {"campaign": ...}`` in assets/rules/vaccination.json) take their
windows from it, so an extended season or a provisional one reads the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from domain.plan import AgendaItem, status_of
from domain.prevention import FACTS, Person, facts
from domain.prevention_rules import (
    Condition,
    Provenance,
    asset,
    check_conditions,
    matches,
    provenance,
    source_titles,
)

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Campaign:
    id: str
    series: str  # the campaign whatever the year ("flu-covid", "mois-sans-tabac"...)
    kind: str  # an agenda kind: vaccination / screening / prevention
    title: str  # msgid
    text: str  # msgid
    start: date  # this occurrence, inclusive
    end: date  # inclusive
    provenance: Provenance
    provisional: bool = False  # the series' usual window: this season's dates are not in the data yet
    hint: str = ""  # msgid: what a provisional window means (ask for this year's dates)


@dataclass(frozen=True, slots=True)
class Season:
    """One season of a campaign series: its dated entry, else the series' usual window (provisional)."""

    start: date  # inclusive
    end: date  # inclusive
    provisional: bool = False
    hint: str = ""  # msgid: what a provisional window means


@dataclass(frozen=True, slots=True)
class _Entry:
    raw: dict[str, Any]
    when: tuple[Condition, ...]
    when_any: tuple[tuple[Condition, ...], ...]
    provenance: Provenance

    @property
    def series(self) -> str:
        return str(self.raw.get("series", self.raw["id"]))

    @property
    def dated(self) -> bool:
        return "start" in self.raw

    @property
    def season(self) -> int:
        """A dated season's year: the year it starts in."""
        return date.fromisoformat(self.raw["start"]).year

    def occurrence(
        self, today: date, dated_seasons: frozenset[int] = frozenset()
    ) -> tuple[date, date] | None:
        """The dates of the occurrence under way or to come from ``today`` (None once a season is over).

        A ``usual`` window skips the seasons the data dates (``dated_seasons``, by starting year)."""
        if self.dated:
            start, end = date.fromisoformat(self.raw["start"]), date.fromisoformat(self.raw["end"])
            return (start, end) if today <= end else None
        for year in (today.year - 1, today.year, today.year + 1):
            start, end = self.window(year)
            if today <= end and year not in dated_seasons:
                return (start, end)
        return None  # every season to come is dated (its own entry stands for it)

    def window(self, year: int) -> tuple[date, date]:
        """The repeated window (``yearly`` or ``usual``) opening in ``year``."""
        window = self.raw.get("yearly") or self.raw["usual"]
        crosses = window["to"] < window["from"]  # from October to January: ends the next year
        return date.fromisoformat(f"{year}-{window['from']}"), date.fromisoformat(
            f"{year + crosses}-{window['to']}"
        )

    def campaign(self, dates: tuple[date, date]) -> Campaign:
        raw = self.raw
        return Campaign(
            raw["id"],
            self.series,
            raw["kind"],
            raw["title"],
            raw["text"],
            dates[0],
            dates[1],
            self.provenance,
            bool(raw.get("provisional", False)),
            raw.get("hint", ""),
        )

    def code(self, start: date) -> str:
        """``campaign-<id>`` for a dated season, ``campaign-<id>-<year>`` for a repeated window: a usual
        window's code is the code its season's dated entry will have (``flu-covid`` + ``-2026``), so a
        mark made on the provisional item still counts once the real dates are added."""
        return f"campaign-{self.raw['id']}" if self.dated else f"campaign-{self.raw['id']}-{start.year}"


@cache
def _entries() -> tuple[_Entry, ...]:
    data = asset("campaigns")
    found = []
    for raw in data["campaigns"]:
        when = tuple(raw.get("when", ()))
        when_any = tuple(tuple(group) for group in raw.get("when_any", ()))
        check_conditions((*when, *(c for group in when_any for c in group)), FACTS)
        found.append(_Entry(raw, when, when_any, provenance(raw, data)))
    return tuple(found)


def _dated_seasons() -> dict[str, frozenset[int]]:
    seasons: dict[str, set[int]] = {}
    for entry in _entries():
        if entry.dated:
            seasons.setdefault(entry.series, set()).add(entry.season)
    return {series: frozenset(years) for series, years in seasons.items()}


def _concerning(person: Person, today: date) -> list[tuple[_Entry, tuple[date, date]]]:
    known = facts(person, today)
    dated = _dated_seasons()
    found = []
    for entry in _entries():
        dates = entry.occurrence(today, dated.get(entry.series, frozenset()))
        if dates is not None and matches(entry.when, entry.when_any, known):
            found.append((entry, dates))
    return found


def campaigns_on(person: Person, today: date) -> tuple[Campaign, ...]:
    """The campaigns under way today that concern this person."""
    return tuple(
        entry.campaign(dates) for entry, dates in _concerning(person, today) if dates[0] <= today <= dates[1]
    )


def agenda_items(person: Person, today: date, done: dict[str, date] | None = None) -> list[AgendaItem]:
    """The campaigns under way or to come that concern this person, as agenda items (code
    ``campaign-<id>-<year>``), so that reminders fire before they open. A provisional window's item
    carries the hint (its ``note``) that the exact dates are announced each year."""
    done = done or {}
    items = []
    for entry, (start, end) in _concerning(person, today):
        code = entry.code(start)
        items.append(
            AgendaItem(
                code=code,
                kind=entry.raw["kind"],
                label=entry.raw["title"],
                window_start=start,
                window_end=end + ONE_DAY,
                status=status_of(code, start, end + ONE_DAY, today, done, {}),
                source=source_titles(entry.provenance.sources),
                done_on=done.get(code),
                note=entry.raw.get("hint", ""),
                provisional=bool(entry.raw.get("provisional", False)),
            )
        )
    items.sort(key=lambda item: (item.window_start, item.code))
    return items


@cache
def season(series: str, year: int) -> Season | None:
    """The dates of ``series``' season opening in ``year``: its dated entry if the data has one, else the
    series' usual window marked provisional (with its hint); None for a series the data does not know."""
    repeated = None
    for entry in _entries():
        if entry.series != series:
            continue
        if entry.dated and entry.season == year:
            return Season(date.fromisoformat(entry.raw["start"]), date.fromisoformat(entry.raw["end"]))
        if not entry.dated:
            repeated = entry
    if repeated is None:
        return None
    start, end = repeated.window(year)
    return Season(start, end, bool(repeated.raw.get("provisional", False)), repeated.raw.get("hint", ""))


def needs_new_season(today: date) -> tuple[str, ...]:
    """The seasonal campaigns (dated entries) whose last season in the data is over: add next season's."""
    latest: dict[str, date] = {}
    for entry in _entries():
        if entry.dated:
            end = date.fromisoformat(entry.raw["end"])
            latest[entry.series] = max(end, latest.get(entry.series, end))
    return tuple(sorted(series for series, end in latest.items() if end < today))

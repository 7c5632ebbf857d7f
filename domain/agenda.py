"""The French prevention calendar of one person: child exams, vaccines, dental check-ups, cancer
screenings and prevention check-ups, with their windows and where the person stands.

Pure functions: the rules are shipped data (assets/rules/*.json, see domain/agenda_rules.py), ``today``
comes from the caller. Two ways a calendar change applies, both written in the data:

* by default a rule applies to an occurrence if the rule is in force on the day the occurrence's
  window opens. So a child born in 2020 gets the 2019-calendar exams whose window opened before
  2025-01-01 and the 2025-calendar exams after (it is how the switch of 2025-01-01 was announced:
  the new calendar governs the exams due from that day).
* ``catch_up`` rules also reach people already inside their window when the rule came in (shingles
  from 65, Mon bilan prévention): their window opens no earlier than the rule itself.

Age arithmetic uses calendar months and years: "au cours du Ne mois" is [N-1, N) completed months,
31 January + 1 month = the last day of February, 29 February + 1 year = 28 February.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from domain.agenda_labels import LABELS, N_
from domain.agenda_rules import HORIZON_YEARS, Offset, Rule, rules
from domain.errors import ValidationError
from domain.plan import AgendaItem, add_months, status_of

__all__ = ["N_", "add_months", "add_years", "recommended", "status_of"]

SEXES = ("F", "M")
ONE_DAY = timedelta(days=1)


def add_years(day: date, years: int) -> date:
    """``day`` plus calendar years; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def shift(day: date, by: Offset) -> date:
    months, days = by
    moved = add_months(day, months) if months else day
    return moved + timedelta(days=days) if days else moved


def recommended(
    birth_date: date,
    sex: str,
    today: date,
    *,
    pregnancy_lmp: date | None = None,
    done: Iterable[tuple[str, date]] = (),
    scheduled: Iterable[tuple[str, date]] = (),
) -> list[AgendaItem]:
    """The person's whole plan, past and future, sorted by window start then code."""
    _check(birth_date, sex, today, pregnancy_lmp)
    done_on = _latest(done)
    scheduled_on = _latest(scheduled)
    horizon = add_years(birth_date, HORIZON_YEARS)
    planned: set[str] = set()
    items: list[AgendaItem] = []
    for rule in rules():
        if not _concerns(rule, birth_date, sex, done_on):
            continue
        if rule.season is not None:
            anchor = pregnancy_lmp if rule.pregnancy else birth_date
            if anchor is not None:
                items.extend(_seasons(rule, anchor, today, done_on, scheduled_on))
            continue
        if rule.after is not None and rule.after not in planned and rule.after not in done_on:
            continue  # a later dose only makes sense in a series that exists for this person
        window = _window(rule, birth_date, horizon)
        if window is None:
            continue
        code = rule.code.format(year=window[0].year) if "{" in rule.code else rule.code
        start, end = _after_previous_dose(rule, window, done_on)
        planned.add(code)
        items.append(_item(rule, code, start, end, today, done_on, scheduled_on))
    if pregnancy_lmp is not None:
        items.extend(_pregnancy_hook(pregnancy_lmp, today, done_on, scheduled_on, planned))
    items.sort(key=lambda item: (item.window_start, item.code))
    return items


def _check(birth_date: date, sex: str, today: date, pregnancy_lmp: date | None) -> None:
    if sex not in SEXES:
        raise ValidationError("Unknown sex {sex!r}: choose F or M.", sex=sex)
    if birth_date > today:
        raise ValidationError("The birth date {day} is in the future.", day=birth_date.isoformat())
    if pregnancy_lmp is not None:
        if sex != "F":
            raise ValidationError("A pregnancy can only be recorded on a woman's profile.")
        if not birth_date < pregnancy_lmp <= today:
            raise ValidationError(
                "The date of the last period {day} is not plausible.", day=pregnancy_lmp.isoformat()
            )


def _latest(pairs: Iterable[tuple[str, date]]) -> dict[str, date]:
    # the same code recorded twice (a repeated entry): the latest date is the one that counts
    latest: dict[str, date] = {}
    for code, day in pairs:
        if code not in latest or day > latest[code]:
            latest[code] = day
    return latest


def _concerns(rule: Rule, birth_date: date, sex: str, done_on: dict[str, date]) -> bool:
    if rule.sex is not None and rule.sex != sex:
        return False
    if rule.pregnancy and sex != "F":
        return False
    if rule.born_from is not None and birth_date < rule.born_from:
        return False
    if rule.born_to is not None and birth_date > rule.born_to:
        return False
    return not any(code in done_on for code in rule.unless_done)


def _window(rule: Rule, birth_date: date, horizon: date) -> tuple[date, date] | None:
    """The nominal window [start, end) of ``rule`` for this person, or None if no calendar covers it."""
    start = shift(birth_date, rule.start)
    end = shift(birth_date, rule.end) if rule.end is not None else horizon
    if rule.catch_up:
        if (rule.valid_to is not None and start > rule.valid_to) or (
            rule.valid_from is not None and end <= rule.valid_from
        ):
            return None
        if rule.valid_from is not None and start < rule.valid_from:
            start = rule.valid_from
    elif not rule.in_force(start):
        return None
    return (start, end) if start < end else None


def _after_previous_dose(
    rule: Rule, window: tuple[date, date], done_on: dict[str, date]
) -> tuple[date, date]:
    """Move a dose to respect the minimum interval after the ACTUAL date of the dose it follows."""
    previous = done_on.get(rule.after) if rule.after is not None else None
    if previous is None:
        return window
    start, end = window
    earliest = shift(previous, rule.after_min) if rule.after_min is not None else previous
    new_start = max(start, earliest)
    if rule.after_max is not None:
        return new_start, max(shift(previous, rule.after_max), new_start + ONE_DAY)
    return new_start, end + (new_start - start)


def _seasons(
    rule: Rule, anchor: date, today: date, done_on: dict[str, date], scheduled_on: dict[str, date]
) -> list[AgendaItem]:
    """One item per flu season overlapping [anchor + start, anchor + end), named by its first year."""
    assert rule.season is not None
    (open_month, open_day), (close_month, close_day) = rule.season
    first = shift(anchor, rule.start)
    last = shift(anchor, rule.end) if rule.end is not None else add_years(anchor, HORIZON_YEARS)
    items = []
    for year in range(first.year - 1, last.year + 1):
        season_start = date(year, open_month, open_day)
        season_end = date(year + (close_month < open_month), close_month, close_day)
        start, end = max(season_start, first), min(season_end, last)
        if start < end and rule.in_force(season_start):
            code = rule.code.format(year=year)
            items.append(_item(rule, code, start, end, today, done_on, scheduled_on))
    return items


def _item(
    rule: Rule,
    code: str,
    start: date,
    end: date,
    today: date,
    done_on: dict[str, date],
    scheduled_on: dict[str, date],
) -> AgendaItem:
    return AgendaItem(
        code=code,
        kind=rule.kind,
        label=LABELS[rule.id],
        window_start=start,
        window_end=end,
        status=status_of(code, start, end, today, done_on, scheduled_on),
        source=rule.source,
        done_on=done_on.get(code),
        scheduled_on=scheduled_on.get(code) if code not in done_on else None,
    )


def _pregnancy_hook(
    lmp: date, today: date, done_on: dict[str, date], scheduled_on: dict[str, date], planned: set[str]
) -> list[AgendaItem]:
    """Pregnancy items from domain.pregnancy (written separately), when that module is there."""
    try:
        from domain.pregnancy import pregnancy_items
    except ImportError:
        return []
    items = pregnancy_items(lmp, today, done=done_on, scheduled=scheduled_on)
    return [item for item in items if item.code not in planned]

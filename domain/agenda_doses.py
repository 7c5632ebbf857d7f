"""Which recorded doses count for a vaccine series, and as which dose.

Callers say ``done=[(code, date), ...]``; for a vaccine of a series (``series`` in
assets/rules/vaccination.json) the code only says "a dose of this vaccine": the dates of all its
doses are pooled, sorted, and given to the doses of the scheme in order. A dose given below the
minimum valid age of the dose it would fill (``min_age`` of that dose's rule) is ignored for the
series, so the doses still due stay planned: an MMR dose at 6-11 months does not count, two doses
remain at 12 and 16-18 months (calendrier des vaccinations 2025). The same mechanism serves every
vaccine whose rules carry a ``min_age``.

The scheme is the recorded brand's (rotavirus: Rotarix 2 doses, RotaTeq 3), else the series'
``default_brand`` (the stricter plan), or the one the age at the first valid dose selects (HPV:
2 doses when started before 15 years, 3 doses from 15).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import cache

from domain.agenda_rules import Offset, Scheme, Series, rules, series
from domain.plan import add_months


def shift(day: date, by: Offset) -> date:
    months, days = by
    moved = add_months(day, months) if months else day
    return moved + timedelta(days=days) if days else moved


@cache
def _series_of_code() -> dict[str, str]:
    return {code: s.id for s in series().values() for scheme in s.schemes for code in scheme.codes}


@cache
def _min_age_of_code() -> dict[str, Offset]:
    found: dict[str, Offset] = {}
    for rule in rules():
        if rule.min_age is not None:
            found.setdefault(rule.code, rule.min_age)
    return found


def latest(pairs: Iterable[tuple[str, date]]) -> dict[str, date]:
    """The same code recorded twice (a repeated entry): the latest date is the one that counts."""
    found: dict[str, date] = {}
    for code, day in pairs:
        if code not in found or day > found[code]:
            found[code] = day
    return found


def counted_doses(
    pairs: Iterable[tuple[str, date]], birth: date, brands: Mapping[str, str] | None = None
) -> tuple[dict[str, date], dict[str, str]]:
    """(code -> date of the dose that counts, series -> brand planned) from the caller's ``done``."""
    of_code = _series_of_code()
    pooled: dict[str, list[date]] = {}
    others: list[tuple[str, date]] = []
    for code, day in pairs:
        if code in of_code:
            pooled.setdefault(of_code[code], []).append(day)
        else:
            others.append((code, day))
    done = latest(others)
    chosen = {key: brand for key, s in series().items() if (brand := _brand(s, brands)) is not None}
    for key, days in pooled.items():
        scheme = _scheme(series()[key], sorted(days), birth, chosen.get(key))
        done.update(_assign(scheme.codes, sorted(days), birth))
    return done, chosen


def _brand(s: Series, brands: Mapping[str, str] | None) -> str | None:
    known = {scheme.brand for scheme in s.schemes if scheme.brand}
    if not known:
        return None
    given = (brands or {}).get(s.id, "").lower()
    return given if given in known else s.default_brand


def _scheme(s: Series, days: list[date], birth: date, brand: str | None) -> Scheme:
    if brand is not None:
        return next(scheme for scheme in s.schemes if scheme.brand == brand)
    for scheme in s.schemes:
        first = _first_valid(scheme.codes[0], days, birth)
        if scheme.first_dose_before is None or (
            first is not None and first < shift(birth, scheme.first_dose_before)
        ):
            return scheme
    return s.schemes[-1]


def _first_valid(code: str, days: list[date], birth: date) -> date | None:
    minimum = _min_age_of_code().get(code)
    return next((day for day in days if minimum is None or day >= shift(birth, minimum)), None)


def _assign(codes: tuple[str, ...], days: list[date], birth: date) -> dict[str, date]:
    """Each dose of the scheme gets the next recorded date at or above its minimum valid age."""
    minimum = _min_age_of_code()
    assigned: dict[str, date] = {}
    slot = 0
    for day in days:
        if slot == len(codes):
            break  # doses beyond the scheme add nothing to plan
        low = minimum.get(codes[slot])
        if low is not None and day < shift(birth, low):
            continue  # too young for this dose: it does not count
        assigned[codes[slot]] = day
        slot += 1
    return assigned

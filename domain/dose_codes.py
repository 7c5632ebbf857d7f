"""Recorded vaccinations -> the agenda's dose codes, and back (the mapping itself is the domain's,
domain/vaccine_doses.py; this module reads it from Immunization records)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.errors import ValidationError
from domain.models import Immunization
from domain.vaccine_doses import ADULT_BOOSTERS, ALIASES, SERIES, brands, calendar_codes

__all__ = ["ADULT_BOOSTERS", "ALIASES", "SERIES", "brands_of", "done_codes", "previous_doses", "vaccine_of"]

# dose code prefix -> vaccine code recorded when the dose is marked done
VACCINE_OF_PREFIX = {
    "vax-hexa": "hexa",
    "vax-pcv": "pcv",
    "vax-pneumo": "pcv",
    "vax-rota": "rota",
    "vax-menb": "menb",
    "vax-menc": "menc",
    "vax-menacwy": "acwy",
    "vax-mmr": "ror",
    "vax-hpv": "hpv",
    "vax-zoster": "zona",
    "vax-dtcap": "dtcap",
    "vax-dtp": "dtp",
    "vax-flu": "flu",
    "vax-covid": "covid",
    "vax-nirsevimab": "nirsevimab",
    "vax-rsv": "rsv",
}


def done_codes(
    doses: Iterable[Immunization], birth_date: date, pregnancy_lmps: Iterable[date] = ()
) -> list[tuple[str, date]]:
    """``(dose code, date)`` of every recorded dose the calendar knows, for ``recommended(done=...)``;
    ``pregnancy_lmps`` lets a dTcaP given in pregnancy count as that pregnancy's vaccination."""
    return calendar_codes(((dose.vaccine, dose.on) for dose in doses), birth_date, pregnancy_lmps)


def brands_of(doses: Iterable[Immunization]) -> dict[str, str]:
    """The brand of each series recorded (product names in date order), for ``recommended(brands=...)``."""
    return brands((dose.vaccine, dose.product) for dose in sorted(doses, key=lambda d: (d.on, d.id)))


def vaccine_of(code: str) -> str:
    """The vaccine to record for a dose code (``vax-hexa-2`` -> ``hexa``)."""
    for prefix, vaccine in VACCINE_OF_PREFIX.items():
        if code.startswith(prefix):
            return vaccine
    raise ValidationError("{code!r} is not a vaccination of the calendar.", code=code)


def previous_doses(code: str) -> tuple[str, ...]:
    """The doses of the same series that come before ``code`` (they must be recorded first)."""
    for series in SERIES.values():
        if code in series:
            return series[: series.index(code)]
    return ()

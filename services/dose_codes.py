"""Recorded vaccinations -> the agenda's dose codes, and back.

The vault records a vaccination by the vaccine given (``hexa``, ``ror``, ``flu``...), not by the
calendar dose it fulfils. Dose n of an infant series is the n-th dose of that vaccine recorded, by
date; an adult booster or a dose given at a given age is found from the age on the day of the dose.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.agenda import add_years
from domain.errors import ValidationError
from domain.models import Immunization, completed_months

# vaccine code -> the doses of its infant (or two-dose) series, in order
SERIES: dict[str, tuple[str, ...]] = {
    "hexa": ("vax-hexa-1", "vax-hexa-2", "vax-hexa-3"),
    "pcv": ("vax-pcv-1", "vax-pcv-2", "vax-pcv-3"),
    "rota": ("vax-rota-1", "vax-rota-2"),
    "menb": ("vax-menb-1", "vax-menb-2", "vax-menb-3"),
    "menc": ("vax-menc-1", "vax-menc-2"),
    "acwy": ("vax-menacwy-1", "vax-menacwy-2"),
    "ror": ("vax-mmr-1", "vax-mmr-2"),
    "hpv": ("vax-hpv-1", "vax-hpv-2"),
    "zona": ("vax-zoster-1", "vax-zoster-2"),
}
ALIASES = {"mmr": "ror", "menacwy": "acwy", "zoster": "zona", "dtcap": "dtp"}
# adult diphtheria-tetanus-polio boosters: (age in years, code)
ADULT_BOOSTERS = (
    (25, "vax-dtcap-25"),
    (45, "vax-dtp-45"),
    (65, "vax-dtp-65"),
    (75, "vax-dtp-75"),
    (85, "vax-dtp-85"),
    (95, "vax-dtp-95"),
)
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
    "vax-rsv": "rsv",
}


def _years(birth: date, day: date) -> int:
    return completed_months(birth, day) // 12


def done_codes(doses: Iterable[Immunization], birth_date: date) -> list[tuple[str, date]]:
    """``(dose code, date)`` of every recorded dose the calendar knows, for ``recommended(done=...)``."""
    by_vaccine: dict[str, list[date]] = {}
    for dose in sorted(doses, key=lambda d: (d.on, d.id)):
        vaccine = ALIASES.get(dose.vaccine.strip().lower(), dose.vaccine.strip().lower())
        by_vaccine.setdefault(vaccine, []).append(dose.on)
    pairs: list[tuple[str, date]] = []
    for vaccine, days in by_vaccine.items():
        pairs.extend(_codes(vaccine, days, birth_date))
    return pairs


def _codes(vaccine: str, days: list[date], birth: date) -> list[tuple[str, date]]:
    if vaccine == "dtp":
        return [_booster(day, birth) for day in days]
    if vaccine == "flu":
        # a flu season is named by the year it opens (October); a January dose belongs to the season before
        return [
            (f"vax-{kind}-{day.year if day.month >= 7 else day.year - 1}", day)
            for day in days
            for kind in ("flu", "flu-pregnancy")
        ]
    if vaccine == "rsv":
        return [("vax-rsv-75", day) for day in days]
    pairs: list[tuple[str, date]] = []
    if vaccine == "pcv":  # a pneumococcal dose from 65 is the adult one, not part of the infant series
        pairs += [("vax-pneumo-65", day) for day in days if _years(birth, day) >= 65]
        days = [day for day in days if _years(birth, day) < 65]
    if vaccine == "acwy":  # from 10 years, the adolescent dose; from 12 to 24 months, also the catch-up
        pairs += [("vax-menacwy-ado", day) for day in days if _years(birth, day) >= 10]
        pairs += [("vax-menacwy-catchup", day) for day in days if 12 <= completed_months(birth, day) < 24]
        days = [day for day in days if _years(birth, day) < 10]
    if vaccine == "hpv" and days and _years(birth, days[0]) >= 15:
        return [("vax-hpv-catchup", days[0])]  # a series begun at 15 or later is the catch-up scheme
    pairs += list(zip(SERIES.get(vaccine, ()), days, strict=False))
    return pairs


def _booster(day: date, birth: date) -> tuple[str, date]:
    """A dT-IPV dose: the 6- or 11-13-year booster in childhood, else the nearest adult booster."""
    age = _years(birth, day)
    if age < 10:
        return ("vax-dtcap-06", day)
    if age < 18:
        return ("vax-dtcap-11", day)
    nearest = min(ADULT_BOOSTERS, key=lambda booster: abs(day - add_years(birth, booster[0])))
    return (nearest[1], day)


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

"""Recorded vaccinations -> the calendar's dose codes (for ``domain.agenda.recommended(done=...)``).

The vault records a vaccination by the vaccine given (``hexa``, ``ror``, ``dtcap``...), not by the
calendar dose it fulfils. Dose n of an infant series is the n-th dose recorded, by date (the agenda
then pools a series' doses again and drops those given below the minimum valid age); an adult
booster or a dose given at a given age is found from the age on the day of the dose.

A dTcaP (with pertussis) given between 20 and 36 SA of a pregnancy is that pregnancy's whooping
cough vaccination (HAS 2022): it becomes ``preg-pertussis``, not the 25-year booster (the calendar
does not say it counts for both). An RSV vaccine given before 60 years is the pregnancy one
(Abrysvo at 32-36 SA), from 60 the older adult's.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from domain.models import completed_months
from domain.plan import add_months

# vaccine code -> the doses of its series, in order (the agenda re-assigns them, see agenda_doses)
SERIES: dict[str, tuple[str, ...]] = {
    "hexa": ("vax-hexa-1", "vax-hexa-2", "vax-hexa-3"),
    "pcv": ("vax-pcv-1", "vax-pcv-2", "vax-pcv-3"),
    "rota": ("vax-rota-1", "vax-rota-2", "vax-rota-3"),
    "menb": ("vax-menb-1", "vax-menb-2", "vax-menb-3"),
    "menc": ("vax-menc-1", "vax-menc-2"),
    "acwy": ("vax-menacwy-1", "vax-menacwy-2"),
    "ror": ("vax-mmr-1", "vax-mmr-2"),
    "hpv": ("vax-hpv-1", "vax-hpv-2"),
    "zona": ("vax-zoster-1", "vax-zoster-2"),
}
ALIASES = {"mmr": "ror", "menacwy": "acwy", "zoster": "zona", "beyfortus": "nirsevimab"}
# adult diphtheria-tetanus-polio boosters: (age in years, code)
ADULT_BOOSTERS = (
    (25, "vax-dtcap-25"),
    (45, "vax-dtp-45"),
    (65, "vax-dtp-65"),
    (75, "vax-dtp-75"),
    (85, "vax-dtp-85"),
    (95, "vax-dtp-95"),
)
PERTUSSIS_SA = (20, 37)  # [20+0, 37+0) SA: "between 20 and 36 SA" (HAS 2022)
RSV_ADULT_FROM = 60  # RSV vaccines before 60: only the pregnancy one (Abrysvo) is recommended
BRANDS = {"rota": ("rotarix", "rotateq")}


def _years(birth: date, day: date) -> int:
    return completed_months(birth, day) // 12


def vaccine_key(name: str) -> str:
    key = name.strip().lower()
    return ALIASES.get(key, key)


def calendar_codes(
    doses: Iterable[tuple[str, date]], birth: date, pregnancy_lmps: Iterable[date] = ()
) -> list[tuple[str, date]]:
    """``(dose code, date)`` of every recorded ``(vaccine, date)`` the calendar knows."""
    lmps = tuple(pregnancy_lmps)
    by_vaccine: dict[str, list[date]] = {}
    for vaccine, day in sorted(doses, key=lambda dose: dose[1]):
        by_vaccine.setdefault(vaccine_key(vaccine), []).append(day)
    pairs: list[tuple[str, date]] = []
    for vaccine, days in by_vaccine.items():
        pairs.extend(_codes(vaccine, days, birth, lmps))
    return pairs


def brands(doses: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The brand recorded for a series, from the product names of its doses: {"rota": "rotateq"}.
    The first dose whose product names a known brand decides (one product for the whole series)."""
    found: dict[str, str] = {}
    for vaccine, product in doses:
        key = vaccine_key(vaccine)
        for brand in BRANDS.get(key, ()):
            if key not in found and brand in product.lower().replace(" ", ""):
                found[key] = brand
    return found


def _season(day: date) -> int:
    """A flu or autumn COVID season is named by the year it opens: a January dose is the one before."""
    return day.year if day.month >= 7 else day.year - 1


def _codes(vaccine: str, days: list[date], birth: date, lmps: tuple[date, ...]) -> list[tuple[str, date]]:
    if vaccine in ("dtp", "dtcap"):
        return [_booster(vaccine, day, birth, lmps) for day in days]
    if vaccine == "flu":
        return [(f"vax-{kind}-{_season(day)}", day) for day in days for kind in ("flu", "flu-pregnancy")]
    if vaccine == "covid":
        return [code for day in days for code in _covid(day)]
    if vaccine == "rsv":
        return [
            ("vax-rsv-75" if _years(birth, day) >= RSV_ADULT_FROM else "vax-rsv-pregnancy", day)
            for day in days
        ]
    if vaccine == "nirsevimab":
        return [("vax-nirsevimab", day) for day in days]
    pairs: list[tuple[str, date]] = []
    if vaccine == "pcv":  # a pneumococcal dose from 65 is the adult one, not part of the infant series
        pairs += [("vax-pneumo-65", day) for day in days if _years(birth, day) >= 65]
        days = [day for day in days if _years(birth, day) < 65]
    if vaccine == "acwy":
        pairs += _acwy_by_age(days, birth)
        days = [day for day in days if _years(birth, day) < 10]
    if vaccine == "menb":  # from 15 years, the dose that can be offered to young adults
        pairs += [("vax-menb-1524", day) for day in days if _years(birth, day) >= 15]
        days = [day for day in days if _years(birth, day) < 15]
    series = SERIES.get(vaccine, ())
    # doses beyond the series keep its last code: the agenda pools them by date anyway
    pairs += [(series[min(n, len(series) - 1)], day) for n, day in enumerate(days) if series]
    return pairs


def _acwy_by_age(days: list[date], birth: date) -> list[tuple[str, date]]:
    """10-14 years: the adolescent dose; 15 and over: the 15-24 catch-up; 12-24 months: also the catch-up."""
    pairs = [("vax-menacwy-ado", day) for day in days if 10 <= _years(birth, day) < 15]
    pairs += [("vax-menacwy-1524", day) for day in days if _years(birth, day) >= 15]
    pairs += [("vax-menacwy-catchup", day) for day in days if 12 <= completed_months(birth, day) < 24]
    return pairs


def _covid(day: date) -> list[tuple[str, date]]:
    if 3 <= day.month <= 8:  # the spring campaign (April to June)
        return [(f"vax-covid-spring-{day.year}", day)]
    return [(f"vax-covid-{_season(day)}", day), (f"vax-covid-pregnancy-{_season(day)}", day)]


def _booster(vaccine: str, day: date, birth: date, lmps: tuple[date, ...]) -> tuple[str, date]:
    """A dT-IPV or dTcaP dose: the pregnancy's pertussis vaccination, the 6- or 11-13-year booster in
    childhood, else the nearest adult booster."""
    low, high = PERTUSSIS_SA
    if vaccine == "dtcap" and any(
        lmp + timedelta(weeks=low) <= day < lmp + timedelta(weeks=high) for lmp in lmps
    ):
        return ("preg-pertussis", day)
    age = _years(birth, day)
    if age < 10:
        return ("vax-dtcap-06", day)
    if age < 18:
        return ("vax-dtcap-11", day)
    nearest = min(ADULT_BOOSTERS, key=lambda booster: abs(day - add_months(birth, 12 * booster[0])))
    return (nearest[1], day)

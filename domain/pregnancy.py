"""The French pregnancy follow-up: dates of the pregnancy and the agenda items of its calendar.

Conventions (fr-health-rules.yaml, ``meta.conventions`` and ``pregnancy.time_units``):

* SA (semaines d'aménorrhée) = completed weeks since the first day of the last menstrual period (LMP);
  SG (semaines de grossesse) count from conception, and SA = SG + 2, so conception = LMP + 14 days.
* The term (date présumée d'accouchement) is LMP + 41 SA = 287 days: the French convention (CNGOF,
  41 SA = 39 SG), not the 280 days used elsewhere. The reference marks it UNVERIFIED.
* "Mois de grossesse" count from conception in calendar months: month m is
  [conception + (m-1) months, conception + m months). Month 4 so starts at about 15 SA and month 9
  ends at about 41 SA, as the reference's ``month_to_sa_formula`` expects.
* A "20 to 25 SA" window lasts until 25+6 SA: SA are completed weeks, and 25+6 is still "25 SA".

The calendar itself is data (assets/rules/pregnancy.json): each rule names its anchor dates, its
source and its verification status. Every window is [start, end): start included, end excluded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from domain.errors import N_, ValidationError
from domain.models import LMP_IN_FUTURE, check_pregnancy_dates
from domain.plan import AgendaItem, add_months, status_of
from domain.pregnancy_rules import LABELS, RULES_FILE, Circumstances, Rule, rules
from domain.reference import load_json

__all__ = ["LABELS", "Circumstances", "Rule", "pregnancy_items", "rules"]

CONCEPTION_DAYS = 14  # SA = SG + 2 (fr-health-rules.yaml, pregnancy.time_units)
TERM_DAYS = 287  # 41 SA, the French term (pregnancy.time_units.term)
MONTHS = 9

BAD_MULTIPLE = N_("The number of babies expected must be 1 or more.")
BAD_CHILDREN = N_("The number of children already in the family cannot be negative.")
UNKNOWN_MONTH = N_("A pregnancy has months 1 to 9, not {month}.")

ADVICE_KEYS = tuple(f"preg-month-{month}" for month in range(1, MONTHS + 1))


@dataclass(frozen=True, slots=True)
class PregnancyDates:
    """The reference dates of one pregnancy, all derived from the LMP."""

    lmp: date  # first day of the last menstrual period: day 0 of 0+0 SA
    conception: date  # LMP + 14 days: day 0 of month 1 and of SG
    term: date  # date présumée d'accouchement, LMP + 287 days (41+0 SA)

    def at_sa(self, weeks: int, days: int = 0) -> date:
        """The day the pregnancy reaches ``weeks``+``days`` SA."""
        return self.lmp + timedelta(weeks=weeks, days=days)

    def month_start(self, month: int) -> date:
        """First day of month ``month`` (1..9) of pregnancy; month_start(10) is the day after month 9."""
        if not 1 <= month <= MONTHS + 1:
            raise ValidationError(UNKNOWN_MONTH, month=month)
        return add_months(self.conception, month - 1)


def dates_from_lmp(lmp: date) -> PregnancyDates:
    return PregnancyDates(lmp, lmp + timedelta(days=CONCEPTION_DAYS), lmp + timedelta(days=TERM_DAYS))


def dates_from_conception(conception: date) -> PregnancyDates:
    """A known conception date (IVF, dated ovulation): the LMP is 2 weeks before, by convention."""
    return dates_from_lmp(conception - timedelta(days=CONCEPTION_DAYS))


def dates_from_term(term: date) -> PregnancyDates:
    """A term dated by the first ultrasound: the theoretical LMP is 41 SA before it."""
    return dates_from_lmp(term - timedelta(days=TERM_DAYS))


def _check_lmp(lmp: date, today: date) -> None:
    if lmp > today:
        raise ValidationError(LMP_IN_FUTURE, day=lmp)


def weeks_of_amenorrhea(lmp: date, today: date) -> tuple[int, int]:
    """(completed weeks, extra days) since the LMP: (12, 3) reads "12+3 SA"."""
    _check_lmp(lmp, today)
    weeks, days = divmod((today - lmp).days, 7)
    return weeks, days


def month_of_pregnancy(lmp: date, today: date) -> int:
    """The month of pregnancy (1..9) ``today`` falls in, counted in calendar months from conception.

    The two weeks between LMP and conception count as month 1 (nothing earlier exists), and days past
    the end of month 9 stay month 9 (a pregnancy going beyond its term is still in its last month).
    """
    _check_lmp(lmp, today)
    dates = dates_from_lmp(lmp)
    completed = sum(1 for month in range(2, MONTHS + 1) if dates.month_start(month) <= today)
    return completed + 1


def monthly_advice_key(lmp: date, today: date) -> str:
    """Key of the advice for the current month of pregnancy, e.g. "preg-month-4" (one of ADVICE_KEYS)."""
    return f"preg-month-{month_of_pregnancy(lmp, today)}"


def _leave_weeks(multiple: int, previous_children: int) -> tuple[int, int]:
    """(prenatal, postnatal) weeks of maternity leave: Code du travail L1225-17 and following."""
    if multiple < 1:
        raise ValidationError(BAD_MULTIPLE)
    if previous_children < 0:
        raise ValidationError(BAD_CHILDREN)
    # The table's last "multiple" row means "that many or more" (triplets or more).
    cases = load_json(RULES_FILE)["maternity_leave"]["cases"]
    babies = min(multiple, max(case["multiple"] for case in cases))
    fitting = [
        c for c in cases if c["multiple"] == babies and previous_children >= c["previous_children_min"]
    ]
    best = max(fitting, key=lambda case: case["previous_children_min"])
    return best["prenatal_weeks"], best["postnatal_weeks"]


def maternity_leave(lmp: date, *, multiple: int = 1, previous_children: int = 0) -> tuple[date, date]:
    """(first day of leave, first day back at work) around the presumed delivery date (the term).

    16 weeks for a 1st or 2nd child (6 before the term + 10 after), 26 from the 3rd child (8 + 18),
    34 for twins (12 + 22), 46 for triplets or more (24 + 22). The end is exclusive, like an agenda
    window: the leave's last day is the day before it.
    """
    return _leave_window(dates_from_lmp(lmp).term, None, multiple, previous_children)


def _leave_window(term: date, birth: date | None, multiple: int, previous_children: int) -> tuple[date, date]:
    prenatal, postnatal = _leave_weeks(multiple, previous_children)
    start = term - timedelta(weeks=prenatal)
    total = timedelta(weeks=prenatal + postnatal)
    if birth is None:
        return start, start + total
    if birth < start:
        # Born before the leave began: all the prenatal weeks are untaken and go after the birth.
        return birth, birth + total
    # Early birth: the untaken prenatal days are added after the birth, so the total stays the same.
    # Late birth: the prenatal leave stretches until the birth, the postnatal leave is kept in full.
    return start, max(start + total, birth + timedelta(weeks=postnatal))


def _anchor(spec: Mapping[str, Any], dates: PregnancyDates, birth: date) -> date:
    """The date an anchor of RULES_FILE names; ``birth`` is the birth date, or the term if not born yet."""
    shift = timedelta(weeks=spec.get("weeks", 0), days=spec.get("days", 0))
    anchor = spec["anchor"]
    if anchor == "lmp":
        return dates.lmp + shift
    if anchor == "term":
        return dates.term + shift
    if anchor == "month":
        return dates.month_start(spec["month"])
    if anchor == "birth":
        return add_months(birth, spec.get("months", 0)) + shift
    raise ValueError(f"unknown anchor {anchor!r} in {RULES_FILE}")


def _marks(codes: Mapping[str, date | None] | Iterable[str]) -> dict[str, date | None]:
    """Codes marked done (or scheduled), with their date when the caller gives one."""
    if isinstance(codes, Mapping):
        return dict(codes)
    return dict.fromkeys(codes)


def _window(rule: Rule, dates: PregnancyDates, birth: date, leave: tuple[date, date]) -> tuple[date, date]:
    if rule.start["anchor"] == "leave":
        return leave
    return _anchor(rule.start, dates, birth), _anchor(rule.end, dates, birth)


def _fit_to_birth(window: tuple[date, date], birth_date: date) -> tuple[date, date] | None:
    """A prenatal window once the baby is born: gone if it had not begun, else cut at the birth."""
    start, end = window
    if start >= birth_date:
        return None
    return start, min(end, birth_date)


PERTUSSIS_BEFORE_BIRTH = 30  # days: a mother vaccinated less than a month before the birth is not
# enough to protect the newborn; the calendar then adds the post-partum dose and cocooning (2025)


def _holds(rule: Rule, facts: Circumstances, pertussis_missed: bool) -> bool:
    if rule.condition is None:
        return True
    if rule.condition == "toxo_not_immune":
        return facts.toxo_immune is False
    if rule.condition == "rh_negative":
        return facts.rh_negative is True
    if rule.condition == "primiparous":
        return facts.previous_children == 0
    return pertussis_missed


def _pertussis_missed(
    dates: PregnancyDates, today: date, birth_date: date | None, done_on: Mapping[str, Any]
) -> bool:
    """True once it is known that the pregnancy vaccination did not protect the baby: not given by the
    end of its window (36+6 SA) or by the birth, or given less than a month before the birth."""
    given = done_on.get("preg-pertussis", False)
    if birth_date is None:
        return given is False and today >= dates.at_sa(37)
    if given is False:
        return True
    return isinstance(given, date) and (birth_date - given).days < PERTUSSIS_BEFORE_BIRTH


def _this_pregnancy(marks: dict[str, date | None], lmp: date) -> dict[str, date | None]:
    """Marks dated before this pregnancy's LMP belong to an earlier pregnancy."""
    return {code: day for code, day in marks.items() if day is None or day >= lmp}


def pregnancy_items(
    lmp: date,
    today: date,
    *,
    done: Mapping[str, date | None] | Iterable[str] = (),
    scheduled: Mapping[str, date | None] | Iterable[str] = (),
    birth_date: date | None = None,
    multiple: int = 1,
    previous_children: int = 0,
    circumstances: Circumstances | None = None,
) -> list[AgendaItem]:
    """The agenda of a pregnancy on ``today``, from its LMP (use ``dates_from_*(...).lmp`` otherwise).

    ``done`` and ``scheduled`` hold item codes, or map them to the day done / planned (a day before
    the LMP belongs to an earlier pregnancy and is ignored). Once ``birth_date`` is known, prenatal
    items not done nor scheduled that had not begun by then disappear (they can no longer happen),
    the others end at the birth; post-partum windows and the maternity leave follow the real birth
    instead of the term. ``circumstances`` (else ``multiple`` and ``previous_children``) bring the
    leave's length and the items planned only for some women (toxoplasmosis, rhesus, first child).
    """
    check_pregnancy_dates(lmp, today, birth_date)
    facts = circumstances or Circumstances(babies=multiple, previous_children=previous_children)
    dates = dates_from_lmp(lmp)
    birth = birth_date or dates.term
    leave = _leave_window(dates.term, birth_date, facts.babies, facts.previous_children)
    done_on = _this_pregnancy(_marks(done), lmp)
    scheduled_on = _this_pregnancy(_marks(scheduled), lmp)
    missed = _pertussis_missed(dates, today, birth_date, done_on)
    items = []
    for rule in rules():
        if not rule.applies_on(birth) or not _holds(rule, facts, missed):
            continue
        window = _window(rule, dates, birth, leave)
        marked = rule.code in done_on or rule.code in scheduled_on
        if birth_date is not None and rule.until_birth and not marked:
            fitted = _fit_to_birth(window, birth_date)
            if fitted is None:
                continue
            window = fitted
        items.append(_item(rule, window, today, done_on, scheduled_on))
    # Stable sort: same-day items keep the calendar order of the rules file.
    return sorted(items, key=lambda item: item.window_start)


def _item(
    rule: Rule,
    window: tuple[date, date],
    today: date,
    done_on: Mapping[str, date | None],
    scheduled_on: Mapping[str, date | None],
) -> AgendaItem:
    start, end = window
    return AgendaItem(
        code=rule.code,
        kind=rule.kind,
        label=LABELS[rule.code],
        window_start=start,
        window_end=end,
        status=status_of(rule.code, start, end, today, done_on, scheduled_on),
        source=rule.source,
        done_on=done_on.get(rule.code),
        scheduled_on=None if rule.code in done_on else scheduled_on.get(rule.code),
    )

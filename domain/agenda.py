"""The French prevention calendar of one person: child exams, vaccines, dental check-ups, cancer
screenings, prevention check-ups and the pregnancy follow-up, with their windows and where the
person stands.

Pure functions: the rules are shipped data (assets/rules/*.json, see domain/agenda_rules.py), ``today``
comes from the caller. Two ways a calendar change applies, both written in the data:

* by default a rule applies to an occurrence if the rule is in force on the day the occurrence's
  window opens. So a child born in 2020 gets the 2019-calendar exams whose window opened before
  2025-01-01 and the 2025-calendar exams after (it is how the switch of 2025-01-01 was announced:
  the new calendar governs the exams due from that day).
* ``catch_up`` rules also reach people already inside their window when the rule came in (shingles
  from 65, Mon bilan prévention): their window opens no earlier than the rule itself.

Doses: the dates given for the doses of a series are pooled and a dose below its minimum valid age
does not count (domain/agenda_doses.py). A dose past its ``limit`` is "expired" (non rattrapable,
rotavirus); a missed dose the calendar still recommends is "catch_up" until ``rattrapage_until``.

Age arithmetic uses calendar months and years: "au cours du Ne mois" is [N-1, N) completed months,
31 January + 1 month = the last day of February, 29 February + 1 year = 28 February.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from domain import campaigns
from domain.agenda_doses import counted_doses, latest, shift
from domain.agenda_labels import LABELS, LIMIT_NOTES
from domain.agenda_rules import HORIZON_YEARS, Rule, rules
from domain.agenda_screening import screening_items
from domain.errors import N_, ValidationError
from domain.plan import AgendaItem, add_months, status_of
from domain.pregnancy import Circumstances, pregnancy_items

__all__ = ["N_", "add_months", "add_years", "recommended", "status_of"]

SEXES = ("F", "M")
ONE_DAY = timedelta(days=1)
CATCH_UP_NOTE = N_("Missed, but still recommended: it can be caught up (rattrapage).")

Window = tuple[date, date]


def add_years(day: date, years: int) -> date:
    """``day`` plus calendar years; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def recommended(
    birth_date: date,
    sex: str,
    today: date,
    *,
    pregnancy_lmp: date | None = None,
    pregnancy_birth: date | None = None,
    circumstances: Circumstances | None = None,
    brands: Mapping[str, str] | None = None,
    done: Iterable[tuple[str, date]] = (),
    scheduled: Iterable[tuple[str, date]] = (),
) -> list[AgendaItem]:
    """The person's whole plan, past and future, sorted by window start then code.

    ``pregnancy_lmp`` (with ``pregnancy_birth`` once the baby is born, and the pregnancy's
    ``circumstances``, a domain.pregnancy.Circumstances) adds the pregnancy follow-up and the
    mother's postnatal items; ``brands`` names the brand recorded for a series ({"rota": "rotateq"}).
    """
    _check(birth_date, sex, today, pregnancy_lmp)
    done_on, brand_of = counted_doses(done, birth_date, brands)
    scheduled_on = latest(scheduled)
    plan = _Plan(birth_date, sex, today, done_on, scheduled_on, brand_of)
    items = plan.dated_items()
    items += plan.season_items(pregnancy_lmp, pregnancy_birth)
    items += screening_items(birth_date, sex, today, done_on, scheduled_on)
    if pregnancy_lmp is not None:
        items += _pregnancy_hook(plan, pregnancy_lmp, pregnancy_birth, circumstances, {i.code for i in items})
    items.sort(key=lambda item: (item.window_start, item.code))
    return items


def _check(birth_date: date, sex: str, today: date, pregnancy_lmp: date | None) -> None:
    if sex not in SEXES:
        raise ValidationError("Unknown sex {sex!r}: choose F or M.", sex=sex)
    if birth_date > today:
        raise ValidationError("The birth date {day} is in the future.", day=birth_date)
    if pregnancy_lmp is not None:
        if sex != "F":
            raise ValidationError("A pregnancy can only be recorded on a woman's profile.")
        if not birth_date < pregnancy_lmp <= today:
            raise ValidationError("The date of the last period {day} is not plausible.", day=pregnancy_lmp)


class _Plan:
    def __init__(
        self,
        birth: date,
        sex: str,
        today: date,
        done_on: dict[str, date],
        scheduled_on: dict[str, date],
        brand_of: Mapping[str, str],
    ) -> None:
        self.birth, self.sex, self.today = birth, sex, today
        self.done_on, self.scheduled_on, self.brand_of = done_on, scheduled_on, brand_of
        self.horizon = add_years(birth, HORIZON_YEARS)

    def concerns(self, rule: Rule) -> bool:
        if rule.sex is not None and rule.sex != self.sex:
            return False
        if rule.pregnancy and self.sex != "F":
            return False
        if rule.born_from is not None and self.birth < rule.born_from:
            return False
        if rule.born_to is not None and self.birth > rule.born_to:
            return False
        if rule.brand is not None and rule.brand != self.brand_of.get(rule.series or ""):
            return False
        return not any(code in self.done_on for code in rule.unless_done)

    def windows(self) -> dict[str, tuple[Rule, date, date]]:
        """Each code's rule and nominal window, in file order; two rules of one code merge."""
        found: dict[str, tuple[Rule, date, date]] = {}
        for rule in rules():
            if rule.seasonal or not self.concerns(rule):
                continue
            if rule.after is not None and rule.after not in found and rule.after not in self.done_on:
                continue  # a later dose only makes sense in a series that exists for this person
            window = self.window(rule)
            if window is None:
                continue
            code = rule.code.format(year=window[0].year) if "{" in rule.code else rule.code
            if code in found:  # e.g. the HPV catch-up to 19, then to 26 years from 2025-05-13
                _old, start, end = found[code]
                window = (min(start, window[0]), max(end, window[1]))
            found[code] = (rule, *window)
        return found

    def window(self, rule: Rule) -> Window | None:
        """The nominal window [start, end) of ``rule``, or None if no calendar covers it."""
        start = shift(self.birth, rule.start)
        end = shift(self.birth, rule.end) if rule.end is not None else self.horizon
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

    def dated_items(self) -> list[AgendaItem]:
        items: list[AgendaItem] = []
        planned: dict[str, date] = {}
        expired: set[str] = set()
        for code, (rule, start, end) in self.windows().items():
            if self.abolished(rule, code, end):
                continue
            start, end = self.after_previous_dose(rule, (start, end), planned)
            item = self.item(rule, code, start, end, expired)
            planned[code] = item.window_start
            if item.status == "expired":
                expired.add(code)
            items.append(item)
        return items

    def abolished(self, rule: Rule, code: str, end: date) -> bool:
        """An exam abolished on a day is gone from then on, unless done or over before that day."""
        day = rule.abolished_on
        return day is not None and self.today >= day and code not in self.done_on and end > day

    def after_previous_dose(self, rule: Rule, window: Window, planned: Mapping[str, date]) -> Window:
        """Move a dose to respect the minimum interval after the ACTUAL date of the dose it follows,
        or after its planned start while it is not done."""
        if rule.after is None or rule.after_min is None and rule.after_max is None:
            return window
        start, end = window
        previous = self.done_on.get(rule.after)
        if previous is None:
            planned_start = planned.get(rule.after)
            if planned_start is None or rule.after_min is None:
                return window
            new_start = max(start, shift(planned_start, rule.after_min))
            return new_start, max(end, new_start + ONE_DAY)
        earliest = shift(previous, rule.after_min) if rule.after_min is not None else previous
        new_start = max(start, earliest)
        if rule.after_max is not None:
            return new_start, max(shift(previous, rule.after_max), new_start + ONE_DAY)
        return new_start, end + (new_start - start)

    def item(self, rule: Rule, code: str, start: date, end: date, expired: set[str]) -> AgendaItem:
        note, until = "", None
        gone = False
        if rule.limit is not None and code not in self.done_on:
            limit = shift(self.birth, rule.limit)
            end = min(end, limit)
            follows_expired = rule.after in expired and rule.after not in self.done_on
            gone = start >= limit or self.today >= limit or follows_expired
            start = min(start, limit - ONE_DAY)
        status = status_of(code, start, end, self.today, self.done_on, self.scheduled_on)
        if gone and status != "scheduled":
            status, note = "expired", LIMIT_NOTES[rule.limit_note or ""]
        elif status == "overdue" and rule.rattrapage_until is not None:
            catch_up_end = shift(self.birth, rule.rattrapage_until)
            if self.today < catch_up_end:
                status, note, until = "catch_up", CATCH_UP_NOTE, catch_up_end
        return self.make(rule, code, start, end, status, note=note, catch_up_until=until)

    def make(self, rule: Rule, code: str, start: date, end: date, status: str, **extra: object) -> AgendaItem:
        return AgendaItem(
            code=code,
            kind=rule.kind,
            label=LABELS[rule.id],
            window_start=start,
            window_end=end,
            status=status,
            source=rule.source,
            done_on=self.done_on.get(code),
            scheduled_on=self.scheduled_on.get(code) if code not in self.done_on else None,
            **extra,  # type: ignore[arg-type]
        )

    def season_items(self, lmp: date | None, born: date | None) -> list[AgendaItem]:
        items: list[AgendaItem] = []
        for rule in rules():
            if not rule.seasonal or not self.concerns(rule):
                continue
            anchor = lmp if rule.pregnancy else self.birth
            if anchor is None:
                continue
            first = shift(anchor, rule.start)
            last = shift(anchor, rule.end) if rule.end is not None else add_years(anchor, HORIZON_YEARS)
            if rule.pregnancy and born is not None:
                last = min(last, born)  # a pregnancy item ends with the pregnancy
            items += self.seasons(rule, first, last)
        return items

    def seasons(self, rule: Rule, first: date, last: date) -> list[AgendaItem]:
        """One item per campaign overlapping [first, last), named by its first year."""
        items = []
        for year in range(first.year - 1, last.year + 1):
            season_start, season_end, hint = _season(rule, year)
            start, end = max(season_start, first), min(season_end, last)
            if start >= end:
                continue
            if rule.in_force(season_start) or (rule.catch_up and rule.in_force(season_end - ONE_DAY)):
                code = rule.code.format(year=year)
                status = status_of(code, start, end, self.today, self.done_on, self.scheduled_on)
                note = hint if self.today < end else ""  # "ask for this year's dates" is for a season to come
                items.append(self.make(rule, code, start, end, status, note=note, provisional=bool(hint)))
            if rule.first_season_only:
                break  # the first campaign of the window only, in force or not
        return items


def _season(rule: Rule, year: int) -> tuple[date, date, str]:
    """The season opening in ``year``: [start, end) and, for a provisional window, the hint saying so.

    A rule naming a campaign takes the campaign's dates (domain/campaigns.py: the dated season, else the
    usual window, provisional), the same dates as the campaign item and the Prévention screen."""
    if rule.campaign is not None:
        found = campaigns.season(rule.campaign, year)
        if found is None:
            raise ValueError(f"{rule.id}: no campaign series {rule.campaign!r} in the campaigns' data")
        return found.start, found.end + ONE_DAY, found.hint if found.provisional else ""
    assert rule.season is not None
    (open_month, open_day), (close_month, close_day) = rule.season
    end = date(year + (close_month < open_month), close_month, close_day)
    return date(year, open_month, open_day), end, ""


def _pregnancy_hook(
    plan: _Plan, lmp: date, born: date | None, circumstances: Circumstances | None, planned: set[str]
) -> list[AgendaItem]:
    """The pregnancy follow-up (domain/pregnancy.py). Once the baby is born, prenatal items not
    done nor booked are dropped from the agenda (the pregnancy's timeline keeps them)."""
    items = pregnancy_items(
        lmp,
        plan.today,
        done=plan.done_on,
        scheduled=plan.scheduled_on,
        birth_date=born,
        circumstances=circumstances,
    )
    kept = [item for item in items if item.code not in planned]
    if born is None:
        return kept
    return [item for item in kept if item.window_end > born or item.status in ("done", "scheduled")]

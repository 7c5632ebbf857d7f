"""Numbers, plurals, ages and agenda windows as the user's language writes them (babel, gettext).

One place for the words every agenda screen shows around a window: its first and LAST day (the end is
exclusive internally, domain/plan.py ``last_day``), so the Agenda, Examens, Grossesse, the vaccinations
and the exports never disagree by a day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from babel.numbers import format_decimal

from domain.agenda_details import USUAL_WINDOW, usual_window
from domain.models import completed_months, parse_day
from domain.plan import AgendaItem
from services.i18n import catalog
from views.forms import date_hint, day_input, month_first
from views.labels import date_text


def window_text(item: AgendaItem, _: Callable[[str], str], *, short: bool = False) -> str:
    """ "du 01/11/2025 au 30/11/2025": the first and the last day the item can be done. A provisional
    window (a campaign whose dates are not announced yet) is never written as if official: its usual
    days and months, and, unless ``short`` (a list's line), that the exact dates come each autumn."""
    usual = usual_window(item)
    if usual is None:
        return _("{start} to {end}").format(
            start=date_text(item.window_start, _), end=date_text(item.last_day, _)
        )
    day_month = _("%m/%d")
    start, end = usual.start.strftime(day_month), usual.end.strftime(day_month)
    if short:
        return _("Usually from {start} to {end} (dates to be announced)").format(start=start, end=end)
    return _(USUAL_WINDOW).format(start=start, end=end, season=usual.season)


def number_text(value: float, language: str, digits: int = 1) -> str:
    """A decimal as the language writes it: 10,2 in French, 10.2 in English (no trailing zeros)."""
    return format_decimal(round(value, digits), format=f"#,##0.{'#' * digits}", locale=language)


def signed_text(value: float, language: str) -> str:
    """A z-score with its sign and one decimal: "+1,2", "-0,4"."""
    text = format_decimal(abs(round(value, 1)), format="0.0", locale=language)
    return ("-" if value < 0 else "+") + text


def age_words(birth: date, today: date, language: str) -> str:
    """ "12 jours", "1 mois", "13 mois", "1 an", "3 ans": days in the first month, months to 2 years."""
    months = completed_months(birth, today)
    if months < 1:
        days = (today - birth).days
        return catalog(language).ngettext("{n} day", "{n} days", days).format(n=days)
    return months_words(months, language)


def months_words(months: int, language: str) -> str:
    """An age in months as people say it: in months until 2 years, then in years."""
    ngettext = catalog(language).ngettext
    if months < 24:
        return ngettext("{n} month", "{n} months", months).format(n=months)
    return ngettext("{n} year", "{n} years", months // 12).format(n=months // 12)


def born_text(sex: str, day: date, age: str, _: Callable[[str], str]) -> str:
    """ "13 mois - né le 01/10/2025" / "née le": French agrees the participle with the child's sex."""
    if sex == "F":
        return _("{age} - born (she) on {day}").format(age=age, day=date_text(day, _))
    return _("{age} - born (he) on {day}").format(age=age, day=date_text(day, _))


# The date fields' order, shown and read: one implementation, views/forms.py's (kept here by name for
# the screens that import it from here).
def day_pattern(_: Callable[[str], str]) -> str:
    """What a date field asks for, in the language's order: JJ/MM/AAAA in French, MM/DD/YYYY in English."""
    return date_hint(_)


def day_field(day: date, _: Callable[[str], str]) -> str:
    """A date as a field shows it, in the order the field reads back (``read_day``)."""
    return day_input(day, _)


def read_day(text: str, _: Callable[[str], str]) -> date:
    """A date typed in the language's order (31/12/2026 in French, 12/31/2026 in English) or ISO."""
    return parse_day(text, month_first(_))

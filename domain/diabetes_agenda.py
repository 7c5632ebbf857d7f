"""The type 2 diabetes follow-up (domain/diabetes.py) as agenda items, so that the agenda, Accueil's
"À faire" and the reminders show them as they show the French calendar's items.

An item due is "to schedule" from its due date for ``WINDOW_MONTHS`` (then "overdue"); an item due
later is "upcoming" from its due date; a single dose given is "done". An appointment made for the item
(``scheduled``) after it was last done makes it "scheduled". Codes start with ``t2d-`` (the route table
sends them to the Risques screen).

The yearly flu vaccine is not one of them: diabetes makes the person "at risk" (domain/prevention_risk.py),
so the flu and COVID-19 campaign item (``campaign-flu-covid-<year>``, or the calendar's ``vax-flu-<year>``
from 65) already reminds of it, with the season's dates from the campaigns' data. A second flu item of
its own, with other dates, stood next to it; ``flu_item`` finds the one the follow-up points to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from domain.diabetes import FollowUpItem, due_items
from domain.models import Measurement
from domain.plan import AgendaItem, add_months

PREFIX = "t2d-"
WINDOW_MONTHS = 3
KIND_OF = {"t2d-pneumo": "vaccination", "t2d-dental": "dental"}
FLU = "t2d-flu"  # the follow-up's flu line: the campaign's item stands for it in the agenda
FLU_ITEMS = ("campaign-flu-covid", "vax-flu-")  # the codes of the agenda's flu items (calendar, campaign)


def flu_item(items: Iterable[AgendaItem], today: date) -> AgendaItem | None:
    """The agenda's flu item the diabetes follow-up points to: the season under way (done or not), else
    the next one."""
    current = [i for i in items if i.code.startswith(FLU_ITEMS) and i.window_end > today]
    return min(current, key=lambda i: (i.window_start, i.code), default=None)


def as_agenda_item(item: FollowUpItem, today: date, scheduled: Mapping[str, date]) -> AgendaItem:
    kind = KIND_OF.get(item.code, "exam")
    if item.status == "done" or item.due_on is None:
        done = item.last_done or today
        return AgendaItem(item.code, kind, item.label, done, done, "done", item.source, done_on=done)
    start, end = item.due_on, add_months(item.due_on, WINDOW_MONTHS)
    booked = scheduled.get(item.code)
    if booked is not None and (item.last_done is None or booked > item.last_done):
        status = "scheduled"
    elif item.status == "upcoming":
        status = "upcoming"
    else:
        status = "to_schedule" if today < end else "overdue"
    return AgendaItem(
        item.code,
        kind,
        item.label,
        start,
        end,
        status,
        item.source,
        done_on=item.last_done,
        scheduled_on=booked if status == "scheduled" else None,
    )


def agenda_items(
    today: date,
    *,
    birth_date: date,
    measurements: Iterable[Measurement] = (),
    done: Iterable[tuple[str, date]] = (),
    scheduled: Iterable[tuple[str, date]] = (),
    vaccinations: Iterable[tuple[str, date]] = (),
) -> list[AgendaItem]:
    """The follow-up of a person who records type 2 diabetes, as agenda items, by window start.

    ``done``: (code, date) pairs as the agenda reads them (agenda marks, doses by their codes);
    ``vaccinations``: (vaccine code, date) of the recorded doses (``flu``, ``pcv`` count from 18 years).
    """
    pairs = list(done)
    marks: dict[str, date] = {}
    for code, on in pairs:
        if code.startswith(PREFIX) and (code not in marks or on > marks[code]):
            marks[code] = on
    booked: dict[str, date] = {}
    for code, on in scheduled:
        if code.startswith(PREFIX) and (code not in booked or on > booked[code]):
            booked[code] = on
    items = due_items(
        today, birth_date=birth_date, measurements=measurements, marks=marks, vaccinations=list(vaccinations)
    )
    result = [as_agenda_item(item, today, booked) for item in items if item.code != FLU]
    return sorted(result, key=lambda i: (i.window_start, i.code))

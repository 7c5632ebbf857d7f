"""Organised cancer screening as chains: each test is due a set interval after the previous one.

The programmes are data (assets/rules/screening.json): the age the first invitation comes, the age
no window may reach (``stop_age``: breast and colorectal 50-74, so nothing reaches the 75th
birthday; cervix 25-65), and the tests in the order the ages bring them, each with its intervals.

* A recorded test (its item marked done) moves the next window: it is due an interval after the
  real date, not after the planned one.
* A test not done yet is planned as if done on the first day of its window; once that window has
  closed it stays to do (status "catch_up") until the age its test type ends (cytology at 30) or
  the programme stops, and the following tests are planned as if it were done today.
* A missed window that can no longer be caught up (the woman is past 30 with no cytology done)
  anchors nothing: from 30, the HPV test is due 3 years after the last cytology really done, or at
  30 with none (INCa).
* A window opening before the programme existed (``valid_from``) is not listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from domain.agenda_doses import shift
from domain.agenda_labels import LABELS
from domain.agenda_rules import Offset, offset
from domain.errors import N_
from domain.plan import AgendaItem, status_of
from domain.reference import load_json

LATE_NOTE = N_("Late, but still to do: the next test will be counted from the day it is done.")


@dataclass(frozen=True, slots=True)
class Test:
    code: str  # with {year}: the year its window opens
    labels: tuple[str, ...]  # label key of the 1st, 2nd, ... test of this type (the last one repeats)
    intervals: tuple[Offset, ...]  # to the next test after the 1st, 2nd, ... of this type (last repeats)
    until_age: Offset | None  # this type is used while the age at the due date is below this
    after_previous_type: (
        Offset | None
    )  # first test of this type: this long after the last test of the previous type


@dataclass(frozen=True, slots=True)
class Programme:
    id: str
    sex: str | None
    start_age: Offset
    stop_age: Offset  # exclusive: no window reaches this birthday
    tests: tuple[Test, ...]
    valid_from: date
    source: str
    status: str


def _test(raw: dict[str, Any]) -> Test:
    return Test(
        code=raw["code"],
        labels=tuple(raw["labels"]),
        intervals=tuple(offset(i) or (0, 0) for i in raw["intervals"]),
        until_age=offset(raw.get("until_age")),
        after_previous_type=offset(raw.get("after_previous_type")),
    )


@cache
def programmes() -> tuple[Programme, ...]:
    return tuple(
        Programme(
            id=raw["id"],
            sex=raw.get("sex"),
            start_age=offset(raw["start_age"]) or (0, 0),
            stop_age=offset(raw["stop_age"]) or (0, 0),
            tests=tuple(_test(t) for t in raw["tests"]),
            valid_from=date.fromisoformat(raw["valid_from"]),
            source=raw["source"],
            status=raw["status"],
        )
        for raw in load_json("rules/screening.json")["programmes"]
    )


def screening_items(
    birth: date, sex: str, today: date, done_on: Mapping[str, date], scheduled_on: Mapping[str, date]
) -> list[AgendaItem]:
    items: list[AgendaItem] = []
    for programme in programmes():
        if programme.sex is None or programme.sex == sex:
            items.extend(_Chain(programme, birth, today, done_on, scheduled_on).items())
    return items


class _Chain:
    """Walks one programme from its first invitation to its stop age."""

    def __init__(
        self,
        programme: Programme,
        birth: date,
        today: date,
        done_on: Mapping[str, date],
        scheduled_on: Mapping[str, date],
    ) -> None:
        self.p, self.birth, self.today = programme, birth, today
        self.done_on, self.scheduled_on = done_on, scheduled_on
        self.stop = shift(birth, programme.stop_age)
        self.last: tuple[int, date] | None = None  # (test type, date) of the last test done or planned
        self.counts = [0] * len(programme.tests)  # tests of each type done or planned so far

    def type_at(self, day: date) -> int:
        for index, test in enumerate(self.p.tests):
            if test.until_age is None or day < shift(self.birth, test.until_age):
                return index
        return len(self.p.tests) - 1

    def type_end(self, index: int) -> date:
        until = self.p.tests[index].until_age
        return min(shift(self.birth, until), self.stop) if until is not None else self.stop

    def next_due(self, floor: date) -> tuple[int, date]:
        if self.last is None:
            return self.type_at(floor), floor
        kind, day = self.last
        test = self.p.tests[kind]
        due = max(shift(day, test.intervals[min(self.counts[kind], len(test.intervals)) - 1]), floor)
        following = self.type_at(due)
        switch = self.p.tests[following].after_previous_type
        if following != kind and switch is not None:
            # e.g. the first HPV test: 3 years after the last cytology, and not before 30
            due = max(shift(day, switch), self.type_end(kind), floor)
        return following, due

    def items(self) -> list[AgendaItem]:
        found: list[AgendaItem] = []
        floor = shift(self.birth, self.p.start_age)
        while True:
            kind, due = self.next_due(floor)
            if due >= self.stop:
                return found
            test = self.p.tests[kind]
            count = self.counts[kind]
            end = min(shift(due, test.intervals[min(count, len(test.intervals) - 1)]), self.type_end(kind))
            code = test.code.format(year=due.year)
            if due < self.p.valid_from:
                floor = end  # before the programme: not listed, and no test to count from
                continue
            late_until = None
            if code in self.done_on:
                self.last, self.counts[kind] = (kind, self.done_on[code]), count + 1
            elif self.today < end:
                self.last, self.counts[kind] = (kind, due), count + 1  # planned as if done on time
            elif self.today < self.type_end(kind):
                late_until = self.type_end(kind)  # missed, still to do until this test type ends
                self.last, self.counts[kind] = (kind, self.today), count + 1
            else:
                floor = self.type_end(kind)  # missed for good: nothing to count from
            label = test.labels[min(count, len(test.labels) - 1)]
            found.append(self._item(label, code, due, end, late_until))

    def _item(self, label: str, code: str, start: date, end: date, late_until: date | None) -> AgendaItem:
        status = status_of(code, start, end, self.today, self.done_on, self.scheduled_on)
        catch_up = status == "overdue" and late_until is not None
        return AgendaItem(
            code=code,
            kind="screening",
            label=LABELS[label],
            window_start=start,
            window_end=end,
            status="catch_up" if catch_up else status,
            source=self.p.source,
            done_on=self.done_on.get(code),
            scheduled_on=self.scheduled_on.get(code) if code not in self.done_on else None,
            note=LATE_NOTE if catch_up else "",
            catch_up_until=late_until if catch_up else None,
        )

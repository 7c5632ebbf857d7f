"""Accueil's first block, « À faire »: what to book next for the selected profile, and one line per other
member of the family who has something to book ("Léo : 2 examens à planifier").

Each item opens where it is handled: its screen when ``views.routes.ITEM_ROUTES`` names one for its code,
else its agenda detail (book it, mark it done). Status is said in words and an icon, never by colour alone.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import flet as ft

from components.labelled import labelled
from components.section_card import SectionCard
from domain.models import Profile
from domain.plan import AgendaItem
from services import agenda
from views.context import ViewContext
from views.labels import date_text
from views.routes import item_route

SHOWN = 3  # the next few things to do; the rest is one tap away, in the Agenda
ONE_DAY = timedelta(days=1)
ICONS = {  # the theme's roles: contrasted in the light and the dark theme alike
    "to_schedule": (ft.Icons.EVENT_AVAILABLE, ft.Colors.PRIMARY),
    "catch_up": (ft.Icons.UPDATE, ft.Colors.TERTIARY),
    "overdue": (ft.Icons.WARNING_AMBER, ft.Colors.ERROR),
    "scheduled": (ft.Icons.EVENT, ft.Colors.SECONDARY),
}


def to_book(items: list[AgendaItem], today: date) -> list[AgendaItem]:
    """The items of the « À planifier » section that are not booked yet, nearest deadline first."""
    return sorted(
        (i for i in items if agenda.section_of(i, today) == "to_plan" and i.status != "scheduled"),
        key=lambda i: (i.window_end, i.code),
    )


def block(ctx: ViewContext, profile: Profile) -> ft.Control:
    _, state = ctx._, ctx.state
    today = state.today()
    items = agenda.plan(state.session, profile, today)
    due = to_book(items, today)
    lines: list[ft.Control] = [_item_button(ctx, profile, item) for item in due[:SHOWN]]
    if len(due) > SHOWN:
        lines.append(_agenda_button(ctx, _("See the {n} items in the Agenda").format(n=len(due))))
    if not due:
        lines.append(ft.Text(_("Nothing to book right now."), italic=True))
        upcoming = [i for i in items if i.status == "upcoming"]
        if upcoming:
            lines.append(_item_button(ctx, profile, upcoming[0], _("Next")))
    lines += [_family_line(ctx, other, count) for other, count in _others(ctx, profile, today)]
    return ft.Semantics(
        content=SectionCard(title=_("To do"), lines=lines), identifier="home-todo", container=True
    )


def when_text(ctx: ViewContext, item: AgendaItem) -> str:
    """What to do and by when, in words: "À planifier avant le 31/12/2026" (the last day of the window)."""
    _ = ctx._
    if item.status == "overdue":
        return _("Late since {day}").format(day=date_text(item.window_end - ONE_DAY, _))
    if item.status == "catch_up":  # missed at the usual age, still recommended: calmly, to book now
        return _("To book now (it was due by {day})").format(day=date_text(item.window_end - ONE_DAY, _))
    if item.status == "scheduled" and item.scheduled_on is not None:
        return _("Booked for {day}").format(day=date_text(item.scheduled_on, _))
    if item.status == "upcoming":
        return _("From {day}").format(day=date_text(item.window_start, _))
    return _("To book before {day}").format(day=date_text(item.window_end - ONE_DAY, _))


def _item_button(ctx: ViewContext, profile: Profile, item: AgendaItem, prefix: str = "") -> ft.Control:
    _ = ctx._
    icon, colour = ICONS.get(item.status, (ft.Icons.EVENT_NOTE, None))
    title = f"{prefix} : {_(item.label)}" if prefix else _(item.label)
    tile = ft.ListTile(
        leading=ft.Icon(icon, color=colour),
        title=ft.Text(title),
        subtitle=ft.Text(when_text(ctx, item)),
        trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
        on_click=lambda e: open_item(ctx, profile, item),
        content_padding=ft.Padding.symmetric(horizontal=4),
    )
    return ft.MergeSemantics(content=ft.Semantics(content=tile, identifier=f"todo-{item.code}", button=True))


def open_item(ctx: ViewContext, profile: Profile, item: AgendaItem) -> None:
    """Its own screen when one handles it (ITEM_ROUTES), else its agenda detail."""
    route = item_route(item.code)
    if route is not None:
        ctx.state.go(route)
        return
    from views.agenda import detail  # on use: the agenda's modules are not the first page's

    detail.open_detail(ctx, profile, item)


def _agenda_button(ctx: ViewContext, text: str) -> ft.Control:
    return labelled(ft.TextButton(text, on_click=lambda e: ctx.state.go("/agenda")), text, "todo-agenda")


def _others(ctx: ViewContext, profile: Profile, today: date) -> list[tuple[Profile, Counter[str]]]:
    found = []
    for other in ctx.state.profiles:
        if other.id == profile.id:
            continue
        due = to_book(agenda.plan(ctx.state.session, other, today), today)
        if due:
            found.append((other, Counter(i.kind for i in due)))
    return found


def count_text(ctx: ViewContext, kinds: Counter[str]) -> str:
    """ "2 examens, 1 vaccination à planifier" with French plurals (ngettext)."""
    parts = []
    for kind, n in sorted(kinds.items()):
        if kind == "exam":
            parts.append(ctx.ngettext("{n} exam", "{n} exams", n).format(n=n))
        elif kind == "vaccination":
            parts.append(ctx.ngettext("{n} vaccination", "{n} vaccinations", n).format(n=n))
        elif kind == "dental":
            parts.append(ctx.ngettext("{n} dental check-up", "{n} dental check-ups", n).format(n=n))
        elif kind == "screening":
            parts.append(ctx.ngettext("{n} screening", "{n} screenings", n).format(n=n))
        else:
            parts.append(ctx.ngettext("{n} check-up", "{n} check-ups", n).format(n=n))
    return ctx._("{things} to schedule").format(things=", ".join(parts))


def _family_line(ctx: ViewContext, other: Profile, kinds: Counter[str]) -> ft.Control:
    text = ctx._("{name}: {what}").format(name=other.first_name, what=count_text(ctx, kinds))
    return labelled(
        ft.TextButton(text, icon=ft.Icons.GROUP, on_click=lambda e: ctx.state.switch(other.id)),
        text,
        f"todo-family-{other.id}",
    )

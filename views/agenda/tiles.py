"""The agenda's lines: an item (its window, its status as text, colour and icon), a booked item with its
appointment ("Examen du 9e mois - RDV le 04/02/2027"), a personal appointment."""

from __future__ import annotations

import flet as ft

from components.labelled import labelled
from components.status_badge import status_badge
from domain.models import Appointment, Profile
from domain.plan import AgendaItem
from views.agenda import appointments, detail
from views.agenda.appointments import when_text
from views.context import ViewContext
from views.formats import window_text
from views.labels import STATUS_NAMES, date_text


def status_words(ctx: ViewContext, item: AgendaItem) -> str:
    _ = ctx._
    if item.status == "done" and item.done_on:
        return _("Done on {day}").format(day=date_text(item.done_on, _))
    return _(STATUS_NAMES[item.status])


def _tile(title: str, lines: list[str], badge: ft.Control, on_click: object) -> ft.ListTile:
    return ft.ListTile(
        title=ft.Text(title),
        subtitle=ft.Column([*(ft.Text(line) for line in lines if line), badge], spacing=2, tight=True),
        on_click=on_click,  # type: ignore[arg-type]
    )


def item_tile(
    ctx: ViewContext, profile: Profile, item: AgendaItem, family: bool, booked: Appointment | None = None
) -> ft.Control:
    """A booked item keeps its reason as its title and says its appointment under it."""
    _ = ctx._
    name = f"{profile.first_name} - " if family else ""
    title = name + _(item.label)
    if item.status == "scheduled" and booked is not None:
        when = when_text(ctx, booked)
        lines = [when, " - ".join(p for p in (booked.professional, booked.place) if p)]
        spoken = _("{item} - {when}").format(item=title, when=when)
    elif item.status == "scheduled" and item.scheduled_on:
        when = _("Appointment on {day}").format(day=date_text(item.scheduled_on, _))
        lines, spoken = [when], _("{item} - {when}").format(item=title, when=when)
    else:
        lines, spoken = [window_text(item, _, short=True)], f"{title} - {status_words(ctx, item)}"
    badge = status_badge(item.status, status_words(ctx, item))
    tile = _tile(title, lines, badge, lambda e: detail.open_detail(ctx, profile, item, booked))
    return labelled(tile, spoken, f"item-{item.code}-{profile.id[:8]}")


def appointment_tile(
    ctx: ViewContext, profile: Profile, appointment: Appointment, family: bool
) -> ft.Control:
    _ = ctx._
    who = f"{profile.first_name} - " if family else ""
    what = who + (appointment.professional or appointment.note or _("Appointment"))
    when = when_text(ctx, appointment)
    badge = status_badge("scheduled", _(STATUS_NAMES["scheduled"]))
    tile = _tile(
        what,
        [when, appointment.place],
        badge,
        lambda e: appointments.open_form(ctx, profile, appointment),
    )
    tile.leading = ft.Icon(ft.Icons.EVENT)
    return labelled(
        tile,
        _("Edit the appointment: {what}").format(what=f"{what} - {when}"),
        f"appointment-{appointment.id}",
    )

"""Agenda: what is due, by the official French calendar, for the current profile or the whole family.

À planifier / À venir / Passés, then the appointments to come. A tap on an item opens its detail
(what, why, whom to see, coverage, source) where it can be booked or marked done; the calendar
can be exported as an .ics file.
"""

from __future__ import annotations

from datetime import datetime

import flet as ft

from components.labelled import labelled
from domain.models import Appointment, Profile
from domain.plan import AgendaItem
from services import agenda, exports, ical
from services.appointments import list_appointments
from views.agenda import appointments, detail
from views.context import ViewContext
from views.labels import STATUS_NAMES, date_text

SHOWN = 12
SCOPE_KEY = "agenda_scope"  # settings.json: "profile" or "family" (a view preference, no health data)


def family_scope(ctx: ViewContext) -> bool:
    return ctx.state.session.preference(SCOPE_KEY) == "family"


def set_scope(ctx: ViewContext, family: bool) -> None:
    ctx.state.session.set_preference(SCOPE_KEY, "family" if family else "profile")
    ctx.state.notify()


def shown_profiles(ctx: ViewContext) -> list[Profile]:
    state = ctx.state
    if family_scope(ctx):
        return list(state.profiles)
    return [state.current] if state.current is not None else []


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    profile = state.current
    if profile is None:
        return ft.Text(_("No profile yet: add one in Profiles."))
    today = state.today()
    family = family_scope(ctx)
    profiles = shown_profiles(ctx)
    parts = agenda.family_sections(agenda.family_plan(state.session, profiles, today), today)
    title = _("Agenda of the family") if family else _("Agenda of {name}").format(name=profile.first_name)
    return ft.Column(
        [
            ft.Text(title, theme_style=ft.TextThemeStyle.TITLE_LARGE),
            _toolbar(ctx, family),
            _section(ctx, _("To schedule"), parts["to_plan"], _("Nothing to schedule right now."), family),
            _section(ctx, _("Upcoming"), parts["upcoming"][:SHOWN], _("Nothing upcoming."), family),
            _appointments(ctx, profiles, family),
            _section(ctx, _("Past"), parts["past"][:SHOWN], _("Nothing yet."), family),
        ],
        scroll=ft.ScrollMode.AUTO,
        expand=True,
        spacing=12,
    )


def _toolbar(ctx: ViewContext, family: bool) -> ft.Control:
    _ = ctx._
    scope = ft.SegmentedButton(
        segments=[
            ft.Segment(value="profile", label=ft.Text(_("This profile"))),
            ft.Segment(value="family", label=ft.Text(_("Family"))),
        ],
        selected=["family" if family else "profile"],
        on_change=lambda e: set_scope(ctx, "family" in (e.control.selected or [])),
    )
    add_button = ft.FilledButton(
        _("Add an appointment"), icon=ft.Icons.ADD, on_click=lambda e: appointments.open_form(ctx)
    )
    export_button = ft.OutlinedButton(
        _("Export to a calendar (.ics)"), icon=ft.Icons.DOWNLOAD, on_click=lambda e: export(ctx)
    )
    return ft.Row(
        [
            ft.Semantics(content=scope, label=_("Show the agenda of"), identifier="agenda-scope"),
            labelled(add_button, _("Add an appointment"), "add-appointment"),
            labelled(export_button, _("Export to a calendar (.ics)"), "export-ical"),
        ],
        wrap=True,
    )


def _section(
    ctx: ViewContext, title: str, pairs: list[tuple[Profile, AgendaItem]], empty: str, family: bool
) -> ft.Control:
    tiles = [_item_tile(ctx, profile, item, family) for profile, item in pairs]
    return ft.Column([ft.Text(title, weight=ft.FontWeight.BOLD), *(tiles or [ft.Text(empty, italic=True)])])


def _item_tile(ctx: ViewContext, profile: Profile, item: AgendaItem, family: bool) -> ft.Control:
    _ = ctx._
    name = f"{profile.first_name} - " if family else ""
    status = _(STATUS_NAMES[item.status])
    if item.status == "scheduled" and item.scheduled_on:
        status = _("Scheduled on {day}").format(day=date_text(item.scheduled_on, _))
    elif item.status == "done" and item.done_on:
        status = _("Done on {day}").format(day=date_text(item.done_on, _))
    tile = ft.ListTile(
        title=ft.Text(name + _(item.label)),
        subtitle=ft.Text(
            _("{start} to {end} - {status}").format(
                start=date_text(item.window_start, _), end=date_text(item.window_end, _), status=status
            )
        ),
        dense=True,
        on_click=lambda e: detail.open_detail(ctx, profile, item),
    )
    return labelled(tile, name + _(item.label), f"item-{item.code}-{profile.id[:8]}")


def _appointments(ctx: ViewContext, profiles: list[Profile], family: bool) -> ft.Control:
    _ = ctx._
    now = datetime.combine(ctx.state.today(), datetime.min.time())
    coming: list[tuple[Profile, Appointment]] = [
        (profile, a)
        for profile in profiles
        for a in list_appointments(ctx.state.session, profile.id)
        if a.at >= now
    ]
    coming.sort(key=lambda pair: pair[1].at)
    tiles = [_appointment_tile(ctx, profile, a, family) for profile, a in coming]
    return ft.Column(
        [
            ft.Text(_("Appointments"), weight=ft.FontWeight.BOLD),
            *(tiles or [ft.Text(_("No appointment to come."), italic=True)]),
        ]
    )


def _appointment_tile(
    ctx: ViewContext, profile: Profile, appointment: Appointment, family: bool
) -> ft.Control:
    _ = ctx._
    who = f"{profile.first_name} - " if family else ""
    what = appointment.professional or appointment.note or _("Appointment")
    when = _("{day} at {time}").format(
        day=date_text(appointment.at.date(), _), time=appointment.at.strftime("%H:%M")
    )
    tile = ft.ListTile(
        leading=ft.Icon(ft.Icons.EVENT),
        title=ft.Text(who + what),
        subtitle=ft.Text(f"{when} - {appointment.place}" if appointment.place else when),
        dense=True,
        on_click=lambda e: appointments.open_form(ctx, profile, appointment),
    )
    return labelled(
        tile, _("Edit the appointment: {what}").format(what=who + what), f"appointment-{appointment.id}"
    )


def export(ctx: ViewContext) -> None:
    """Writes the shown agenda as .ics in the export folder and says where."""
    _, state = ctx._, ctx.state
    profiles = shown_profiles(ctx)

    def write() -> None:
        data = ical.export_calendar(state.session, profiles, state.today(), datetime.now().astimezone(), _)
        name = "agenda-family" if len(profiles) > 1 else f"agenda-{profiles[0].id[:8]}"
        path = exports.write_export(state.export_dir, f"{name}.ics", data)
        ctx.host.toast(_("Calendar saved in {path}").format(path=str(path)))

    ctx.act(write)

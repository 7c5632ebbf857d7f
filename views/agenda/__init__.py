"""Agenda: what is due, by the official French calendar, for the current profile or the whole family.

À planifier / Planifié / À venir / Passés, each nearest first; a booked item moves to Planifié with
its appointment, beside the personal appointments. A tap on an item opens its detail
(what, why, whom to see, coverage, source) where it can be booked or marked done; the calendar
can be exported as an .ics file.
"""

from __future__ import annotations

from datetime import date, datetime

import flet as ft

from components.labelled import labelled
from domain.models import Appointment, Profile
from domain.plan import AgendaItem
from services import agenda, exports, ical
from services.appointments import list_appointments
from views.agenda import appointments, tiles
from views.context import ViewContext

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
    booked, personal = _appointments(ctx, profiles)
    title = _("Agenda of the family") if family else _("Agenda of {name}").format(name=profile.first_name)
    return ft.Column(
        [
            ft.Text(title, theme_style=ft.TextThemeStyle.TITLE_LARGE),
            _toolbar(ctx, family),
            _section(
                _("To schedule"), _lines(ctx, parts["to_plan"], family), _("Nothing to schedule right now.")
            ),
            _section(
                _("Scheduled"),
                _scheduled(ctx, parts["scheduled"], booked, personal, family, today),
                _("No appointment to come."),
                "agenda-scheduled",
            ),
            _section(_("Upcoming"), _lines(ctx, parts["upcoming"][:SHOWN], family), _("Nothing upcoming.")),
            _section(_("Past"), _past(ctx, parts["past"], personal, family, today), _("Nothing yet.")),
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


def _section(title: str, lines: list[ft.Control], empty: str, identifier: str | None = None) -> ft.Control:
    column = ft.Column([ft.Text(title, weight=ft.FontWeight.BOLD), *(lines or [ft.Text(empty, italic=True)])])
    return ft.Semantics(content=column, identifier=identifier, container=True) if identifier else column


def _lines(ctx: ViewContext, pairs: list[tuple[Profile, AgendaItem]], family: bool) -> list[ft.Control]:
    return [tiles.item_tile(ctx, profile, item, family) for profile, item in pairs]


Booked = dict[tuple[str, str], Appointment]  # (profile id, item code) -> the appointment that books it
Personal = list[tuple[Profile, Appointment]]


def _appointments(ctx: ViewContext, profiles: list[Profile]) -> tuple[Booked, Personal]:
    """The appointments that book an item (shown as that item, with its reason) and the personal ones."""
    booked: Booked = {}
    personal: Personal = []
    for profile in profiles:
        for appointment in list_appointments(ctx.state.session, profile.id):
            if appointment.item_code:
                known = booked.get((profile.id, appointment.item_code))
                if known is None or appointment.at > known.at:
                    booked[(profile.id, appointment.item_code)] = appointment
            else:
                personal.append((profile, appointment))
    return booked, personal


def _scheduled(
    ctx: ViewContext,
    pairs: list[tuple[Profile, AgendaItem]],
    booked: Booked,
    personal: Personal,
    family: bool,
    today: date,
) -> list[ft.Control]:
    """Booked items and personal appointments to come, inline, nearest first."""
    entries: list[tuple[date, ft.Control]] = []
    for profile, item in pairs:
        appointment = booked.get((profile.id, item.code))
        day = appointment.at.date() if appointment else item.scheduled_on or item.window_start
        entries.append((day, tiles.item_tile(ctx, profile, item, family, appointment)))
    for profile, appointment in personal:
        if appointment.at.date() >= today:
            entries.append((appointment.at.date(), tiles.appointment_tile(ctx, profile, appointment, family)))
    entries.sort(key=lambda entry: entry[0])
    return [control for _day, control in entries]


def _past(
    ctx: ViewContext, pairs: list[tuple[Profile, AgendaItem]], personal: Personal, family: bool, today: date
) -> list[ft.Control]:
    """Most recent first: the last SHOWN done items and past appointments, and every missed one (the
    Examens tab calls them late too: no screen hides what another shows)."""
    entries: list[tuple[date, bool, ft.Control]] = [
        (agenda.item_day(item, "past"), item.status == "overdue", tiles.item_tile(ctx, profile, item, family))
        for profile, item in pairs
    ]
    entries += [
        (a.at.date(), False, tiles.appointment_tile(ctx, profile, a, family))
        for profile, a in personal
        if a.at.date() < today
    ]
    entries.sort(key=lambda entry: entry[0], reverse=True)
    return [control for rank, (_d, missed, control) in enumerate(entries) if missed or rank < SHOWN]


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

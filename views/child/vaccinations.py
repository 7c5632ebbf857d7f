"""The vaccination tab: doses given (with the box's GS1 code), what is due or overdue, the PDF summary."""

from __future__ import annotations

from datetime import timedelta

import flet as ft

from components.form_dialog import FormDialog
from components.labelled import labelled
from components.section_card import SectionCard
from domain.gs1 import parse_gs1
from domain.models import Immunization, Profile
from domain.plan import AgendaItem
from services import agenda, records, vaccination_pdf
from views.child import vaccination_grid
from views.context import ViewContext
from views.formats import day_field, day_pattern
from views.forms import FormValues, on_field
from views.labels import STATUS_INLINE, VACCINE_NAMES, date_text, vaccine_text

SOON = timedelta(days=62)  # "due" also lists what opens within two months
RECENTLY_EXPIRED = timedelta(days=365)  # a dose no longer possible is explained for a year


def build(ctx: ViewContext, profile: Profile) -> ft.Control:
    _, state = ctx._, ctx.state
    doses = records.list_records(state.session, profile.id, "immunization")
    export = labelled(
        ft.OutlinedButton(
            _("Export the vaccination summary (PDF)"),
            icon=ft.Icons.PICTURE_AS_PDF,
            on_click=lambda e: export_pdf(ctx, profile),
        ),
        _("Export the vaccination summary (PDF)"),
        "vaccination-export",
    )
    add = labelled(
        ft.FilledButton(
            _("Record a vaccination"), icon=ft.Icons.ADD, on_click=lambda e: open_dose_form(ctx, profile)
        ),
        _("Record a vaccination"),
        "vaccination-add",
    )
    view = ctx.state.choices.get("enfant.vaccinations", "list")
    if view == "booklet":
        return ft.Column([_view_switch(ctx, view), vaccination_grid.build(ctx, profile)], spacing=10)
    return ft.Column(
        [
            _view_switch(ctx, view),
            _due(ctx, profile),
            SectionCard(
                title=_("Vaccinations given"),
                lines=[_dose_line(ctx, d) for d in doses],
                empty_text=_("No vaccination recorded."),
            ),
            ft.Row([add, export], wrap=True, spacing=8),
        ],
        spacing=10,
    )


def _view_switch(ctx: ViewContext, current: str) -> ft.Control:
    """The list (doses given, what is due) or the booklet's grid (vaccines x ages), side by side."""
    _ = ctx._
    names = {"list": _("List"), "booklet": _("Booklet grid")}
    chips: list[ft.Control] = [
        ft.Semantics(
            content=ft.Chip(
                label=ft.Text(name),
                selected=value == current,
                on_select=lambda e, v=value: ctx.state.choose("enfant.vaccinations", v),
            ),
            label=name,
            identifier=f"vaccination-view-{value}",
            selected=value == current,
            button=True,
        )
        for value, name in names.items()
    ]
    return ft.Row(chips, wrap=True, spacing=6)


def _due(ctx: ViewContext, profile: Profile) -> ft.Control:
    _, today = ctx._, ctx.state.today()
    items = [i for i in agenda.plan(ctx.state.session, profile, today) if i.kind == "vaccination"]
    due = [
        i
        for i in items
        if i.status in ("overdue", "to_schedule", "catch_up")
        or (i.status == "upcoming" and i.window_start <= today + SOON)
        or (i.status == "expired" and today - i.window_end < RECENTLY_EXPIRED)
    ]
    lines: list[ft.Control] = [
        ft.Semantics(content=ft.Text(_due_text(ctx, i)), identifier=f"due-{i.code}") for i in due
    ]
    return SectionCard(
        title=_("Due or overdue (2025 calendar)"),
        lines=lines,
        empty_text=_("Nothing due: the vaccinations are up to date."),
    )


def _due_text(ctx: ViewContext, item: AgendaItem) -> str:
    _ = ctx._
    text = _("{label}: {status}, from {start} to {end}").format(
        label=_(item.label),
        status=_(STATUS_INLINE[item.status]),
        start=date_text(item.window_start, _),
        end=date_text(item.last_day, _),
    )
    until = item.catch_up_last_day
    if item.status == "catch_up" and until is not None:
        text += " " + _("Catch-up possible until {day}.").format(day=date_text(until, _))
    if item.status == "expired":
        text += " " + _(item.note)
    return text


def _dose_line(ctx: ViewContext, dose: Immunization) -> ft.Control:
    _ = ctx._
    parts = [
        date_text(dose.on, _),
        vaccine_text(dose.vaccine, _),
        dose.product,
        _("lot {lot}").format(lot=dose.lot) if dose.lot else "",
        dose.professional,
    ]
    if dose.expiry:
        parts.append(_("expires {day}").format(day=date_text(dose.expiry, _)))
    text = " - ".join(p for p in parts if p)
    return ft.Semantics(content=ft.Text(text), label=text, identifier=f"dose-{dose.id}")


def open_dose_form(ctx: ViewContext, profile: Profile) -> FormDialog:
    _, state = ctx._, ctx.state
    form = FormDialog(
        heading=_("Record a vaccination"),
        fields=[
            ("vaccine", _("Vaccine"), "hexa"),
            ("on", _("Date ({pattern})").format(pattern=day_pattern(_)), day_field(state.today(), _)),
            ("product", _("Product"), ""),
            ("lot", _("Lot"), ""),
            ("professional", _("Professional"), ""),
            ("gs1", _("Code of the box (GS1, optional): (01)...(17)...(10)...(21)..."), ""),
        ],
        choices={"vaccine": {code: _(name) for code, name in VACCINE_NAMES.items()}},
        kinds={"on": "date"},
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
        identifier="dose",
    )

    def save(values: FormValues) -> None:
        with on_field("gs1"):
            code = parse_gs1(values["gs1"])
        with on_field(dated="on"):  # a day in the future, before the birth
            records.record_dose(
                state.session,
                profile.id,
                state.today(),
                vaccine=values["vaccine"],
                on=values.day("on"),
                product=values["product"].strip(),
                lot=values["lot"].strip() or code.lot,
                professional=values["professional"].strip(),
                gtin=code.gtin,
                expiry=code.expiry,
                serial=code.serial,
            )

    return ctx.form(form, save, _("Vaccination recorded."))


def export_pdf(ctx: ViewContext, profile: Profile) -> None:
    _, state = ctx._, ctx.state
    paths = []
    ok = ctx.act(
        lambda: paths.append(
            vaccination_pdf.export_summary(
                state.session, profile, state.today(), _, lambda code: vaccine_text(code, _), state.export_dir
            )
        )
    )
    if ok:
        ctx.host.toast(_("Vaccination summary saved: {path}").format(path=str(paths[0])))

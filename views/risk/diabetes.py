"""Living with type 2 diabetes: the HAS follow-up (the agenda's ``t2d-`` items, with their reminders),
the glucose log (typed in, imported from a meter or sensor export, or from FHIR) and the glucose report
for the doctor. For a person who does not record it, one button says so (it goes into the history)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

import flet as ft

from components.form_dialog import FormDialog
from components.labelled import labelled
from domain.errors import N_, ValidationError
from domain.glucose import GlucoseReading
from domain.models import Profile
from services import agenda, glucose
from services import risk as risk_service
from views.context import ViewContext
from views.forms import FormValues, date_label, day_input, on_field
from views.labels import STATUS_INLINE, date_text
from views.risk import glucose_import
from views.risk.findings import number_text

WHY = N_(
    "If you live with type 2 diabetes, Carnet adds its follow-up to your agenda (HbA1c every 3 months; "
    "eyes, feet, kidneys, lipids, heart and teeth every year; flu and pneumococcal vaccines), with reminders."
)


def section(ctx: ViewContext, profile: Profile, conditions: set[str]) -> ft.Control:
    _ = ctx._
    title = ft.Text(_("Diabetes follow-up"), weight=ft.FontWeight.BOLD, size=16)
    if "type2_diabetes" not in conditions:
        body: list[ft.Control] = [
            ft.Text(_(WHY)),
            labelled(
                ft.OutlinedButton(_("I live with type 2 diabetes"), on_click=lambda e: _record(ctx, profile)),
                _("I live with type 2 diabetes"),
                "record-t2d",
            ),
        ]
    else:
        body = [*_follow_up(ctx, profile), ft.Divider(), *_log(ctx, profile)]
    return ft.Card(content=ft.Container(padding=12, content=ft.Column([title, *body], spacing=8)))


def _record(ctx: ViewContext, profile: Profile) -> None:
    state = ctx.state
    if ctx.act(
        lambda: risk_service.record_condition(state.session, profile.id, "type2_diabetes", state.today()),
        ctx._("Added to your medical history."),
    ):
        state.notify()


def _follow_up(ctx: ViewContext, profile: Profile) -> list[ft.Control]:
    _, today = ctx._, ctx.state.today()
    items = agenda.diabetes_items(ctx.state.session, profile, today)  # with the flu campaign's item
    lines: list[ft.Control] = []
    for item in sorted(items, key=lambda i: (i.status not in ("overdue", "to_schedule"), i.window_start)):
        status = _(STATUS_INLINE.get(item.status, item.status))
        if item.status == "done" and item.done_on is not None:  # the flu campaign's item, this season
            text = _("{label}: done on {day}").format(label=_(item.label), day=date_text(item.done_on, _))
        elif item.status in ("upcoming", "scheduled") or item.window_start < today:
            when = date_text(item.scheduled_on or item.window_start, _)
            text = _("{label}: {status}, from {day}").format(label=_(item.label), status=status, day=when)
        else:  # due from today: the date would say nothing more
            text = _("{label}: {status}").format(label=_(item.label), status=status)
        lines.append(ft.Text(text))
    return lines


def _log(ctx: ViewContext, profile: Profile) -> list[ft.Control]:
    _, state = ctx._, ctx.state
    found = glucose.readings(state.session, profile.id)
    lines: list[ft.Control] = [ft.Text(_("Glucose log"), weight=ft.FontWeight.BOLD)]
    if not found:
        lines.append(ft.Text(_("No glucose reading yet."), italic=True))
    else:
        lines.append(ft.Text(_("Readings: {n}; the latest:").format(n=len(found))))
        for r in reversed(found[-3:]):
            lines.append(
                ft.Text(f"{date_text(r.at.date(), _)} {r.at:%H:%M} - {_glucose_text(r, number_text(_))}")
            )
    actions = [
        (_("Add a reading"), ft.Icons.ADD, "glucose-add", lambda e: show_form(ctx, profile.id)),
        (
            _("Import a meter or sensor export (CSV)"),
            ft.Icons.UPLOAD_FILE,
            "glucose-import-csv",
            lambda e: ctx.host.run_task(glucose_import.pick_csv, ctx, profile.id),
        ),
        (
            _("Import a FHIR file"),
            ft.Icons.UPLOAD_FILE,
            "glucose-import-fhir",
            lambda e: ctx.host.run_task(glucose_import.pick_fhir, ctx, profile.id),
        ),
    ]
    if found:
        actions.append(
            (
                _("Glucose report (PDF)"),
                ft.Icons.PICTURE_AS_PDF,
                "glucose-report",
                lambda e: export_report(ctx, profile),
            )
        )
    buttons: list[ft.Control] = [
        labelled(ft.OutlinedButton(text, icon=icon, on_click=act), text, key)
        for text, icon, key, act in actions
    ]
    lines.append(ft.Row(buttons, wrap=True))
    return lines


def _glucose_text(r: GlucoseReading, number: Callable[[float], str]) -> str:
    return f"{number(r.mg_dl)} mg/dL ({number(round(r.g_per_l, 2))} g/L)"


BAD_TIME = N_("\u201c{text}\u201d is not a valid time (expected HH:MM).")
GLUCOSE_REFUSALS = {"A reading of that minute is already recorded.": "time"}


def show_form(ctx: ViewContext, profile_id: str) -> FormDialog:
    _ = ctx._
    form = FormDialog(
        heading=_("Add a glucose reading"),
        identifier="form-glucose",
        fields=[
            ("value", _("Glucose"), ""),
            ("unit", _("Unit"), "g/L"),
            ("on", date_label(_("Date"), _), day_input(ctx.state.today(), _)),
            ("time", _("Time (HH:MM)"), "08:00"),
        ],
        kinds={"value": "number", "on": "date"},
        choices={"unit": {"g/L": "g/L", "mg/dL": "mg/dL", "mmol/L": "mmol/L"}},
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
    )

    def save(values: FormValues) -> None:
        from domain.glucose_csv import TO_MG_DL

        number, day = values.number("value"), values.day("on")
        with on_field("time"):
            moment = _time(values["time"])
        with on_field("value", dated="on", messages=GLUCOSE_REFUSALS):  # out of range; a future day
            glucose.add_reading(
                ctx.state.session,
                profile_id,
                ctx.state.today(),
                datetime.combine(day, moment),
                round(number * TO_MG_DL[values["unit"]], 1),
            )

    return ctx.form(form, save, _("Saved."))


def _time(text: str) -> time:
    """A time typed as 07:45 (or 7h45, as the French write it)."""
    value = text.strip()
    if not value:
        raise ValidationError(N_("Enter a time as HH:MM."))
    try:
        hours, minutes = (int(part) for part in value.lower().replace("h", ":").split(":"))
        return datetime(2000, 1, 1, hours, minutes).time()
    except ValueError as exc:
        raise ValidationError(BAD_TIME, text=value) from exc


def export_report(ctx: ViewContext, profile: Profile) -> None:
    from services.glucose_report import report_pdf

    _, state = ctx._, ctx.state
    made: list[bytes] = []
    if not ctx.act(
        lambda: made.append(
            report_pdf(profile, glucose.readings(state.session, profile.id), state.today(), _)
        )
    ):
        return
    name = f"glycemie-{profile.first_name.lower()}-{state.today():%Y%m%d}.pdf"

    async def save() -> None:
        where = await ctx.host.files.save_as(
            _("Save the glucose report (PDF)"), name, data=made[0], extension="pdf"
        )
        if where:
            ctx.host.toast(_("Glucose report saved."))

    ctx.host.run_task(save)

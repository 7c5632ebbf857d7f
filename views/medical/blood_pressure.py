"""Profil médical, the "Tension" entry: blood pressure entered and shown as one pair (120/80 mmHg),
systolic and diastolic charted together (issue 13's line, issue 15's pair). Readings are
``BloodPressure`` records; pairs of single systolic and diastolic measures of older Carnets are shown
with them (``pair_measurements``)."""

from __future__ import annotations

from typing import Any

import flet as ft

from components.form_dialog import FormDialog
from components.labelled import labelled
from components.pair_chart import PairChart
from domain.bp_series import BloodPressure, pair_measurements
from domain.models import MEASUREMENTS
from services import records
from services import risk as risk_service
from views.context import ViewContext
from views.forms import FormValues, date_label, day_input, on_field
from views.labels import date_text

KIND = "blood_pressure"  # the measure menu's key for the pair


def pair_text(high: float, low: float, comma: bool = False) -> str:
    """120/80 mmHg; a mean of a series keeps its decimal (139,7/87 mmHg with a French comma)."""
    text = f"{high:g}/{low:g} mmHg"
    return text.replace(".", ",") if comma else text


def all_pairs(ctx: ViewContext, profile_id: str) -> list[BloodPressure]:
    """The readings and the older pairs of single measures, oldest first."""
    measured = records.list_records(ctx.state.session, profile_id, "measurement")
    pairs = [*risk_service.readings(ctx.state.session, profile_id), *pair_measurements(measured)]
    return sorted(pairs, key=lambda r: r.on)


def body(ctx: ViewContext, profile_id: str) -> list[ft.Control]:
    _ = ctx._
    pairs = all_pairs(ctx, profile_id)
    if not pairs:
        return [ft.Text(_("No measurement yet."), italic=True)]
    stored = {r.id for r in risk_service.readings(ctx.state.session, profile_id)}
    labels = [date_text(r.on, _) for r in pairs]
    last = pairs[-1]
    summary = _("Blood pressure: {n} readings, latest {value}").format(
        n=len(pairs), value=pair_text(last.systolic, last.diastolic)
    )
    chart = PairChart(
        points=[(r.on, r.systolic, r.diastolic) for r in pairs],
        labels=labels,
        names=(_("Systolic pressure"), _("Diastolic pressure")),
        unit="mmHg",
        summary=summary,
    )
    rows = [_row(ctx, profile_id, r, r.id in stored) for r in reversed(pairs)]
    table = ft.DataTable(
        columns=[
            ft.DataColumn(label=ft.Text(_("Date"))),
            ft.DataColumn(label=ft.Text(_("Blood pressure") + " (mmHg)")),  # the unit once: rows fit a phone
            ft.DataColumn(label=ft.Text("")),
        ],
        rows=rows,
    )
    return [ft.Text(summary), chart, table]


def _row(ctx: ViewContext, profile_id: str, r: BloodPressure, stored: bool) -> ft.DataRow:
    _ = ctx._
    what = f"{date_text(r.on, _)} {pair_text(r.systolic, r.diastolic)}"
    action: ft.Control = ft.Text("")
    if stored:
        action = labelled(
            ft.IconButton(ft.Icons.DELETE, on_click=lambda e: _confirm_delete(ctx, profile_id, r, what)),
            _("Delete: {what}").format(what=what),
            f"delete-{r.id}",
        )
    value = f"{r.systolic:g}/{r.diastolic:g}"
    return ft.DataRow(
        cells=[ft.DataCell(ft.Text(date_text(r.on, _))), ft.DataCell(ft.Text(value)), ft.DataCell(action)]
    )


def _confirm_delete(ctx: ViewContext, profile_id: str, r: BloodPressure, what: str) -> None:
    _ = ctx._
    ctx.confirm(
        _("Delete \u201c{what}\u201d?").format(what=what),
        _("Delete"),
        lambda: records.delete_record(ctx.state.session, profile_id, r),
        done=_("Deleted."),
        after=ctx.state.notify,
    )


def wrong_field(high: float, low: float, rate: float | None) -> str:
    """The field a refused reading is about: out of its range, or a diastolic not below the systolic."""
    for key, value in (("systolic", high), ("diastolic", low), ("heart_rate", rate)):
        low_limit, high_limit = MEASUREMENTS[key][2:]
        if value is not None and not low_limit <= value <= high_limit:
            return key
    return "diastolic"


def show_form(ctx: ViewContext, profile_id: str, after: Any = None) -> FormDialog:
    """One "Tension" entry with two fields (systolic, diastolic), the heart rate if taken, the date."""
    _ = ctx._
    form = FormDialog(
        heading=_("Add a blood pressure"),
        identifier="form-blood-pressure",
        fields=[
            ("systolic", _("Systolic (high number, mmHg)"), ""),
            ("diastolic", _("Diastolic (low number, mmHg)"), ""),
            ("heart_rate", _("Heart rate (/min, optional)"), ""),
            ("on", date_label(_("Date"), _), day_input(ctx.state.today(), _)),
        ],
        kinds={"systolic": "number", "diastolic": "number", "heart_rate": "optional number", "on": "date"},
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
    )

    def save(values: FormValues) -> None:
        high, low = values.number("systolic"), values.number("diastolic")
        rate, on = values.optional_number("heart_rate"), values.day("on")
        with on_field(wrong_field(high, low, rate), dated="on"):  # a value out of range, a day in the future
            reading = BloodPressure(high, low, on, heart_rate=rate)
            records.add_record(ctx.state.session, profile_id, reading, ctx.state.today())

    return ctx.form(form, save, _("Saved."), after)

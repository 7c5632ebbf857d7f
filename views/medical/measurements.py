"""Profil médical, measurements: a chart per measure (flet-charts), a table of its values, a form to add one.
BMI is computed from each weight and the latest height before it."""

from __future__ import annotations

import contextlib
import weakref
from typing import Any

import flet as ft

from components.form_dialog import FormDialog
from components.labelled import labelled
from components.measurement_chart import MeasurementChart, number_text
from domain.models import MEASUREMENTS
from domain.units import stored_value, to_canonical, units_for
from services import medical_profile as mp
from services import records
from views.context import ViewContext
from views.forms import FormValues, date_label, day_input, on_field
from views.labels import MEASUREMENT_NAMES, UNIT_NAMES, date_text, measurement_text
from views.medical import blood_pressure as bp
from views.state import AppState

PAIRED = (
    "systolic",
    "diastolic",
)  # entered and shown as one blood-pressure pair (views/medical/blood_pressure.py)
_CHOSEN: weakref.WeakKeyDictionary[AppState, str] = weakref.WeakKeyDictionary()  # the measure shown


def confirm_delete(ctx: ViewContext, profile_id: str, m: Any) -> None:
    _ = ctx._
    what = f"{date_text(m.on, _)} {measurement_text(m.kind, m.value, _)}"
    ctx.confirm(
        _("Delete \u201c{what}\u201d?").format(what=what),
        _("Delete"),
        lambda: mp.delete_entry(ctx.state.session, profile_id, m),
        done=_("Deleted."),
        after=ctx.state.notify,
    )


def chosen_measure(state: AppState, available: list[str]) -> str:
    current = _CHOSEN.get(state, "")
    return current if current in available else (available[0] if available else "weight")


def choose_measure(ctx: ViewContext, kind: str) -> None:
    _CHOSEN[ctx.state] = kind
    ctx.state.notify()


def panel(ctx: ViewContext, profile_id: str) -> ft.Control:
    _ = ctx._
    measurements = records.list_records(ctx.state.session, profile_id, "measurement")
    available = [k for k in MEASUREMENTS if k not in PAIRED and mp.series(measurements, k)]
    names = {**{k: _(MEASUREMENT_NAMES[k]) for k in available or ["weight"]}, bp.KIND: _("Blood pressure")}
    kind = chosen_measure(ctx.state, list(names))  # blood pressure: one pair (issue 15)
    menu = ft.Dropdown(
        label=_("Measure"),
        value=kind,
        width=260,
        options=[ft.DropdownOption(key=k, text=text) for k, text in names.items()],
        on_select=lambda e: choose_measure(ctx, e.control.value),
    )
    add = labelled(
        ft.OutlinedButton(
            _("Add a measurement"),
            icon=ft.Icons.ADD,
            on_click=lambda e: (
                bp.show_form(ctx, profile_id)
                if kind == bp.KIND
                else show_measurement_form(ctx, profile_id, kind)
            ),
        ),
        _("Add a measurement"),
        "add-measurement",
    )
    body: list[ft.Control] = [
        ft.Text(_("Measurements"), weight=ft.FontWeight.BOLD),
        ft.Row([ft.Semantics(content=menu, label=_("Measure"), identifier="measure"), add], wrap=True),
    ]
    if kind == bp.KIND:
        body.extend(bp.body(ctx, profile_id))
        return ft.Card(content=ft.Container(padding=10, content=ft.Column(body, spacing=6)))
    points = mp.series(measurements, kind)
    unit = UNIT_NAMES.get(MEASUREMENTS[kind][1], MEASUREMENTS[kind][1])
    if not points:
        body.append(ft.Text(_("No measurement yet."), italic=True))
    else:
        labels = [date_text(day, _) for day, _v in points]
        summary = ctx.ngettext(
            "{name}: {n} value, latest {value}", "{name}: {n} values, latest {value}", len(points)
        ).format(
            name=_(MEASUREMENT_NAMES[kind]),
            n=len(points),
            value=f"{number_text(points[-1][1], _('decimal-separator'))} {unit}",
        )
        body.append(
            MeasurementChart(
                points=points,
                labels=labels,
                unit=unit,
                summary=summary,
                decimal_mark=_("decimal-separator"),
                day_pattern=_("%m/%d/%Y"),
            )
        )
        body.append(_table(ctx, profile_id, kind, measurements, unit))
    return ft.Card(content=ft.Container(padding=10, content=ft.Column(body, spacing=6)))


def _table(ctx: ViewContext, profile_id: str, kind: str, measurements: list[Any], unit: str) -> ft.Control:
    _ = ctx._
    rows = []
    stored = {(m.on, m.value): m for m in measurements if m.kind == kind}
    for day, value in reversed(mp.series(measurements, kind)):
        m = stored.get((day, value))
        action: ft.Control = ft.Text(_("computed") if kind == "bmi" and m is None else "")
        if m is not None:
            action = labelled(
                ft.IconButton(ft.Icons.DELETE, on_click=lambda e, m=m: confirm_delete(ctx, profile_id, m)),
                _("Delete: {what}").format(
                    what=f"{date_text(day, _)} {number_text(value, _('decimal-separator'))} {unit}"
                ),
                f"delete-{m.id}",
            )
        rows.append(
            ft.DataRow(
                cells=[
                    ft.DataCell(ft.Text(date_text(day, _))),
                    ft.DataCell(
                        ft.Text(f"{number_text(value, _('decimal-separator'))} {unit}", no_wrap=True)
                    ),
                    ft.DataCell(action),
                ]
            )
        )
    return ft.DataTable(
        columns=[
            ft.DataColumn(label=ft.Text(_("Date"))),
            ft.DataColumn(label=ft.Text(_("Value"))),
            ft.DataColumn(label=ft.Text("")),
        ],
        rows=rows,
        column_spacing=24,  # a value with its unit stays on one line on a phone
        horizontal_margin=12,
    )


def _offer_units(form: FormDialog, kind: str) -> None:
    """The units printed on reports for the measure chosen, the one Carnet stores first (issue 15)."""
    control = form.inputs["unit"]
    assert isinstance(control, ft.Dropdown)
    control.options = [ft.DropdownOption(key=u, text=u) for u in units_for(kind)]
    control.value = units_for(kind)[0]
    with contextlib.suppress(RuntimeError):  # not on a page (the client-less tests)
        control.update()


def show_measurement_form(ctx: ViewContext, profile_id: str, kind: str) -> FormDialog:
    _ = ctx._
    kinds = [k for k in MEASUREMENTS if k != "bmi" and k not in PAIRED]
    chosen = kind if kind in kinds else "weight"
    form = FormDialog(
        heading=_("Add a measurement"),
        identifier="form-measurement",
        fields=[
            ("kind", _("Measure"), chosen),
            ("value", _("Value"), ""),
            ("unit", _("Unit (as printed on the report)"), units_for(chosen)[0]),
            ("on", date_label(_("Date"), _), day_input(ctx.state.today(), _)),
        ],
        kinds={"value": "number", "on": "date"},
        choices={
            "kind": {k: _(MEASUREMENT_NAMES[k]) for k in kinds},
            "unit": {u: u for u in units_for(chosen)},
        },
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
    )
    menu = form.inputs["kind"]
    assert isinstance(menu, ft.Dropdown)
    menu.on_select = lambda e: _offer_units(form, str(e.control.value))

    def save(values: FormValues) -> None:
        with on_field("value", dated="on"):  # a value out of the measure's range, a day in the future
            kind = values["kind"]
            printed = values.number("value")  # as printed on the report, in the unit chosen
            with on_field("unit"):
                value = stored_value(kind, to_canonical(kind, printed, values["unit"]))
            records.add_measurement(
                ctx.state.session,
                profile_id,
                ctx.state.today(),
                kind=kind,
                value=value,
                on=values.day("on"),
            )
        _CHOSEN[ctx.state] = values["kind"]  # the chart shows the measure just added

    return ctx.form(form, save, _("Saved."))

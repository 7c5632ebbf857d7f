"""The growth tab: a WHO chart per measure and age range, calm notes, and a measurement added in place."""

from __future__ import annotations

from datetime import date

import flet as ft

from components.form_errors import FieldForm
from components.growth_chart import GrowthChart
from components.labelled import labelled, one_node
from components.section_card import SectionCard
from domain.errors import N_, ValidationError
from domain.models import MEASUREMENTS, Profile
from services import records
from services.growth_charts import (
    ENTERED,
    MEASURES,
    ChartData,
    Note,
    add_growth_measurement,
    default_view,
    growth_chart,
    views_for,
)
from views.child.growth_entries import check_then_save, entries_card
from views.context import ViewContext
from views.formats import day_field, day_pattern, signed_text
from views.forms import FormValues, on_field
from views.labels import MEASUREMENT_NAMES, UNIT_NAMES, date_text, measurement_text

VIEW_NAMES = {"0-2": N_("0-2 years"), "0-5": N_("0-5 years"), "5-19": N_("5-19 years")}
X_STEPS = {"months": [3.0, 6.0, 12.0, 24.0], "years": [1.0, 2.0, 5.0]}  # labels at ages people say
X_TITLES = {"months": N_("Age (months)"), "years": N_("Age (years)")}


def build(ctx: ViewContext, child: Profile) -> ft.Control:
    _, state = ctx._, ctx.state
    measure = state.choices.get("enfant.measure", "weight")
    measure = measure if measure in MEASURES else "weight"
    views = views_for(measure, child.sex)
    view = state.choices.get("enfant.view", default_view(child.birth_date, state.today()))
    view = view if view in views else views[-1]
    data = growth_chart(state.session, child, measure, view)
    controls: list[ft.Control] = [
        _selector(
            ctx, "enfant.measure", measure, {m: MEASUREMENT_NAMES[m] for m in MEASURES}, "growth-measure"
        ),
        _selector(ctx, "enfant.view", view, {v: VIEW_NAMES[v] for v in views}, "growth-view"),
        _chart(ctx, data),
        ft.Text(
            _(
                "Curves of the WHO (growth standards to 5 years, reference from 5 to 19), not the "
                "AFPA-CRESS 2018 curves of the paper health booklet."
            ),
            size=12,
            italic=True,
        ),
        *[_note(_note_text(ctx, n)) for n in data.notes],
    ]
    if measure in ENTERED:
        controls += [_form(ctx, child, measure), entries_card(ctx, child, measure)]
    controls.append(_birth_term_form(ctx, child))
    return ft.Column(controls, spacing=10)


def _note_text(ctx: ViewContext, note: Note) -> str:
    _ = ctx._
    params = {k: date_text(v, _) if isinstance(v, date) else v for k, v in note.params.items()}
    return _(note.msgid).format(**params)


def _selector(ctx: ViewContext, key: str, current: str, options: dict[str, str], ident: str) -> ft.Control:
    _ = ctx._
    chips: list[ft.Control] = [
        one_node(
            ft.Chip(
                label=ft.Text(_(name)),
                selected=value == current,
                on_select=lambda e, v=value: ctx.state.choose(key, v),
            ),
            f"{ident}-{value}",
            selected=value == current,
        )
        for value, name in options.items()
    ]
    return ft.Row(chips, wrap=True, spacing=6)


def _point_label(ctx: ViewContext, data: ChartData, index: int) -> str:
    _ = ctx._
    point = data.points[index]
    value = round(point.value, 1) if data.measure == "bmi" else point.value
    return _("{day}: {measure} ({z} SD)").format(
        day=date_text(point.on, _),
        measure=measurement_text(data.measure, value, _),
        z=signed_text(point.z, ctx.state.language),
    )


def _chart(ctx: ViewContext, data: ChartData) -> ft.Control:
    _ = ctx._
    unit = MEASUREMENTS[data.measure][1]
    return GrowthChart(
        lines=data.lines,
        points=[
            (p.x, p.value, p.on.isoformat(), _point_label(ctx, data, i)) for i, p in enumerate(data.points)
        ],
        x_title=_(X_TITLES[data.x_unit]),
        y_title=f"{_(MEASUREMENT_NAMES[data.measure])} ({UNIT_NAMES.get(unit, unit)})",
        title=_(
            "WHO growth curves (not the AFPA-CRESS 2018 curves of the paper health booklet), lines at "
            "-3 to +3 SD, and the child's measurements"
        ),
        bounds=(data.min_x, data.max_x, data.min_y, data.max_y),
        legend={
            "median": _("Median"),
            "sd1": _("±1 SD"),
            "sd2": _("±2 SD"),
            "sd3": _("±3 SD"),
            "child": _("The child's measurements"),
        },
        decimal=_("decimal-separator"),
        x_steps=X_STEPS[data.x_unit],
    )


def _note(text: str) -> ft.Control:
    # A calm note, not an alarm: an information icon and plain text, no red.
    return ft.Semantics(
        content=ft.Row(
            [ft.Icon(ft.Icons.INFO_OUTLINE, color=ft.Colors.BLUE_GREY_400), ft.Text(text, expand=True)]
        ),
        label=text,
        identifier="growth-note",
    )


def _form(ctx: ViewContext, child: Profile, measure: str) -> ft.Control:
    _, state = ctx._, ctx.state
    unit = MEASUREMENTS[measure][1]
    day = ft.TextField(
        label=_("Date"), value=day_field(state.today(), _), hint_text=day_pattern(_), width=160
    )
    value = ft.TextField(label=f"{_(MEASUREMENT_NAMES[measure])} ({UNIT_NAMES.get(unit, unit)})", width=180)
    lying = ft.Switch(label=_("Measured lying down"), value=(state.today() - child.birth_date).days <= 730)

    form = FieldForm({"on": day, "value": value}, "growth")  # in the screen: refusals on these fields

    def save(e: object = None) -> None:
        typed = FormValues(form.values(), _)
        wrong = typed.errors({"value": "number", "on": "date"})
        if wrong:
            state.touch()
            form.show_errors(wrong)
            return
        number, on = typed.number("value"), typed.day("on")
        position = bool(lying.value) if measure == "height" else None
        check_then_save(
            ctx,
            child,
            (measure, number, on, position),
            lambda: add_growth_measurement(
                state.session, child, state.today(), measure, number, on, position
            ),
            _("Measurement added."),
            state.notify,
            form,
            close=False,
        )

    fields: list[ft.Control] = [
        ft.Semantics(content=day, label=_("Date"), identifier="growth-date"),
        ft.Semantics(content=value, label=_(MEASUREMENT_NAMES[measure]), identifier="growth-value"),
    ]
    if measure == "height":
        fields.append(labelled(lying, _("Measured lying down"), "growth-lying"))
    fields.append(
        labelled(ft.FilledButton(_("Add"), icon=ft.Icons.ADD, on_click=save), _("Add"), "growth-add")
    )
    return SectionCard(title=_("Add a measurement"), lines=[form.error, ft.Row(fields, wrap=True, spacing=8)])


def parse_weeks(text: str) -> int | None:
    value = (text or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ValidationError("{text!r} is not a number.", text=value)
    return int(value)


def _birth_term_form(ctx: ViewContext, child: Profile) -> ft.Control:
    """The pregnancy length at birth: below 37 weeks the curves use the corrected age until 2 years."""
    _, state = ctx._, ctx.state
    weeks = ft.TextField(
        label=_("Weeks of pregnancy at birth (SA)"),
        value="" if child.born_at_weeks is None else str(child.born_at_weeks),
        hint_text=_("e.g. 34; empty if born at term"),
        width=260,
    )

    form = FieldForm({"weeks": weeks}, "growth-born-weeks")  # in the screen: a refusal under the field

    def save(e: object = None) -> None:
        def update() -> None:
            with on_field("weeks"):
                born_at_weeks = parse_weeks(weeks.value or "")
                records.update_profile(state.session, child, state.today(), born_at_weeks=born_at_weeks)

        # the profiles are cached by the state: read again, which draws the screen again
        ctx.submit(update, _("Saved."), lambda: state.reload(select=child.id), form=form, close=False)

    row = ft.Row(
        [
            ft.Semantics(
                content=weeks, label=_("Weeks of pregnancy at birth (SA)"), identifier="growth-born-weeks"
            ),
            labelled(ft.TextButton(_("Save"), on_click=save), _("Save"), "growth-born-weeks-save"),
        ],
        wrap=True,
        spacing=8,
    )
    return SectionCard(
        title=_("Born before term?"),
        lines=[
            ft.Text(
                _("For a baby born before 37 weeks, the curves are read at the corrected age until 2 years."),
                size=13,
            ),
            form.error,
            row,
        ],
    )

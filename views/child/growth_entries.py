"""The growth tab's entries: each measurement of the shown measure, to correct or delete, and the check
asked before saving a value WHO would call implausible at the child's age ("102 kg à 13 mois ?")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import flet as ft

from components.form_dialog import FormDialog
from components.labelled import labelled
from components.section_card import SectionCard
from domain.models import MEASUREMENTS, Measurement, Profile
from services.growth_charts import (
    delete_growth_measurement,
    growth_entries,
    implausible_entry,
    update_growth_measurement,
)
from views.context import Form, ViewContext
from views.formats import age_words, day_field, day_pattern, number_text
from views.forms import FormValues, on_field
from views.labels import MEASUREMENT_NAMES, UNIT_NAMES, date_text


def unit_of(measure: str) -> str:
    unit = MEASUREMENTS[measure][1]
    return UNIT_NAMES.get(unit, unit)


def value_text(ctx: ViewContext, measure: str, value: float) -> str:
    return f"{number_text(value, ctx.state.language, 2)} {unit_of(measure)}"


def check_then_save(
    ctx: ViewContext,
    child: Profile,
    entry: tuple[str, float, date, bool | None],
    write: Callable[[], Any],
    done: str,
    after: Callable[[], Any],
    form: Form,
    close: bool = True,
) -> None:
    """Saves at once a plausible value; an implausible one is asked about first ("Save anyway"). A
    refusal is shown on its field of ``form`` ("value", "on"), which stays open; a saved value closes
    it (``close``: a dialog) and draws the screen again."""
    _ = ctx._
    measure, value, on, lying = entry
    if not implausible_entry(child, measure, value, on, lying):

        def tagged() -> None:
            with on_field("value", dated="on"):  # out of range; a day in the future or before the birth
                write()

        ctx.submit(tagged, done, form=form, close=close)
        return
    question = _("Check the entry: {value} at {age}?").format(
        value=value_text(ctx, measure, value), age=age_words(child.birth_date, on, ctx.state.language)
    )
    ctx.confirm(question, _("Save anyway"), write, done, after)


def entries_card(ctx: ViewContext, child: Profile, measure: str) -> ft.Control:
    _ = ctx._
    lines = [_entry_line(ctx, child, m) for m in growth_entries(ctx.state.session, child, measure)]
    return SectionCard(
        title=_("Measurements entered"), lines=lines, empty_text=_("No measurement entered yet.")
    )


def _entry_line(ctx: ViewContext, child: Profile, entry: Measurement) -> ft.Control:
    _ = ctx._
    text = f"{date_text(entry.on, _)} : {value_text(ctx, entry.kind, entry.value)}"
    if entry.kind == "height" and entry.measured_lying is not None:
        text += " - " + (_("lying down") if entry.measured_lying else _("standing"))
    edit = ft.IconButton(ft.Icons.EDIT, on_click=lambda e: open_edit(ctx, child, entry))
    delete = ft.IconButton(ft.Icons.DELETE_OUTLINE, on_click=lambda e: ask_delete(ctx, child, entry))
    return ft.Row(
        [
            ft.Text(text, expand=True),
            labelled(
                edit,
                _("Edit the measurement of {day}").format(day=date_text(entry.on, _)),
                f"growth-edit-{entry.id}",
            ),
            labelled(
                delete,
                _("Delete the measurement of {day}").format(day=date_text(entry.on, _)),
                f"growth-delete-{entry.id}",
            ),
        ],
        spacing=0,
    )


def open_edit(ctx: ViewContext, child: Profile, entry: Measurement) -> FormDialog:
    _, state = ctx._, ctx.state
    fields = [
        ("on", _("Date ({pattern})").format(pattern=day_pattern(_)), day_field(entry.on, _)),
        (
            "value",
            f"{_(MEASUREMENT_NAMES[entry.kind])} ({unit_of(entry.kind)})",
            number_text(entry.value, state.language, 2),
        ),
    ]
    choices: dict[str, dict[str, str]] = {}
    if entry.kind == "height":
        fields.append(("lying", _("Measured"), "lying" if entry.measured_lying is not False else "standing"))
        choices["lying"] = {"lying": _("lying down"), "standing": _("standing")}
    form = FormDialog(
        heading=_("Edit the measurement"),
        fields=fields,
        choices=choices,
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
        identifier="growth-entry",
        on_cancel=ctx.host.close_dialog,
    )

    def close_and_draw() -> None:
        ctx.host.close_dialog()  # the form, under the question when there was one
        state.notify()

    def confirm(typed: dict[str, str]) -> None:
        values = FormValues(typed, _)
        wrong = values.errors({"on": "date", "value": "number"})
        if wrong:
            state.touch()
            form.show_errors(wrong)
            return
        value, on = values.number("value"), values.day("on")
        lying = values.get("lying") == "lying" if entry.kind == "height" else None
        check_then_save(
            ctx,
            child,
            (entry.kind, value, on, lying),
            lambda: update_growth_measurement(state.session, child, state.today(), entry, value, on, lying),
            _("Measurement corrected."),
            close_and_draw,
            form,
        )

    form.on_confirm = confirm
    ctx.host.show_dialog(form)
    return form


def ask_delete(ctx: ViewContext, child: Profile, entry: Measurement) -> None:
    _ = ctx._
    ctx.confirm(
        _("Delete the measurement of {day} ({value})?").format(
            day=date_text(entry.on, _), value=value_text(ctx, entry.kind, entry.value)
        ),
        _("Delete"),
        lambda: delete_growth_measurement(ctx.state.session, child, entry),
        _("Measurement deleted."),
        ctx.state.notify,
    )

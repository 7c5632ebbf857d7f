"""Starting a follow-up: one known date and the answers the leave and some items depend on; started
mid-pregnancy, the items whose time has passed are asked about ("what was already done?") instead of
being shown late."""

from __future__ import annotations

from contextlib import suppress
from datetime import timedelta
from typing import Any

import flet as ft

from components.form_dialog import FormDialog
from components.form_errors import FieldForm
from components.labelled import labelled
from domain.errors import N_
from domain.models import Profile
from domain.plan import AgendaItem
from services import agenda
from services import pregnancy as follow_up
from views.context import ViewContext
from views.forms import FormValues, date_label, on_field
from views.labels import date_text
from views.pregnancy.details import detail_fields, details_from

KNOWN_DATES = {
    "lmp": N_("First day of the last period"),
    "conception": N_("Conception date"),
    "term": N_("Expected term (dated by ultrasound)"),
}


def open_start_form(ctx: ViewContext, profile: Profile) -> FormDialog:
    _, state = ctx._, ctx.state

    def save(values: FormValues) -> None:
        with on_field(dated="on"):
            follow_up.start_pregnancy(
                state.session,
                profile,
                state.today(),
                details_from(values),
                **{values["known"]: values.day("on")},
            )

    fields, choices = detail_fields(ctx, None)
    form = FormDialog(
        heading=_("Start a pregnancy follow-up"),
        fields=[("known", _("Known date"), "lmp"), ("on", date_label(_("Date"), _), ""), *fields],
        choices={"known": {key: _(msgid) for key, msgid in KNOWN_DATES.items()}, **choices},
        kinds={"on": "date"},
        confirm_text=_("Start"),
        cancel_text=_("Cancel"),
        identifier="preg-start",
    )
    return ctx.form(form, save, _("Pregnancy follow-up started."), lambda: ask_already_done(ctx, profile))


def ask_already_done(ctx: ViewContext, profile: Profile) -> ft.AlertDialog | None:
    """After a start mid-pregnancy: the items whose time has passed, to tick those already done."""
    state = ctx.state
    current = agenda.current_pregnancy(state.session, profile.id)
    done, _scheduled = agenda.marks(state.session, profile)
    past = follow_up.already_past(current, state.today(), done) if current else []
    state.notify()
    if not past:
        return None
    dialog = already_done_dialog(ctx, profile, past)
    ctx.host.show_dialog(dialog)
    return dialog


def already_done_dialog(ctx: ViewContext, profile: Profile, past: list[AgendaItem]) -> ft.AlertDialog:
    _ = ctx._
    texts = {
        item.code: _("{label}: from {start} to {end}").format(
            label=_(item.label),
            start=date_text(item.window_start, _),
            end=date_text(item.window_end - timedelta(days=1), _),
        )
        for item in past
    }
    boxes = {code: ft.Checkbox(value=False, semantics_label=text) for code, text in texts.items()}

    def line(code: str) -> ft.Control:
        """The box and its text side by side: a long text wraps (a checkbox's own label is cut)."""
        box = boxes[code]

        def toggle(e: Any) -> None:
            box.value = not box.value
            with suppress(RuntimeError):  # the box is a sibling of the tapped text: drawn again itself
                box.update()

        return ft.Semantics(
            content=ft.Row(
                [box, ft.GestureDetector(content=ft.Text(texts[code]), on_tap=toggle, expand=True)],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            identifier=f"preg-already-{code}",
        )

    form = FieldForm({}, "preg-already")  # only check boxes: a refusal on the dialog's own line

    def save() -> None:
        ticked = [item for item in past if boxes[item.code].value]
        ctx.submit(
            lambda: follow_up.mark_already_done(ctx.state.session, profile, ticked, ctx.state.today()),
            form=form,
        )

    dialog = ft.AlertDialog(
        modal=True,
        title=ft.Text(_("What was already done?")),
        content=ft.Column(
            [
                ft.Text(
                    _(
                        "The follow-up starts during the pregnancy: tick what was already done. What is "
                        "not ticked stays in the agenda, to catch up with your midwife or doctor."
                    )
                ),
                form.error,
                *(line(code) for code in boxes),
            ],
            tight=True,
            scroll=ft.ScrollMode.AUTO,
            width=560,  # at most: a phone's narrower dialog wins
        ),
        actions=[
            labelled(
                ft.TextButton(_("Nothing yet"), on_click=lambda e: ctx.host.close_dialog()),
                _("Nothing yet"),
                "preg-already-none",
            ),
            labelled(
                ft.FilledButton(_("Save"), on_click=lambda e: save()),
                _("Save"),
                "preg-already-save",
            ),
        ],
    )
    dialog.data = boxes  # the tests tick the boxes
    return dialog

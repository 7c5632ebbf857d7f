"""The guided home blood-pressure series, "règle des 3" (HAS/SFHTA): 3 readings in the morning and 3 in
the evening for 3 days in a row, seated after 5 minutes of rest; the mean of all of them is what the
doctor reads (135/85 mmHg and above at home invites to talk about it)."""

from __future__ import annotations

from datetime import date

import flet as ft

from components.form_dialog import FormDialog
from components.labelled import labelled
from domain.bp_series import SERIES_SIZE
from domain.errors import N_
from services import risk as risk_service
from views.context import ViewContext
from views.forms import FormValues, date_label, day_input, on_field
from views.labels import date_text
from views.medical.blood_pressure import pair_text, wrong_field

HOW = N_(
    "Rule of 3: 3 readings in the morning before breakfast and medicines, 3 in the evening before bed, a "
    "minute or two apart, for 3 days in a row, seated, after 5 minutes of rest. Carnet then gives the "
    "mean to show your doctor."
)
MOMENTS = {"morning": N_("Morning"), "evening": N_("Evening")}


def section(ctx: ViewContext, profile_id: str) -> ft.Control:
    _, state = ctx._, ctx.state
    series = risk_service.current_series(state.session, profile_id)
    body: list[ft.Control] = [ft.Text(_(HOW))]
    under_way = series is not None and series.next is not None
    if series is not None and series.mean is not None:
        mean = series.mean
        body.append(
            ft.Text(
                ctx.ngettext(
                    "{count}/{total} readings, {days} day; mean {value}",
                    "{count}/{total} readings, {days} days; mean {value}",
                    mean.days,
                ).format(
                    count=mean.count,
                    total=SERIES_SIZE,
                    days=mean.days,
                    value=pair_text(mean.systolic, mean.diastolic, _("decimal-separator") == ","),
                ),
                weight=ft.FontWeight.BOLD,
                key="series-mean",
            )
        )
    if under_way and series is not None and series.next is not None:
        slot = series.next
        body.append(
            ft.Text(
                _("Next: {day}, {moment}, reading {rank} of 3").format(
                    day=date_text(slot.day, _), moment=_(MOMENTS[slot.moment]).lower(), rank=slot.rank
                )
            )
        )
    elif series is not None:
        body.append(ft.Text(_("The series is complete: show this mean to your doctor.")))
    buttons: list[ft.Control] = [
        labelled(
            ft.FilledButton(
                _("Add a reading of the series") if under_way else _("Start a home series"),
                icon=ft.Icons.ADD,
                on_click=lambda e: show_form(ctx, profile_id),
            ),
            _("Add a reading of the series") if under_way else _("Start a home series"),
            "series-add",
        )
    ]
    if under_way:
        buttons.append(
            labelled(
                ft.TextButton(_("Start again"), on_click=lambda e: show_form(ctx, profile_id, restart=True)),
                _("Start again"),
                "series-restart",
            )
        )
    body.append(ft.Row(buttons, wrap=True))
    past = risk_service.series_means(state.session, profile_id)[:-1]
    for mean in reversed(past[-3:]):
        body.append(
            ft.Text(
                _("{first} to {last}: mean {value} ({count} readings)").format(
                    first=date_text(mean.first_day, _),
                    last=date_text(mean.last_day, _),
                    value=pair_text(mean.systolic, mean.diastolic, _("decimal-separator") == ","),
                    count=mean.count,
                ),
                size=13,
            )
        )
    return ft.Card(
        content=ft.Container(
            padding=12,
            content=ft.Column(
                [ft.Text(_("Home blood pressure series"), weight=ft.FontWeight.BOLD, size=16), *body],
                spacing=8,
            ),
        )
    )


def _default_moment(ctx: ViewContext, profile_id: str, restart: bool) -> tuple[date, str]:
    series = risk_service.current_series(ctx.state.session, profile_id)
    today = ctx.state.today()
    if not restart and series is not None and series.next is not None and series.next.day <= today:
        return (
            (today, series.next.moment) if series.next.day < today else (series.next.day, series.next.moment)
        )
    return today, "morning"


# a refusal of the series itself (not of a value, not of the day) is about the moment chosen
SERIES_REFUSALS = {"The 3 readings of this morning or evening are already recorded.": "moment"}


def show_form(ctx: ViewContext, profile_id: str, restart: bool = False) -> FormDialog:
    _ = ctx._
    day, moment = _default_moment(ctx, profile_id, restart)
    form = FormDialog(
        heading=_("Reading of the home series"),
        identifier="form-series",
        fields=[
            ("systolic", _("Systolic (high number, mmHg)"), ""),
            ("diastolic", _("Diastolic (low number, mmHg)"), ""),
            ("moment", _("Moment"), moment),
            ("on", date_label(_("Date"), _), day_input(day, _)),
        ],
        kinds={"systolic": "number", "diastolic": "number", "on": "date"},
        choices={"moment": {key: _(name) for key, name in MOMENTS.items()}},
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
    )

    def save(values: FormValues) -> None:
        high, low, on = values.number("systolic"), values.number("diastolic"), values.day("on")
        with on_field(wrong_field(high, low, None), dated="on", messages=SERIES_REFUSALS):
            risk_service.add_series_reading(
                ctx.state.session,
                profile_id,
                ctx.state.today(),
                systolic=high,
                diastolic=low,
                on=on,
                moment=values["moment"],
                restart=restart,
            )

    return ctx.form(form, save, _("Saved."))

"""Grossesse: start a follow-up, see SA and month, the month-by-month timeline, the pregnancy's folder,
past pregnancies, "J'ai accouché", which creates the baby's profile, and the end of a follow-up without a
birth (views/pregnancy/endings.py)."""

from __future__ import annotations

import flet as ft

from components.labelled import labelled
from components.section_card import SectionCard
from domain.advice import pregnancy_advice
from domain.models import Pregnancy, Profile
from domain.pregnancy import dates_from_lmp, month_of_pregnancy, weeks_of_amenorrhea
from services import pregnancy as follow_up
from views.child.advice import card
from views.context import ViewContext
from views.labels import date_text
from views.pregnancy.details import open_details_form
from views.pregnancy.endings import open_birth_form, open_end_form
from views.pregnancy.start import open_start_form
from views.pregnancy.timeline import folder, timeline


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    profile = state.current
    if profile is None:
        return ft.Text(_("No profile yet: add one in Profiles."))
    all_ = follow_up.pregnancies(state.session, profile.id)
    current = next((p for p in all_ if p.closed_on is None), None)
    controls: list[ft.Control] = [
        ft.Text(_("Pregnancy follow-up"), theme_style=ft.TextThemeStyle.TITLE_LARGE)
    ]
    if current is None:
        controls.append(_start_button(ctx, profile))
    else:
        controls += _current(ctx, profile, current)
    past = [p for p in all_ if p.closed_on is not None]
    controls.append(
        SectionCard(
            title=_("Past pregnancies"),
            lines=[_past(ctx, profile, p) for p in past],
            empty_text=_("No past pregnancy."),
        )
    )
    return ft.Column(controls, scroll=ft.ScrollMode.AUTO, expand=True, spacing=10)


def _start_button(ctx: ViewContext, profile: Profile) -> ft.Control:
    _ = ctx._
    return labelled(
        ft.FilledButton(
            _("Start a pregnancy follow-up"),
            icon=ft.Icons.ADD,
            on_click=lambda e: open_start_form(ctx, profile),
        ),
        _("Start a pregnancy follow-up"),
        "preg-start",
    )


def _current(ctx: ViewContext, profile: Profile, pregnancy: Pregnancy) -> list[ft.Control]:
    _, today = ctx._, ctx.state.today()
    weeks, days = weeks_of_amenorrhea(pregnancy.lmp, today)
    summary = _("{weeks}+{days} SA - month {month} of pregnancy - expected term {term}").format(
        weeks=weeks,
        days=days,
        month=month_of_pregnancy(pregnancy.lmp, today),
        term=date_text(dates_from_lmp(pregnancy.lmp).term, _),
    )
    birth = labelled(
        ft.FilledButton(
            _("I gave birth"),
            icon=ft.Icons.CHILD_FRIENDLY,
            on_click=lambda e: open_birth_form(ctx, profile, pregnancy),
        ),
        _("I gave birth"),
        "preg-birth",
    )
    end = labelled(
        ft.TextButton(
            _("The pregnancy has ended without a birth"),
            icon=ft.Icons.EVENT_BUSY,
            on_click=lambda e: open_end_form(ctx, profile, pregnancy),
        ),
        _("The pregnancy has ended without a birth"),
        "preg-end",
    )
    details = labelled(
        ft.TextButton(
            _("Babies, children, toxoplasmosis, rhesus"),
            icon=ft.Icons.EDIT,
            on_click=lambda e: open_details_form(ctx, profile, pregnancy),
        ),
        _("Babies, children, toxoplasmosis, rhesus"),
        "preg-details",
    )
    return [
        ft.Semantics(
            content=ft.Text(summary, size=16, weight=ft.FontWeight.BOLD),
            label=summary,
            identifier="preg-summary",
        ),
        details,
        card(ctx, pregnancy_advice(pregnancy.lmp, today, ctx.state.language)),
        timeline(ctx, profile, pregnancy),
        folder(ctx, profile, pregnancy),
        ft.Row([birth, end], wrap=True),
    ]


def _past(ctx: ViewContext, profile: Profile, pregnancy: Pregnancy) -> ft.Control:
    _ = ctx._
    ended = pregnancy.closed_on or pregnancy.lmp
    text = (_("Birth on {day}") if pregnancy.outcome == "birth" else _("Ended on {day}")).format(
        day=date_text(ended, _)
    )
    text += " - " + _("last period on {day}").format(day=date_text(pregnancy.lmp, _))
    return ft.Column(
        [
            ft.Semantics(content=ft.Text(text), label=text, identifier=f"preg-past-{pregnancy.id}"),
            folder(ctx, profile, pregnancy),
        ],
        spacing=4,
    )

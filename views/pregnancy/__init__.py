"""Grossesse: start a follow-up, see SA and month, the month-by-month timeline, the pregnancy's folder,
past pregnancies, and "J'ai accouché", which creates the baby's profile."""

from __future__ import annotations

import flet as ft

from components.form_dialog import FormDialog
from components.labelled import labelled
from components.section_card import SectionCard
from domain.advice import pregnancy_advice
from domain.errors import N_
from domain.models import Pregnancy, Profile, parse_day
from domain.pregnancy import dates_from_lmp, month_of_pregnancy, weeks_of_amenorrhea
from services import pregnancy as follow_up
from views.child.advice import card
from views.context import ViewContext
from views.labels import SEX_NAMES, date_text
from views.pregnancy.timeline import folder, timeline

KNOWN_DATES = {
    "lmp": N_("First day of the last period"),
    "conception": N_("Conception date"),
    "term": N_("Expected term (dated by ultrasound)"),
}
# The questions the maternity leave (Code du travail L1225-17 to L1225-19) and some follow-up items
# depend on: (key, label, {answer: choice label}).
DETAIL_QUESTIONS: list[tuple[str, str, dict[str, str]]] = [
    ("babies", N_("Babies expected"), {"1": N_("One baby"), "2": N_("Twins"), "3": N_("Triplets or more")}),
    (
        "previous_children",
        N_("Children already born or in your care"),
        {"0": N_("None (first child)"), "1": N_("One"), "2": N_("Two or more")},
    ),
    (
        "toxo_immune",
        N_("Toxoplasmosis immunity"),
        {"unknown": N_("Not known yet"), "yes": N_("Yes, immune"), "no": N_("No, not immune")},
    ),
    (
        "rh_negative",
        N_("Rhesus"),
        {"unknown": N_("Not known yet"), "no": N_("Rhesus positive"), "yes": N_("Rhesus negative")},
    ),
]
YES_NO = {"unknown": None, "": None, "yes": True, "no": False}


def details_from(values: dict[str, str]) -> dict[str, object]:
    """The pregnancy's details from the form's answers (services.pregnancy.DETAILS)."""
    return {
        "babies": int(values.get("babies") or 1),
        "previous_children": int(values.get("previous_children") or 0),
        "toxo_immune": YES_NO[values.get("toxo_immune", "")],
        "rh_negative": YES_NO[values.get("rh_negative", "")],
    }


def _answers(pregnancy: Pregnancy | None) -> dict[str, str]:
    if pregnancy is None:
        return {"babies": "1", "previous_children": "0", "toxo_immune": "unknown", "rh_negative": "unknown"}
    answer = {None: "unknown", True: "yes", False: "no"}
    return {
        "babies": str(min(pregnancy.babies, 3)),
        "previous_children": str(min(pregnancy.previous_children, 2)),
        "toxo_immune": answer[pregnancy.toxo_immune],
        "rh_negative": answer[pregnancy.rh_negative],
    }


def _detail_fields(ctx: ViewContext, pregnancy: Pregnancy | None) -> tuple[list, dict]:
    _, answers = ctx._, _answers(pregnancy)
    fields = [(key, _(label), answers[key]) for key, label, _choices in DETAIL_QUESTIONS]
    choices = {key: {k: _(v) for k, v in options.items()} for key, _label, options in DETAIL_QUESTIONS}
    return fields, choices


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
        birth,
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


def open_start_form(ctx: ViewContext, profile: Profile) -> FormDialog:
    _, state = ctx._, ctx.state

    def save(values: dict[str, str]) -> None:
        follow_up.start_pregnancy(
            state.session,
            profile,
            state.today(),
            details_from(values),
            **{values["known"]: parse_day(values["on"])},
        )

    fields, choices = _detail_fields(ctx, None)
    form = FormDialog(
        heading=_("Start a pregnancy follow-up"),
        fields=[("known", _("Known date"), "lmp"), ("on", _("Date (DD/MM/YYYY)"), ""), *fields],
        choices={"known": {key: _(msgid) for key, msgid in KNOWN_DATES.items()}, **choices},
        confirm_text=_("Start"),
        cancel_text=_("Cancel"),
        identifier="preg-start",
    )
    return ctx.form(form, save, _("Pregnancy follow-up started."))


def open_details_form(ctx: ViewContext, profile: Profile, pregnancy: Pregnancy) -> FormDialog:
    """The answers the maternity leave and some follow-up items depend on, changed at any time."""
    _, state = ctx._, ctx.state

    def save(values: dict[str, str]) -> None:
        follow_up.update_details(state.session, profile, pregnancy, state.today(), **details_from(values))

    fields, choices = _detail_fields(ctx, pregnancy)
    form = FormDialog(
        heading=_("Babies, children, toxoplasmosis, rhesus"),
        fields=fields,
        choices=choices,
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
        identifier="preg-details",
    )
    return ctx.form(form, save, _("Pregnancy details saved."))


def open_birth_form(ctx: ViewContext, mother: Profile, pregnancy: Pregnancy) -> FormDialog:
    """Ends the follow-up and creates the baby's profile, pre-filled; its booklet opens at once."""
    _, state = ctx._, ctx.state

    children: list[Profile] = []

    def save(values: dict[str, str]) -> None:
        _closed, child = follow_up.gave_birth(
            state.session,
            mother,
            pregnancy,
            state.today(),
            birth_date=parse_day(values["birth_date"]),
            first_name=values["first_name"],
            sex=values["sex"],
            last_name=values["last_name"],
        )
        children.append(child)

    def open_booklet() -> None:
        state.route = "/child"
        state.reload(select=children[-1].id)

    form = FormDialog(
        heading=_("I gave birth"),
        fields=[
            ("birth_date", _("Birth date (DD/MM/YYYY)"), state.today().strftime("%d/%m/%Y")),
            ("first_name", _("First name"), ""),
            ("last_name", _("Last name"), mother.last_name),
            ("sex", _("Sex"), "F"),
        ],
        choices={"sex": {code: _(name) for code, name in SEX_NAMES.items()}},
        confirm_text=_("Create the child's profile"),
        cancel_text=_("Cancel"),
        identifier="preg-birth",
    )
    return ctx.form(form, save, _("Congratulations! The child's health booklet is ready."), open_booklet)

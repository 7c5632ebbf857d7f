"""The questionnaires of the Risques screen: the HAS COPD self-test, FINDRISC (diabetes risk) and, for a
person who records heart failure, the EPOF warning signs. Each answer set is kept (a record) with its
score; the findings read the latest one."""

from __future__ import annotations

from typing import Any

import flet as ft

from components.form_dialog import FormDialog
from components.labelled import labelled
from components.question_dialog import QuestionDialog
from domain import questionnaires_risk as q
from domain.errors import N_
from domain.models import Profile
from domain.risk import latest_bmi
from services import records
from services import risk as risk_service
from views.context import ViewContext
from views.forms import FormValues
from views.labels import date_text
from views.risk.findings import number_text

YES_NO = {"yes": N_("Yes"), "no": N_("No")}
SCORE_NAMES = {
    "copd": N_("{n} yes out of 5"),
    "findrisc": N_("score {n} out of 26"),
    "epof": N_("warning signs: {n} out of 4"),
}


def section(ctx: ViewContext, profile: Profile, conditions: set[str]) -> ft.Control:
    _ = ctx._
    kinds = ["copd", "findrisc", *(["epof"] if "heart_failure" in conditions else [])]
    latest: dict[str, q.QuestionnaireResult] = {}
    for result in risk_service.questionnaires(ctx.state.session, profile.id):
        latest[result.kind] = result
    body: list[ft.Control] = []
    for kind in kinds:
        line = _(q.TITLES[kind])
        if kind in latest:
            result = latest[kind]
            line += " - " + _("last answered on {day}: {score}").format(
                day=date_text(result.on, _), score=_(SCORE_NAMES[kind]).format(n=result.score)
            )
        body.append(ft.Text(line))
        body.append(
            labelled(
                ft.OutlinedButton(_("Answer"), on_click=lambda e, k=kind: show_form(ctx, profile, k)),
                _("Answer: {title}").format(title=_(q.TITLES[kind])),
                f"questionnaire-{kind}",
            )
        )
    return ft.Card(
        content=ft.Container(
            padding=12,
            content=ft.Column(
                [ft.Text(_("Questionnaires"), weight=ft.FontWeight.BOLD, size=16), *body], spacing=8
            ),
        )
    )


def _choices(kind: str, item: str) -> dict[str, str]:
    names = q.OPTIONS.get(item, YES_NO)
    return {answer: names.get(answer, YES_NO.get(answer, answer)) for answer in q.options(kind, item)}


def _measured(ctx: ViewContext, profile: Profile) -> tuple[str, str]:
    """The latest BMI and waist, as the FINDRISC form's starting values ("" when not measured)."""
    measured = records.list_records(ctx.state.session, profile.id, "measurement")
    series: dict[str, list[Any]] = {}
    for m in sorted(measured, key=lambda m: m.on):
        series.setdefault(m.kind, []).append(m)
    bmi = latest_bmi(series)
    waist = series.get("waist", [])
    number = number_text(ctx._)
    return (number(bmi[0]) if bmi else "", number(waist[-1].value) if waist else "")


def show_form(ctx: ViewContext, profile: Profile, kind: str) -> FormDialog:
    _ = ctx._
    items = list(q.QUESTIONS[kind])
    fields = [(item, _(q.QUESTIONS[kind][item]), "") for item in items]
    kinds = dict.fromkeys(items, "choice")  # every question answered (all the missing ones shown at once)
    choices = {item: {k: _(v) for k, v in _choices(kind, item).items()} for item in items}
    if kind == "findrisc":
        bmi, waist = _measured(ctx, profile)
        fields += [("bmi", _("BMI (kg/m²)"), bmi), ("waist", _("Waist circumference (cm)"), waist)]
        kinds |= {"bmi": "number", "waist": "number"}
    form = QuestionDialog(
        answer_label=_("Your answer"),
        heading=_(q.TITLES[kind]),
        identifier=f"form-{kind}",
        fields=fields,
        choices=choices,
        kinds=kinds,
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
    )

    def save(values: FormValues) -> None:
        today = ctx.state.today()
        if kind == "findrisc":
            age = (
                today.year
                - profile.birth_date.year
                - ((today.month, today.day) < (profile.birth_date.month, profile.birth_date.day))
            )
            answers = {item: values.choice(item) for item in items}
            bmi, waist = values.number("bmi"), values.number("waist")
            result = q.findrisc(answers, sex=profile.sex, age=age, bmi=bmi, waist=waist, on=today)
        else:
            yes = {item: values.choice(item) == "yes" for item in items}
            result = (q.copd if kind == "copd" else q.epof)(yes, today)
        risk_service.save_questionnaire(ctx.state.session, profile.id, result, today)

    return ctx.form(form, save, _("Answers saved."))

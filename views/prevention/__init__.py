"""Prévention: advice that fits the person, Mon bilan prévention at the key ages, ICOPE from 60, the
lifestyle habits and the self-tests (AUDIT-C, short Fagerström, PHQ-2 with their helplines).

For a child the parent answers the age-appropriate habits questions and reads the advice for that age;
the self-tests are for teenagers and adults. Reached from Accueil and from the agenda items it owns
(views/routes.py: ITEM_ROUTES). Everything works offline: the rules are shipped data.
"""

from __future__ import annotations

from typing import Any

import flet as ft

from components.labelled import labelled
from components.section_card import SectionCard
from domain import habits
from domain.campaigns import Campaign
from domain.models import Profile, completed_months
from domain.prevention import Card
from domain.prevention_rules import source_titles
from domain.selftests import SelfTestResult
from services import prevention, prevention_pdf
from views.context import ViewContext
from views.labels import date_text
from views.prevention import forms
from views.prevention import icope as icope_part
from views.prevention.share import deliver, safe_name

TESTS = ("audit_c", "hsi", "phq2")


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    profile = state.current
    if profile is None:
        return ft.Text(_("No profile yet: add one in Profiles."))
    today = state.today()
    adult = habits.form_for(profile.birth_date, today) == habits.ADULT
    controls: list[ft.Control] = [
        ft.Text(_("Prevention"), theme_style=ft.TextThemeStyle.TITLE_LARGE),
        ft.Text(
            _("For {name}: advice that fits, check-ups at key ages and simple self-tests.").format(
                name=profile.first_name
            )
        ),
    ]
    # What the agenda items open comes first: the bilan of the bracket, ICOPE, the campaigns under way.
    bracket = prevention.current_bracket(profile, today)
    if bracket is not None:
        controls.append(_bilan(ctx, profile, bracket))
    if completed_months(profile.birth_date, today) >= 12 * 60:
        controls.append(icope_part.section(ctx, profile))
    running = prevention.campaigns_now(state.session, profile, today)
    if running:
        controls.append(_campaigns(ctx, running))
    controls.append(_advice(ctx, profile))
    controls.append(_habits(ctx, profile))
    if adult:
        controls.append(_tests(ctx, profile))
    return ft.Column(
        controls,
        spacing=12,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )


def _button(text: str, identifier: str, on_click: Any, icon: Any = None, filled: bool = False) -> ft.Control:
    kind = ft.FilledButton if filled else ft.OutlinedButton
    return labelled(kind(text, icon=icon, on_click=on_click), text, identifier)


# -- advice ---------------------------------------------------------------------------------------------
def _card(ctx: ViewContext, profile: Profile, card: Card) -> ft.Control:
    _ = ctx._
    lines: list[ft.Control] = [ft.Text(_(card.text))]
    if card.detail:
        lines.append(ft.Text(_(card.detail)))
    if card.helpline is not None:
        lines.append(_helpline(ctx, card.helpline))
    if card.provenance is not None:
        source = _("Source: {name}").format(name=source_titles(card.provenance.sources))
        lines.append(ft.Text(source, size=12, italic=True))
    lines.append(
        _button(
            _("Hide this advice"),
            f"advice-dismiss-{card.id}",
            lambda e: dismiss(ctx, profile, card.id),
            ft.Icons.VISIBILITY_OFF,
        )
    )
    return ft.Semantics(
        content=SectionCard(title=_(card.title), lines=lines), identifier=f"advice-{card.id}", container=True
    )


def _helpline(ctx: ViewContext, line: Any) -> ft.Control:
    _ = ctx._
    text = _("{name}: {number} - {what}").format(name=_(line.name), number=line.number, what=_(line.text))
    return ft.Semantics(
        content=ft.Text(text, weight=ft.FontWeight.W_500, selectable=True),
        label=text,
        identifier=f"helpline-{line.id}",
        exclude_semantics=True,  # said once, by the label
    )


def _advice(ctx: ViewContext, profile: Profile) -> ft.Control:
    _, state = ctx._, ctx.state
    cards = prevention.advice_cards(state.session, profile, state.today())
    body: list[ft.Control] = [_card(ctx, profile, c) for c in cards] or [
        ft.Text(_("No advice right now: tell your habits to get advice that fits."), italic=True)
    ]
    return ft.Column(
        [ft.Text(_("Advice for you"), weight=ft.FontWeight.BOLD, size=16), *body],
        spacing=6,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )


def dismiss(ctx: ViewContext, profile: Profile, card_id: str) -> None:
    _, state = ctx._, ctx.state
    if ctx.act(
        lambda: prevention.dismiss(state.session, profile, card_id, state.today()), _("Advice hidden.")
    ):
        state.notify()


def _campaigns(ctx: ViewContext, running: tuple[Campaign, ...]) -> ft.Control:
    _ = ctx._
    lines: list[ft.Control] = []
    for campaign in running:
        # A provisional window (the usual dates, this season not dated yet) never shows a day as official.
        until = (
            _(campaign.hint)
            if campaign.provisional
            else _("Until {day}").format(day=date_text(campaign.end, _))
        )
        lines.append(
            ft.Semantics(
                content=ft.Column(
                    [
                        ft.Text(_(campaign.title), weight=ft.FontWeight.W_500),
                        ft.Text(_(campaign.text)),
                        ft.Semantics(
                            content=ft.Text(until, size=12, italic=campaign.provisional),
                            identifier=f"dates-of-campaign-{campaign.id}",
                            label=until,
                            exclude_semantics=True,
                        ),
                        ft.Text(
                            _("Source: {name}").format(name=source_titles(campaign.provenance.sources)),
                            size=12,
                            italic=True,
                        ),
                    ],
                    spacing=2,
                ),
                identifier=f"campaign-{campaign.id}",
                container=True,
            )
        )
    return ft.Semantics(
        content=SectionCard(title=_("Campaigns under way"), lines=lines),
        identifier="prevention-campaigns",
        container=True,
    )


# -- Mon bilan prévention ------------------------------------------------------------------------------
def _bilan(ctx: ViewContext, profile: Profile, bracket: str) -> ft.Control:
    _, state = ctx._, ctx.state
    record = prevention.bilan_record(state.session, profile.id, bracket)
    lines: list[ft.Control] = [
        ft.Text(
            _(
                "A free appointment with a doctor, midwife, nurse or pharmacist to talk about your health "
                "habits. Prepare it with the questionnaire; bring the one-page summary."
            )
        )
    ]
    if record is None:
        status = _("Not started.")
    else:
        state_text = _("Finished") if record.finished else _("Draft")
        status = _("{state}: {count} answers, saved on {day}.").format(
            state=state_text, count=len(record.answers), day=date_text(record.updated_on, _)
        )
    lines.append(
        ft.Semantics(content=ft.Text(status), label=status, identifier="bilan-status", exclude_semantics=True)
    )
    answer = _("Answer the questionnaire") if record is None else _("Continue the questionnaire")
    buttons = [
        _button(
            answer, "bilan-open", lambda e: forms.open_bilan(ctx, profile, bracket), ft.Icons.EDIT_NOTE, True
        )
    ]
    if record is not None:
        buttons += [
            _button(
                _("Summary (PDF)"),
                "bilan-pdf",
                lambda e: bilan_pdf(ctx, profile, bracket),
                ft.Icons.PICTURE_AS_PDF,
            ),
            _button(
                _("Add to my documents"),
                "bilan-attach",
                lambda e: attach(ctx, profile, bracket),
                ft.Icons.FOLDER,
            ),
        ]
    lines.append(ft.Row(buttons, wrap=True))
    title = _("Mon bilan prévention ({bracket} years)").format(bracket=bracket)
    return ft.Semantics(
        content=SectionCard(title=title, lines=lines), identifier="prevention-bilan", container=True
    )


def bilan_pdf(ctx: ViewContext, profile: Profile, bracket: str) -> None:
    _, state = ctx._, ctx.state
    today = state.today()
    deliver(
        ctx,
        lambda: prevention_pdf.bilan_summary_pdf(state.session, profile, bracket, today, _, state.language),
        f"bilan-prevention-{safe_name(profile.first_name)}-{today.isoformat()}.pdf",
        _("Mon bilan prévention"),
    )


def attach(ctx: ViewContext, profile: Profile, bracket: str) -> None:
    _, state = ctx._, ctx.state
    ctx.act(
        lambda: prevention_pdf.attach_bilan(
            state.session, profile, bracket, state.today(), _, state.language
        ),
        _("Summary added to the documents."),
    )


# -- habits --------------------------------------------------------------------------------------------
def _habits(ctx: ViewContext, profile: Profile) -> ft.Control:
    _, state = ctx._, ctx.state
    today = state.today()
    record = prevention.habits_record(state.session, profile, today)
    adult = habits.form_for(profile.birth_date, today) == habits.ADULT
    lines: list[ft.Control] = [
        ft.Text(line) for line in prevention_pdf.habit_lines(record, _, _("%m/%d/%Y"), state.language)
    ]
    if not lines:
        lines.append(ft.Text(_("Nothing told yet. Every answer is optional."), italic=True))
    text = _("Edit the habits") if record is not None else _("Tell the habits")
    lines.append(_button(text, "habits-open", lambda e: forms.open_habits(ctx, profile), ft.Icons.EDIT, True))
    title = _("Lifestyle habits") if adult else _("Your child's habits")
    return ft.Semantics(
        content=SectionCard(title=title, lines=lines), identifier="prevention-habits", container=True
    )


# -- self-tests ----------------------------------------------------------------------------------------
def _tests(ctx: ViewContext, profile: Profile) -> ft.Control:
    _, state = ctx._, ctx.state
    latest = prevention.latest_selftests(state.session, profile)
    lines: list[ft.Control] = []
    for test in TESTS:
        row: list[ft.Control] = [ft.Text(_(forms.TEST_TITLES[test]), weight=ft.FontWeight.W_500)]
        if test in latest:
            record, result = latest[test]
            said = _("{day}: {result} (score {score})").format(
                day=date_text(record.on, _), result=_(result.title), score=result.score
            )
            row.append(
                ft.Semantics(
                    content=ft.Text(said),
                    label=said,
                    identifier=f"test-result-{test}",
                    exclude_semantics=True,
                )
            )
        row.append(
            _button(
                _("Take the test"),
                f"test-open-{test}",
                lambda e, t=test: forms.open_selftest(ctx, profile, t, lambda r: show_result(ctx, r)),
                ft.Icons.QUIZ,
            )
        )
        lines.append(ft.Column(row, spacing=4))
    lines.append(
        ft.Text(_("These tests help you take stock; they are not a diagnosis."), size=12, italic=True)
    )
    return ft.Semantics(
        content=SectionCard(title=_("Self-tests"), lines=lines), identifier="prevention-tests", container=True
    )


def show_result(ctx: ViewContext, result: SelfTestResult) -> ft.AlertDialog:
    _ = ctx._
    body: list[ft.Control] = [
        ft.Text(_("Score: {score}").format(score=result.score), weight=ft.FontWeight.BOLD),
        ft.Text(_(result.advice)),
    ]
    if result.helpline is not None:
        body.append(_helpline(ctx, result.helpline))
    dialog = ft.AlertDialog(
        modal=True,
        title=ft.Text(_(result.title)),
        content=ft.Column(body, tight=True, scroll=ft.ScrollMode.AUTO, width=480),
        actions=[
            labelled(
                ft.FilledButton(_("Close"), on_click=lambda e: ctx.host.close_dialog()),
                _("Close"),
                "test-close",
            )
        ],
    )
    ctx.host.show_dialog(dialog)
    return dialog

"""The findings of the risk rules as people read them: on Accueil a small card (the most urgent first,
a button to the Risques screen), and the whole list on that screen, each saying what to do next."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import flet as ft

from components.finding_card import FindingCard
from components.labelled import labelled
from domain.errors import N_
from domain.risk_findings import Finding
from views.context import ViewContext
from views.labels import date_text

LEVEL_NAMES = {
    "urgent": N_("Today"),
    "consult": N_("Talk to your doctor"),
    "info": N_("Good to know"),
}
CAVEAT = N_(
    "Carnet never makes a diagnosis: it points out what deserves a word with your doctor, from the "
    "measurements and answers you recorded."
)
ADULT_YEARS = 18


def number_text(_: Callable[[str], str]) -> Callable[[float], str]:
    comma = _("decimal-separator") == ","
    return lambda value: f"{value:g}".replace(".", ",") if comma else f"{value:g}"


def card(ctx: ViewContext, finding: Finding) -> FindingCard:
    _ = ctx._

    def render(text: str) -> str:
        return finding.render(text, _, number_text(_), lambda day: date_text(day, _))

    exam = render(finding.exam)
    return FindingCard(
        level=finding.level,
        level_text=_(LEVEL_NAMES[finding.level]),
        message=render(finding.message),
        next_step=render(finding.next_step),
        exam=_("To plan: {exam}").format(exam=exam) if exam else "",
        source=_("Source: {source}").format(source=finding.source),
    )


def is_adult(birth: date, today: date) -> bool:
    return (today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))) >= ADULT_YEARS


def home_card(ctx: ViewContext) -> ft.Control | None:
    """Accueil's small card: how many findings, the most urgent one, and the way to the Risques screen;
    nothing for a child (the risk rules are for adults)."""
    from services import risk as risk_service

    _, state = ctx._, ctx.state
    profile = state.current
    if profile is None or not is_adult(profile.birth_date, state.today()):
        return None
    found = risk_service.findings(state.session, profile, state.today())
    lines: list[ft.Control] = []
    if found:
        lines.append(card(ctx, found[0]))
        if len(found) > 1:
            lines.append(ft.Text(_("Other points to look at: {n}.").format(n=len(found) - 1)))
    else:
        lines.append(ft.Text(_("Nothing to point out from your measurements."), italic=True))
    lines.append(
        labelled(
            ft.TextButton(
                _("Risks and follow-up"), icon=ft.Icons.ARROW_FORWARD, on_click=lambda e: state.go("/risk")
            ),
            _("Risks and follow-up"),
            "home-risk",
        )
    )
    return ft.Card(
        content=ft.Container(
            padding=12,
            content=ft.Column(
                [ft.Text(_("Your measurements"), weight=ft.FontWeight.BOLD, size=16), *lines], spacing=6
            ),
        ),
        key="home-risk-card",
    )


def entry_point(ctx: ViewContext) -> ft.Control | None:
    """Profil médical's way to the Risques screen (adults): what the measurements above invite to do."""
    state = ctx.state
    profile = state.current
    if profile is None or not is_adult(profile.birth_date, state.today()):
        return None
    _ = ctx._
    return labelled(
        ft.OutlinedButton(
            _("Risks and follow-up"), icon=ft.Icons.FAVORITE_BORDER, on_click=lambda e: state.go("/risk")
        ),
        _("Risks and follow-up"),
        "medical-risk",
    )


def section(ctx: ViewContext, found: list[Finding]) -> ft.Control:
    _ = ctx._
    body: list[ft.Control] = [card(ctx, f) for f in found]
    if not found:
        body.append(ft.Text(_("Nothing to point out from your measurements."), italic=True))
    body.append(ft.Text(_(CAVEAT), size=12, color=ft.Colors.ON_SURFACE_VARIANT))
    return ft.Card(
        content=ft.Container(
            padding=12,
            content=ft.Column(
                [ft.Text(_("What to do next"), weight=ft.FontWeight.BOLD, size=16), *body], spacing=8
            ),
        )
    )

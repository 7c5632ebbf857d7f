"""Risques et suivi (issue 15): what the person's measurements and answers invite to do next, the home
blood-pressure series, the questionnaires, the type 2 diabetes follow-up with its glucose log, and the
values read from lab reports. For adults: the risk rules have no paediatric thresholds."""

from __future__ import annotations

import flet as ft

from views.context import ViewContext


def build(ctx: ViewContext) -> ft.Control:
    # The sections are imported here: Accueil imports views.risk.findings without paying for the rest.
    from services import risk as risk_service
    from views.risk import diabetes, findings, home_series, lab_values, questionnaires

    _, state = ctx._, ctx.state
    profile = state.current
    if profile is None:
        return ft.Text(_("No profile yet: add one in Profiles."))
    title = ft.Text(_("Risks and follow-up"), theme_style=ft.TextThemeStyle.HEADLINE_SMALL, key="risk-title")
    if not findings.is_adult(profile.birth_date, state.today()):
        return ft.Column(
            [
                title,
                ft.Text(_("This follow-up is for adults; a child's measures are read on the growth charts.")),
            ]
        )
    today = state.today()
    conditions = risk_service.conditions(state.session, profile.id)
    controls: list[ft.Control] = [
        title,
        findings.section(ctx, risk_service.findings(state.session, profile, today)),
        home_series.section(ctx, profile.id),
        diabetes.section(ctx, profile, conditions),
        questionnaires.section(ctx, profile, conditions),
        lab_values.section(ctx, profile.id),
    ]
    return ft.Column(
        controls,
        spacing=12,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )

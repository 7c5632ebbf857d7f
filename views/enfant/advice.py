"""The advice tab: short cards chosen by the child's age, each with its official source."""

from __future__ import annotations

import flet as ft

from components.section_card import SectionCard
from domain.advice import AdviceCard, child_advice
from domain.models import Profile
from views.context import ViewContext


def card(ctx: ViewContext, advice: AdviceCard) -> ft.Control:
    _ = ctx._
    source = _("Source: {name} ({url})").format(name=advice.source_name, url=advice.source_url)
    return ft.Semantics(
        content=SectionCard(
            title=advice.title, lines=[ft.Text(advice.text), ft.Text(source, size=12, italic=True)]
        ),
        identifier=f"advice-{advice.id}",
        container=True,
    )


def build(ctx: ViewContext, child: Profile) -> ft.Control:
    state = ctx.state
    cards = child_advice(child.birth_date, state.today(), state.language)
    return ft.Column([card(ctx, c) for c in cards], spacing=8)

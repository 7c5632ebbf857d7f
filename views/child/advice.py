"""The advice tab: short cards chosen by the child's age, each with its official source."""

from __future__ import annotations

import flet as ft

from components.advice_card import advice_card
from domain.advice import AdviceCard, child_advice
from domain.models import Profile
from views.context import ViewContext


def card(ctx: ViewContext, advice: AdviceCard) -> ft.Control:
    source = ctx._("Source: {name} ({url})").format(name=advice.source_name, url=advice.source_url)
    return advice_card(advice, source)


def build(ctx: ViewContext, child: Profile) -> ft.Control:
    state = ctx.state
    cards = child_advice(child.birth_date, state.today(), state.language)
    return ft.Column([card(ctx, c) for c in cards], spacing=8)

"""One advice card (by the child's age or the month of pregnancy) with its official source below."""

from __future__ import annotations

import flet as ft

from components.section_card import SectionCard
from domain.advice import AdviceCard


def advice_card(advice: AdviceCard, source: str) -> ft.Control:
    """``source``: the translated line naming the source, e.g. "Source: Ameli (https://...)"."""
    return ft.Semantics(
        content=SectionCard(
            title=advice.title, lines=[ft.Text(advice.text), ft.Text(source, size=12, italic=True)]
        ),
        identifier=f"advice-{advice.id}",
        container=True,
    )

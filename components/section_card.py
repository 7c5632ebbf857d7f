"""A titled card listing a few lines, with a calm text when there is nothing to show."""

from __future__ import annotations

from dataclasses import field

import flet as ft


@ft.control
class SectionCard(ft.Card):
    title: str = ""
    lines: list[ft.Control] = field(default_factory=list)
    empty_text: str = ""

    def init(self) -> None:
        body = self.lines or [ft.Text(self.empty_text, italic=True)]
        self.content = ft.Container(
            padding=12,
            content=ft.Column([ft.Text(self.title, weight=ft.FontWeight.BOLD, size=16), *body], spacing=6),
        )

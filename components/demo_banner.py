"""Tells that the data shown are fictitious, and removes them in one action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft


@ft.control
class DemoBanner(ft.Container):
    text: str = ""
    action_text: str = ""
    on_remove: Callable[[], Any] | None = None

    def init(self) -> None:
        self.bgcolor = ft.Colors.AMBER_100
        self.border_radius = 8
        self.padding = 12
        self.content = ft.Row(
            [
                ft.Icon(ft.Icons.INFO_OUTLINE, color=ft.Colors.AMBER_900),
                ft.Text(self.text, expand=True, color=ft.Colors.BLACK),
                ft.Semantics(
                    content=ft.TextButton(self.action_text, on_click=lambda e: self.remove()),
                    label=self.action_text,
                    button=True,
                    identifier="remove-demo",
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )

    def remove(self) -> None:
        if self.on_remove:
            self.on_remove()

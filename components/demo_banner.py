"""Tells that the data shown are fictitious, and removes them in one action.

The text and the action are stacked, not side by side: at 320-430 px a long button beside an expanding
text leaves the text a few pixels, one letter per line. The banner's colours are its own (not the theme's),
so its contrast holds in both themes: black on amber 100 is 17:1 (WCAG asks 4.5:1).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from components.labelled import labelled

BACKGROUND = ft.Colors.AMBER_100
FOREGROUND = ft.Colors.BLACK


@ft.control
class DemoBanner(ft.Container):
    text: str = ""
    action_text: str = ""
    on_remove: Callable[[], Any] | None = None

    def init(self) -> None:
        self.bgcolor = BACKGROUND
        self.border_radius = 8
        self.padding = 12
        action = ft.OutlinedButton(
            self.action_text,
            on_click=lambda e: self.remove(),
            style=ft.ButtonStyle(color=FOREGROUND, side=ft.BorderSide(1, FOREGROUND)),
        )
        self.content = ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.INFO_OUTLINE, color=FOREGROUND),
                        ft.Text(self.text, expand=True, color=FOREGROUND),
                    ],
                    vertical_alignment=ft.CrossAxisAlignment.START,
                ),
                ft.Row([labelled(action, self.action_text, "remove-demo")], wrap=True),
            ],
            spacing=8,
        )

    def remove(self) -> None:
        if self.on_remove:
            self.on_remove()

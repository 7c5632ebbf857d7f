"""A switch with its label beside it."""

from __future__ import annotations

import flet as ft


def switch_row(switch: ft.Switch, label: str, identifier: str) -> ft.MergeSemantics:
    """A switch and its label beside it, which wraps on a narrow screen (a Switch's own label is cut).
    One node for screen readers: the label (the text beside) said once, with the switch's state."""
    return ft.MergeSemantics(
        content=ft.Container(
            ft.Row(
                [
                    ft.Semantics(content=switch, identifier=identifier),
                    ft.Text(label, expand=True),
                ],
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            ),
            padding=ft.Padding.symmetric(vertical=4),  # a switch is 40 px high: 48 px to touch
        )
    )

"""A switch with its label beside it."""

from __future__ import annotations

import flet as ft


def switch_row(switch: ft.Switch, label: str, identifier: str) -> ft.Row:
    """A switch and its label beside it, which wraps on a narrow screen (a Switch's own label is cut)."""
    return ft.Row(
        [
            ft.Semantics(content=switch, label=label, identifier=identifier),
            ft.Text(label, expand=True),
        ],
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )

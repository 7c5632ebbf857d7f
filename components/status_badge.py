"""An agenda status as text, colour and icon together (never colour alone), on its own light background
so its contrast (>= 4.5:1) holds in the light and the dark theme alike."""

from __future__ import annotations

import flet as ft

# status -> (icon, text colour, background); dark text on a light tint: 6:1 to 12:1 contrast.
STYLES: dict[str, tuple[ft.IconData, str, str]] = {
    "done": (ft.Icons.CHECK_CIRCLE, ft.Colors.GREEN_900, ft.Colors.GREEN_50),
    "scheduled": (ft.Icons.EVENT_AVAILABLE, ft.Colors.BLUE_900, ft.Colors.BLUE_50),
    "to_schedule": (ft.Icons.PENDING_ACTIONS, ft.Colors.DEEP_ORANGE_900, ft.Colors.ORANGE_50),
    "catch_up": (ft.Icons.UPDATE, ft.Colors.DEEP_ORANGE_900, ft.Colors.ORANGE_50),
    "overdue": (ft.Icons.ERROR_OUTLINE, ft.Colors.RED_900, ft.Colors.RED_50),
    "upcoming": (ft.Icons.SCHEDULE, ft.Colors.BLUE_GREY_800, ft.Colors.BLUE_GREY_50),
    "expired": (ft.Icons.BLOCK, ft.Colors.GREY_800, ft.Colors.GREY_200),
}


def status_badge(status: str, text: str) -> ft.Control:
    icon, colour, background = STYLES.get(status, STYLES["upcoming"])
    return ft.Container(
        content=ft.Row(
            [
                ft.Icon(icon, color=colour, size=16),
                ft.Text(text, color=colour, size=13, weight=ft.FontWeight.W_500),
            ],
            spacing=4,
            tight=True,
        ),
        bgcolor=background,
        border_radius=12,
        padding=ft.Padding.symmetric(horizontal=8, vertical=2),
        data=status,
    )

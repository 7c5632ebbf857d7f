"""The app's two themes, one seed colour, and controls sized for a thumb on every platform.

Flutter makes controls compact on a desktop browser (the "adaptive" density) and does not pad their tap
targets there: a text button is 32 px high, an icon button 40. Phones compare the app with native ones, so
the density is the standard one everywhere and the buttons' padding brings each target to 48 px (the
size Material, Apple and WCAG 2.5.5 ask for).
"""

from __future__ import annotations

import flet as ft

SEED = ft.Colors.TEAL
TARGET = 48  # px: the smallest touch target
_TEXT = ft.Padding.symmetric(horizontal=16, vertical=14)  # 20 px of text + 28 = 48 px
_BUTTON = ft.ButtonStyle(padding=_TEXT, visual_density=ft.VisualDensity.STANDARD)


def theme() -> ft.Theme:
    return ft.Theme(
        color_scheme_seed=SEED,
        visual_density=ft.VisualDensity.STANDARD,
        text_button_theme=ft.TextButtonTheme(style=_BUTTON),
        filled_button_theme=ft.FilledButtonTheme(style=_BUTTON),
        outlined_button_theme=ft.OutlinedButtonTheme(style=_BUTTON),
        button_theme=ft.ButtonTheme(style=_BUTTON),
        chip_theme=ft.ChipTheme(padding=ft.Padding.symmetric(vertical=13, horizontal=4)),
        segmented_button_theme=ft.SegmentedButtonTheme(style=_BUTTON),
        icon_button_theme=ft.IconButtonTheme(
            style=ft.ButtonStyle(padding=ft.Padding.all(12), visual_density=ft.VisualDensity.STANDARD)
        ),
    )

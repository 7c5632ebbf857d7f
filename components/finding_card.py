"""One finding of the risk rules: what was seen, what to do next and the exam to plan, its level shown by
an icon and a colour AND by words (never by colour alone)."""

from __future__ import annotations

import flet as ft

# A card keeps its light tint in the dark theme too, so its text cannot take the theme's (light, in
# dark) colour: dark text on the tint, 14:1 and more (tests/unit/test_contrast.py).
TEXT = ft.Colors.GREY_900
SOURCE = ft.Colors.GREY_800
LOOKS = {
    "urgent": (ft.Icons.WARNING_AMBER, ft.Colors.RED_800, ft.Colors.RED_50),
    "consult": (
        ft.Icons.MEDICAL_SERVICES,
        ft.Colors.DEEP_ORANGE_900,
        ft.Colors.ORANGE_50,
    ),  # not orange900: 3.5:1
    "info": (ft.Icons.INFO_OUTLINE, ft.Colors.BLUE_800, ft.Colors.BLUE_50),
}


@ft.control
class FindingCard(ft.Container):
    level: str = "info"
    level_text: str = ""  # "Parlez-en à votre médecin", "Urgent", "Bon à savoir"
    message: str = ""
    next_step: str = ""
    exam: str = ""  # "À prévoir : ..." already worded, "" when none
    source: str = ""

    def init(self) -> None:
        icon, colour, background = LOOKS.get(self.level, LOOKS["info"])
        self.bgcolor = background
        self.border_radius = 8
        self.padding = 10
        lines: list[ft.Control] = [
            ft.Row(
                [
                    ft.Icon(icon, color=colour),
                    ft.Text(self.level_text, weight=ft.FontWeight.BOLD, color=colour),
                ],
                spacing=8,
            ),
            ft.Text(self.message, color=TEXT),
        ]
        if self.next_step:
            lines.append(ft.Text(self.next_step, weight=ft.FontWeight.W_500, color=TEXT))
        if self.exam:
            lines.append(ft.Text(self.exam, italic=True, color=TEXT))
        if self.source:
            lines.append(ft.Text(self.source, size=11, color=SOURCE))
        self.content = ft.Column(lines, spacing=4)

"""One tap to switch between the holder and each child."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Any

import flet as ft


@ft.control
class ProfileSwitcher(ft.Row):
    """A chip per profile; the current one is selected. ``labels`` maps id -> display name."""

    labels: dict[str, str] = field(default_factory=dict)
    current_id: str = ""
    on_switch: Callable[[str], Any] | None = None
    title: str = "Switch profile"

    def init(self) -> None:
        self.scroll = ft.ScrollMode.AUTO
        self.spacing = 6
        self.render()

    def render(self) -> None:
        chips: list[ft.Control] = []
        for profile_id, name in self.labels.items():
            selected = profile_id == self.current_id
            chip = ft.Chip(
                label=ft.Text(name),
                selected=selected,
                leading=ft.Icon(ft.Icons.PERSON if selected else ft.Icons.PERSON_OUTLINE),
                on_select=lambda e, pid=profile_id: self.select(pid),
            )
            chips.append(
                ft.Semantics(
                    content=chip,
                    label=f"{self.title} : {name}",
                    identifier=f"profile-{profile_id}",
                    selected=selected,
                    button=True,
                )
            )
        self.controls = [
            ft.Semantics(
                content=ft.Row(chips, spacing=6),
                label=self.title,
                identifier="profile-switcher",
                container=True,
            )
        ]

    @property
    def chips(self) -> list[ft.Semantics]:
        wrapper = self.controls[0]
        assert isinstance(wrapper, ft.Semantics) and isinstance(wrapper.content, ft.Row)
        return [chip for chip in wrapper.content.controls if isinstance(chip, ft.Semantics)]

    def select(self, profile_id: str) -> None:
        if profile_id not in self.labels:
            return
        self.current_id = profile_id
        self.render()
        if self.on_switch:
            self.on_switch(profile_id)

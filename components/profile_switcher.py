"""One tap to switch between the holder and each child.

The chips scroll sideways when the family is large, with a visible scroll bar, and each chip is one node
for screen readers (a checkbox named by the first name, selected or not), not a button and a checkbox.
"""

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
                padding=ft.Padding.symmetric(vertical=13, horizontal=4),  # 48 px high: a thumb's target
            )
            chips.append(
                ft.MergeSemantics(
                    content=ft.Semantics(content=chip, identifier=f"profile-{profile_id}", selected=selected)
                )
            )
        row = ft.Row(chips, spacing=6, scroll=ft.ScrollMode.ALWAYS)  # a many-profile family sees more
        self.controls = [
            ft.Semantics(
                content=ft.Container(row, expand=True, padding=ft.Padding.only(bottom=6)),
                label=self.title,
                identifier="profile-switcher",
                container=True,
                expand=True,
            )
        ]

    @property
    def chips(self) -> list[ft.Semantics]:
        wrapper = self.controls[0]
        assert isinstance(wrapper, ft.Semantics) and isinstance(wrapper.content, ft.Container)
        row = wrapper.content.content
        assert isinstance(row, ft.Row)
        return [
            c.content
            for c in row.controls
            if isinstance(c, ft.MergeSemantics) and isinstance(c.content, ft.Semantics)
        ]

    def select(self, profile_id: str) -> None:
        if profile_id not in self.labels:
            return
        self.current_id = profile_id
        self.render()
        if self.on_switch:
            self.on_switch(profile_id)

"""The fields of a profile (add or edit), in a dialog. Parsing and rules stay in the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from components.form_errors import error_line, show_errors
from components.labelled import described, labelled


@ft.control
class ProfileForm(ft.AlertDialog):
    """``values`` pre-fills the fields; ``texts`` gives the translated labels; ``on_save`` gets the values."""

    values: dict[str, str] | None = None
    texts: dict[str, str] | None = None
    on_save: Callable[[dict[str, str]], Any] | None = None
    on_cancel: Callable[[], Any] | None = None

    def init(self) -> None:
        values, t = self.values or {}, self.texts or {}
        self.modal = True
        self.title = ft.Text(t.get("title", ""))
        self.first_name = ft.TextField(label=t.get("first_name"), value=values.get("first_name", ""))
        self.last_name = ft.TextField(label=t.get("last_name"), value=values.get("last_name", ""))
        self.birth_date = ft.TextField(
            label=t.get("birth_date"), value=values.get("birth_date", ""), hint_text=t.get("date_hint")
        )
        self.sex = ft.Dropdown(
            label=t.get("sex"),
            value=values.get("sex", ""),
            options=[
                ft.DropdownOption(key="F", text=t.get("F")),
                ft.DropdownOption(key="M", text=t.get("M")),
            ],
        )
        self.role = ft.Dropdown(
            label=t.get("role"),
            value=values.get("role", "child"),
            options=[ft.DropdownOption(key=k, text=t.get(k)) for k in ("holder", "child", "helped")],
        )
        named: dict[str, ft.TextField | ft.Dropdown] = {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "birth_date": self.birth_date,
            "sex": self.sex,
            "role": self.role,
        }
        self.inputs, self.error = named, error_line("profile")
        self.content = ft.Column(
            [self.error, *(described(field, f"profile-{name}") for name, field in named.items())],
            tight=True,
            width=360,
        )
        self.actions = [
            labelled(ft.TextButton(t.get("cancel"), on_click=lambda e: self.cancel()), t.get("cancel", "")),
            labelled(
                ft.FilledButton(t.get("save"), on_click=lambda e: self.save()),
                t.get("save", ""),
                "save-profile",
            ),
        ]

    def current_values(self) -> dict[str, str]:
        return {
            "first_name": self.first_name.value or "",
            "last_name": self.last_name.value or "",
            "birth_date": self.birth_date.value or "",
            "sex": self.sex.value or "",
            "role": self.role.value or "",
        }

    def show_errors(self, errors: dict[str, str], general: str = "") -> str | None:
        """A refusal on its field (views/context.py: submit); the first wrong field gets the focus."""
        return show_errors(self.inputs, self.error, errors, general)

    def save(self) -> None:
        if self.on_save:
            self.on_save(self.current_values())

    def cancel(self) -> None:
        if self.on_cancel:
            self.on_cancel()

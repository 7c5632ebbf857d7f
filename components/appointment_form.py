"""The fields of an appointment (add, edit, or book an agenda item), in a dialog.

Parsing and rules stay in the services; ``on_delete`` adds a delete button when editing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from components.form_errors import error_line, show_errors
from components.labelled import labelled

FIELDS = ("day", "time", "professional", "place", "note")


@ft.control
class AppointmentForm(ft.AlertDialog):
    """``values`` pre-fills the fields; ``texts`` gives the translated labels; ``on_save`` gets the values."""

    values: dict[str, str] | None = None
    texts: dict[str, str] | None = None
    on_save: Callable[[dict[str, str]], Any] | None = None
    on_cancel: Callable[[], Any] | None = None
    on_delete: Callable[[], Any] | None = None

    def init(self) -> None:
        values, t = self.values or {}, self.texts or {}
        self.modal = True
        self.title = ft.Text(t.get("title", ""))
        self.fields = {
            name: ft.TextField(label=t.get(name), value=values.get(name, ""), hint_text=t.get(f"{name}_hint"))
            for name in FIELDS
        }
        self.fields["note"].multiline = True
        self.inputs, self.error = self.fields, error_line("appointment")
        self.content = ft.Column(
            [
                self.error,
                *(ft.Semantics(content=field, label=t.get(name)) for name, field in self.fields.items()),
            ],
            tight=True,
            width=360,
        )
        actions: list[ft.Control] = []
        if self.on_delete is not None:
            actions.append(
                self._button(ft.TextButton, t.get("delete", ""), self.delete, "delete-appointment")
            )
        actions.append(self._button(ft.TextButton, t.get("cancel", ""), self.cancel, "cancel-appointment"))
        actions.append(self._button(ft.FilledButton, t.get("save", ""), self.save, "save-appointment"))
        self.actions = actions

    @staticmethod
    def _button(kind: type, text: str, action: Callable[[], Any], identifier: str) -> ft.Control:
        return labelled(kind(text, on_click=lambda e: action()), text, identifier)

    def current_values(self) -> dict[str, str]:
        return {name: field.value or "" for name, field in self.fields.items()}

    def show_errors(self, errors: dict[str, str], general: str = "") -> str | None:
        """A refusal on its field (views/context.py: submit); the first wrong field gets the focus."""
        return show_errors(self.inputs, self.error, errors, general)

    def save(self) -> None:
        if self.on_save:
            self.on_save(self.current_values())

    def cancel(self) -> None:
        if self.on_cancel:
            self.on_cancel()

    def delete(self) -> None:
        if self.on_delete:
            self.on_delete()

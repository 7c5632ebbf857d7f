"""A small modal form: labelled text fields (and optional drop-downs) and a confirm button.

``fields`` is a list of (key, label, initial value); ``choices`` maps a key to its options
(value -> label) and makes that field a drop-down; ``kinds`` says which text fields hold a "date" or a
"number" (views/forms.py checks them all before saving). ``on_confirm`` receives {key: text}; a refusal
comes back through ``show_errors``: on its field, the first wrong field focused, the dialog kept open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Any

import flet as ft

from components.form_errors import error_line, show_errors
from components.labelled import labelled


@ft.control
class FormDialog(ft.AlertDialog):
    heading: str = ""
    intro: str = ""  # a sentence above the fields
    fields: list[tuple[str, str, str]] = field(default_factory=list)
    choices: dict[str, dict[str, str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    confirm_text: str = "Save"
    cancel_text: str = "Cancel"
    identifier: str = "form"
    on_confirm: Callable[[dict[str, str]], Any] | None = None
    on_cancel: Callable[[], Any] | None = None

    def init(self) -> None:
        self.modal = True
        self.title = ft.Text(self.heading)
        self.inputs: dict[str, ft.TextField | ft.Dropdown] = {}
        self.focused = ""  # the field the last refusal moved the focus to
        self.error = error_line(self.identifier)
        rows: list[ft.Control] = [ft.Text(self.intro)] if self.intro else []
        rows.append(self.error)
        for key, label, value in self.fields:
            shown: ft.Control
            if key in self.choices:
                control: ft.TextField | ft.Dropdown = ft.Dropdown(
                    label=label,
                    value=value,
                    options=[ft.DropdownOption(key=k, text=t) for k, t in self.choices[key].items()],
                    expand=True,
                )
                shown = ft.Row([control])  # in a row, expand is the width: the choice is not cut short
            else:
                shown = control = ft.TextField(label=label, value=value)
            self.inputs[key] = control
            rows.append(ft.Semantics(content=shown, label=label, identifier=f"{self.identifier}-{key}"))
        # at most 560 px wide (a phone's narrower dialog wins), every field that wide
        self.content = ft.Column(
            rows,
            tight=True,
            scroll=ft.ScrollMode.AUTO,
            width=560,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )
        self.actions = [
            labelled(
                ft.TextButton(self.cancel_text, on_click=lambda e: self.cancel()),
                self.cancel_text,
                f"{self.identifier}-cancel",
            ),
            labelled(
                ft.FilledButton(self.confirm_text, on_click=lambda e: self.confirm()),
                self.confirm_text,
                f"{self.identifier}-confirm",
            ),
        ]

    def values(self) -> dict[str, str]:
        return {key: str(control.value or "") for key, control in self.inputs.items()}

    def show_errors(self, errors: dict[str, str], general: str = "") -> str | None:
        """Each message on its field, the others cleared; the first wrong field gets the focus."""
        self.focused = show_errors(self.inputs, self.error, errors, general) or ""
        return self.focused or None

    def confirm(self) -> None:
        if self.on_confirm:
            self.on_confirm(self.values())

    def cancel(self) -> None:
        if self.on_cancel:
            self.on_cancel()

"""A small modal form: labelled text fields (and optional drop-downs) and a confirm button.

``fields`` is a list of (key, label, initial value); ``choices`` maps a key to its options
(value -> label) and makes that field a drop-down. ``on_confirm`` receives {key: text}.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Any

import flet as ft

from components.labelled import labelled


@ft.control
class FormDialog(ft.AlertDialog):
    heading: str = ""
    fields: list[tuple[str, str, str]] = field(default_factory=list)
    choices: dict[str, dict[str, str]] = field(default_factory=dict)
    confirm_text: str = "Save"
    cancel_text: str = "Cancel"
    identifier: str = "form"
    on_confirm: Callable[[dict[str, str]], Any] | None = None
    on_cancel: Callable[[], Any] | None = None

    def init(self) -> None:
        self.modal = True
        self.title = ft.Text(self.heading)
        self.inputs: dict[str, ft.TextField | ft.Dropdown] = {}
        rows: list[ft.Control] = []
        for key, label, value in self.fields:
            if key in self.choices:
                control: ft.TextField | ft.Dropdown = ft.Dropdown(
                    label=label,
                    value=value,
                    options=[ft.DropdownOption(key=k, text=t) for k, t in self.choices[key].items()],
                )
            else:
                control = ft.TextField(label=label, value=value)
            self.inputs[key] = control
            rows.append(ft.Semantics(content=control, label=label, identifier=f"{self.identifier}-{key}"))
        self.content = ft.Column(rows, tight=True, scroll=ft.ScrollMode.AUTO)
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

    def confirm(self) -> None:
        if self.on_confirm:
            self.on_confirm(self.values())

    def cancel(self) -> None:
        if self.on_cancel:
            self.on_cancel()

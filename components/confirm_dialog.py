"""A yes/no dialog for destructive actions (delete a profile, remove the demo family)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from components.labelled import labelled


@ft.control
class ConfirmDialog(ft.AlertDialog):
    message: str = ""
    confirm_text: str = "Delete"
    cancel_text: str = "Cancel"
    on_confirm: Callable[[], Any] | None = None
    on_cancel: Callable[[], Any] | None = None

    def init(self) -> None:
        self.modal = True
        self.content = ft.Text(self.message)
        self.actions = [
            labelled(ft.TextButton(self.cancel_text, on_click=lambda e: self.cancel()), self.cancel_text),
            labelled(
                ft.FilledButton(self.confirm_text, on_click=lambda e: self.confirm()),
                self.confirm_text,
                "confirm",
            ),
        ]

    def confirm(self) -> None:
        if self.on_confirm:
            self.on_confirm()

    def cancel(self) -> None:
        if self.on_cancel:
            self.on_cancel()

"""A yes/no dialog for destructive actions (delete a profile, remove the demo family)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft


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
            ft.Semantics(
                content=ft.TextButton(self.cancel_text, on_click=lambda e: self.cancel()),
                label=self.cancel_text,
                button=True,
            ),
            ft.Semantics(
                content=ft.FilledButton(self.confirm_text, on_click=lambda e: self.confirm()),
                label=self.confirm_text,
                button=True,
                identifier="confirm",
            ),
        ]

    def confirm(self) -> None:
        if self.on_confirm:
            self.on_confirm()

    def cancel(self) -> None:
        if self.on_cancel:
            self.on_cancel()

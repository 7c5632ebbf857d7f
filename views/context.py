"""What a screen needs: the UI state and a host that shows dialogs and messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import flet as ft

from components.confirm_dialog import ConfirmDialog
from domain.errors import CarnetError
from views.files import Files
from views.state import AppState


class Host(Protocol):
    files: Files  # save dialogs, file and folder choice, the share sheet (views/files.py)

    def show_dialog(self, dialog: ft.DialogControl) -> None: ...
    def close_dialog(self) -> None: ...
    def toast(self, message: str) -> None: ...


@dataclass
class ViewContext:
    state: AppState
    host: Host

    @property
    def _(self) -> Callable[[str], str]:
        return self.state._

    def act(self, action: Callable[[], Any], done: str = "") -> bool:
        """Runs a user action; a CarnetError becomes a translated message, never a traceback."""
        self.state.touch()  # any action counts as activity for the auto-lock
        try:
            action()
        except CarnetError as exc:
            self.host.toast(exc.render(self._))
            return False
        if done:
            self.host.toast(done)
        return True

    def confirm(
        self,
        message: str,
        confirm_text: str,
        action: Callable[[], Any],
        done: str,
        after: Callable[[], Any],
    ) -> ConfirmDialog:
        """Asks first; on yes: closes the question, runs ``action`` as ``act`` does, then ``after``."""

        def confirmed() -> None:
            self.host.close_dialog()
            if self.act(action, done=done):
                after()

        dialog = ConfirmDialog(
            message=message,
            confirm_text=confirm_text,
            cancel_text=self._("Cancel"),
            on_confirm=confirmed,
            on_cancel=self.host.close_dialog,
        )
        self.host.show_dialog(dialog)
        return dialog


def run_in_background(ctx: ViewContext, work: Callable[[], None]) -> None:
    """``work`` on one of the page's threads; without a page (client-less tests) at once."""
    page = getattr(ctx.host, "page", None)
    runner = getattr(page, "run_thread", None)
    (runner or (lambda fn: fn()))(work)

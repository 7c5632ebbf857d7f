"""What a screen needs: the UI state and a host, the only way to the page: dialogs, messages, the
platform's file dialogs, async tasks and background threads. No screen reaches the Flet page itself, so
the screens are built and driven without a client in the tests (tests/ui/conftest.py: FakeHost)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

import flet as ft

from components.confirm_dialog import ConfirmDialog
from components.form_dialog import FormDialog
from domain.errors import CarnetError
from services.i18n import catalog
from views.files import Files
from views.forms import FormValues
from views.state import AppState


class Form(Protocol):
    """A dialog whose refusals are shown on its fields (components/form_errors.py)."""

    def show_errors(self, errors: dict[str, str], general: str = "") -> str | None: ...


class Host(Protocol):
    files: Files  # save dialogs, file and folder choice, the share sheet, the platform (views/files.py)

    def show_dialog(self, dialog: ft.DialogControl) -> None: ...
    def close_dialog(self) -> None: ...
    def toast(self, message: str) -> None: ...
    def run_task(self, handler: Callable[..., Awaitable[Any]], *args: Any) -> None: ...
    def run_thread(self, work: Callable[[], Any]) -> None: ...


@dataclass
class ViewContext:
    state: AppState
    host: Host

    @property
    def _(self) -> Callable[[str], str]:
        return self.state._

    def pgettext(self, context: str, message: str) -> str:
        """A message whose translation depends on ``context`` ("female": "née", "male": "né")."""
        return catalog(self.state.language).pgettext(context, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The plural form the language asks for ("1 examen", "2 examens"), from the catalogs."""
        return catalog(self.state.language).ngettext(singular, plural, n)

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

    def submit(
        self,
        action: Callable[[], Any],
        done: str = "",
        after: Callable[[], Any] | None = None,
        form: Form | None = None,
        close: bool = True,
    ) -> bool:
        """A form's action, as ``act`` runs it: when it holds, the form closes (unless ``close`` is
        False: a form drawn in the screen, not a dialog), ``done`` is said and the screen is drawn again
        (``after`` instead, when given); a refusal leaves the form open and, with ``form``, is shown in
        it: on the field it names (views/forms.py: on_field), focused, else on the form's own error line."""
        self.state.touch()
        try:
            action()
        except CarnetError as exc:
            message = exc.render(self._)
            if form is None:
                self.host.toast(message)
            else:
                key = getattr(exc, "field", "")
                form.show_errors({key: message} if key else {}, "" if key else message)
            return False
        if close:
            self.host.close_dialog()
        elif form is not None:  # a form that stays: the refusals of an earlier try go
            form.show_errors({})
        if done:
            self.host.toast(done)
        (after or self.state.notify)()
        return True

    def form(
        self,
        dialog: FormDialog,
        save: Callable[[FormValues], Any],
        done: str = "",
        after: Callable[[], Any] | None = None,
    ) -> FormDialog:
        """Shows ``dialog``; its confirm checks every date and number field of ``dialog.kinds`` (all the
        wrong ones shown at once), then runs ``save(values)`` through ``submit``; its cancel closes it."""

        def confirm(typed: dict[str, str]) -> bool:
            values = FormValues(typed, self._)
            wrong = values.errors(dialog.kinds)
            if wrong:
                self.state.touch()
                dialog.show_errors(wrong)
                return False
            return self.submit(lambda: save(values), done, after, form=dialog)

        dialog.on_confirm = confirm
        dialog.on_cancel = self.host.close_dialog
        self.host.show_dialog(dialog)
        return dialog

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

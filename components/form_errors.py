"""A form's refusals shown where the user looks: each on its own field (the field's error text, red) and,
for a refusal that names no field, on a line inside the form itself; never in a snack bar behind it."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress

import flet as ft

Input = ft.TextField | ft.Dropdown


ERROR_LINES = 4  # a field's message wraps instead of ending in "..." on a phone


def error_line(identifier: str) -> ft.Semantics:
    """The form's own error line: hidden until a refusal that names no field; read out when it changes.
    The Semantics node is what hides (a Semantics around an invisible control is a Flet error)."""
    text = ft.Text("", color=ft.Colors.ERROR)
    return ft.Semantics(content=text, live_region=True, identifier=f"{identifier}-error", visible=False)


def show_errors(
    inputs: Mapping[str, Input], line: ft.Semantics, errors: Mapping[str, str], general: str = ""
) -> str | None:
    """Puts each message on its field (and clears the others), moves the focus to the first wrong field
    and returns its key."""
    for key, control in inputs.items():
        if isinstance(control, ft.Dropdown):
            control.error_text = errors.get(key)
        else:
            control.error, control.error_max_lines = errors.get(key), ERROR_LINES
    elsewhere = [message for key, message in errors.items() if key not in inputs]  # no such field here
    general = " ".join([*elsewhere, general]).strip()
    text = line.content
    assert isinstance(text, ft.Text)
    text.value, line.visible = general, bool(general)
    first = next((key for key in inputs if key in errors), None)
    if first is not None:
        with suppress(RuntimeError):  # a form built without a page (the tests): nothing to focus
            inputs[first].page.run_task(inputs[first].focus)
    return first


class FieldForm:
    """The fields and error line of a form built by hand (a dialog with check boxes besides its fields):
    what ``ViewContext.submit`` shows a refusal on, as it does on a FormDialog."""

    def __init__(self, inputs: Mapping[str, Input], identifier: str) -> None:
        self.inputs, self.error = inputs, error_line(identifier)
        self.focused = ""

    def values(self) -> dict[str, str]:
        return {key: str(control.value or "") for key, control in self.inputs.items()}

    def show_errors(self, errors: Mapping[str, str], general: str = "") -> str | None:
        self.focused = show_errors(self.inputs, self.error, errors, general) or ""
        return self.focused or None

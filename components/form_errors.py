"""A form's refusals shown where the user looks: each on its own field (the field's error text, red) and,
for a refusal that names no field, on a line inside the form itself; never in a snack bar behind it."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress

import flet as ft

Input = ft.TextField | ft.Dropdown


def error_line(identifier: str) -> ft.Semantics:
    """The form's own error line: hidden until a refusal that names no field; read out when it changes."""
    text = ft.Text("", color=ft.Colors.ERROR, visible=False)
    return ft.Semantics(content=text, live_region=True, identifier=f"{identifier}-error")


def show_errors(
    inputs: Mapping[str, Input], line: ft.Semantics, errors: Mapping[str, str], general: str = ""
) -> str | None:
    """Puts each message on its field (and clears the others), moves the focus to the first wrong field
    and returns its key."""
    for key, control in inputs.items():
        if isinstance(control, ft.Dropdown):
            control.error_text = errors.get(key)
        else:
            control.error = errors.get(key)
    elsewhere = [message for key, message in errors.items() if key not in inputs]  # no such field here
    general = " ".join([*elsewhere, general]).strip()
    text = line.content
    assert isinstance(text, ft.Text)
    text.value, text.visible = general, bool(general)
    first = next((key for key in inputs if key in errors), None)
    if first is not None:
        with suppress(RuntimeError):  # a form built without a page (the tests): nothing to focus
            inputs[first].page.run_task(inputs[first].focus)
    return first

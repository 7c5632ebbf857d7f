"""Every interactive control carries an accessible label (screen readers, and the browser tests' locators)."""

from __future__ import annotations

import flet as ft


def labelled(control: ft.Control, label: str, identifier: str | None = None) -> ft.Semantics:
    """Every interactive control carries an accessible label."""
    return ft.Semantics(content=control, label=label, identifier=identifier, button=True)


def described(field: ft.TextField | ft.Dropdown, identifier: str | None = None) -> ft.Semantics:
    """A form field named for screen readers by its own (text) label."""
    label = field.label if isinstance(field.label, str) else None
    return ft.Semantics(content=field, label=label, identifier=identifier)

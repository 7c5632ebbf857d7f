"""Every interactive control carries an accessible label (screen readers, and the browser tests' locators)."""

from __future__ import annotations

import flet as ft


def labelled(control: ft.Control, label: str, identifier: str | None = None) -> ft.Semantics:
    """Every interactive control carries an accessible label."""
    return ft.Semantics(content=control, label=label, identifier=identifier, button=True)

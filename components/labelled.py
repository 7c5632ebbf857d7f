"""Every interactive control carries an accessible label (screen readers, and the browser tests' locators).

A Semantics wrapper around a button makes a second node in the accessibility tree (the wrapper's, and the
button's own): a screen reader then hears the control twice. ``MergeSemantics`` merges the wrapper and
the control into one node, that keeps the identifier, the tap action and one label: the control's own
text when it has one, else the given label (an icon button).
"""

from __future__ import annotations

import flet as ft


def own_text(control: ft.Control) -> str | None:
    """The text a button (or a list tile, by its title) already shows, and says, if any."""
    content = getattr(control, "title" if isinstance(control, ft.ListTile) else "content", None)
    if isinstance(content, str):
        return content
    if isinstance(content, ft.Text):
        return content.value if isinstance(content.value, str) else None
    return None


def labelled(control: ft.Control, label: str, identifier: str | None = None) -> ft.MergeSemantics:
    """One accessibility node for ``control``: its label said once, its identifier, its tap action."""
    said = None if own_text(control) == label else label
    return ft.MergeSemantics(
        content=ft.Semantics(content=control, label=said, identifier=identifier, button=True)
    )


def one_node(control: ft.Control, identifier: str, selected: bool | None = None) -> ft.MergeSemantics:
    """A control named by its own text (a chip, a text button): one node, with its identifier."""
    return ft.MergeSemantics(content=ft.Semantics(content=control, identifier=identifier, selected=selected))


def described(field: ft.TextField | ft.Dropdown, identifier: str | None = None) -> ft.Semantics:
    """A form field named for screen readers by its own (text) label."""
    label = field.label if isinstance(field.label, str) else None
    return ft.Semantics(content=field, label=label, identifier=identifier)

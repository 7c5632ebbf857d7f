"""Dialogs sized to their content: a scrolling Column as an AlertDialog's content takes the whole height
of the window in the Flet client, however short it is (a notification centre with one line was a screen
high). The dialog's own scrolling (``scrollable``) sizes it to its content and scrolls only when it is
longer than the window. Applied to every dialog by the page host (views/app.py), once."""

from __future__ import annotations

import flet as ft


def fit(dialog: ft.DialogControl) -> ft.DialogControl:
    """``dialog`` as tall as its content: its own scrolling instead of a scrolling Column."""
    if isinstance(dialog, ft.AlertDialog):
        content = dialog.content
        if isinstance(content, ft.Column) and content.scroll is not None:
            content.scroll = None
            content.tight = True
            dialog.scrollable = True
    return dialog


def fitted(dialog: ft.DialogControl) -> bool:
    """Whether ``dialog`` will be as tall as its content (for the tests)."""
    content = getattr(dialog, "content", None)
    return not (isinstance(content, ft.Column) and content.scroll is not None)

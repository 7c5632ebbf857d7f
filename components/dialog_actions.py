"""The two buttons at the foot of a question: step back (a text button), then go on (a filled one)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from components.labelled import labelled

Button = tuple[str, Callable[[Any], Any], str]  # (text, on_click, identifier)


def dialog_actions(back: Button, go: Button) -> list[ft.Control]:
    back_text, on_back, back_id = back
    go_text, on_go, go_id = go
    return [
        labelled(ft.TextButton(back_text, on_click=on_back), back_text, back_id),
        labelled(ft.FilledButton(go_text, on_click=on_go), go_text, go_id),
    ]

"""One document of the Dossier: its title, type, date and author, where it came from, and its actions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Any

import flet as ft

from components.labelled import labelled

# (icon, accessible label, semantics identifier, handler)
Action = tuple[ft.IconData, str, str, Callable[[], Any]]


@ft.control
class DocumentCard(ft.Card):
    title: str = ""
    details: str = ""  # type - date - author
    origin: str = ""  # "Added by a professional"...
    is_image: bool = False
    masked: bool = False
    masked_text: str = "Masked from professionals"
    # Python-side only: the handlers are not sent to the client (a lambda cannot be serialised).
    actions: list[Action] = field(default_factory=list, metadata={"skip": True})
    identifier: str = ""

    def init(self) -> None:
        icon = ft.Icons.IMAGE if self.is_image else ft.Icons.PICTURE_AS_PDF
        lines: list[ft.Control] = [
            ft.Text(self.title, weight=ft.FontWeight.BOLD),
            ft.Text(self.details, size=13),
        ]
        badges = [self.origin] + ([self.masked_text] if self.masked else [])
        lines.append(ft.Text(" - ".join(b for b in badges if b), size=12, italic=True))
        buttons: list[ft.Control] = [
            labelled(
                ft.IconButton(icon_, tooltip=label, on_click=lambda e, h=handler: h()),
                f"{label} : {self.title}",
                f"{ident}-{self.identifier}",
            )
            for icon_, label, ident, handler in self.actions
        ]
        self.content = ft.Container(
            padding=10,
            content=ft.Column(
                [
                    ft.Row(
                        [
                            ft.Icon(ft.Icons.VISIBILITY_OFF if self.masked else icon),
                            ft.Column(lines, spacing=2, expand=True),
                        ],
                        vertical_alignment=ft.CrossAxisAlignment.START,
                    ),
                    ft.Row(buttons, spacing=0, wrap=True),  # under the text: phones keep the title wide
                ],
                spacing=4,
            ),
        )

    def action(self, identifier: str) -> Callable[[], Any]:
        """The handler of one action, by identifier prefix (for tests and keyboard shortcuts)."""
        for _icon, _label, ident, handler in self.actions:
            if ident == identifier:
                return handler
        raise KeyError(identifier)

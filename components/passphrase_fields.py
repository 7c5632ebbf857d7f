"""Password fields for choosing a passphrase (typed twice) or typing a secret once.

Each refusal is written under the field it is about (``error``), never in a passing message: the user
reads it where they type again. Screens that are drawn again after a refusal pass the errors they kept;
dialogs set them in place.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

import flet as ft

from domain.errors import N_

# What the eye button does, said to a screen reader (Flet's own reveal button has no name at all).
PASSPHRASE_REVEAL = (N_("Show passphrase"), N_("Hide passphrase"))
TOKEN_REVEAL = (N_("Show access token"), N_("Hide access token"))


def secret_field(
    label: str,
    error: str | None = None,
    *,
    translate: Callable[[str], str],
    autofocus: bool = False,
    reveal: tuple[str, str] = PASSPHRASE_REVEAL,
) -> ft.TextField:
    """A hidden text field with an eye button, named "Afficher la phrase de passe" then "Masquer..."."""
    field = ft.TextField(
        label=label, password=True, autofocus=autofocus, error=error or None, error_max_lines=4
    )
    button = ft.IconButton(ft.Icons.VISIBILITY)
    said = ft.Semantics(content=button, label=translate(reveal[0]), button=True)

    def toggle(e: object = None) -> None:
        field.password = not field.password
        button.icon = ft.Icons.VISIBILITY if field.password else ft.Icons.VISIBILITY_OFF
        said.label = translate(reveal[0] if field.password else reveal[1])
        with suppress(RuntimeError):  # not on a page (a client-less test): drawn so when it is shown
            field.update()

    button.on_click = toggle
    field.suffix_icon = ft.MergeSemantics(content=said)  # one node: the button with its name (labelled.py)
    return field


class PassphrasePair:
    """A new passphrase and the same again; ``identifier`` names both (``identifier``, ``identifier-again``)
    for screen readers and tests."""

    def __init__(
        self,
        label: str,
        again_label: str,
        identifier: str,
        errors: tuple[str | None, str | None] = (None, None),
        *,
        translate: Callable[[str], str],
        autofocus: bool = False,
    ) -> None:
        self.identifier, self.labels = identifier, (label, again_label)
        self.first = secret_field(label, errors[0], translate=translate, autofocus=autofocus)
        self.second = secret_field(again_label, errors[1], translate=translate)

    def controls(self) -> list[ft.Control]:
        return [
            ft.Semantics(content=self.first, label=self.labels[0], identifier=self.identifier),
            ft.Semantics(content=self.second, label=self.labels[1], identifier=f"{self.identifier}-again"),
        ]

    def typed(self, differ: str) -> str | None:
        """The new passphrase when both fields agree; otherwise ``differ`` under the second, and None."""
        self.first.error = self.second.error = None
        if (self.first.value or "") != (self.second.value or ""):
            self.second.error, self.second.value = differ, ""
            return None
        return self.first.value or ""

    def refuse(self, text: str) -> None:
        """A passphrase refused (too weak): said under the first field, both emptied to type again."""
        self.first.error, self.second.error = text, None
        self.first.value = self.second.value = ""

"""Password fields for choosing a passphrase (typed twice) or typing a secret once.

Each refusal is written under the field it is about (``error``), never in a passing message: the user
reads it where they type again. Screens that are drawn again after a refusal pass the errors they kept;
dialogs set them in place.
"""

from __future__ import annotations

import flet as ft


def secret_field(label: str, error: str | None = None, *, autofocus: bool = False) -> ft.TextField:
    return ft.TextField(
        label=label,
        password=True,
        can_reveal_password=True,
        autofocus=autofocus,
        error=error or None,
        error_max_lines=4,
    )


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
        autofocus: bool = False,
    ) -> None:
        self.identifier, self.labels = identifier, (label, again_label)
        self.first = secret_field(label, errors[0], autofocus=autofocus)
        self.second = secret_field(again_label, errors[1])

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

"""Errors on the field: a form's value is read with ``read(form, key, parse)``; when the domain refuses
it, its reason is written under that field (``error_text``) and the refusal goes on to ``ctx.submit``,
which keeps the form open and says it too (issue 15's forms)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, TypeVar

import flet as ft

from components.form_dialog import FormDialog
from domain.errors import CarnetError

T = TypeVar("T")


def set_error(control: ft.TextField | ft.Dropdown, text: str | None) -> None:
    """Flet 1.0 names it ``error`` on a text field and ``error_text`` on a drop-down."""
    if isinstance(control, ft.TextField):
        control.error = text
    else:
        control.error_text = text


def error_of(control: ft.TextField | ft.Dropdown) -> str | None:
    value = control.error if isinstance(control, ft.TextField) else control.error_text
    return value if isinstance(value, str) else None


def clear(form: FormDialog) -> None:
    for control in form.inputs.values():
        set_error(control, None)


def read(form: FormDialog, key: str, parse: Callable[[str], T], translate: Callable[[str], str]) -> T:
    """``parse`` of the field's text; a CarnetError is shown under the field, then raised."""
    try:
        return parse(str(form.inputs[key].value or ""))
    except CarnetError as exc:
        mark(form, key, exc, translate)
        raise


def mark(form: FormDialog, key: str, exc: CarnetError, translate: Callable[[str], str]) -> None:
    control = form.inputs[key]
    set_error(control, exc.render(translate))
    if not getattr(exc, "field", ""):  # ctx.submit shows it there too (views/forms.py: on_field)
        exc.field = key  # type: ignore[attr-defined]
    with contextlib.suppress(RuntimeError):  # not on a page (the client-less tests): drawn with the dialog
        control.update()


def checked(
    form: FormDialog,
    key: str | Callable[[CarnetError], str],
    build: Callable[[], Any],
    translate: Callable[[str], str],
) -> Any:
    """``build()`` (a record made from several fields); a refusal is shown under ``key`` (or under the
    field ``key(error)`` names)."""
    try:
        return build()
    except CarnetError as exc:
        mark(form, key if isinstance(key, str) else key(exc), exc, translate)
        raise

"""What the Flet client would show as a red error control instead of a screen, checked without a client.

The client refuses some trees that Python accepts: a Semantics whose content is missing or hidden
("Semantics.content must be provided and visible", the list below is the client's own, from
flet_web/web/main.dart.js), and whatever the controls' own checks refuse before an update.
"""

import dataclasses

import flet as ft

# (control type, field that must hold a visible control), as the Flet 1.0.5 client requires them
REQUIRED_VISIBLE = [
    (ft.Semantics, "content"),
    (ft.AnimatedSwitcher, "content"),
    (ft.Chip, "label"),
    (ft.ExpansionTile, "title"),
    (ft.SafeArea, "content"),
    (ft.SnackBar, "content"),
    (ft.Banner, "content"),
    (ft.InteractiveViewer, "content"),
    (ft.SelectionArea, "content"),
]


def every_control(root):
    """Every control under ``root``, through every field (items of menus, options, actions...)."""
    seen, stack = set(), [root]
    while stack:
        control = stack.pop()
        if id(control) in seen:
            continue
        seen.add(id(control))
        yield control
        for f in dataclasses.fields(control):
            if f.name.startswith("_") or f.name in ("parent", "page"):
                continue
            value = getattr(control, f.name, None)
            for item in value if isinstance(value, list | tuple) else [value]:
                if isinstance(item, ft.BaseControl):
                    stack.append(item)


def flet_errors(root) -> list[str]:
    """The errors the client would draw in place of controls under ``root``; [] when there is none."""
    errors = []
    for control in every_control(root):
        if not getattr(control, "visible", True):
            continue
        for kind, name in REQUIRED_VISIBLE:
            child = getattr(control, name, None) if isinstance(control, kind) else True
            if child is None or (isinstance(child, ft.Control) and not child.visible):
                errors.append(f"{type(control).__name__}.{name} must be provided and visible")
        try:
            control._before_update_safe()
        except Exception as exc:  # noqa: BLE001 - any refusal of a control's own check is an error shown
            errors.append(f"{type(control).__name__}: {exc}")
    return errors

"""Reading a Flet control tree built without a client: the helpers every client-less UI test uses."""

import flet as ft


def walk(control, parent=None):
    """Every control under ``control`` (itself first), with its parent."""
    yield control, parent
    for name in ("content", "controls", "actions", "title", "subtitle", "leading", "trailing"):
        child = getattr(control, name, None)
        for item in child if isinstance(child, list) else [child]:
            if isinstance(item, ft.Control):
                yield from walk(item, control)


def _shown(shell):
    for root in (shell.body, shell.appbar):
        if root is not None:
            yield from walk(root)


def semantics(shell, identifier):
    """The Semantics node of the screen or app bar with that identifier."""
    return next(c for c, _ in _shown(shell) if isinstance(c, ft.Semantics) and c.identifier == identifier)


def identifiers(shell, prefix):
    """The identifiers starting with ``prefix``, in screen order."""
    return [
        c.identifier
        for c, _ in _shown(shell)
        if isinstance(c, ft.Semantics) and (c.identifier or "").startswith(prefix)
    ]

"""Reading a Flet control tree built without a client: the helpers every client-less UI test uses."""

import asyncio
import inspect

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


def node(root, identifier):
    """The Semantics node with that identifier anywhere under ``root`` (a dialog, the body)."""
    return next(c for c, _ in walk(root) if isinstance(c, ft.Semantics) and c.identifier == identifier)


def has_node(root, identifier):
    return any(isinstance(c, ft.Semantics) and c.identifier == identifier for c, _ in walk(root))


def press(root, identifier):
    """Taps the control named ``identifier`` (a button, a tile in a card) as Flet would: an async
    handler is run to its end."""
    target = next(c for c, _ in walk(node(root, identifier)) if getattr(c, "on_click", None) is not None)
    result = target.on_click(None)
    if inspect.iscoroutine(result):
        asyncio.run(result)


def type_in(root, identifier, text):
    node(root, identifier).content.value = text


def texts(root):
    return [str(c.value) for c, _ in walk(root) if isinstance(c, ft.Text)]

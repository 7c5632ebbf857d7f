"""Every screen of every demo profile, and every dialog they open (and the dialogs those open), built
without a client: none holds a control the Flet client would draw as a red error, and no tap raises."""

import re

import flet as ft

from components.dialog_fit import fit, fitted
from views.routes import ROUTES

from .flet_checks import flet_errors
from .tree import walk

# Taps that leave the screen or the carnet (they open no dialog): the navigation and the lock.
NOT_PRESSED = re.compile(r"^nav-|^lock-now$")
# In a dialog, the taps that would commit it (save, confirm, delete...): only the others are pressed,
# those that open a further dialog (the agenda detail's "Marquer comme fait", "Prendre rendez-vous").
COMMITS = re.compile(r"confirm|save|delete|remove|close|cancel|export|share|print|restore|send")


def family(identifier):
    """One tap per kind of control: "item-child-exam-10-1a2b3c4d" and "item-child-exam-11-..." are alike."""
    return re.sub(r"[0-9a-f]{8,}|\d+", "#", identifier)


def clickables(root):
    """(identifier, control) of each named control under ``root`` that reacts to a tap, one per family."""
    found, families = [], set()
    for control, _ in walk(root):
        if not isinstance(control, ft.Semantics) or not control.identifier:
            continue
        target = next((c for c, _ in walk(control) if getattr(c, "on_click", None) is not None), None)
        if target is not None and family(control.identifier) not in families:
            families.add(family(control.identifier))
            found.append((control.identifier, target))
    return found


def tap(control):
    import asyncio
    import inspect

    result = control.on_click(None)
    if inspect.iscoroutine(result):
        asyncio.run(result)


def check_dialogs(host, opened, where, depth=0):
    """The dialogs shown since ``opened``: each is error-free; the taps in it that commit nothing are
    pressed in turn (one level down), and what they open is checked too."""
    for dialog in list(host.dialogs[opened:]):
        assert flet_errors(dialog) == [], (where, dialog)
        assert fitted(fit(dialog)), where  # as tall as its content, as the page host shows it
        if depth:
            continue
        for identifier, control in clickables(dialog):
            if COMMITS.search(identifier):
                continue
            before = len(host.dialogs)
            tap(control)
            check_dialogs(host, before, (*where, identifier), depth + 1)
            del host.dialogs[before:]


def screens(state):
    for profile in list(state.profiles):
        state.switch(profile.id)
        for route in ROUTES:
            if route.applies_to(state.current, state.today()):
                yield profile, route.path


def test_every_dialog_of_every_screen_shows_no_flet_error(unlocked):
    shell, state, host = unlocked
    opened_dialogs = 0
    for profile, path in screens(state):
        state.go(path)
        for root in (shell.appbar, shell.navigation, shell.body):
            if root is not None:
                assert flet_errors(root) == [], (profile.first_name, path)
        for identifier, _ in clickables(shell.body):
            if NOT_PRESSED.search(identifier):
                continue
            state.go(path)  # the screen as it was, the previous tap's changes drawn
            control = dict(clickables(shell.body)).get(identifier)
            if control is None:
                continue
            host.dialogs.clear()
            tap(control)
            opened_dialogs += len(host.dialogs)
            check_dialogs(host, 0, (profile.first_name, path, identifier))
            host.dialogs.clear()
    assert opened_dialogs > 20  # the test reaches the dialogs: forms, details, confirmations


def test_the_check_sees_the_error_the_client_would_show():
    hidden = ft.Semantics(content=ft.TextField(label="Par qui", visible=False))
    assert flet_errors(ft.AlertDialog(content=ft.Column([hidden]))) == [
        "Semantics.content must be provided and visible"
    ]


def test_the_page_host_sizes_a_dialog_to_its_content():
    """A scrolling Column as a dialog's content is a window high in the client: the dialog scrolls."""
    dialog = ft.AlertDialog(content=ft.Column([ft.Text("Une ligne")], scroll=ft.ScrollMode.AUTO))
    assert not fitted(dialog)
    fit(dialog)
    assert fitted(dialog) and dialog.scrollable and dialog.content.tight

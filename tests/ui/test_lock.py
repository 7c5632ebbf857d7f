"""Locking and unlocking, built without a Flet client: every session locks together, each unlocks on its
own with the passphrase typed in it, and opening without typing is the owner's choice in Réglages."""

import flet as ft
import pytest

from domain.errors import ValidationError
from services import demo
from services.session import Session, Sessions, open_session
from storage.keys import MemoryKeyHolder
from views.context import ViewContext
from views.shell import Shell
from views.state import AppState

from .conftest import PASSPHRASE, TODAY, FakeHost
from .tree import semantics, walk


def session(data_dir, sessions, holder=None, **options):
    """One open page: its own AppState and shell, among the process's ``sessions``."""
    state = AppState(data_dir, holder or MemoryKeyHolder(), clock=lambda: TODAY, sessions=sessions, **options)
    host = FakeHost()
    shell = Shell(ViewContext(state, host))
    state.listeners.append(shell.render)
    return shell, state, host


def type_and_unlock(shell, passphrase):
    semantics(shell, "passphrase").content.value = passphrase
    semantics(shell, "unlock").content.on_click(None)


def shows_lock_screen(shell):
    return shell.switcher is None and any(
        isinstance(c, ft.Semantics) and c.identifier == "passphrase" for c, _ in walk(shell.body)
    )


@pytest.fixture
def two_tabs(tmp_path, clock):
    """The same vault open in two tabs, each unlocked with the passphrase typed in it."""
    sessions = Sessions(clock)
    first = session(tmp_path / "data", sessions)
    first[1].create_vault(PASSPHRASE, PASSPHRASE)
    second = session(tmp_path / "data", sessions)
    assert shows_lock_screen(second[0])  # a new tab starts locked, whatever the first one did
    type_and_unlock(second[0], PASSPHRASE)
    assert not second[1].locked
    return first, second


def test_a_lock_in_one_tab_locks_every_tab_and_redraws_its_lock_screen(two_tabs):
    (shell_a, a, _), (shell_b, b, _) = two_tabs
    semantics(shell_b, "nav-lock").content.on_click(None)
    assert a.locked and b.locked and a.profiles == [] and b.profiles == []
    assert shows_lock_screen(shell_a) and shows_lock_screen(shell_b)


def test_the_inactivity_delay_locks_every_tab_and_activity_in_any_tab_counts(two_tabs, clock):
    (shell_a, a, _), (shell_b, b, _) = two_tabs
    a.set_autolock(5)
    clock.seconds += 4 * 60
    b.go("/documents")  # the user works in the second tab
    clock.seconds += 4 * 60
    assert not a.lock_if_idle() and not a.locked
    clock.seconds += 61
    assert a.lock_if_idle()
    assert a.locked and b.locked and shows_lock_screen(shell_b)


def test_a_tab_that_went_away_forgets_its_keys_and_leaves_the_others_open(two_tabs):
    (_, a, _), (_, b, _) = two_tabs
    sessions = a.sessions
    b.close()
    assert b.locked and len(sessions) == 1 and not a.locked


def test_after_a_lock_an_empty_field_does_not_unlock_even_when_the_device_holds_the_key(app):
    shell, state, host = app
    state.create_vault(PASSPHRASE, PASSPHRASE)
    state.session.remember_on_device(PASSPHRASE)  # as older versions always did, and as the setting does
    state.lock()
    type_and_unlock(shell, "")
    assert state.locked
    assert "tapez votre phrase de passe" in semantics(shell, "passphrase").content.error.lower()
    assert host.toasts == []


def test_a_new_vault_leaves_no_key_on_the_device(app):
    shell, state, host = app
    state.create_vault(PASSPHRASE, PASSPHRASE)
    assert state.session.vault.holder.keys == {} and not state.device_unlock


def test_a_vault_made_by_a_headless_command_leaves_no_key_on_the_device(tmp_path):
    holder = MemoryKeyHolder()
    open_session(tmp_path / "data", PASSPHRASE, holder, create=True).lock()
    assert holder.keys == {}


def test_opening_without_typing_is_off_by_default_and_a_key_an_older_version_left_is_removed(tmp_path):
    holder = MemoryKeyHolder()
    Session(tmp_path / "data", holder).create(PASSPHRASE, remember_on_device=True)
    shell, state, _ = session(tmp_path / "data", Sessions(), holder)
    assert not state.open_with_device_key()
    assert state.locked and shows_lock_screen(shell) and holder.keys == {}


def open_settings_switch(shell, state):
    state.go("/settings")
    switch = semantics(shell, "device-unlock").content
    assert switch.value is False
    switch.on_change(type("E", (), {"control": type("C", (), {"value": True})()})())


def test_turning_it_on_asks_for_the_passphrase_then_the_next_start_opens_without_typing(tmp_path):
    holder = MemoryKeyHolder()
    shell, state, host = session(tmp_path / "data", Sessions(), holder)
    state.create_vault(PASSPHRASE, PASSPHRASE)
    open_settings_switch(shell, state)
    dialog = host.dialogs[-1]
    field = next(c for c, _ in walk(dialog.content) if isinstance(c, ft.TextField))
    meaning = " ".join(c.value for c, _ in walk(dialog.content) if isinstance(c, ft.Text))
    assert "toute personne pouvant utiliser ce compte" in meaning
    field.value = "pas la bonne phrase"
    field.on_submit(None)
    assert "incorrecte" in field.error and holder.keys == {} and not state.device_unlock
    field.value = PASSPHRASE
    field.on_submit(None)
    assert list(holder.keys) == [state.session.vault.vault_id] and state.device_unlock and host.dialogs == []
    assert semantics(shell, "device-unlock").content.value is True

    _, restarted, _ = session(tmp_path / "data", Sessions(), holder)
    assert restarted.open_with_device_key() and not restarted.locked
    restarted.lock()
    with pytest.raises(ValidationError):
        restarted.unlock("")  # after a lock, the passphrase again
    assert restarted.locked


def test_cancelling_leaves_it_off(tmp_path):
    holder = MemoryKeyHolder()
    shell, state, host = session(tmp_path / "data", Sessions(), holder)
    state.create_vault(PASSPHRASE, PASSPHRASE)
    open_settings_switch(shell, state)
    semantics_cancel = next(
        c
        for c, _ in walk(host.dialogs[-1])
        if isinstance(c, ft.Semantics) and c.identifier == "device-unlock-cancel"
    )
    semantics_cancel.content.on_click(None)
    assert host.dialogs == [] and holder.keys == {}
    assert semantics(shell, "device-unlock").content.value is False


def test_turning_it_off_removes_the_key_from_the_device(tmp_path):
    holder = MemoryKeyHolder()
    shell, state, host = session(tmp_path / "data", Sessions(), holder)
    state.create_vault(PASSPHRASE, PASSPHRASE)
    state.set_device_unlock(True, PASSPHRASE)
    state.go("/settings")
    switch = semantics(shell, "device-unlock").content
    switch.on_change(type("E", (), {"control": type("C", (), {"value": False})()})())
    assert holder.keys == {} and not state.device_unlock
    _, restarted, _ = session(tmp_path / "data", Sessions(), holder)
    assert not restarted.open_with_device_key() and restarted.locked


def test_the_web_never_opens_without_typing_and_says_so_in_settings(tmp_path):
    holder = MemoryKeyHolder()
    Session(tmp_path / "data", holder).create(PASSPHRASE, remember_on_device=True)
    shell, state, _ = session(tmp_path / "data", Sessions(), holder, web=True)
    state.session.settings.set("device_unlock", True)
    assert not state.open_with_device_key() and state.locked
    type_and_unlock(shell, PASSPHRASE)
    state.go("/settings")
    assert any("dans chaque onglet" in t for t in shell.texts())
    assert not any(
        isinstance(c, ft.Semantics) and c.identifier == "device-unlock" for c, _ in walk(shell.body)
    )


def test_a_vault_emptied_of_its_profiles_stays_empty_at_the_next_unlock(unlocked):
    shell, state, host = unlocked
    demo.remove_demo_family(state.session)  # as a sync pull or the user may leave it
    state.lock()
    type_and_unlock(shell, PASSPHRASE)
    assert not state.locked and state.profiles == [] and demo.is_empty(state.session)


def test_two_different_passphrases_at_creation_are_shown_under_the_second_field(app):
    shell, state, host = app
    semantics(shell, "first-run-create").content.content.on_click(None)
    semantics(shell, "passphrase").content.value = PASSPHRASE
    semantics(shell, "passphrase-again").content.value = PASSPHRASE + "!"
    semantics(shell, "create-vault").content.on_click(None)
    assert state.first_run and host.toasts == []
    assert "différentes" in semantics(shell, "passphrase-again").content.error

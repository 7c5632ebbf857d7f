"""Réglages > Phrase de passe et clé de secours, and "J'ai perdu ma phrase de passe" on the lock screen,
driven without a Flet client."""

import pytest

from storage.passphrase import MIN_LENGTH

from .conftest import PASSPHRASE
from .tree import has_node, node, press, texts, type_in

NEW = "une toute autre phrase de passe"


@pytest.fixture
def settings(unlocked):
    shell, state, host = unlocked
    state.go("/settings")
    return shell, state, host


def change(host, old, new, again=None):
    dialog = host.dialogs[-1]
    type_in(dialog, "old-passphrase", old)
    type_in(dialog, "new-passphrase", new)
    type_in(dialog, "new-passphrase-again", new if again is None else again)
    press(dialog, "change-passphrase-confirm")
    return dialog


def test_the_passphrase_changes_and_only_the_new_one_opens_the_carnet(settings):
    shell, state, host = settings
    press(shell.body, "change-passphrase")
    change(host, PASSPHRASE, NEW)
    assert host.dialogs == [] and host.toasts[-1] == "Phrase de passe changée."
    state.lock()
    state.unlock(NEW)
    assert not state.locked
    state.lock()
    with pytest.raises(Exception, match="Wrong passphrase"):
        state.unlock(PASSPHRASE)


def test_each_refusal_of_a_passphrase_change_is_under_its_field(settings):
    shell, state, host = settings
    press(shell.body, "change-passphrase")
    dialog = change(host, PASSPHRASE, NEW, again=NEW + "!")
    assert "différentes" in node(dialog, "new-passphrase-again").content.error
    dialog = change(host, "pas la bonne phrase du tout", NEW)
    assert "incorrecte" in node(dialog, "old-passphrase").content.error
    dialog = change(host, PASSPHRASE, "a" * MIN_LENGTH)
    assert "trop facile" in node(dialog, "new-passphrase").content.error
    assert host.dialogs == [dialog] and host.toasts == []
    state.lock()
    state.unlock(PASSPHRASE)  # nothing changed


def make_key(shell, host, passphrase=PASSPHRASE):
    press(shell.body, "recovery-key")
    type_in(host.dialogs[-1], "recovery-passphrase", passphrase)
    press(host.dialogs[-1], "recovery-passphrase-confirm")
    return host.dialogs[-1]


def shown_code(dialog):
    return node(dialog, "recovery-code-shown").label.replace(" ", "-")


def test_the_recovery_key_is_shown_once_in_groups_and_never_stored_in_clear(settings, tmp_path):
    shell, state, host = settings
    assert "Pas encore de clé de secours" in " ".join(texts(shell.body))
    dialog = make_key(shell, host)
    code = shown_code(dialog)
    groups = code.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert groups == [t for t in texts(dialog) if len(t) == 4]  # each group shown as written
    host.files.save_to = tmp_path / "cle.pdf"
    press(dialog, "recovery-pdf")
    name, data = host.files.saved[-1]
    assert name.endswith(".pdf") and data.startswith(b"%PDF")
    press(dialog, "recovery-done")
    assert host.dialogs == []
    assert not any(code in t for t in texts(shell.body))
    stored = b"".join(p.read_bytes() for p in state.session.data_dir.rglob("*") if p.is_file())
    assert code.encode() not in stored and code.replace("-", "").encode() not in stored
    assert "Ce carnet a une clé de secours" in " ".join(texts(shell.body))


def test_a_recovery_key_is_made_only_after_the_passphrase(settings):
    shell, state, host = settings
    press(shell.body, "recovery-key")
    type_in(host.dialogs[-1], "recovery-passphrase", "pas la bonne phrase du tout")
    press(host.dialogs[-1], "recovery-passphrase-confirm")
    assert "incorrecte" in node(host.dialogs[-1], "recovery-passphrase").content.error
    assert not state.session.has_recovery_key()


def test_replacing_the_key_says_the_old_one_stops_working_and_it_does(settings):
    shell, state, host = settings
    old = shown_code(make_key(shell, host))
    press(host.dialogs[-1], "recovery-done")
    press(shell.body, "recovery-key")
    assert "n'ouvrira plus le carnet" in " ".join(texts(host.dialogs[-1]))
    press(host.dialogs[-1], "recovery-cancel")
    new = shown_code(make_key(shell, host))
    press(host.dialogs[-1], "recovery-done")
    state.lock()
    with pytest.raises(Exception, match="recovery key"):
        state.reset_passphrase(old, NEW, NEW)
    state.reset_passphrase(new, NEW, NEW)
    assert not state.locked


# -- the lock screen ------------------------------------------------------------------------------------
def test_i_lost_my_passphrase_opens_with_the_recovery_key_and_a_new_passphrase(settings):
    shell, state, host = settings
    code = shown_code(make_key(shell, host))
    press(host.dialogs[-1], "recovery-done")
    state.lock()
    press(shell.body, "lost-passphrase")
    type_in(shell.body, "recovery-code", "0000-0000-0000-0000-0000-0000-0000-0000")
    type_in(shell.body, "recovery-new", NEW)
    type_in(shell.body, "recovery-new-again", NEW)
    press(shell.body, "recovery-confirm")
    assert state.locked and "n'ouvre pas ce carnet" in node(shell.body, "recovery-code").content.error
    type_in(shell.body, "recovery-code", code.lower())
    type_in(shell.body, "recovery-new", NEW)
    type_in(shell.body, "recovery-new-again", NEW)
    press(shell.body, "recovery-confirm")
    assert not state.locked and shell.switcher is not None and host.toasts == []
    state.lock()
    state.unlock(NEW)
    assert not state.locked


def test_without_a_recovery_key_the_lock_screen_says_what_is_left(unlocked):
    shell, state, host = unlocked
    state.lock()
    press(shell.body, "lost-passphrase")
    assert "n'a pas de clé de secours" in " ".join(texts(shell.body))
    assert not has_node(shell.body, "recovery-code")
    press(shell.body, "recovery-back")
    assert has_node(shell.body, "passphrase")


def test_a_new_carnet_is_offered_a_recovery_key_at_once(app):
    shell, state, host = app
    press(shell.body, "first-run-create")
    type_in(shell.body, "passphrase", PASSPHRASE)
    type_in(shell.body, "passphrase-again", PASSPHRASE)
    press(shell.body, "create-vault")
    press(host.dialogs[-1], "recovery-create")
    code = shown_code(host.dialogs[-1])
    press(host.dialogs[-1], "recovery-done")  # then the profile form
    assert state.session.has_recovery_key() and type(host.dialogs[-1]).__name__ == "ProfileForm"
    state.lock()
    state.reset_passphrase(code, NEW, NEW)
    assert not state.locked

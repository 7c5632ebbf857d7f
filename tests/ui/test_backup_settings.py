"""Réglages > Sauvegarde, driven without a Flet client: a backup saved where the user chooses restores the
same carnet; the date of the last one and the warning after 30 days; the weekly copy with an injected
clock; the automatic safety copies, listed and erased."""

from datetime import datetime, timedelta

import flet as ft
import pytest

from services import backup, records
from services.fhir import bundle as fhir_bundle
from services.session import Session
from views.settings.backup import weekly_copy

from .conftest import PASSPHRASE
from .tree import node, press, texts, type_in, walk

NOW = datetime(2026, 11, 30, 10, 5).astimezone()


@pytest.fixture
def settings(unlocked):
    shell, state, host = unlocked
    state.now = lambda: NOW
    state.go("/settings")
    return shell, state, host


def keyed(shell, key):
    return next(c for c, _ in walk(shell.body) if getattr(c, "key", None) == key)


def test_back_up_now_writes_the_chosen_file_which_restores_the_same_carnet(settings, tmp_path):
    shell, state, host = settings
    host.files.save_to = tmp_path / "usb" / "ma-sauvegarde.carnet"
    press(shell.body, "backup-now")
    assert host.files.saved[0][0] == "carnet-sauvegarde-2026-11-30-1005.carnet"  # the name offered
    assert host.files.save_to.is_file()
    backup.restore(host.files.save_to, tmp_path / "restored", PASSPHRASE)
    restored = Session(tmp_path / "restored")
    restored.unlock(PASSPHRASE)
    assert fhir_bundle.export_bundle(restored) == fhir_bundle.export_bundle(state.session)
    restored.lock()
    assert keyed(shell, "backup-result").value.startswith("Sauvegarde enregistrée")
    assert keyed(shell, "backup-last").value == "Dernière sauvegarde\u00a0: 30 novembre 2026, 10:05"
    assert not node(shell.body, "backup-now").content.disabled  # ready for the next one


def test_a_cancelled_save_dialog_writes_nothing(settings, tmp_path):
    shell, state, host = settings
    press(shell.body, "backup-now")
    assert backup.status(state.session, NOW).last is None and list(tmp_path.rglob("*.carnet")) == []


def test_never_backed_up_is_a_warning_with_an_icon_and_the_error_colour(settings):
    shell, state, host = settings
    last = keyed(shell, "backup-last")
    assert "Aucune sauvegarde" in last.value and last.color == ft.Colors.ERROR
    assert keyed(shell, "backup-overdue").icon == ft.Icons.WARNING_AMBER


def test_the_warning_comes_after_30_days_without_a_backup(settings, tmp_path):
    shell, state, host = settings
    host.files.save_to = tmp_path / "copy.carnet"
    press(shell.body, "backup-now")
    assert keyed(shell, "backup-ok").icon == ft.Icons.CHECK_CIRCLE
    state.now = lambda: NOW + timedelta(days=31)
    state.go("/settings")
    last = keyed(shell, "backup-last")
    assert "il y a plus de 30 jours" in last.value and last.color == ft.Colors.ERROR
    assert "30 novembre 2026, 10:05" in last.value


def test_the_browser_receives_the_bytes_as_a_download(settings):
    shell, state, host = settings
    host.files.platform = "web"
    press(shell.body, "backup-now")
    name, data = host.files.saved[0]
    assert name.endswith(".carnet") and data.startswith(b"CARNETBK")
    assert "navigateur" in keyed(shell, "backup-result").value


def test_a_phone_saves_in_the_documents_folder_then_opens_the_share_sheet(settings):
    shell, state, host = settings
    host.files.platform = "mobile"
    press(shell.body, "backup-now")
    assert host.files.shared and host.files.shared[0].parent == state.export_dir
    assert host.files.shared[0].read_bytes().startswith(b"CARNETBK")
    assert str(state.export_dir) in keyed(shell, "backup-result").value


# -- the weekly copy -------------------------------------------------------------------------------------
def turn_on_weekly(shell, host, folder):
    host.files.chosen_folder = str(folder)
    press(shell.body, "weekly-choose")
    press(shell.body, "weekly-on")


def test_the_weekly_copy_is_written_when_due_and_not_again_before_a_week(settings, tmp_path):
    shell, state, host = settings
    folder = tmp_path / "card"
    folder.mkdir()
    turn_on_weekly(shell, host, folder)
    assert str(folder) in keyed(shell, "weekly-status").value
    first = weekly_copy(state)  # never backed up: due at once
    assert first is not None and first.parent == folder
    state.now = lambda: NOW + timedelta(days=6, hours=23)
    assert weekly_copy(state) is None
    state.now = lambda: NOW + timedelta(days=7)
    assert weekly_copy(state) is not None and len(list(folder.iterdir())) == 2


def test_a_weekly_copy_whose_folder_is_gone_is_shown_and_tried_again_an_hour_later(settings, tmp_path):
    shell, state, host = settings
    folder = tmp_path / "card"
    folder.mkdir()
    turn_on_weekly(shell, host, folder)
    folder.rmdir()  # the card was taken out
    assert weekly_copy(state) is None
    assert not folder.exists()  # never a file written in the folder's place
    assert "n'a pas pu être écrite" in keyed(shell, "weekly-failed").value
    folder.mkdir()
    state.now = lambda: NOW + timedelta(minutes=59)
    assert weekly_copy(state) is None
    state.now = lambda: NOW + timedelta(hours=1)
    assert weekly_copy(state) is not None
    assert not any(getattr(c, "key", None) == "weekly-failed" for c, _ in walk(shell.body))


def test_no_weekly_copy_while_locked_or_when_it_is_off(settings, tmp_path):
    shell, state, host = settings
    assert weekly_copy(state) is None  # off
    folder = tmp_path / "card"
    folder.mkdir()
    turn_on_weekly(shell, host, folder)
    state.lock()
    assert weekly_copy(state) is None and list(folder.iterdir()) == []


def test_a_folder_that_does_not_exist_is_refused_under_the_field(settings, tmp_path):
    shell, state, host = settings
    type_in(shell.body, "weekly-folder", str(tmp_path / "nowhere"))
    press(shell.body, "weekly-on")
    assert "n'existe pas" in node(shell.body, "weekly-folder").content.error
    assert backup.status(state.session, NOW).weekly_folder == ""


# -- safety copies ---------------------------------------------------------------------------------------
def test_the_safety_copies_are_listed_and_can_be_erased(settings):
    shell, state, host = settings
    assert "Aucune copie de sécurité pour l'instant." in texts(shell.body)
    records.delete_profile(state.session, state.profiles[-1].id)
    state.reload()
    assert any("avant la suppression d'un profil" in t for t in texts(shell.body))
    press(shell.body, "safety-erase")
    assert "disparaîtront pour de bon" in " ".join(texts(host.dialogs[-1]))
    press(host.dialogs[-1], "confirm")
    assert backup.safety_copies(state.session.data_dir) == []
    assert "Aucune copie de sécurité pour l'instant." in texts(shell.body)


def test_the_deletion_of_a_profile_says_it_stays_in_the_safety_copies(unlocked):
    shell, state, host = unlocked
    state.go("/profiles")
    leo = next(p for p in state.profiles if p.first_name == "Léo")
    press(shell.body, f"delete-{leo.id}")
    said = " ".join(texts(host.dialogs[-1]))
    assert "copies de sécurité automatiques" in said and "Réglages > Sauvegarde" in said

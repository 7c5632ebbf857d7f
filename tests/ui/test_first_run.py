"""The first-run screen, driven without a Flet client: create my carnet, explore the demo, restore a
backup, connect to my server (a hand-written FHIR server behind httpx's MockTransport)."""

import functools
from pathlib import Path

import httpx
import pytest

from components.profile_form import ProfileForm
from services import backup, demo, records
from services.fhir import bundle as fhir_bundle
from services.session import Session
from services.sync import round as sync
from storage.keys import MemoryKeyHolder
from tests.unit.services.fake_fhir import FakeFhir
from views.files import Picked
from views.lock.forms import MODE

from .conftest import PASSPHRASE, TODAY
from .tree import has_node, node, press, texts, type_in

URL = "https://fhir.example.org/fhir"
NEW = "une toute autre phrase de passe"


def choose(shell, way):
    press(shell.body, f"first-run-{way}")


def type_passphrase_twice(shell, first, second=None, prefix="passphrase"):
    type_in(shell.body, prefix, first)
    type_in(shell.body, f"{prefix}-again", first if second is None else second)


def error_of(shell, identifier):
    return node(shell.body, identifier).content.error


def close_recovery_offer(host):
    press(host.dialogs[-1], "recovery-later")


def test_the_passphrase_rule_shown_is_the_one_the_vault_applies(app):
    shell, state, host = app
    choose(shell, "create")
    assert "Au moins 10 caractères et difficile à deviner" in " ".join(texts(shell.body))
    assert not any("8 caractères" in t for t in texts(shell.body))


def test_create_my_carnet_starts_with_my_own_profile_and_no_demo_family(app):
    shell, state, host = app
    choose(shell, "create")
    type_passphrase_twice(shell, PASSPHRASE)
    press(shell.body, "create-vault")
    assert not state.locked and state.profiles == [] and not state.has_demo
    close_recovery_offer(host)
    form = host.dialogs[-1]
    assert isinstance(form, ProfileForm) and form.role.value == "holder"
    form.first_name.value, form.last_name.value, form.birth_date.value = "Alice", "Martin", "17/05/1990"
    form.sex.value = "F"
    form.save()
    assert [p.display_name for p in state.profiles] == ["Alice Martin"] and not state.has_demo
    assert state.current.role == "holder" and host.dialogs == []


def test_a_weak_passphrase_is_refused_under_the_field_and_nothing_is_created(app):
    shell, state, host = app
    choose(shell, "create")
    type_passphrase_twice(shell, "motdepasse1")
    press(shell.body, "create-vault")
    assert state.first_run and host.toasts == []
    assert "trop facile à deviner" in error_of(shell, "passphrase")


def test_explore_the_demo_family_is_todays_behaviour(app):
    shell, state, host = app
    choose(shell, "demo")
    type_passphrase_twice(shell, PASSPHRASE)
    press(shell.body, "create-vault")
    close_recovery_offer(host)
    assert state.has_demo and state.current.first_name == "Camille" and host.dialogs == []


def test_back_returns_to_the_four_choices(app):
    shell, state, host = app
    choose(shell, "server")
    press(shell.body, "first-run-back")
    assert has_node(shell.body, "first-run-restore") and not has_node(shell.body, "server-url")


# -- restore ------------------------------------------------------------------------------------------
@pytest.fixture
def saved_carnet(tmp_path):
    """A carnet on another device, its backup file, and its FHIR export to compare with."""
    other = Session(tmp_path / "old-phone", MemoryKeyHolder())
    other.create(PASSPHRASE)
    demo.create_demo_family(other, TODAY)
    code = other.new_recovery_key()
    path = backup.backup_now(other, tmp_path / "copy.carnet", backup_moment())
    exported = fhir_bundle.export_bundle(other)
    other.lock()
    return path, code, exported


def backup_moment():
    from datetime import datetime

    return datetime(2026, 11, 30, 9, 0).astimezone()


def pick(shell, host, path):
    host.files.picked = Picked(path.name, path, None)
    press(shell.body, "restore-pick")


def test_restore_a_backup_with_its_passphrase_opens_the_same_carnet(app, saved_carnet):
    shell, state, host = app
    path, _, exported = saved_carnet
    choose(shell, "restore")
    pick(shell, host, path)
    assert node(shell.body, "restore-file").content.value == "copy.carnet"
    type_in(shell.body, "restore-passphrase", PASSPHRASE)
    press(shell.body, "restore-confirm")
    assert not state.locked and fhir_bundle.export_bundle(state.session) == exported
    assert host.toasts == ["Votre carnet est restauré."]


def test_a_wrong_passphrase_is_said_under_its_field_and_nothing_is_restored(app, saved_carnet):
    shell, state, host = app
    choose(shell, "restore")
    pick(shell, host, saved_carnet[0])
    type_in(shell.body, "restore-passphrase", "pas la bonne phrase du tout")
    press(shell.body, "restore-confirm")
    assert state.first_run and "n'ouvre pas cette sauvegarde" in error_of(shell, "restore-passphrase")
    assert node(shell.body, "restore-file").content.value == "copy.carnet"  # the file stays chosen


def test_a_damaged_file_is_said_under_the_file_field(app, saved_carnet, tmp_path):
    shell, state, host = app
    data = bytearray(saved_carnet[0].read_bytes())
    data[-50] ^= 1
    damaged = tmp_path / "damaged.carnet"
    damaged.write_bytes(bytes(data))
    choose(shell, "restore")
    pick(shell, host, damaged)
    type_in(shell.body, "restore-passphrase", PASSPHRASE)
    press(shell.body, "restore-confirm")
    assert state.first_run and "endommagé" in error_of(shell, "restore-file")


def test_restore_with_the_recovery_key_sets_a_new_passphrase(app, saved_carnet):
    shell, state, host = app
    path, code, exported = saved_carnet
    choose(shell, "restore")
    pick(shell, host, path)
    node(shell.body, "restore-use-recovery").content.on_change(
        type("E", (), {"control": type("C", (), {"value": True})()})()
    )
    type_in(shell.body, "restore-code", code.lower().replace("-", " "))
    type_in(shell.body, "restore-new", NEW)
    type_in(shell.body, "restore-new-again", NEW)
    press(shell.body, "restore-confirm")
    assert not state.locked and fhir_bundle.export_bundle(state.session) == exported
    state.lock()
    state.unlock(NEW)
    assert not state.locked


def test_the_browser_hands_bytes_which_are_restored_from_a_private_temporary_file(app, saved_carnet):
    shell, state, host = app
    host.files.platform = "web"
    choose(shell, "restore")
    host.files.picked = Picked("copy.carnet", None, saved_carnet[0].read_bytes())
    press(shell.body, "restore-pick")
    spilled = Path(state.choices["lock.restore.spilled"])
    assert spilled.stat().st_mode & 0o777 == 0o600
    type_in(shell.body, "restore-passphrase", PASSPHRASE)
    press(shell.body, "restore-confirm")
    assert not state.locked and not spilled.exists()


# -- a new device from the server ------------------------------------------------------------------------
@pytest.fixture
def server(monkeypatch):
    fake = FakeFhir()
    monkeypatch.setattr(
        sync, "sync_now", functools.partial(sync.sync_now, transport=fake.transport(), backoff=0)
    )
    return fake


def filled_server(tmp_path, server):
    """The phone that was lost had synchronised its carnet with the server."""
    phone = Session(tmp_path / "lost-phone", MemoryKeyHolder())
    phone.create(PASSPHRASE)
    demo.create_demo_family(phone, TODAY)
    assert sync.sync_now(phone, URL, "s3cret", today=TODAY).error is None
    names = sorted(p.display_name for p in records.list_profiles(phone))
    phone.lock()
    return names


def connect(shell, address=URL, passphrase=NEW):
    choose(shell, "server")
    type_in(shell.body, "server-url", address)
    type_in(shell.body, "server-token", "s3cret")
    type_passphrase_twice(shell, passphrase, prefix="server-passphrase")
    press(shell.body, "server-connect")


def test_connect_to_my_server_creates_the_vault_and_pulls_everything(app, server, tmp_path):
    shell, state, host = app
    names = filled_server(tmp_path, server)
    connect(shell)
    assert not state.locked and sorted(p.display_name for p in state.profiles) == names
    close_recovery_offer(host)
    assert host.toasts and host.toasts[-1].startswith("Votre carnet est arrivé")
    state.lock()
    state.unlock(NEW)  # the new passphrase of this device
    assert MODE not in state.choices


def test_progress_is_shown_while_the_carnet_comes(app, server, tmp_path, monkeypatch):
    shell, state, host = app
    filled_server(tmp_path, server)
    seen = []
    original = state.choose

    def watch(key, value):
        original(key, value)
        if key == "lock.progress":
            seen.append(" ".join(texts(shell.body)))

    monkeypatch.setattr(state, "choose", watch)
    connect(shell)
    assert seen and "Réception de votre carnet" in seen[-1] and "109 éléments pour" in seen[-1]


def test_a_server_that_cannot_be_reached_leaves_no_vault_and_says_so_under_the_address(app, monkeypatch):
    shell, state, host = app

    def down(request):
        raise httpx.ConnectError("no route to host")

    monkeypatch.setattr(
        sync,
        "sync_now",
        functools.partial(sync.sync_now, transport=httpx.MockTransport(down), backoff=0, retries=1),
    )
    connect(shell)
    assert state.first_run and state.locked
    assert "Rien n'a pu être reçu" in error_of(shell, "server-url")
    assert node(shell.body, "server-url").content.value == URL  # kept; the passphrase is typed again
    assert not (state.session.data_dir / "keyfile.json").exists()


def test_a_server_without_any_carnet_opens_an_empty_carnet_and_says_so(app, server):
    shell, state, host = app
    connect(shell)
    assert not state.locked and state.profiles == []
    close_recovery_offer(host)
    said = " ".join(texts(host.dialogs[-1]))
    assert "ne contient encore aucun profil" in said
    press(host.dialogs[-1], "empty-add-profile")
    assert isinstance(host.dialogs[-1], ProfileForm)


def test_a_bad_address_or_a_weak_passphrase_is_refused_before_anything_is_sent(app, server):
    shell, state, host = app
    connect(shell, address="http://fhir.example.org/fhir")
    assert "https" in error_of(shell, "server-url") and server.requests == []
    press(shell.body, "first-run-back")
    connect(shell, passphrase="azertyuiop")
    assert "trop facile" in error_of(shell, "server-passphrase") and server.requests == []
    assert state.first_run

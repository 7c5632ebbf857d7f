"""Réglages > Synchronisation, driven without a Flet client (the round runs at once, on a fake server)."""

import dataclasses
import functools
import re

import flet as ft
import pytest

from services import records
from services.fhir import mapping as fm
from services.sync import round as sync
from tests.unit.services.fake_fhir import FakeFhir

from .tree import semantics, walk

URL = "https://fhir.example.org/fhir"


@pytest.fixture
def server(monkeypatch):
    fake = FakeFhir()
    monkeypatch.setattr(
        sync, "sync_now", functools.partial(sync.sync_now, transport=fake.transport(), backoff=0)
    )
    return fake


def on_settings(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    state.go("/settings")
    return shell, state, host


def control(shell, identifier):
    return semantics(shell, identifier).content


def status_text(shell):
    return next(c.value for c, _ in walk(shell.body) if isinstance(c, ft.Text) and c.key == "sync-status")


def test_the_section_says_never_synchronised_and_what_waits(unlocked):
    shell, state, _ = on_settings(unlocked)
    pending = sync.sync_status(state.session).pending
    assert status_text(shell) == f"Never synchronised · {pending} changes waiting"


def test_synchronise_now_sends_everything_and_shows_the_new_status(unlocked, server):
    shell, state, host = on_settings(unlocked)
    control(shell, "sync-server").value = URL
    control(shell, "sync-token").value = "s3cret"
    control(shell, "sync-now").on_click(None)
    assert host.toasts[-1].startswith("Synchronised: ") and "0 received" in host.toasts[-1]
    assert status_text(shell).startswith("Last synchronisation: ") and "0 changes waiting" in status_text(
        shell
    )
    assert server.requests[0].headers["Authorization"] == "Bearer s3cret"
    assert not re.search(r"\d{4}-\d{2}-\d{2}", status_text(shell))  # the moment as people write it, not ISO


def test_a_bad_address_is_refused_under_the_address_and_nothing_is_sent(unlocked, server):
    shell, state, host = on_settings(unlocked)
    control(shell, "sync-server").value = "http://fhir.example.org/fhir"
    control(shell, "sync-now").on_click(None)
    assert "https" in control(shell, "sync-server").error and server.requests == []
    assert host.toasts == []  # not in a snack bar, away from the field


def test_a_conflict_is_offered_to_the_user_who_keeps_the_servers_version(unlocked, server):
    shell, state, host = on_settings(unlocked)
    holder = state.current
    control(shell, "sync-server").value = URL
    control(shell, "sync-now").on_click(None)
    server.put(fm.patient(dataclasses.replace(holder, last_name="Serveur")))  # another device's edit
    records.update_profile(state.session, holder, state.today(), last_name="Local")
    control(shell, "sync-now").on_click(None)
    keep = next(
        c for c, _ in walk(shell.body) if isinstance(c, ft.TextButton) and c.content == "Keep the server's"
    )
    keep.on_click(None)
    assert records.get_profile(state.session, holder.id).last_name == "Serveur"
    assert "conflict" not in status_text(shell)


def on_screen(shell, key):
    return [c for c, _ in walk(shell.body) if getattr(c, "key", None) == key]


def test_a_profile_deleted_on_another_device_is_shown_with_its_choices_and_kept(unlocked, server):
    shell, state, host = on_settings(unlocked)
    holder = state.current
    control(shell, "sync-server").value = URL
    control(shell, "sync-now").on_click(None)
    server.delete(("Patient", holder.id))  # another device deleted the profile
    control(shell, "sync-now").on_click(None)
    assert "deleted on another device" in host.toasts[-1]
    assert on_screen(
        shell, f"deleted-elsewhere-{holder.id}"
    ) and "1 profile deleted on another device" in status_text(shell)
    assert holder.id in {p.id for p in state.profiles}  # still there, every record readable

    control(shell, f"keep-profile-{holder.id}").on_click(None)
    assert on_screen(shell, f"deleted-elsewhere-{holder.id}") == []
    control(shell, "sync-now").on_click(None)
    assert server.current[("Patient", holder.id)] is not None


def test_deleting_it_here_asks_first_then_deletes_the_profile(unlocked, server):
    shell, state, host = on_settings(unlocked)
    child = next(p for p in state.profiles if p.role == "child")
    control(shell, "sync-server").value = URL
    control(shell, "sync-now").on_click(None)
    server.delete(("Patient", child.id))
    control(shell, "sync-now").on_click(None)

    control(shell, f"delete-here-{child.id}").on_click(None)
    assert child.id in {p.id for p in state.profiles}  # nothing before the answer
    host.dialogs[-1].confirm()
    assert child.id not in {p.id for p in state.profiles}
    assert on_screen(shell, f"deleted-elsewhere-{child.id}") == []


def test_the_trash_lists_what_another_device_deleted_and_restores_it(unlocked, server):
    shell, state, host = on_settings(unlocked)
    child = next(p for p in state.profiles if p.role == "child")
    gone = records.list_records(state.session, child.id, "measurement")[0]
    control(shell, "sync-server").value = URL
    control(shell, "sync-now").on_click(None)
    server.delete(("Observation", gone.id))
    control(shell, "sync-now").on_click(None)
    assert "1 record deleted on another device is in the trash" in host.toasts[-1]
    [row] = on_screen(shell, f"trash-{gone.id}")
    texts = [c.value for c, _ in walk(row) if isinstance(c, ft.Text)]
    assert child.first_name in texts[0] and "removed for good on 12/30/2026" in texts[1]

    control(shell, f"restore-{gone.id}").on_click(None)
    assert on_screen(shell, f"trash-{gone.id}") == []
    assert gone in records.list_records(state.session, child.id, "measurement")

"""The first-run screen's "Me connecter à mon serveur" against a real FHIR server (sekmet-fhir): the new
device gets the whole carnet, then both devices converge without duplicating anything."""

from __future__ import annotations

from datetime import date

from services import demo, records
from services.fhir import bundle as fhir_bundle
from services.session import Session
from services.sync import round as sync
from storage.keys import MemoryKeyHolder
from tests.ui.conftest import FakeHost
from tests.ui.tree import node, press, type_in
from views.context import ViewContext
from views.shell import Shell
from views.state import AppState

from .conftest import TOKEN
from .test_backup import server_counts

PASSPHRASE = "correct horse battery"
NEW = "une toute autre phrase de passe"
TODAY = date(2026, 11, 30)


def test_a_tablet_started_from_the_first_run_screen_gets_everything_and_converges(
    fresh_fhir_server, tmp_path
):
    phone = Session(tmp_path / "phone", MemoryKeyHolder())
    phone.create(PASSPHRASE)
    family = demo.create_demo_family(phone, TODAY)
    assert sync.sync_now(phone, fresh_fhir_server.url, TOKEN, today=TODAY).error is None
    on_server = server_counts(fresh_fhir_server)

    state = AppState(tmp_path / "tablet", MemoryKeyHolder(), clock=lambda: TODAY)
    host = FakeHost()
    shell = Shell(ViewContext(state, host))
    state.listeners.append(shell.render)
    press(shell.body, "first-run-server")
    type_in(shell.body, "server-url", fresh_fhir_server.url)
    type_in(shell.body, "server-token", TOKEN)
    type_in(shell.body, "server-passphrase", NEW)
    type_in(shell.body, "server-passphrase-again", NEW)
    press(shell.body, "server-connect")
    assert not state.locked, node(shell.body, "server-url").content.error
    press(host.dialogs[-1], "recovery-later")
    assert host.toasts[-1].startswith("Votre carnet est arrivé")

    tablet = state.session
    ids = [p.id for p in family]
    assert [fhir_bundle.export_bundle(tablet, i) for i in ids] == [
        fhir_bundle.export_bundle(phone, i) for i in ids
    ]
    assert server_counts(fresh_fhir_server) == on_server  # nothing sent back twice
    records.add_measurement(tablet, family[1].id, TODAY, kind="height", value=80.5, on=TODAY)
    records.add_measurement(phone, family[2].id, TODAY, kind="weight", value=22.0, on=TODAY)
    for session in (tablet, phone, tablet):
        assert sync.sync_now(session, today=TODAY).error is None
    assert [fhir_bundle.export_bundle(tablet, i) for i in ids] == [
        fhir_bundle.export_bundle(phone, i) for i in ids
    ]
    assert server_counts(fresh_fhir_server)["Observation"] == on_server["Observation"] + 2
    state.lock()
    phone.lock()

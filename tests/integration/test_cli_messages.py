"""messages and send-message as a user runs them: real processes, real files, then a real server."""

from services.session import Session
from storage.keys import MemoryKeyHolder

from .conftest import TOKEN
from .test_cli import PASSPHRASE, carnet, snapshot

DR = "Practitioner/dr-martin"


def first_document(data_dir, profile_id: str) -> str:
    session = Session(data_dir, MemoryKeyHolder())
    session.unlock(PASSPHRASE)
    try:
        with session.uow() as uow:
            return uow.records.list(profile_id, "document")[0].id
    finally:
        session.lock()


def test_a_message_queued_from_the_command_line_is_listed_newest_first_and_sent_by_the_sync(
    tmp_path, fhir_server, monkeypatch
):
    data_dir = tmp_path / "vault"
    holder = carnet("demo", "--data-dir", str(data_dir)).stdout.split()[0]
    document = first_document(data_dir, holder)
    base = ("--data-dir", str(data_dir), "--profile", holder)
    first = carnet("send-message", *base, "--to", DR, "--text", "Bonjour\tdocteur", lang="en")
    assert first.returncode == 0, first.stderr
    second = carnet(
        "send-message", *base, "--to", DR, "--text", "Voici le bilan", "--attach", document, lang="en"
    )
    assert second.returncode == 0, second.stderr

    listed = carnet("messages", *base, lang="en").stdout.splitlines()
    assert [line.split("\t")[1:] for line in listed] == [
        ["waiting to be sent", DR, "Voici le bilan [1 document]"],
        ["waiting to be sent", DR, "Bonjour\\tdocteur"],  # a tab in the text cannot forge a column
    ]
    monkeypatch.setenv("CARNET_SYNC_TOKEN", TOKEN)  # carnet() passes the environment on
    synced = carnet("sync", "--data-dir", str(data_dir), "--server", fhir_server.url)
    assert synced.returncode == 0, synced.stderr
    french = carnet("messages", *base).stdout.splitlines()
    assert [line.split("\t")[1] for line in french] == ["envoyé", "envoyé"]
    served = fhir_server.get("Communication", subject=f"Patient/{holder}")
    assert served["total"] == 2


def test_a_message_to_a_non_professional_or_with_a_foreign_document_is_refused_and_changes_nothing(tmp_path):
    data_dir = tmp_path / "vault"
    holder = carnet("demo", "--data-dir", str(data_dir)).stdout.split()[0]
    before = snapshot(data_dir)
    base = ("--data-dir", str(data_dir), "--profile", holder)
    refused = carnet("send-message", *base, "--to", "Patient/voisin", "--text", "Coucou", lang="en")
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "does not name a professional or an establishment" in refused.stderr
    foreign = carnet("send-message", *base, "--to", DR, "--text", "Bilan", "--attach", "not-a-document")
    assert foreign.returncode == 2
    assert foreign.stderr.strip() == "carnet: Aucun document not-a-document dans le dossier de ce profil."
    assert snapshot(data_dir) == before
    assert carnet("messages", *base).stdout == ""

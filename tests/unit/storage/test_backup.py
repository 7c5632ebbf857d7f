"""A whole vault saved as one file and restored elsewhere; the recovery key; a passphrase change."""

import io
from datetime import date, datetime

import pytest

from domain.errors import ValidationError, WrongPassphraseError
from domain.models import Document, Measurement, Profile
from services.fhir import bundle as fhir_bundle
from services.session import Session
from storage import backup, keyfile
from storage.backup_format import BackupError
from storage.keys import NoKeyHolder
from storage.uow import UnitOfWork
from storage.vault import Vault

from .conftest import PASSPHRASE

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def filled(vault):
    alice = Profile("Alice", "Martin", date(1990, 5, 17), "F")
    with UnitOfWork(vault) as uow:
        uow.profiles.add(alice)
        uow.records.add(alice.id, Measurement("weight", 61.5, date(2026, 3, 2)))
        doc = Document(
            title="Compte rendu secret",
            type_code="11488-4",
            on=date(2026, 1, 5),
            mime="application/pdf",
            size=len(PDF),
            attachment_id="att-1",
        )
        uow.attachments.put(alice.id, doc.attachment_id, PDF)
        uow.records.add(alice.id, doc)
        uow.commit()
    return alice


def saved(vault):
    out = io.BytesIO()
    backup.write_backup(vault, out)
    return out.getvalue()


def restored(tmp_path, data, secret=PASSPHRASE, **options):
    source = tmp_path / "copy.carnet"
    source.write_bytes(data)
    target = tmp_path / "restored"
    backup.restore_backup(source, target, secret, **options)
    return target


def opened(folder, passphrase=PASSPHRASE):
    vault = Vault(folder, NoKeyHolder())
    vault.unlock(passphrase)
    return vault


def test_a_restored_vault_exports_exactly_what_the_original_held(vault, tmp_path):
    filled(vault)
    other = opened(restored(tmp_path, saved(vault)))
    assert fhir_bundle.export_bundle(Session.around(other)) == fhir_bundle.export_bundle(
        Session.around(vault)
    )
    other.lock()


def test_no_name_title_or_content_is_readable_in_the_backup_file(vault):
    filled(vault)
    data = saved(vault)
    for word in (b"Alice", b"Martin", b"Compte rendu", b"%PDF", b"weight"):
        assert word not in data


def test_a_wrong_passphrase_restores_nothing(vault, tmp_path):
    filled(vault)
    with pytest.raises(WrongPassphraseError):
        restored(tmp_path, saved(vault), secret="not the passphrase at all")
    assert not (tmp_path / "restored").exists()


@pytest.mark.parametrize("where", [0.1, 0.5, 0.9, 0.999])
def test_a_file_cut_anywhere_restores_nothing(vault, tmp_path, where):
    filled(vault)
    data = saved(vault)
    with pytest.raises(BackupError):
        restored(tmp_path, data[: int(len(data) * where)])
    assert not (tmp_path / "restored").exists()
    assert not any(p.name.startswith(backup.RESTORING) for p in tmp_path.iterdir())


def test_one_flipped_byte_restores_nothing(vault, tmp_path):
    filled(vault)
    data = bytearray(saved(vault))
    data[len(data) // 2] ^= 0x40
    with pytest.raises(BackupError):
        restored(tmp_path, bytes(data))
    assert not (tmp_path / "restored").exists()


def test_a_folder_that_holds_a_vault_is_never_restored_into_and_stays_unchanged(vault, tmp_path):
    filled(vault)
    source = tmp_path / "copy.carnet"
    source.write_bytes(saved(vault))
    before = {p.name: p.read_bytes() for p in vault.data_dir.iterdir() if p.is_file()}
    with pytest.raises(backup.VaultExistsError):
        backup.restore_backup(source, vault.data_dir, PASSPHRASE)
    assert {p.name: p.read_bytes() for p in vault.data_dir.iterdir() if p.is_file()} == before


def test_a_restore_killed_half_way_leaves_no_vault_and_the_next_attempt_works(vault, tmp_path, monkeypatch):
    filled(vault)
    data = saved(vault)
    calls = {"n": 0}
    original = backup._write_file

    def dies_on_the_second_file(path, parts):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # as a kill would stop it, after one file is written
        original(path, parts)

    monkeypatch.setattr(backup, "_write_file", dies_on_the_second_file)
    with pytest.raises(KeyboardInterrupt):
        restored(tmp_path, data)
    assert not Vault(tmp_path / "restored").exists()
    monkeypatch.setattr(backup, "_write_file", original)
    opened(restored(tmp_path, data)).lock()


def test_the_recovery_key_opens_a_vault_whose_passphrase_is_lost_and_sets_a_new_one(vault):
    alice = filled(vault)
    code = vault.new_recovery_key()
    assert len(code.replace("-", "")) == 32 and code.count("-") == 7
    assert code.replace("-", "") not in vault.keyfile_path.read_text()
    vault.lock()
    lost = Vault(vault.data_dir, NoKeyHolder())
    lost.reset_passphrase(code.lower().replace("-", " "), "une toute nouvelle phrase de passe")
    with UnitOfWork(lost) as uow:
        assert uow.profiles.get(alice.id).first_name == "Alice"
    lost.lock()
    with pytest.raises(WrongPassphraseError):
        Vault(vault.data_dir, NoKeyHolder()).unlock(PASSPHRASE)
    opened(vault.data_dir, "une toute nouvelle phrase de passe").lock()


def test_a_wrong_recovery_key_is_refused_and_changes_nothing(vault):
    vault.new_recovery_key()
    before = vault.keyfile_path.read_bytes()
    wrong = keyfile.format_recovery_key(bytes(20))
    with pytest.raises(keyfile.WrongRecoveryKeyError):
        Vault(vault.data_dir, NoKeyHolder()).reset_passphrase(wrong, "une toute nouvelle phrase de passe")
    assert vault.keyfile_path.read_bytes() == before


def test_changing_the_passphrase_keeps_the_recovery_key_working(vault):
    code = vault.new_recovery_key()
    vault.change_passphrase(PASSPHRASE, "une autre phrase bien longue")
    stored = keyfile.read(vault.keyfile_path)
    assert keyfile.unwrap_recovery(stored, code) == keyfile.unwrap(stored, "une autre phrase bien longue")


def test_a_backup_opens_with_the_recovery_key_into_a_new_folder(vault, tmp_path):
    filled(vault)
    code = vault.new_recovery_key()
    target = restored(tmp_path, saved(vault), secret=code, recovery=True)
    reopened = Vault(target, NoKeyHolder())
    reopened.reset_passphrase(code, "la phrase du nouvel appareil")
    assert fhir_bundle.export_bundle(Session.around(reopened)) == fhir_bundle.export_bundle(
        Session.around(vault)
    )
    reopened.lock()


def test_a_safety_copy_is_kept_and_only_the_last_five_stay(vault):
    filled(vault)
    for second in range(7):
        backup.vault_safety_copy(vault, "profile", datetime(2026, 12, 3, 10, 0, second))
    copies = backup.safety_copies(vault.data_dir)
    assert len(copies) == 5 and copies[0].name == "auto-20261203-100006-profile.carnet"


def test_restoring_into_a_folder_with_other_files_is_refused(vault, tmp_path):
    filled(vault)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "photo.jpg").write_bytes(b"x")
    source = tmp_path / "copy.carnet"
    source.write_bytes(saved(vault))
    with pytest.raises(ValidationError):
        backup.restore_backup(source, busy, PASSPHRASE)
    assert [p.name for p in busy.iterdir()] == ["photo.jpg"]


def test_a_folder_holding_only_the_first_screens_settings_is_restored_into(vault, tmp_path):
    """The app writes settings.json (the language) before any vault exists; the default folder of a new
    device may hold it when "Restaurer une sauvegarde" is chosen."""
    filled(vault)
    (vault.data_dir / "settings.json").write_text('{"theme": "dark"}')
    target = tmp_path / "new-device"
    target.mkdir()
    (target / "settings.json").write_text('{"language": "en"}')
    source = tmp_path / "copy.carnet"
    source.write_bytes(saved(vault))
    backup.restore_backup(source, target, PASSPHRASE)
    assert fhir_bundle.export_bundle(Session.around(opened(target))) == fhir_bundle.export_bundle(
        Session.around(vault)
    )
    assert (target / "settings.json").read_text() == '{"theme": "dark"}'  # the backup's own settings

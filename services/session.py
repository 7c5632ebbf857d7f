"""Opening the vault the way each platform can: passphrase, OS keyring, or mobile secure storage."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from domain.errors import LockedError, MissingPassphraseError
from storage.keys import KeyHolder, KeyringHolder, NoKeyHolder, keyring_usable
from storage.vault import Vault

PASSPHRASE_VARIABLE = "CARNET_PASSPHRASE"


def default_data_dir(environ: Mapping[str, str]) -> Path:
    if environ.get("CARNET_DATA_DIR"):
        return Path(environ["CARNET_DATA_DIR"])
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "carnet"


def passphrase_from_env(environ: Mapping[str, str]) -> str | None:
    return environ.get(PASSPHRASE_VARIABLE) or None


def device_holder() -> KeyHolder:
    """The OS keyring where one answers; otherwise nothing, and the passphrase is asked."""
    return KeyringHolder() if keyring_usable() else NoKeyHolder()


def open_vault(
    data_dir: Path | str, passphrase: str | None, holder: KeyHolder | None = None, *, create: bool = False
) -> Vault:
    """The unlocked vault of ``data_dir``; created with ``passphrase`` when ``create`` and none exists."""
    vault = Vault(data_dir, holder or NoKeyHolder())
    if vault.exists():
        vault.unlock(passphrase)
        return vault
    if not create:
        raise LockedError("No vault in {dir}.", dir=str(data_dir))
    if not passphrase:
        raise MissingPassphraseError()
    vault.create(passphrase)
    return vault

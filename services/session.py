"""Opening the vault the way each platform can: passphrase, OS keyring, or mobile secure storage."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path

from domain.errors import LockedError, MissingPassphraseError
from storage.keys import KeyHolder, KeyringHolder, NoKeyHolder, SecureStorageHolder, keyring_usable
from storage.vault import Vault

PASSPHRASE_VARIABLE = "CARNET_PASSPHRASE"


def default_data_dir(environ: Mapping[str, str]) -> Path:
    if environ.get("CARNET_DATA_DIR"):
        return Path(environ["CARNET_DATA_DIR"])
    if environ.get("FLET_APP_STORAGE_DATA"):  # set by Flet in built mobile and desktop apps
        return Path(environ["FLET_APP_STORAGE_DATA"]) / "carnet"
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "carnet"


def passphrase_from_env(environ: Mapping[str, str]) -> str | None:
    return environ.get(PASSPHRASE_VARIABLE) or None


def device_holder() -> KeyHolder:
    """The OS keyring where one answers; otherwise nothing, and the passphrase is asked."""
    return KeyringHolder() if keyring_usable() else NoKeyHolder()


async def platform_holder(data_dir: Path | str, *, mobile: bool) -> KeyHolder:
    """Mobile: the platform's secure storage (keyring has no backend there); desktop: the OS keyring."""
    if not mobile:
        return device_holder()
    from flet_secure_storage import SecureStorage  # a Flet service: registers with the running page

    holder = SecureStorageHolder(SecureStorage())
    vault = Vault(data_dir)
    if vault.exists():
        # No key stored yet, or the storage unavailable: the passphrase is asked instead.
        with contextlib.suppress(Exception):
            await holder.aload(vault.stored_id())
    return holder


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
    # The device keeps the key only when the owner turns that on in Réglages (AppState.set_device_unlock).
    vault.create(passphrase, remember_on_device=False)
    return vault

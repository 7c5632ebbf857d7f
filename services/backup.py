"""Backups: "Sauvegarder maintenant", automatic safety copies, the weekly copy, and restoring one.

The file itself is made by storage/backup.py (one encrypted stream). Here: where it goes, what is
remembered about it (the date of the last one, in settings.json: it says nothing about anyone's health),
and when one is due. A backup is written beside its destination first and renamed into place, so an
interrupted one never replaces a good file; an existing file is never overwritten by a manual backup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from domain.errors import ValidationError
from storage import backup as storage_backup
from storage.settings import Settings
from storage.vault import Vault

SUFFIX = ".carnet"
WEEK = timedelta(days=7)
WARN_AFTER = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class BackupStatus:
    last: datetime | None  # the last backup the user made (by hand or the weekly copy)
    overdue: bool  # none for more than 30 days (or never): Réglages warns
    weekly_folder: str  # "" when the weekly copy is off


def file_name(now: datetime) -> str:
    return f"carnet-sauvegarde-{now:%Y-%m-%d-%H%M}{SUFFIX}"


def backup_now(vault: Vault, destination: Path, now: datetime, *, overwrite: bool = False) -> Path:
    """Writes the backup at ``destination`` (a file, or a folder to put it in) and remembers the date."""
    target = destination / file_name(now) if destination.is_dir() else destination
    if target.exists() and not overwrite:
        raise ValidationError("The file {path} already exists; choose another name.", path=str(target))
    _write(vault, target)
    Settings(vault.data_dir).set("last_backup", now.isoformat(timespec="seconds"))
    return target


def _write(vault: Vault, target: Path) -> None:
    storage_backup.write_file(target, lambda out: storage_backup.write_backup(vault, out))


def restore(source: Path, data_dir: Path, secret: str, *, recovery: bool = False) -> None:
    """A backup made a new carnet in ``data_dir`` (absent or empty); refused with nothing written."""
    storage_backup.restore_backup(source, data_dir, secret, recovery=recovery)


# -- safety copies, before anything that destroys ---------------------------------------------------------
def safety_copy(vault: Vault, reason: str, now: datetime | None = None) -> Path:
    """An encrypted copy in the data folder's backups/ (the last few are kept), before ``reason``."""
    return storage_backup.vault_safety_copy(vault, reason, now or datetime.now())


safety_copies = storage_backup.safety_copies


# -- the weekly copy and the reminder ----------------------------------------------------------------------
def status(settings: Settings, now: datetime) -> BackupStatus:
    last = _when(settings.get("last_backup"))
    return BackupStatus(
        last=last,
        overdue=last is None or now - last > WARN_AFTER,
        weekly_folder=str(settings.get("weekly_backup_folder") or ""),
    )


def set_weekly_folder(settings: Settings, folder: Path | None) -> None:
    """The folder the weekly copy goes to (a memory card, a synchronised folder...); None: off."""
    if folder is not None and not folder.is_dir():
        raise ValidationError("The folder {dir} does not exist.", dir=str(folder))
    settings.set("weekly_backup_folder", str(folder) if folder else "")


def weekly_backup_if_due(vault: Vault, now: datetime) -> Path | None:
    """The weekly copy, when one is set and the last backup is a week old or more; None otherwise."""
    current = status(Settings(vault.data_dir), now)
    if not current.weekly_folder or (current.last is not None and now - current.last < WEEK):
        return None
    return backup_now(vault, Path(current.weekly_folder), now)


def _when(text: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None

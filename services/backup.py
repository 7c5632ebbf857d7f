"""Backups: "Sauvegarder maintenant", automatic safety copies, the weekly copy, and restoring one.

The file itself is made by storage/backup.py (one encrypted stream). Here: where it goes, what is
remembered about it (the date of the last one, in settings.json: it says nothing about anyone's health),
and when one is due. A backup is written beside its destination first and renamed into place, so an
interrupted one never replaces a good file; an existing file is never overwritten by a manual backup.

Dates are compared as aware datetimes: the command line stores its local time with its offset, and a
stored date without one (older settings) is read as local time, never compared naive against aware.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from domain.errors import CarnetError, ValidationError
from services.session import Session
from storage import backup as storage_backup
from storage.vault import check_passphrase_strength

SUFFIX = ".carnet"
WEEK = timedelta(days=7)
WARN_AFTER = timedelta(days=30)
RETRY_AFTER = timedelta(hours=1)  # a weekly copy that failed (card removed) is tried again, not every minute


@dataclass(frozen=True, slots=True)
class BackupStatus:
    last: datetime | None  # the last backup the user made (by hand or the weekly copy)
    overdue: bool  # none for more than 30 days (or never): Réglages warns
    weekly_folder: str  # "" when the weekly copy is off
    weekly_failed: datetime | None = None  # the last weekly copy that could not be written, if any since


def file_name(now: datetime) -> str:
    return f"carnet-sauvegarde-{now:%Y-%m-%d-%H%M}{SUFFIX}"


def backup_now(session: Session, destination: Path, now: datetime, *, overwrite: bool = False) -> Path:
    """Writes the backup at ``destination`` (a file, or a folder to put it in) and remembers the date."""
    target = destination / file_name(now) if destination.is_dir() else destination
    if target.exists() and not overwrite:
        raise ValidationError("The file {path} already exists; choose another name.", path=str(target))
    _write(session, target)
    session.settings.set("last_backup", _aware(now).isoformat(timespec="seconds"))
    return target


def _write(session: Session, target: Path) -> None:
    storage_backup.write_file(target, lambda out: storage_backup.write_backup(session.vault, out))


def restore(source: Path, data_dir: Path, secret: str, *, recovery: bool = False) -> None:
    """A backup made a new carnet in ``data_dir`` (absent or empty); refused with nothing written."""
    storage_backup.restore_backup(source, data_dir, secret, recovery=recovery)


def restore_with_recovery(source: Path, data_dir: Path, code: str, new_passphrase: str) -> Session:
    """The backup opened with its recovery key, then protected by ``new_passphrase``; left unlocked.
    The new passphrase is checked before anything is written."""
    check_passphrase_strength(new_passphrase)
    restore(source, data_dir, code, recovery=True)
    restored = Session(data_dir)
    restored.reset_passphrase(code, new_passphrase)
    return restored


# -- safety copies, before anything that destroys ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SafetyCopy:
    path: Path
    made: datetime | None  # from the file name (auto-YYYYMMDD-HHMMSS-reason.carnet)
    reason: str  # "profile", "demo", "migration"...


def safety_copy(session: Session, reason: str, now: datetime | None = None) -> Path:
    """An encrypted copy in the data folder's backups/ (the last few are kept), before ``reason``."""
    return storage_backup.vault_safety_copy(session.vault, reason, now or datetime.now())


safety_copies = storage_backup.safety_copies
KEEP_SAFETY_COPIES = storage_backup.KEEP_SAFETY_COPIES


def list_safety_copies(data_dir: Path) -> list[SafetyCopy]:
    """The automatic copies, newest first, with when and why each was made."""
    found = []
    for path in safety_copies(data_dir):
        parts = path.name.removesuffix(storage_backup.SAFETY_SUFFIX).split("-", 3)
        made = None
        with contextlib.suppress(ValueError, IndexError):
            made = datetime.strptime(f"{parts[1]}{parts[2]}", "%Y%m%d%H%M%S")
        found.append(SafetyCopy(path, made, parts[3] if len(parts) > 3 else ""))
    return found


def erase_safety_copies(data_dir: Path) -> int:
    """Deletes every automatic copy (a deleted profile stays in them until then); returns how many."""
    erased = 0
    for path in safety_copies(data_dir):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            erased += 1
    return erased


# -- the weekly copy and the reminder ----------------------------------------------------------------------
def status(session: Session, now: datetime) -> BackupStatus:
    settings = session.settings
    last = _when(settings.get("last_backup"))
    return BackupStatus(
        last=last,
        overdue=last is None or _aware(now) - last > WARN_AFTER,
        weekly_folder=str(settings.get("weekly_backup_folder") or ""),
        weekly_failed=_when(settings.get("weekly_backup_failed")),
    )


def set_weekly_folder(session: Session, folder: Path | None) -> None:
    """The folder the weekly copy goes to (a memory card, a synchronised folder...); None: off."""
    if folder is not None and not folder.is_dir():
        raise ValidationError("The folder {dir} does not exist.", dir=str(folder))
    session.settings.set("weekly_backup_folder", str(folder) if folder else "")
    session.settings.set("weekly_backup_failed", "")


def weekly_due(session: Session, now: datetime) -> bool:
    """A weekly copy is set, the last backup is a week old or more (or none), and no failure in the hour.
    Cheap (settings.json only): the app asks every minute."""
    current, moment = status(session, now), _aware(now)
    if not current.weekly_folder or (current.last is not None and moment - current.last < WEEK):
        return False
    return current.weekly_failed is None or moment - current.weekly_failed >= RETRY_AFTER


def weekly_backup_if_due(session: Session, now: datetime) -> Path | None:
    """The weekly copy, when one is due (``weekly_due``); None otherwise. A copy that cannot be written
    (the folder is gone, the disk is full) is remembered, shown in Réglages, and tried again an hour
    later."""
    settings = session.settings
    if not weekly_due(session, now):
        return None
    folder = Path(status(session, now).weekly_folder)
    try:
        if not folder.is_dir():  # an unplugged card: never a file written in the folder's place
            raise ValidationError("The folder {dir} does not exist.", dir=str(folder))
        path = backup_now(session, folder, now)
    except (CarnetError, OSError):
        settings.set("weekly_backup_failed", _aware(now).isoformat(timespec="seconds"))
        raise
    settings.set("weekly_backup_failed", "")
    return path


def _when(text: object) -> datetime | None:
    try:
        return _aware(datetime.fromisoformat(str(text))) if text else None
    except ValueError:
        return None


def _aware(moment: datetime) -> datetime:
    """A naive datetime is local time: given its offset, so that it compares with an aware one."""
    return moment if moment.tzinfo is not None else moment.astimezone()

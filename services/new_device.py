"""A new device started from the owner's FHIR server: a vault with a new passphrase, filled by sync rounds.

The first-run screen's "Me connecter à mon serveur" (the command line does the same with
``main.py sync`` into an empty folder). Everything that can be refused is checked before a file is
written; a server that gives nothing back (unreachable, wrong token) leaves no vault behind, so the
first-run screen is shown again as it was. The rounds are bounded: a server that always says "more"
cannot keep the device busy for ever.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from domain.errors import N_, CarnetError, SyncError, SyncTransientError, ValidationError
from services import records
from services.session import Session
from services.sync import round as sync
from services.sync.client import check_server_url
from storage.backup import SAFETY_FOLDER
from storage.vault import DB_NAME, KEYFILE_NAME, check_passphrase_strength

MAX_ROUNDS = 50
# What creating and filling a vault writes in the folder (settings.json, the language, stays).
MADE_HERE = (KEYFILE_NAME, DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", f"{DB_NAME}-journal")


class NothingReceivedError(SyncError):
    """The first round failed before anything came; ``cause`` says why, in the same language."""

    msgid = N_("Nothing could be received from your server, so no carnet was created here.")

    def __init__(self, cause: CarnetError) -> None:
        self.cause = cause
        super().__init__()

    def render(self, translate: Any = None) -> str:
        cause = getattr(self, "cause", None)  # set before the base class renders the message once
        if isinstance(cause, SyncTransientError) and {"url", "reason"} <= cause.params.keys():
            # its "changes stay on this device and will be sent later" means nothing on a first run
            cause = CarnetError(UNREACHABLE, **cause.params)
        return " ".join([super().render(translate), *([cause.render(translate)] if cause else [])])


UNREACHABLE = N_(
    "The server {url} did not answer properly ({reason}): check the address and the network, then try again."
)


@dataclass(frozen=True, slots=True)
class Started:
    pulled: int  # resources received
    profiles: int  # profiles now in the carnet (0: the server held none yet)
    error: CarnetError | None  # a round that stopped after something was received: the rest follows later


def check_request(server: str, passphrase: str) -> str:
    """The server address as it will be kept; ValidationError (or WeakPassphraseError) before anything."""
    address = check_server_url(server)
    check_passphrase_strength(passphrase)
    return address


def start_from_server(
    session: Session,
    server: str,
    token: str | None,
    passphrase: str,
    *,
    today: date,
    on_progress: Callable[[int], object] = lambda pulled: None,
) -> Started:
    """Creates the vault of the (locked, empty) session's folder and pulls everything the server holds, on a
    session of its own (the screen's stays locked meanwhile); leaves it locked.
    ``on_progress(pulled)`` after each round. NothingReceivedError, with no vault left, when the first
    round fails before anything came."""
    address = check_request(server, passphrase)
    data_dir = session.data_dir
    session = Session(data_dir, session.vault.holder)
    if session.exists():
        raise ValidationError("A vault already exists in {dir}.", dir=str(data_dir))
    session.create(passphrase, remember_on_device=False)
    try:
        sync.configure(session, address, token or None)
        pulled, error = 0, None
        for _ in range(MAX_ROUNDS):
            report = sync.sync_now(session, today=today)
            pulled += report.pulled
            on_progress(pulled)
            error = report.error
            if error is not None or not report.more:
                break
        profiles = len(records.list_profiles(session))
    except BaseException:
        session.lock()
        discard(data_dir)
        raise
    session.lock()
    if error is not None and profiles == 0:
        discard(data_dir)
        raise NothingReceivedError(error) from error
    return Started(pulled, profiles, error)


def discard(data_dir: Path) -> None:
    """Removes the vault this module just made (and nothing else of the folder)."""
    for name in MADE_HERE:
        (data_dir / name).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        shutil.rmtree(data_dir / SAFETY_FOLDER)

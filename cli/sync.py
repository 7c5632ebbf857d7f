"""Commands that move the whole carnet: a sync round (or a new device), a backup and its restore."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from typing import TextIO

from cli.common import opened
from domain.errors import ValidationError
from services import records
from services.files import printable
from services.session import Session, passphrase_from_env

MAX_TOKEN = 8192


def sync_token(option: str | None, env: dict[str, str], stdin: TextIO) -> str | None:
    """The access token from CARNET_SYNC_TOKEN or, with ``--token -``, standard input. A token written on
    the command line is refused: other users of the machine see it in ``ps``."""
    if option is None:
        return env.get("CARNET_SYNC_TOKEN") or None
    if option != "-":
        raise ValidationError(
            "A token on the command line can be read by every user of this machine (ps); set "
            "CARNET_SYNC_TOKEN, or pass --token - and write it on standard input."
        )
    token = stdin.readline(MAX_TOKEN + 1).strip()
    if not token or len(token) > MAX_TOKEN:
        raise ValidationError(
            "No access token was read from standard input (one line, at most {n} characters).", n=MAX_TOKEN
        )
    return token


def command_sync(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    """One round; into an empty folder, a new device: a vault is created (CARNET_PASSPHRASE) and filled
    from the server, or nothing is left behind if that first round brings nothing."""
    from services.sync import round as sync
    from services.sync.client import check_server_url

    token = sync_token(args.token, env, sys.stdin)  # refused before the vault is even opened
    new_device = not Session(args.data_dir).exists()
    if new_device:
        if not args.server:
            raise ValidationError(
                "No vault in {dir}: give --server to start this device from your server.",
                dir=str(args.data_dir),
            )
        check_server_url(args.server)
        if args.data_dir.exists() and any(args.data_dir.iterdir()):
            raise ValidationError(
                "The folder {dir} is not empty; choose a new folder.", dir=str(args.data_dir)
            )
    with opened(args, env, create=new_device) as session:
        report = sync.sync_now(session, args.server, token)
        empty = new_device and not records.list_profiles(session)
    if empty and report.error is not None:
        shutil.rmtree(args.data_dir, ignore_errors=True)  # made by this command a moment ago, nothing in it
    out(report.line())
    if report.error is not None:
        raise report.error


def command_backup(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    from datetime import datetime

    from services import backup

    with opened(args, env) as session:
        path = backup.backup_now(session, args.out, datetime.now().astimezone())
    out(printable(str(path)))


def command_restore(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    """With --recovery-key: the key on standard input, and CARNET_PASSPHRASE the new passphrase."""
    from services import backup

    passphrase = passphrase_from_env(env) or ""
    if not args.recovery_key:
        backup.restore(args.file, args.data_dir, passphrase)
    else:
        code = sys.stdin.readline(200).strip()
        backup.restore_with_recovery(args.file, args.data_dir, code, passphrase).lock()
    out(printable(str(args.data_dir)))

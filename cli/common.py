"""What every headless command shares: the vault opened for one command, and one line on stderr."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from services.files import printable
from services.session import Session, device_holder, open_session, passphrase_from_env

INCOMPLETE = 3  # export: the bundle was written, but some unreadable records were left out


@contextmanager
def opened(args: argparse.Namespace, env: dict[str, str], *, create: bool = False) -> Iterator[Session]:
    """The carnet of ``--data-dir``, unlocked with CARNET_PASSPHRASE (or the device's key), locked after."""
    session = open_session(args.data_dir, passphrase_from_env(env), device_holder(), create=create)
    try:
        yield session
    finally:
        session.lock()


def warn(line: str) -> None:
    print(f"carnet: {printable(line)}", file=sys.stderr)

"""Files the user asks for (vaccination summary, calendar): written outside the vault's data folder.

An export is readable on purpose (for a nursery, a calendar app), so it never sits beside the
encrypted vault, whose folder holds nothing in clear. Default: the user's Downloads/Carnet folder;
CARNET_EXPORT_DIR overrides it; in a built mobile app, Flet's app documents folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def default_export_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    if env.get("CARNET_EXPORT_DIR"):
        return Path(env["CARNET_EXPORT_DIR"])
    if env.get("FLET_APP_STORAGE_DATA"):
        return Path(env["FLET_APP_STORAGE_DATA"]) / "exports"
    downloads = Path(env.get("XDG_DOWNLOAD_DIR") or Path.home() / "Downloads")
    return downloads / "Carnet"


def write_export(directory: Path, file_name: str, data: bytes) -> Path:
    """Writes ``data`` as ``directory/file_name``, readable by its owner only; returns the path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / file_name
    path.write_bytes(data)
    path.chmod(0o600)
    return path

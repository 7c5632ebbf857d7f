"""Interface preferences (language, theme, auto-lock delay), readable before unlock.

They sit in clear in settings.json beside the vault because the lock screen needs them and they say
nothing about anyone's health.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {"language": "fr", "theme": "light", "autolock_minutes": 5}


class Settings:
    def __init__(self, data_dir: Path | str) -> None:
        self.path = Path(data_dir) / "settings.json"

    def all(self) -> dict[str, Any]:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        return {**DEFAULTS, **(stored if isinstance(stored, dict) else {})}

    def get(self, key: str) -> Any:
        return self.all().get(key)

    def set(self, key: str, value: Any) -> None:
        values = self.all()
        values[key] = value
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # like the vault beside it
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(values, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)

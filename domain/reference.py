"""Read-only access to the reference data shipped in assets/ (rules, WHO tables).

The only file access domain/ allows itself: static data that ships with the app, read lazily on
first use and cached, never user data. Rules stay data (with valid_from/valid_to and their source)
so that a new official calendar is a data change, not a code change.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@cache
def load_json(relative: str) -> Any:
    """The parsed JSON file at ``assets/<relative>``."""
    return json.loads((ASSETS / relative).read_text(encoding="utf-8"))

"""The "urgence" card on the lock screen: off by default. Turned on in Réglages for one profile, its few
lines (name, birth date, blood group, allergies, current treatments, contacts) are written in clear
beside the vault, because a locked carnet cannot be read by a rescuer; turned off, that file is erased.
It is written again at each unlock and when the user turns it on, so it follows the records.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import date
from pathlib import Path
from typing import Any

from domain.errors import CarnetError
from services.session import Session

log = logging.getLogger("carnet")
PREFERENCE = "emergency_card"  # settings.json: the profile whose card is shown, "" (off) by default
CARD_FILE = "emergency-card.json"


def _path(session: Session) -> Path:
    return Path(session.data_dir) / CARD_FILE


def enabled_for(session: Session) -> str:
    return str(session.preference(PREFERENCE) or "")


def enable(session: Session, profile_id: str, today: date) -> None:
    session.set_preference(PREFERENCE, profile_id)
    refresh(session, today)


def disable(session: Session) -> None:
    session.set_preference(PREFERENCE, "")
    _path(session).unlink(missing_ok=True)


def refresh(session: Session, today: date) -> None:
    """Writes the card again from the vault (unlocked); turns it off when its profile is gone."""
    profile_id = enabled_for(session)
    if not profile_id:
        _path(session).unlink(missing_ok=True)
        return
    from services.sharing.data import card  # loaded only when the card is on

    try:
        found = card(session, profile_id, today)
    except CarnetError:  # the profile was deleted, or cannot be read
        disable(session)
        return
    content = {
        "name": found.name,
        "birth_date": found.birth_date.isoformat(),
        "blood_group": found.blood_group,
        "allergies": [list(a) for a in found.allergies],
        "treatments": [list(t) for t in found.treatments],
        "contacts": [[c.name, c.relationship, c.phone] for c in found.contacts],
    }
    path = _path(session)
    tmp = path.with_suffix(".tmp")
    try:
        tmp.write_text(json.dumps(content, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.chmod(0o600)
        os.replace(tmp, path)
    except OSError as exc:  # a full disk must not stop the unlock: the card is kept as it was
        log.warning("emergency card not written: %s", exc)


def read(session: Session) -> dict[str, Any] | None:
    """What the lock screen shows: nothing unless the user turned the card on (and it was written)."""
    if not enabled_for(session):
        return None
    try:
        content = json.loads(_path(session).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return content if isinstance(content, dict) and isinstance(content.get("name"), str) else None

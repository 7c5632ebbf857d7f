"""The ``message`` kind's line of the FHIR table (services/fhir/records.py): record <-> Communication.

The sync's pull does not come through ``message_of``: it checks a Communication against the vault (its
Patient, the documents held, the thread) in services/messaging/inbound.py. ``message_of`` serves what has
no vault to ask, a Bundle read from a file: the profile is the subject's Patient and the documents are
those the Communication names (the import checks and stores them with the Bundle).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from domain.errors import N_, Unsyncable
from domain.messages import Message
from services.messaging.mapping import communication, message_from


def communication_of(profile_id: str, message: Message) -> dict[str, Any]:
    if message.profile != profile_id:
        raise Unsyncable(N_("This message belongs to another profile."))
    return communication(message)


def message_of(resource: dict[str, Any]) -> Message:
    subject = str((resource.get("subject") or {}).get("reference", ""))
    profile_id = subject.removeprefix("Patient/")
    named = {
        str((part.get("contentReference") or {}).get("reference", "")).removeprefix("DocumentReference/")
        for part in resource.get("payload") or []
        if isinstance(part, dict)
    }
    return message_from(resource, profile_id, named, now=datetime.now(UTC)).message

"""The log of reminders delivered: what makes each reminder shown exactly once, across restarts.

A row holds a random id and the profile id in clear; the reminder's key (which names the agenda
item and its date), the time and the text shown are sealed (padded) with the profile's data key, so
the log says nothing about anyone's health to whoever reads the file, not even a text's length. Rows of
a deleted profile can no longer be opened and are skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime

from domain.errors import CarnetError
from domain.models import new_id
from storage.vault import Vault

TABLE = "reminder_deliveries"


@dataclass(frozen=True, slots=True)
class Delivery:
    key: str  # the reminder's stable key (see domain.reminders.Reminder.key)
    profile_id: str
    at: datetime
    title: str
    body: str
    channel: str  # which notifier showed it: "desktop", "mobile", "in_app"
    id: str = ""


class DeliveryLog:
    """Reads and appends deliveries; the caller's unit of work commits."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def add(self, delivery: Delivery) -> Delivery:
        row_id = delivery.id or new_id()  # the notification's ref, which a tap on it hands back
        plain = json.dumps(
            {
                "key": delivery.key,
                "at": delivery.at.isoformat(),
                "title": delivery.title,
                "body": delivery.body,
                "channel": delivery.channel,
            },
            ensure_ascii=False,
        ).encode("utf-8")
        blob = self.vault.sealer(delivery.profile_id).seal(plain, TABLE, row_id, padded=True)
        self.vault.db.table(TABLE).insert({"id": row_id, "profile_id": delivery.profile_id, "blob": blob})
        return replace(delivery, id=row_id)

    def read(self, profile_ids: list[str]) -> list[Delivery]:
        """Every readable delivery of these profiles, newest first."""
        found: list[Delivery] = []
        for profile_id in profile_ids:
            rows = self.vault.db.execute(
                f"SELECT id, blob FROM {TABLE} WHERE profile_id = ?", [profile_id]
            ).fetchall()
            for row_id, blob in rows:
                try:
                    data = json.loads(self.vault.sealer(profile_id).open(blob, TABLE, row_id, padded=True))
                except CarnetError:
                    continue  # damaged, or its profile's key is gone: nothing to show
                found.append(
                    Delivery(
                        key=data["key"],
                        profile_id=profile_id,
                        at=datetime.fromisoformat(data["at"]),
                        title=data["title"],
                        body=data["body"],
                        channel=data["channel"],
                        id=row_id,
                    )
                )
        return sorted(found, key=lambda d: (d.at, d.id), reverse=True)

    def keys(self, profile_ids: list[str]) -> set[str]:
        return {delivery.key for delivery in self.read(profile_ids)}

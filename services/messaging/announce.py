"""New messages announced once, within the privacy setting (Réglages > Rappels, as reminders are).

The app calls ``announce_new_messages`` with its reminders (at start-up, then every minute, and so after
every sync): for each profile, the unread received messages not yet announced make one notification
(services/messaging/notify.py words it). What was announced is kept in the vault's log of notifications
(storage/deliveries.py, sealed with the profile's key), whose key names the messages: a message is
announced once, across restarts and devices' processes, and the notification centre lists it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from services import records
from services.messaging import store
from services.messaging.notify import new_messages_notification
from services.notifications import Notification
from services.reminders import global_settings
from services.session import Session
from storage.deliveries import Delivery

KEY_PREFIX = "messages:"
Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]


class Sender(Protocol):
    def send(self, notification: Notification) -> str: ...


def announced_ids(keys: set[str]) -> set[str]:
    """The messages named by the keys of the notifications already shown."""
    found: set[str] = set()
    for key in keys:
        if key.startswith(KEY_PREFIX):
            found.update(key.removeprefix(KEY_PREFIX).split(","))
    return found


def announce_new_messages(
    session: Session,
    notifier: Sender,
    _: Gettext,
    ngettext: Ngettext,
    now: datetime,
    private: bool | None = None,
) -> list[Delivery]:
    """One notification per profile with new unread messages; ``private``: None reads the setting."""
    if not session.unlocked:
        return []
    private = global_settings(session).private if private is None else private
    profiles = records.list_profiles(session)
    with session.uow() as uow:
        done = announced_ids(uow.deliveries.keys([p.id for p in profiles]))
    shown: list[Delivery] = []
    for profile in profiles:
        box = store.inbox(session, profile.id, now.date(), _)
        fresh = [m for m in box.messages if m.unread and m.id not in done]
        note = new_messages_notification(
            fresh, box.correspondents, profile.first_name, _, ngettext, private, box.blocked
        )
        if note is None:
            continue  # nothing new, or only a blocked professional's messages (flagged, never announced)
        key = KEY_PREFIX + ",".join(sorted(m.id for m in fresh))
        notification = Notification(note.title, note.body, key)
        channel = notifier.send(notification)
        delivery = Delivery(key, profile.id, now, note.title, note.body, channel, notification.ref)
        with session.uow() as uow:
            shown.append(uow.deliveries.add(delivery))
            uow.commit()
    return shown

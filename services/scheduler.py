"""The reminder scheduler: at start-up and then periodically, shows what is due, each reminder once.

``run_once`` reads the family's reminders, keeps those due today that the delivery log does not
hold, shows each through the notifier and logs it in the vault in the same step. The log lives in
the vault, so a reminder shown before a restart (or by another instance of the app) is not shown
again. A locked vault is a no-op: nothing can be read, nothing is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from domain.reminders import due
from services import records
from services.notifications import ChainNotifier, Notification
from services.reminders import global_settings, profile_reminders, reminder_text
from services.session import Session
from storage.deliveries import Delivery


class ReminderScheduler:
    def __init__(
        self,
        session: Session,
        notifier: ChainNotifier,
        translate: Callable[[], Callable[[str], str]],
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.session, self.notifier = session, notifier
        self.translate, self.clock = translate, clock

    def run_once(self) -> list[Delivery]:
        """Shows every reminder due now and not shown yet; returns what was delivered."""
        session = self.session
        if not session.unlocked:
            return []
        now = self.clock()
        today = now.date()
        defaults = global_settings(session)
        profiles = records.list_profiles(session)
        with session.uow() as uow:
            delivered = uow.deliveries.keys([p.id for p in profiles])
        _ = self.translate()
        shown: list[Delivery] = []
        for profile in profiles:
            for reminder in due(profile_reminders(session, profile, today, defaults), today, delivered):
                title, body = reminder_text(reminder, profile.first_name, _, defaults.private, _day_format(_))
                notification = Notification(title, body, reminder.key)
                channel = self.notifier.send(notification)
                delivery = Delivery(reminder.key, profile.id, now, title, body, channel, notification.ref)
                with session.uow() as uow:
                    delivery = uow.deliveries.add(delivery)
                    uow.commit()
                delivered.add(reminder.key)
                shown.append(delivery)
        return shown


def _day_format(_: Callable[[str], str]) -> Callable[[date], str]:
    return lambda day: day.strftime(_("%m/%d/%Y"))


def recent_deliveries(session: Session, limit: int = 30) -> list[Delivery]:
    """The notification centre: the latest reminders shown, whatever the channel, newest first."""
    if not session.unlocked:
        return []
    profiles = records.list_profiles(session)
    with session.uow() as uow:
        return uow.deliveries.read([p.id for p in profiles])[:limit]


def find_delivery(session: Session, ref: str) -> Delivery | None:
    """The delivery a tapped system notification stands for (its ref is the row id); None when the
    vault is locked, or its profile was deleted since (its rows can no longer be opened)."""
    if not session.unlocked or not ref:
        return None
    profiles = records.list_profiles(session)
    with session.uow() as uow:
        return next((d for d in uow.deliveries.read([p.id for p in profiles]) if d.id == ref), None)


def unread_count(session: Session) -> int:
    seen = session.settings.get("notifications_seen_at") or ""
    return sum(1 for d in recent_deliveries(session) if d.at.isoformat() > seen)


def mark_all_seen(session: Session, now: datetime) -> None:
    session.settings.set("notifications_seen_at", now.isoformat())

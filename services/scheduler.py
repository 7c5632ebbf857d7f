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
from storage.deliveries import Delivery, DeliveryLog
from storage.settings import Settings
from storage.uow import UnitOfWork
from storage.vault import Vault

CHECK_EVERY_SECONDS = 15 * 60


class ReminderScheduler:
    def __init__(
        self,
        vault: Vault,
        settings: Settings,
        notifier: ChainNotifier,
        translate: Callable[[], Callable[[str], str]],
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.vault, self.settings, self.notifier = vault, settings, notifier
        self.translate, self.clock = translate, clock

    def run_once(self) -> list[Delivery]:
        """Shows every reminder due now and not shown yet; returns what was delivered."""
        if not self.vault.unlocked:
            return []
        now = self.clock()
        today = now.date()
        defaults = global_settings(self.settings)
        profiles = records.list_profiles(self.vault)
        log = DeliveryLog(self.vault)
        delivered = log.keys([p.id for p in profiles])
        _ = self.translate()
        shown: list[Delivery] = []
        for profile in profiles:
            for reminder in due(profile_reminders(self.vault, profile, today, defaults), today, delivered):
                title, body = reminder_text(reminder, profile.first_name, _, defaults.private, _day_format(_))
                channel = self.notifier.send(Notification(title, body, reminder.key))
                delivery = Delivery(reminder.key, profile.id, now, title, body, channel)
                with UnitOfWork(self.vault) as uow:
                    delivery = log.add(delivery)
                    uow.commit()
                delivered.add(reminder.key)
                shown.append(delivery)
        return shown


def _day_format(_: Callable[[str], str]) -> Callable[[date], str]:
    return lambda day: day.strftime(_("%m/%d/%Y"))


def recent_deliveries(vault: Vault, limit: int = 30) -> list[Delivery]:
    """The notification centre: the latest reminders shown, whatever the channel, newest first."""
    if not vault.unlocked:
        return []
    profiles = records.list_profiles(vault)
    return DeliveryLog(vault).read([p.id for p in profiles])[:limit]


def unread_count(vault: Vault, settings: Settings) -> int:
    seen = settings.get("notifications_seen_at") or ""
    return sum(1 for d in recent_deliveries(vault) if d.at.isoformat() > seen)


def mark_all_seen(settings: Settings, now: datetime) -> None:
    settings.set("notifications_seen_at", now.isoformat())

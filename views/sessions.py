"""Every open session of this process (browser tabs in web mode, the one window otherwise).

Each session unlocks on its own, with the passphrase typed in it. Locking is for all of them: a lock in
one tab, or the inactivity delay, locks every tab at once, so no forgotten tab stays open on the data.
Activity anywhere counts for all, since one person at one machine uses them.
"""

from __future__ import annotations

import logging
import time
import weakref
from collections.abc import Callable
from typing import Protocol

log = logging.getLogger("carnet")


class Member(Protocol):
    @property
    def locked(self) -> bool: ...
    def forget_keys(self) -> None: ...
    def notify(self) -> None: ...


class Sessions:
    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.monotonic = monotonic
        self.last_activity = monotonic()
        # Weak: a session that vanished without saying goodbye must not keep its vault alive.
        self._members: weakref.WeakSet[Member] = weakref.WeakSet()

    def join(self, member: Member) -> None:
        self._members.add(member)

    def leave(self, member: Member) -> None:
        self._members.discard(member)

    def __len__(self) -> int:
        return len(self._members)

    def touch(self) -> None:
        self.last_activity = self.monotonic()

    def idle_expired(self, minutes: int) -> bool:
        """True when some session is open and nothing happened in any session for ``minutes``."""
        open_ones = any(not m.locked for m in list(self._members))
        return minutes > 0 and open_ones and self.monotonic() - self.last_activity >= minutes * 60

    def lock_all(self) -> None:
        """Every key forgotten first, then every screen redrawn; a tab that cannot be redrawn (closed
        meanwhile) does not stop the others from showing their lock screen."""
        members = list(self._members)
        for member in members:
            member.forget_keys()
        for member in members:
            try:
                member.notify()
            except Exception:  # a page whose connection just went away
                log.info("a session could not show its lock screen", exc_info=True)


PROCESS_SESSIONS = Sessions()  # the app's sessions; tests build their own

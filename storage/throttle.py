"""A growing delay after wrong passphrases, shared by every session of the process for one data folder.

The web server serves many sessions from one process: each may hold its own Vault object, so the count
lives here, keyed by folder. It stays in memory on purpose: a wrong passphrase changes no file.
While the delay runs, an attempt is refused before the key derivation even starts.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from pathlib import Path

from domain.errors import TooManyAttemptsError

FREE_FAILURES = 2  # the third wrong passphrase in a row starts the delay
MAX_DELAY_S = 300.0


class UnlockThrottle:
    """After the third failure in a row, 2 s; then 4, 8, 16... up to 5 minutes. A success resets it."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.failures = 0
        self._not_before = 0.0
        self._lock = threading.Lock()

    def check(self) -> None:
        """Raises TooManyAttemptsError while the delay runs."""
        with self._lock:
            wait = self._not_before - self.clock()
        if wait > 0:
            raise TooManyAttemptsError(seconds=math.ceil(wait))

    def failed(self) -> None:
        with self._lock:
            self.failures += 1
            if self.failures > FREE_FAILURES:
                delay = min(2.0 ** (self.failures - FREE_FAILURES), MAX_DELAY_S)
                self._not_before = self.clock() + delay

    def succeeded(self) -> None:
        with self._lock:
            self.failures, self._not_before = 0, 0.0


_throttles: dict[Path, UnlockThrottle] = {}
_registry_lock = threading.Lock()


def for_folder(data_dir: Path) -> UnlockThrottle:
    """The one throttle of this process for ``data_dir``."""
    key = Path(data_dir).resolve()
    with _registry_lock:
        if key not in _throttles:
            _throttles[key] = UnlockThrottle()
        return _throttles[key]

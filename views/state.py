"""UI state: the session, who is shown, which screen, language, theme, inactivity. No business rule here,
and no storage type: the session (services/session.py) owns the vault, its settings and its keys."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from domain.errors import CarnetError, ValidationError
from domain.models import Profile
from services import backup, demo, exports, records
from services.i18n import translator
from services.session import KeyHolder, Session, Sessions

log = logging.getLogger("carnet")
DEVICE_UNLOCK = "device_unlock"  # settings.json: open without typing, with the key the device holds


class AppState:
    def __init__(
        self,
        data_dir: Path | str,
        holder: KeyHolder | None = None,
        *,
        clock: Callable[[], date] = date.today,
        now: Callable[[], datetime] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sessions: Sessions | None = None,
        web: bool = False,
    ) -> None:
        # A browser is not "this device": no key holder there, the passphrase is typed in each tab.
        self.session = Session(data_dir, None if web else holder, viewer=True)
        self.export_dir = exports.default_export_dir()
        self.clock, self.web = clock, web
        self.now = now or (lambda: datetime.now().astimezone())  # the date of a backup, with its offset
        self.sessions = sessions if sessions is not None else Sessions(monotonic)
        self.sessions.join(self)
        self.language = self.session.preference("language")
        self._ = translator(self.language)
        self.profiles: list[Profile] = []
        self.current_id = ""
        self.route = "/"  # a path of views/routes.py
        self.listeners: list[Callable[[], None]] = []
        # Choices made inside a screen (tab, chart view) kept across re-renders, e.g. "enfant.tab".
        self.choices: dict[str, str] = {}
        self.locks = 0  # how many times this session was locked: a screen's own memory can start over

    # -- vault -------------------------------------------------------------------------------------
    @property
    def first_run(self) -> bool:
        return not self.session.exists()

    @property
    def locked(self) -> bool:
        return not self.session.unlocked

    def create_vault(self, passphrase: str, confirmation: str, *, demo_family: bool = True) -> None:
        """A new vault; with the demo family ("Découvrir avec la démo") or empty ("Créer mon carnet")."""
        if passphrase != confirmation:
            raise CarnetError("The two passphrases differ.")
        self.session.create(passphrase, remember_on_device=self.device_unlock)
        # The only place the demo family is made: a new vault, never one that ever held data (a vault
        # emptied by the user or by a sync stays empty).
        if demo_family:
            demo.create_demo_family(self.session, self.today())
        self._after_unlock()

    def reset_passphrase(self, code: str, passphrase: str, confirmation: str) -> None:
        """ "J'ai perdu ma phrase de passe": the recovery key and a new passphrase open the carnet."""
        if passphrase != confirmation:
            raise CarnetError("The two passphrases differ.")
        self.session.reset_passphrase(code, passphrase)
        self._after_unlock()

    def restore(self, source: Path, secret: str, new_passphrase: str = "") -> None:
        """The backup ``source`` becomes this device's carnet, opened with its passphrase (``secret``), or
        with its recovery key (``secret``) and then protected by ``new_passphrase``."""
        if new_passphrase:
            backup.restore_with_recovery(source, self.session.data_dir, secret, new_passphrase).lock()
            self.session.unlock(new_passphrase)
        else:
            backup.restore(source, self.session.data_dir, secret)
            self.session.unlock(secret)
        self.language = self.session.preference("language")  # the restored carnet's own preferences
        self._ = translator(self.language)
        self._after_unlock()

    def unlock(self, passphrase: str) -> None:
        """Opens the vault with the passphrase typed in this session; an empty field opens nothing,
        whatever key the device holds."""
        if not passphrase:
            raise ValidationError("Type your passphrase to unlock the carnet.")
        self.session.unlock(passphrase)
        self._after_unlock()

    def open_with_device_key(self) -> bool:
        """At start only: opens without typing when the owner chose it in Réglages (never on the web).
        With that choice off, a key left in the device's holder (older versions stored it) is removed."""
        if self.first_run or self.web:
            return False
        if not self.device_unlock:
            self.session.forget_device_key()
            return False
        try:
            self.session.unlock(None)
        except CarnetError:  # no key held any more: the lock screen asks
            return False
        self._after_unlock()
        return True

    def _after_unlock(self) -> None:
        self._clear_lock_errors()
        self.touch()
        self.reload()
        from services.sharing import urgence  # the lock screen's card follows the records (issue 16)

        urgence.refresh(self.session, self.today())

    def lock(self) -> None:
        """Locks every open session of this process (services/session.py: Sessions), this one included."""
        self.sessions.lock_all()

    def forget_keys(self) -> None:
        self.session.lock()  # the keys, the search indexes and the viewer's decrypted copies
        self.locks += 1
        self.profiles, self.current_id = [], ""
        self._clear_lock_errors()

    def _clear_lock_errors(self) -> None:
        for key in [k for k in self.choices if k.startswith("lock.")]:  # the lock screen's refusals
            del self.choices[key]

    def close(self) -> None:
        """This session's page went away (tab closed): its keys are forgotten, it leaves the sessions."""
        self.sessions.leave(self)
        self.forget_keys()

    # -- opening without typing ----------------------------------------------------------------------
    @property
    def device_unlock_possible(self) -> bool:
        """A keyring or secure storage answers, and this is not the web (a browser is not the device)."""
        return not self.web and self.session.device_holder_usable

    @property
    def device_unlock(self) -> bool:
        return self.device_unlock_possible and bool(self.session.preference(DEVICE_UNLOCK))

    def set_device_unlock(self, on: bool, passphrase: str = "") -> None:
        """On: the passphrase is checked, then the vault key goes to the device's holder. Off: it is
        removed from there, and only the passphrase opens the carnet."""
        if on:
            if not self.device_unlock_possible:
                raise ValidationError("This device has no keyring: the passphrase is asked every time.")
            if not passphrase:
                raise ValidationError("Type your passphrase to unlock the carnet.")
            try:
                self.session.remember_on_device(passphrase)
            except CarnetError:
                raise
            except Exception as exc:  # a keyring that refuses (locked collection, no D-Bus)
                raise ValidationError(
                    "The device keyring did not keep the key: {error}", error=str(exc)
                ) from exc
        self.session.set_preference(DEVICE_UNLOCK, on)
        if not on:
            self.session.forget_device_key()
        self.touch()
        self.notify()

    # -- profiles ----------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        self.profiles = records.list_profiles(self.session)
        ids = [p.id for p in self.profiles]
        if select in ids:
            self.current_id = select or ""
        elif self.current_id not in ids:
            self.current_id = ids[0] if ids else ""
        self.notify()

    @property
    def current(self) -> Profile | None:
        return next((p for p in self.profiles if p.id == self.current_id), None)

    def switch(self, profile_id: str) -> None:
        if any(p.id == profile_id for p in self.profiles):
            self.current_id = profile_id
            self.touch()
            self.notify()

    @property
    def has_demo(self) -> bool:
        return any(p.demo for p in self.profiles)

    # -- navigation (views/routes.py says which screens apply to the current profile) ----------------
    def go(self, route: str) -> None:
        self.route = route
        self.touch()
        self.notify()

    # -- preferences and inactivity -----------------------------------------------------------------
    def set_language(self, language: str) -> None:
        self.language = language
        self.session.set_preference("language", language)
        self._ = translator(language)
        self.notify()

    @property
    def theme(self) -> str:
        return str(self.session.preference("theme"))

    def set_theme(self, theme: str) -> None:
        self.session.set_preference("theme", theme)
        self.notify()

    @property
    def autolock_minutes(self) -> int:
        return int(self.session.preference("autolock_minutes"))

    def set_autolock(self, minutes: int) -> None:
        self.session.set_preference("autolock_minutes", int(minutes))

    def touch(self) -> None:
        self.sessions.touch()  # activity in any session counts for all

    def idle_expired(self) -> bool:
        return self.sessions.idle_expired(self.autolock_minutes)

    def lock_if_idle(self) -> bool:
        """Called every few seconds by each open page: the delay passed, every session locks."""
        if not self.idle_expired():
            return False
        self.lock()
        return True

    def today(self) -> date:
        return self.clock()

    def choose(self, key: str, value: str) -> None:
        """Remembers a choice made inside a screen and shows the screen again with it."""
        self.choices[key] = value
        self.touch()
        self.notify()

    def notify(self) -> None:
        for listener in list(self.listeners):
            listener()

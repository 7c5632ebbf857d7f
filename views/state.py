"""UI state: which vault, who is shown, which screen, language, theme, inactivity. No business rule here."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from domain.errors import CarnetError
from domain.models import Profile
from services import demo, documents, exports, records, search
from services.i18n import translator
from storage.keys import KeyHolder
from storage.settings import Settings
from storage.vault import Vault


class AppState:
    def __init__(
        self,
        data_dir: Path | str,
        holder: KeyHolder | None = None,
        *,
        clock: Callable[[], date] = date.today,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = Settings(data_dir)
        self.export_dir = exports.default_export_dir()
        self.vault = Vault(data_dir, holder)
        self.clock, self.monotonic = clock, monotonic
        self.language = self.settings.get("language")
        self._ = translator(self.language)
        self.profiles: list[Profile] = []
        self.current_id = ""
        self.route = "/"
        self.last_activity = monotonic()
        self.listeners: list[Callable[[], None]] = []
        # Choices made inside a screen (tab, chart view) kept across re-renders, e.g. "enfant.tab".
        self.choices: dict[str, str] = {}

    # -- vault -------------------------------------------------------------------------------------
    @property
    def first_run(self) -> bool:
        return not self.vault.exists()

    @property
    def locked(self) -> bool:
        return not self.vault.unlocked

    def create_vault(self, passphrase: str, confirmation: str) -> None:
        if passphrase != confirmation:
            raise CarnetError("The two passphrases differ.")
        self.vault.create(passphrase)
        demo.create_demo_family(self.vault, self.today())
        self._after_unlock()

    def unlock(self, passphrase: str | None) -> None:
        self.vault.unlock(passphrase)
        if demo.is_empty(self.vault):
            demo.create_demo_family(self.vault, self.today())
        self._after_unlock()

    def _after_unlock(self) -> None:
        self.touch()
        self.reload()

    def lock(self) -> None:
        self.vault.lock()
        search.forget(self.vault)  # no document text stays in memory once locked
        documents.purge_copies()  # decrypted copies handed to the system viewer
        self.profiles, self.current_id = [], ""
        self.notify()

    # -- profiles ----------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        self.profiles = records.list_profiles(self.vault)
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

    # -- navigation --------------------------------------------------------------------------------
    def destinations(self) -> list[str]:
        """The screens that apply to the current profile: Enfant for a child, Grossesse for an adult woman."""
        routes = ["/", "/dossier", "/agenda", "/profil-medical"]
        profile = self.current
        if profile is not None and profile.role == "child":
            routes.append("/enfant")
        elif profile is not None and profile.sex == "F" and profile.age_days(self.today()) >= 15 * 365:
            routes.append("/grossesse")
        return routes

    def go(self, route: str) -> None:
        self.route = route
        self.touch()
        self.notify()

    # -- preferences and inactivity -----------------------------------------------------------------
    def set_language(self, language: str) -> None:
        self.language = language
        self.settings.set("language", language)
        self._ = translator(language)
        self.notify()

    @property
    def theme(self) -> str:
        return str(self.settings.get("theme"))

    def set_theme(self, theme: str) -> None:
        self.settings.set("theme", theme)
        self.notify()

    @property
    def autolock_minutes(self) -> int:
        return int(self.settings.get("autolock_minutes"))

    def set_autolock(self, minutes: int) -> None:
        self.settings.set("autolock_minutes", int(minutes))

    def touch(self) -> None:
        self.last_activity = self.monotonic()

    def idle_expired(self) -> bool:
        minutes = self.autolock_minutes
        return minutes > 0 and not self.locked and self.monotonic() - self.last_activity >= minutes * 60

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

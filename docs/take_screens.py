"""Screenshots of every screen of the demo family, on a phone (390x844) and a desktop (1280x800), in the
web app driven by headless Chromium: docs/screens/, and docs/screenshot.png (the README's picture: the
phone home and the desktop home side by side).

.venv/bin/python docs/take_screens.py [output folder]      (default: docs/)

Each profile's every tab (and the child's three tabs), the screens of the top bar's menu (Prévention,
Risques, Partager and its sub-screens, Messages), Profils, Réglages, the menu itself, and the main
dialogs (an item's detail from « À faire », "Marquer comme fait", the appointment form, the profile form,
the notification centre, the demo's removal), and the home in the dark theme. The lock screen first.
No request leaves the computer.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ui.browser import CHROMIUM, CHROMIUM_ARGS, by_id, open_with_semantics, served_app, unlock  # noqa: E402

PASSPHRASE = "capture d'écran"
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
PROFILES = ("Camille", "Inès", "Léo")
TABS = ("Accueil", "Dossier", "Agenda", "Profil médical", "Enfant", "Grossesse")
CHILD_TABS = ("growth", "vaccinations", "exams")
SETTLE_MS = 1200  # Flutter draws the new screen a few frames after the click


class Shooter:
    def __init__(self, page: Page, folder: Path, size: str) -> None:
        self.page, self.folder, self.size, self.count = page, folder, size, 0

    def shot(self, name: str) -> Path:
        self.page.wait_for_timeout(SETTLE_MS)
        self.count += 1
        path = self.folder / f"{self.size}-{self.count:02d}-{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def click(self, locator) -> None:  # noqa: ANN001 - a Playwright locator
        locator.first.click(timeout=15_000)
        self.page.wait_for_timeout(SETTLE_MS // 2)

    def cancel(self) -> None:
        """The open dialog's « Annuler » (the last one shown is the one on top)."""
        self.click(self.page.get_by_role("button", name="Annuler").last)


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def profile_screens(s: Shooter, name: str) -> None:
    page = s.page
    s.click(page.get_by_role("checkbox", name=name))
    for tab in TABS if name != PROFILES[0] else TABS[1:]:  # the first one's home is shot already
        found = page.get_by_role("tab", name=re.compile(f"^{tab}"))
        if found.count() == 0:  # Enfant for the children, Grossesse for the mother
            continue
        s.click(found)
        if tab == "Enfant":
            for key in CHILD_TABS:
                s.click(by_id(page, f"enfant-tab-{key}"))
                s.shot(f"{slug(name)}-{slug(tab)}-{key}")
        else:
            s.shot(f"{slug(name)}-{slug(tab)}")
    s.click(page.get_by_role("tab", name=re.compile("^Accueil")))


def dialogs(s: Shooter) -> None:
    page = s.page
    s.click(page.get_by_role("checkbox", name="Camille"))
    s.click(page.locator('[flt-semantics-identifier^="todo-screen-"]'))  # her item of « À faire »
    s.shot("dialog-item-detail")
    s.click(by_id(page, "mark-done"))
    s.shot("dialog-mark-done")
    s.cancel()
    s.click(by_id(page, "close-detail"))
    s.click(by_id(page, "nav-notifications"))
    s.shot("dialog-notifications")
    s.click(by_id(page, "close-centre"))
    s.click(by_id(page, "remove-demo"))
    s.shot("dialog-remove-demo")
    s.cancel()
    s.click(page.get_by_role("tab", name=re.compile("^Agenda")))
    s.click(by_id(page, "add-appointment"))
    s.shot("dialog-appointment-form")
    s.click(by_id(page, "cancel-appointment"))


def other_screens(s: Shooter) -> None:
    page = s.page
    s.click(by_id(page, "nav-more"))
    s.shot("menu-more")
    s.click(page.get_by_role("menuitem", name=re.compile("Profils")))
    s.shot("profiles")
    s.click(by_id(page, "add-profile"))
    s.shot("dialog-profile-form")
    s.cancel()
    s.click(by_id(page, "nav-more"))
    s.click(page.get_by_role("menuitem", name=re.compile("Réglages")))
    s.shot("settings")
    s.click(by_id(page, "dark-theme"))  # the dark theme: the same home, its contrasts
    s.click(by_id(page, "nav-back"))
    s.shot("camille-accueil-dark")
    s.click(by_id(page, "nav-more"))
    s.click(page.get_by_role("menuitem", name=re.compile("Réglages")))
    s.click(by_id(page, "dark-theme"))
    s.click(by_id(page, "nav-back"))


# The screens out of the tab bar, reached from the top bar's menu (their Route paths; Camille, an adult).
MENU_SCREENS = (
    "prevention",
    "risk",
    "sharing",
    "summary",
    "share",
    "exchanges",
    "blocks",
    "caregivers",
    "messages",
)


def menu_screens(s: Shooter) -> None:
    page = s.page
    s.click(page.get_by_role("checkbox", name="Camille"))
    for path in MENU_SCREENS:
        s.click(by_id(page, "nav-more"))
        s.click(by_id(page, f"nav-{path}"))
        s.shot(f"camille-{path}")
        s.click(by_id(page, "nav-back"))


def take(browser, url: str, folder: Path, size: str) -> Path:  # noqa: ANN001 - a Playwright browser
    width, height = SIZES[size]
    page = open_with_semantics(browser, url, width=width, height=height)
    s = Shooter(page, folder, size)
    by_id(page, "passphrase").wait_for(state="attached", timeout=60_000)
    s.shot("lock")
    unlock(page, PASSPHRASE)
    page.get_by_text("Camille Durand").first.wait_for(state="attached", timeout=60_000)
    home = s.shot("camille-accueil")
    for name in PROFILES:
        profile_screens(s, name)
    dialogs(s)
    menu_screens(s)
    other_screens(s)
    page.close()
    return home


def side_by_side(phone: Path, desktop: Path, out: Path) -> None:
    """The phone home and the desktop home on one picture, bottoms aligned, on a light grey ground."""
    left, right = Image.open(phone), Image.open(desktop)
    gap = 24
    height = max(left.height, right.height) + 2 * gap
    picture = Image.new("RGB", (left.width + right.width + 3 * gap, height), (236, 239, 241))
    picture.paste(left, (gap, height - gap - left.height))
    picture.paste(right, (2 * gap + left.width, height - gap - right.height))
    picture.save(out, optimize=True)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    folder = out / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CARNET_PASSPHRASE": PASSPHRASE}
        subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "demo", "--data-dir", tmp],
            check=True,
            env=env,
            capture_output=True,
        )
        with served_app(Path(tmp)) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                homes = {size: take(browser, url, folder, size) for size in SIZES}
            finally:
                browser.close()
    side_by_side(homes["phone"], homes["desktop"], out / "screenshot.png")
    print(f"{len(list(folder.glob('*.png')))} screenshots in {folder}")


if __name__ == "__main__":
    main()

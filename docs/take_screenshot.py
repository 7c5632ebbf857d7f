"""Regenerates docs/screenshot.png: the demo family's home screen in the web app (headless Chromium).

.venv/bin/python docs/take_screenshot.py
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ui.browser import CHROMIUM, CHROMIUM_ARGS, open_unlocked, served_app  # noqa: E402

PASSPHRASE = "capture d'écran"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CARNET_PASSPHRASE": PASSPHRASE}
        subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "demo", "--data-dir", tmp], check=True, env=env
        )
        with served_app(Path(tmp)) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = open_unlocked(browser, url, PASSPHRASE)
            page.get_by_text("Camille Durand").wait_for(state="attached", timeout=60_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))
            browser.close()


if __name__ == "__main__":
    main()

"""Measures the colours Flutter draws for named Flet colours, in the app's light and dark theme.

The theme's roles (primary, on_surface...) are derived by Flutter from the seed colour of
components/theme.py, and the palette's names (green900...) are Flutter constants: neither can be read
in Python. This draws one 20 px swatch per name in headless Chromium, in each theme, and prints the
colour of its centre pixel; tests/unit/test_contrast.py holds the result. Run it again after changing
the seed or when a new colour is used for text:

    .venv/bin/python scripts/measure_colours.py PRIMARY GREEN_900 ...   (names of ft.Colors members)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZE, PER_ROW = 20, 30


def swatches(mode: str, names: list[str], port: int) -> None:
    """The page of swatches, served on loopback (run in a child process)."""
    import flet as ft

    from components.theme import theme
    from views import web_server

    def main(page: ft.Page) -> None:
        page.theme, page.dark_theme = theme(), theme()
        page.theme_mode = ft.ThemeMode.DARK if mode == "dark" else ft.ThemeMode.LIGHT
        page.padding = page.spacing = 0
        rows = [names[i : i + PER_ROW] for i in range(0, len(names), PER_ROW)]
        cells = [
            [ft.Container(width=SIZE, height=SIZE, bgcolor=getattr(ft.Colors, n)) for n in row]
            for row in rows
        ]
        page.add(ft.Column([ft.Row(row, spacing=0) for row in cells], spacing=0))

    web_server.serve(main, host="127.0.0.1", port=port, assets_dir=str(ROOT / "assets"), open_browser=False)


def measure(names: list[str]) -> dict[str, dict[str, str]]:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    from tests.ui.browser import CHROMIUM, CHROMIUM_ARGS, free_port

    found: dict[str, dict[str, str]] = {}
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for mode in ("light", "dark"):
            port = free_port()
            server = subprocess.Popen([sys.executable, __file__, "--serve", mode, str(port), *names])
            try:
                _wait(f"http://127.0.0.1:{port}/")
                page = browser.new_page(viewport={"width": SIZE * PER_ROW, "height": 400})
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_timeout(8000)  # the Flutter engine starts, then draws the page
                shot = Path(tmp) / f"{mode}.png"
                page.screenshot(path=str(shot))
                image = Image.open(shot).convert("RGB")
                found[mode] = {n: _hex(image.getpixel(_centre(i))) for i, n in enumerate(names)}
            finally:
                server.terminate()
                server.wait(10)
        browser.close()
    return found


def _centre(index: int) -> tuple[int, int]:
    return (index % PER_ROW) * SIZE + SIZE // 2, (index // PER_ROW) * SIZE + SIZE // 2


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{part:02X}" for part in rgb)


def _wait(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        swatches(sys.argv[2], sys.argv[4:], int(sys.argv[3]))
    else:
        print(json.dumps(measure(sys.argv[1:]), indent=1))

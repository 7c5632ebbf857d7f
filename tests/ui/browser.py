"""Shared pieces of the Playwright tests: the app served on loopback, Debian's Chromium, and typing the
passphrase on the lock screen (every web session starts locked, CARNET_PASSPHRASE or not)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
PASSPHRASE = "phrase de passe du test"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_demo_vault(data_dir: Path) -> Path:
    """The demo family in ``data_dir``, made by the real `main.py demo` command."""
    env = {**os.environ, "CARNET_PASSPHRASE": PASSPHRASE}
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "demo", "--data-dir", str(data_dir)],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
    )
    return data_dir


@contextmanager
def served_app(data_dir: Path, **extra_env: str):
    """``python main.py --web`` on a free loopback port, stopped afterwards."""
    port = free_port()
    hidden = ("DISPLAY", "WAYLAND_DISPLAY", "CARNET_PASSPHRASE")
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    env.update(CARNET_LANG="fr", **extra_env)
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--web", "--port", str(port), "--data-dir", str(data_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        process.stdout.read().decode() if process.stdout else "no output"
                    ) from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def open_with_semantics(browser, url: str, width: int = 1000, height: int = 800):
    """A page of the Flutter web app with its accessibility tree switched on."""
    page = browser.new_page(viewport={"width": width, "height": height}, locale="fr-FR")
    page.goto(url)
    placeholder = page.locator("flt-semantics-placeholder")
    placeholder.wait_for(state="attached", timeout=60_000)
    placeholder.dispatch_event("click")
    return page


def by_id(page, identifier: str):
    """The Semantics node of the Flutter page with that identifier (ft.Semantics(identifier=...))."""
    return page.locator(f'[flt-semantics-identifier="{identifier}"]')


def unlock(page, passphrase: str = PASSPHRASE) -> None:
    """Types the passphrase in the lock screen's field and submits it; returns once the screen is gone."""
    field = by_id(page, "passphrase")
    field.wait_for(state="attached", timeout=60_000)
    box = field.locator("input")  # Flutter's text field, as a DOM input
    for attempt in range(3):  # on a loaded machine the first keys can reach the field before its focus
        box.focus()
        page.wait_for_timeout(500)
        box.fill("")
        page.keyboard.type(passphrase)
        try:
            expect(box).to_have_value(passphrase, timeout=10_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
    page.wait_for_timeout(800)  # the typed value reaches Python before the submission
    page.keyboard.press("Enter")
    field.wait_for(state="detached", timeout=30_000)


def open_unlocked(browser, url: str, passphrase: str = PASSPHRASE, **viewport: int):
    """A new tab on the app, unlocked by typing the passphrase, as its user would."""
    page = open_with_semantics(browser, url, **viewport)
    unlock(page, passphrase)
    return page


def press(page, identifier: str, timeout: int = 30_000) -> None:
    """Taps the button with that identifier: since labelled() merges the wrapper and the control
    (MergeSemantics), the identified node is the button itself, with its name, not a parent of it."""
    node = by_id(page, identifier)
    expect(node).to_have_role("button", timeout=timeout)
    expect(node).to_have_accessible_name(re.compile(r"\S"))  # named, for a screen reader
    node.click()

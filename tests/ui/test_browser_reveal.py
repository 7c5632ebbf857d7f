"""In Chromium, the eye button of the lock screen's passphrase field is a button a screen reader names
("Afficher la phrase de passe"), and tapping it reveals the passphrase and renames it (issue 13)."""

import pytest
from playwright.sync_api import expect, sync_playwright

from .browser import CHROMIUM, CHROMIUM_ARGS, by_id, open_with_semantics, served_app

pytestmark = pytest.mark.browser


def settled_box(page, locator):
    """The box once the screen's entrance animation is over (two reads alike, at most 5 s): measured
    mid-animation on a loaded machine, the button read 42.7 px for its 48."""
    box = locator.bounding_box()
    for _ in range(25):
        page.wait_for_timeout(200)
        again = locator.bounding_box()
        if again == box:
            break
        box = again
    return box


def test_the_eye_button_is_named_for_a_screen_reader_and_reveals_the_passphrase(demo_dir):
    with served_app(demo_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = open_with_semantics(browser, url, width=390, height=844)
        by_id(page, "passphrase").wait_for(state="attached", timeout=60_000)
        show = page.get_by_role("button", name="Afficher la phrase de passe")
        expect(show).to_have_count(1, timeout=30_000)
        box = settled_box(page, show)
        assert box is not None and box["width"] >= 48 and box["height"] >= 48  # a touch target
        show.click()
        expect(page.get_by_role("button", name="Masquer la phrase de passe")).to_have_count(1, timeout=15_000)
        browser.close()

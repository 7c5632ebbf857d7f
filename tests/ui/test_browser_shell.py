"""The real app in headless Chromium (web mode): the profile switcher, found by its label."""

import re

import pytest
from playwright.sync_api import expect, sync_playwright

from .browser import CHROMIUM, CHROMIUM_ARGS, open_unlocked, served_app

pytestmark = pytest.mark.browser


def test_the_profile_switcher_switches_to_the_child(demo_dir, tmp_path):
    with served_app(demo_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = open_unlocked(browser, url)
            switcher = page.get_by_role("group", name="Changer de profil")
            expect(switcher).to_be_attached(timeout=30_000)
            expect(page.get_by_text("Camille Durand")).to_be_attached()
            switcher.get_by_role("checkbox", name="Léo").click()
            expect(page.get_by_text("Léo Durand")).to_be_attached(timeout=15_000)
            expect(page.get_by_role("tab", name=re.compile("Enfant"))).to_be_attached()
            page.screenshot(path=str(tmp_path / "child.png"))
        finally:
            browser.close()

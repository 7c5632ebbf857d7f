"""The real app in headless Chromium: a weight typed on Léo's growth chart appears as a plotted point.

The chart is drawn on a canvas, so the test finds the point through the Semantics node the chart adds
for every plotted point (identifier ``growth-point-<ISO date>``).
"""

import os
import subprocess
import sys
from datetime import date

import pytest
from playwright.sync_api import expect, sync_playwright

from .browser import CHROMIUM, CHROMIUM_ARGS, ROOT, open_with_semantics, served_app

PASSPHRASE = "phrase de passe du test"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("vault")
    env = {**os.environ, "CARNET_PASSPHRASE": PASSPHRASE}
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "demo", "--data-dir", str(data_dir)],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
    )
    return data_dir


def by_id(page, identifier):
    return page.locator(f'[flt-semantics-identifier="{identifier}"]')


def test_a_weight_added_on_the_chart_screen_is_plotted(demo_dir, tmp_path):
    today = date.today().isoformat()
    with served_app(demo_dir, PASSPHRASE) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = open_with_semantics(browser, url)
            switcher = by_id(page, "profile-switcher")
            expect(switcher).to_be_attached(timeout=30_000)
            switcher.get_by_role("checkbox", name="Léo").click()
            page.get_by_role("tab", name="Enfant").click()
            expect(by_id(page, "growth-chart")).to_be_attached(timeout=15_000)
            expect(by_id(page, f"growth-point-{today}")).to_have_count(0)
            # Flutter's semantic text field: focusing its <input> and typing reaches the TextField
            # (a plain click on the semantics node does not focus it).
            by_id(page, "growth-value").locator("input").focus()
            page.wait_for_timeout(500)
            page.keyboard.type("10,3")
            page.wait_for_timeout(500)  # let the typed value reach Python before the button is pressed
            by_id(page, "growth-add").get_by_role("button").last.click()
            expect(by_id(page, f"growth-point-{today}")).to_be_attached(timeout=15_000)
            page.screenshot(path=str(tmp_path / "growth.png"))
        finally:
            browser.close()

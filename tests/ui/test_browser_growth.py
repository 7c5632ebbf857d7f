"""The real app in headless Chromium: a weight typed on Léo's growth chart appears as a plotted point.

The chart is drawn on a canvas, so the test finds the point through the Semantics node the chart adds
for every plotted point (identifier ``growth-point-<ISO date>``).
"""

from datetime import date

import pytest
from playwright.sync_api import expect, sync_playwright

from .browser import CHROMIUM, CHROMIUM_ARGS, by_id, open_unlocked, served_app

pytestmark = pytest.mark.browser


def test_a_weight_added_on_the_chart_screen_is_plotted(demo_dir, tmp_path):
    today = date.today().isoformat()
    with served_app(demo_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = open_unlocked(browser, url)
            switcher = by_id(page, "profile-switcher")
            expect(switcher).to_be_attached(timeout=30_000)
            switcher.get_by_role("checkbox", name="Léo").click()
            page.get_by_role("tab", name="Enfant").click()
            expect(by_id(page, "growth-chart")).to_be_attached(timeout=15_000)
            expect(by_id(page, f"growth-point-{today}")).to_have_count(0)
            # Flutter's semantic text field: focusing its <input> and typing reaches the TextField
            # (a plain click on the semantics node does not focus it).
            field = by_id(page, "growth-value").locator("input")
            field.focus()
            page.wait_for_timeout(1000)
            page.keyboard.type("10,3")
            expect(field).to_have_value("10,3")
            page.wait_for_timeout(1500)  # let the typed value reach Python before the button is pressed
            by_id(page, "growth-add").click()  # one node: the button itself (MergeSemantics)
            expect(by_id(page, f"growth-point-{today}")).to_be_attached(timeout=30_000)
            page.screenshot(path=str(tmp_path / "growth.png"))
        finally:
            browser.close()

"""In Chromium on a phone (390 px), the booklet grid scrolls sideways under the finger while the column
of vaccine names stays where it is, level with its rows (issue 13)."""

import re

import pytest
from playwright.sync_api import sync_playwright

from .browser import CHROMIUM, CHROMIUM_ARGS, by_id, open_unlocked, served_app

pytestmark = pytest.mark.browser


def place(locator):
    box = locator.bounding_box()
    assert box is not None
    return box["x"], box["y"]


def test_the_vaccine_names_stay_in_place_when_the_ages_scroll_sideways_on_a_phone(demo_dir):
    with served_app(demo_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = open_unlocked(browser, url, width=390, height=844)
        for target in (
            page.get_by_role("checkbox", name="Léo"),
            page.get_by_role("tab", name=re.compile("^Enfant")),
            by_id(page, "enfant-tab-vaccinations"),
            by_id(page, "vaccination-view-booklet"),
        ):
            target.first.click(timeout=30_000)
            page.wait_for_timeout(600)
        names, first_cell = by_id(page, "vaccination-grid-names"), by_id(page, "grid-hexa-2")
        first_cell.wait_for(state="attached", timeout=30_000)
        names_before, cell_before = place(names), place(first_cell)
        assert cell_before[1] == names_before[1] + 40  # the first row, level with its name under the header
        page.mouse.move(cell_before[0] + 50, cell_before[1] + 30)
        page.mouse.wheel(300, 0)
        page.wait_for_timeout(1000)
        assert place(names) == names_before
        assert place(first_cell)[0] == pytest.approx(cell_before[0] - 300, abs=2)
        browser.close()

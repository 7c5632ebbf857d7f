"""The real app in headless Chromium at phone size (390x844): the Dossier's first document within the
first screen and its filters in a bottom sheet; a wrong date in a form shown on its field, the form
kept open, and no Flet error control anywhere."""

import re

import pytest
from playwright.sync_api import expect, sync_playwright

from .browser import CHROMIUM, CHROMIUM_ARGS, by_id, open_unlocked, served_app

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
FLET_ERROR = "Semantics.content must be provided"


def type_into(page, identifier, text):
    field = by_id(page, identifier)
    expect(field).to_be_attached(timeout=15_000)
    field.click()
    page.keyboard.press("End")
    for _ in range(12):
        page.keyboard.press("Backspace")
    page.keyboard.type(text, delay=50)
    page.wait_for_timeout(1000)  # the typed value reaches Python before the button is pressed


def test_on_a_phone_the_dossier_shows_a_document_at_once_and_a_wrong_date_stays_on_its_field(demo_dir):
    with served_app(demo_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = open_unlocked(browser, url, **PHONE)
            page.get_by_role("tab", name=re.compile("Dossier")).click(timeout=30_000)
            filters = by_id(page, "filters")
            expect(filters).to_be_attached(timeout=15_000)
            first = page.get_by_label(re.compile("^Ordonnance - Dr Hélène Lefèvre\n"))
            expect(first).to_be_attached(timeout=15_000)
            assert first.bounding_box()["y"] < PHONE["height"] / 2  # not 1.5 screens down
            filters.click()
            expect(by_id(page, "filter-type_code")).to_be_attached(timeout=15_000)
            page.keyboard.press("Escape")
            page.get_by_role("tab", name=re.compile("Grossesse")).click(timeout=30_000)
            start = by_id(page, "preg-start")
            expect(start).to_be_attached(timeout=15_000)
            start.click()
            type_into(page, "preg-start-on", "31/02/2026")
            by_id(page, "preg-start-confirm").click()
            expect(page.get_by_text(re.compile("31/02/2026 » n'est pas une date valide"))).to_be_visible(
                timeout=15_000
            )
            expect(by_id(page, "preg-start-confirm")).to_be_attached()  # the form stays open
            assert page.get_by_text(FLET_ERROR).count() == 0
        finally:
            browser.close()

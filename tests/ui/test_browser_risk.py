"""The real app in headless Chromium, on a phone-sized page: from Accueil's findings card to Risques et
suivi, where the first reading of a home blood-pressure series is typed and counted."""

import re

import pytest
from playwright.sync_api import expect, sync_playwright

from .browser import CHROMIUM, CHROMIUM_ARGS, by_id, open_unlocked, press, served_app

pytestmark = pytest.mark.browser


def type_into(page, identifier, text):
    field = by_id(page, identifier).locator("input")
    field.focus()
    page.wait_for_timeout(600)
    page.keyboard.type(text)
    expect(field).to_have_value(text)


def test_the_risk_screen_is_reached_from_accueil_and_takes_a_reading_of_the_series(demo_dir, tmp_path):
    with served_app(demo_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = open_unlocked(browser, url, width=390, height=844)
            expect(by_id(page, "home-risk")).to_be_attached(timeout=30_000)
            press(page, "home-risk")
            expect(by_id(page, "series-add")).to_be_attached(timeout=30_000)
            press(page, "series-add")
            expect(by_id(page, "form-series-systolic")).to_be_attached(timeout=15_000)
            type_into(page, "form-series-systolic", "142")
            type_into(page, "form-series-diastolic", "88")
            page.wait_for_timeout(1500)  # the typed values reach Python before the button is pressed
            press(page, "form-series-confirm")
            expect(page.get_by_role("button", name="Ajouter une mesure de la série").first).to_be_attached(
                timeout=30_000
            )
            mean = re.compile(r"1.18 mesures, 1 jour ; moyenne 142.88 mmHg")  # "/" cannot be in it
            expect(page.get_by_role("group", name=mean)).to_be_attached()  # the card reads as one group
            page.screenshot(path=str(tmp_path / "risk.png"))
        finally:
            browser.close()

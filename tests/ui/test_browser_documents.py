"""The real app in headless Chromium: a PDF added through the Dossier's file picker, then found by a word
inside it with the search box.

Playwright answers the browser's file chooser (``expect_file_chooser``), which is what Flet's FilePicker
opens on the web, so the document goes through the same path as a user's: picker, form, services."""

import re

import pytest
from playwright.sync_api import expect, sync_playwright

from services.pdf import simple_pdf

from .browser import CHROMIUM, CHROMIUM_ARGS, by_id, open_unlocked, served_app

pytestmark = pytest.mark.browser


def card(page, title):
    """A document card: Flutter gives its texts as one accessible label, the title first."""
    return page.get_by_label(re.compile("^" + re.escape(title) + "\n"))


def test_a_pdf_added_through_the_picker_is_found_by_a_word_inside_it(demo_dir, tmp_path):
    report = tmp_path / "echographie.pdf"
    report.write_bytes(simple_pdf("Echographie", ["Conclusion : lithiase vesiculaire unique de 8 mm."]))
    with served_app(demo_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = open_unlocked(browser, url)
            page.get_by_role("tab", name=re.compile("Dossier|Records")).click(timeout=30_000)
            add = by_id(page, "add-document")
            expect(add).to_be_attached(timeout=15_000)
            with page.expect_file_chooser(timeout=15_000) as chooser:
                add.click()
            chooser.value.set_files(str(report))
            title = by_id(page, "add-form-title")
            expect(title).to_be_attached(timeout=15_000)
            title.click()
            page.keyboard.press("Control+a")
            page.keyboard.type("Echographie hépatique")
            expect(title.locator("input")).to_have_value("Echographie hépatique")
            page.wait_for_timeout(1000)  # the typed title reaches Python before the button is pressed
            by_id(page, "add-form-confirm").click()
            expect(card(page, "Echographie hépatique")).to_be_attached(timeout=15_000)
            box = by_id(page, "search-box").locator("input")  # Flutter's text field, as a DOM input
            expect(box).to_be_attached(timeout=15_000)
            box.click()
            page.wait_for_timeout(500)
            box.focus()  # a click alone leaves the focus on the page's body in headless Chromium
            by_id(page, "search-box").click()
            page.wait_for_timeout(300)
            page.keyboard.type("lithiase", delay=100)
            expect(box).to_have_value("lithiase")
            page.wait_for_timeout(1000)
            page.keyboard.press("Enter")
            expect(card(page, "Bilan sanguin annuel")).not_to_be_attached(timeout=15_000)
            expect(card(page, "Echographie hépatique")).to_be_attached()
            expect(card(page, "Ordonnance - Dr Hélène Lefèvre")).not_to_be_attached()
            page.screenshot(path=str(tmp_path / "found.png"))
        finally:
            browser.close()

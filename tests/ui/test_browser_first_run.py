"""The first-run screen in headless Chromium (web mode): four ways to start; "Créer mon carnet" leads from
a passphrase to the user's own profile, with no demo family."""

import pytest
from playwright.sync_api import expect, sync_playwright

from .browser import CHROMIUM, CHROMIUM_ARGS, by_id, open_with_semantics, served_app

pytestmark = pytest.mark.browser
PASSPHRASE = "cheval agrafe batterie correcte"


def type_into(page, identifier, text):
    field = by_id(page, identifier)
    field.wait_for(state="attached", timeout=30_000)
    box = field.locator("input")
    box.focus()
    page.wait_for_timeout(300)
    page.keyboard.type(text)
    expect(box).to_have_value(text, timeout=15_000)
    page.wait_for_timeout(500)  # the typed value reaches Python before the button is pressed


def test_create_my_carnet_goes_from_a_passphrase_to_my_own_profile(tmp_path):
    with served_app(tmp_path / "data") as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = open_with_semantics(browser, url, width=390, height=844)
            for way in ("create", "demo", "restore", "server"):
                expect(by_id(page, f"first-run-{way}")).to_be_attached(timeout=60_000)
            expect(page.get_by_text("Restaurer une sauvegarde")).to_be_attached()
            by_id(page, "first-run-create").click()
            expect(page.get_by_text("Au moins 10 caractères", exact=False)).to_be_attached(timeout=15_000)
            type_into(page, "passphrase", PASSPHRASE)
            type_into(page, "passphrase-again", PASSPHRASE)
            by_id(page, "create-vault").click()
            by_id(page, "recovery-later").click(timeout=30_000)
            type_into(page, "profile-first_name", "Alice")
            type_into(page, "profile-last_name", "Martin")
            type_into(page, "profile-birth_date", "17/05/1990")
            by_id(page, "profile-sex").click()
            page.get_by_role("button", name="Féminin").click(timeout=15_000)
            page.wait_for_timeout(500)
            by_id(page, "save-profile").click()
            expect(page.get_by_text("Alice Martin")).to_be_attached(timeout=15_000)
            expect(page.get_by_text("Camille Durand")).not_to_be_attached()
            page.screenshot(path=str(tmp_path / "own-carnet.png"))
        finally:
            browser.close()

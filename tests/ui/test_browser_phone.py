"""The real app in headless Chromium as a parent's phone shows it (issue 13): offline means offline, French
while loading, the demo banner readable at 320 px, 48 px touch targets, each control heard once, the
lock screen centred on a desktop."""

import re
import urllib.request
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

from .browser import CHROMIUM, CHROMIUM_ARGS, by_id, open_with_semantics, served_app, unlock

pytestmark = pytest.mark.browser
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
ROLES = ("button", "checkbox", "tab", "menuitem", "switch")


@pytest.fixture(scope="module")
def browser_and_url(demo_dir):
    with served_app(demo_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser, url
        finally:
            browser.close()


@pytest.fixture(scope="module")
def unlocked(browser_and_url):
    """One tab, unlocked once (typing a passphrase is the slow part), resized by each test."""
    browser, url = browser_and_url
    page = open_with_semantics(browser, url, width=390, height=844)
    unlock(page)
    page.get_by_text("Camille Durand").first.wait_for(state="attached", timeout=60_000)
    yield page
    page.close()


def sized(page, width, height=844):
    """The tab at ``width`` px, back on Camille's home."""
    page.set_viewport_size({"width": width, "height": height})
    page.get_by_role("checkbox", name="Camille").first.click()
    page.get_by_role("tab", name=re.compile("^Accueil")).first.click()
    page.wait_for_timeout(1500)
    return page


def test_with_every_other_host_blocked_no_request_is_even_attempted(browser_and_url):
    browser, url = browser_and_url
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    attempted = []

    def only_loopback(route):
        if urlparse(route.request.url).hostname in LOOPBACK:
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    page = context.new_page()
    page.on("request", lambda r: None if urlparse(r.url).hostname in LOOPBACK else attempted.append(r.url))
    page.goto(url)
    placeholder = page.locator("flt-semantics-placeholder")
    placeholder.wait_for(state="attached", timeout=60_000)
    placeholder.dispatch_event("click")
    unlock(page)
    page.get_by_text("Camille Durand").first.wait_for(state="attached", timeout=60_000)
    page.wait_for_timeout(3000)  # the client's late loads (the Rive runtime was one, from a CDN)
    context.close()
    assert attempted == []


def test_the_page_says_french_words_while_it_loads(browser_and_url):
    _, url = browser_and_url
    index = urllib.request.urlopen(url, timeout=10).read().decode()
    assert (
        '<html lang="fr">' in index and "Chargement de Carnet" in index and "<title>Carnet</title>" in index
    )
    client = urllib.request.urlopen(url + "main.dart.js", timeout=30).read()
    assert b"jsdelivr" not in client and b"Working..." not in client and b"Chargement" in client


@pytest.mark.parametrize("width", [320, 430])
def test_the_demo_banner_wraps_its_text_in_lines_not_letters(unlocked, width):
    page = sized(unlocked, width)
    text = page.get_by_text(re.compile("^Ce sont des données de démonstration"))
    box = text.first.bounding_box()
    assert box is not None and box["height"] < 80 and box["width"] > width / 2  # 1 to 3 lines, not 40


CONTROLS = """roles => Array.from(document.querySelectorAll('flt-semantics'))
    .filter(e => roles.includes(e.getAttribute('role')) || !e.getAttribute('role'))
    .map(e => { const r = e.getBoundingClientRect();
        return {role: e.getAttribute('role') || 'text', name: e.getAttribute('aria-label') || e.textContent,
                width: r.width, height: r.height, bottom: r.bottom,
                nested: e.querySelector('flt-semantics[role="button"]') !== null}; })"""
TABS = ("Accueil", "Dossier", "Agenda", "Profil médical", "Enfant", "Grossesse")


def screens(page):
    """Each tab of the mother and of the toddler, then Réglages: (name, its controls)."""
    for who in ("Camille", "Léo"):
        page.get_by_role("checkbox", name=who).first.click()
        for tab in TABS:
            found = page.get_by_role("tab", name=re.compile(f"^{tab}"))
            if found.count():
                found.first.click()
                page.wait_for_timeout(1500)
                yield f"{who} {tab}", page.evaluate(CONTROLS, list(ROLES))
    by_id(page, "nav-more").first.click()
    page.get_by_role("menuitem", name=re.compile("Réglages")).first.click()
    page.wait_for_timeout(1500)
    yield "Réglages", page.evaluate(CONTROLS, list(ROLES))


def test_every_screen_at_320_px_wraps_its_texts_and_its_controls_are_48_px_and_heard_once(unlocked):
    """The narrowest phone: no text one letter per line, no control under 48 px, none said twice."""
    page = sized(unlocked, 320)
    seen = 0
    # a control cut by the bottom of the scrolled body (above the 80 px tab bar) is measured cut: not it
    shown_until = 844 - 110
    for screen, all_nodes in screens(page):
        letters = [n for n in all_nodes if len(n["name"]) > 12 and n["width"] < 40 and n["height"] > 100]
        assert letters == [], (screen, [str(n) for n in letters])  # a text squeezed to a letter a line
        nodes = [n for n in all_nodes if n["role"] != "text"]
        seen += len(nodes)
        small = [n for n in nodes if (n["height"] < 48 or n["width"] < 48) and 0 < n["bottom"] < shown_until]
        assert small == [], (screen, small)
        nested = [n for n in nodes if n["nested"]]
        assert nested == [], (screen, [str(n) for n in nested])  # one node, not a button in a button
        for n in nodes:
            lines = [line for line in n["name"].split("\n") if line.strip()]
            assert len(lines) == len(set(lines)), (screen, n["name"])  # nothing said twice
    by_id(page, "nav-back").first.click()
    assert seen > 100


def test_the_lock_screen_is_centred_on_a_desktop(browser_and_url):
    browser, url = browser_and_url
    page = open_with_semantics(browser, url, width=1280, height=800)
    field = by_id(page, "passphrase")
    field.wait_for(state="attached", timeout=60_000)
    page.wait_for_timeout(1000)
    box = field.bounding_box()
    page.close()
    centre_x, centre_y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    assert abs(centre_x - 640) < 20 and 250 < centre_y < 550

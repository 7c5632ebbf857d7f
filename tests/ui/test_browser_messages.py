"""The real app in headless Chromium: the Messages screen on a phone and on a desktop, with its
conversations, unread counts and the three delivery states (screenshots in /tmp/i17-int/)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from domain.messages import Message
from services import documents, records
from services.messaging import store
from services.session import Session
from storage.keys import MemoryKeyHolder
from storage.repositories import Change
from storage.sync_ledger import REJECTED

from .browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PASSPHRASE,
    by_id,
    make_demo_vault,
    open_unlocked,
    press,
    served_app,
)

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/i17-int")
DR = "Practitioner/dr-martin"
PHARMACY = "Organization/pharmacie-du-port"
LAB = "Organization/labo-biopole"


def fill_messages(data_dir: Path) -> None:
    """The holder's address book and messages: received ones, one sent, one waiting, one refused."""
    session = Session(data_dir, MemoryKeyHolder())
    session.unlock(PASSPHRASE)
    try:
        holder = next(p for p in records.list_profiles(session) if p.role == "holder")
        today, now = datetime.now(UTC).date(), datetime.now(UTC).replace(microsecond=0)
        book = [
            ("Dr Anne Martin", DR, "Médecin généraliste", "anne.martin@medecin.mssante.fr"),
            ("Pharmacie du Port", PHARMACY, "Pharmacie", ""),
            ("Laboratoire Biopôle", LAB, "Laboratoire d'analyses", ""),
        ]
        for name, reference, role, address in book:
            store.add_correspondent(
                session, holder.id, today, name=name, reference=reference, role=role, address=address
            )
        received = [
            (
                DR,
                "Bonjour, vos résultats de prise de sang sont normaux. Nous en reparlerons au rendez-vous.",
                50,
            ),
            (DR, "Pensez au rappel du vaccin contre la grippe cet automne.", 30),
            (LAB, "Vos résultats sont disponibles.", 200),
        ]
        with session.uow(from_server=True) as uow:
            for who, text, ago in received:
                message = Message(holder.id, "in", who, now - timedelta(minutes=ago), text=text)
                records.store(uow, holder.id, message, "sync", "receive")
            uow.commit()
        scan = documents.list_documents(session, holder.id)[0]
        written = now - timedelta(hours=5)
        sent = store.send_message(session, holder.id, PHARMACY, "Voici mon ordonnance.", written, [scan.id])
        refused = store.send_message(
            session, holder.id, PHARMACY, "Est-elle prête ?", now - timedelta(hours=1)
        )
        store.send_message(session, holder.id, DR, "Merci docteur, à bientôt.", now - timedelta(minutes=10))
        with session.uow() as uow:
            uow.outbox.drop_row(sent.id)
            uow.remote.set(sent.id, holder.id, "Communication", "1")
            uow.outbox.drop_row(refused.id)
            change = Change("records", refused.id, holder.id, "put")
            reason = {"reason": "HTTP 422: recipient unknown on this server"}
            content = {"msgid": "The server refused this change: {reason}", "params": reason}
            uow.issues.add(REJECTED, change, "Communication", content)
            uow.commit()
    finally:
        session.lock()


@pytest.mark.parametrize(("name", "width", "height"), [("phone", 390, 844), ("desktop", 1280, 800)])
def test_the_messages_screen_shows_conversations_unread_counts_and_delivery_states(
    tmp_path, name, width, height
):
    data_dir = make_demo_vault(tmp_path / "vault")
    fill_messages(data_dir)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with served_app(data_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = open_unlocked(browser, url, width=width, height=height)
            press(page, "nav-messages")
            dr = by_id(page, f"thread-{DR}")
            expect(dr).to_be_attached(timeout=30_000)
            expect(page.get_by_text("2 non lu(s)").first).to_be_attached()
            page.wait_for_timeout(800)
            page.screenshot(path=str(SHOTS / f"messages-{name}.png"))
            by_id(page, f"thread-{PHARMACY}").click()
            expect(by_id(page, "composer-send")).to_be_attached(timeout=15_000)
            expect(page.get_by_text("envoyé", exact=True)).to_be_attached()
            expect(page.get_by_text("échec de l’envoi", exact=False).first).to_be_attached()
            page.wait_for_timeout(800)
            page.screenshot(path=str(SHOTS / f"thread-{name}.png"))
            press(page, "messages-new")
            expect(by_id(page, "new-to")).to_be_attached(timeout=15_000)
            page.wait_for_timeout(800)
            page.screenshot(path=str(SHOTS / f"new-{name}.png"))
            press(page, "messages-book")
            expect(by_id(page, f"write-{DR}")).to_be_attached(timeout=15_000)
            page.wait_for_timeout(800)
            page.screenshot(path=str(SHOTS / f"book-{name}.png"), full_page=True)
        finally:
            browser.close()

"""The access history: who, what, when; sealed; chained by hash; an edited entry is found."""

import sqlite3
from datetime import UTC, datetime

import pytest

from services import access_log, documents, medical_profile, records
from storage import access_log as storage_log
from storage import codec

from .conftest import TODAY
from .test_documents import add, pdf_with


def test_reads_and_changes_are_logged_with_who_what_and_when(session, family):
    holder = family[0]
    doc = add(session, holder, pdf_with("Texte"))
    documents.preview(session, holder.id, doc, who="professional")
    medical_profile.add_entry(
        session, holder.id, "allergy", TODAY, substance="Arachide", on=TODAY, who="sync"
    )
    newest = access_log.entries(session, holder.id)[:3]
    assert [(e.who, e.action, e.kind) for e in newest] == [
        ("sync", "add", "allergy"),
        ("professional", "read", "document"),
        ("me", "add", "document"),
    ]
    assert newest[1].record_id == doc.id and newest[1].label == "Echographie cardiaque"
    assert abs((datetime.now(UTC) - newest[0].at).total_seconds()) < 60


def test_an_unknown_actor_is_refused(session, family):
    from domain.errors import ValidationError

    with pytest.raises(ValidationError):
        access_log.log_access(session, family[0].id, "intruder", "read", "document", "x")


def test_the_entries_hold_no_plaintext(session, family):
    add(session, family[0], pdf_with("x"), title="Sérologie toxoplasmose")
    for (blob,) in session.vault.db.execute("SELECT blob FROM access_log").fetchall():
        # none of the entry's JSON either (two random bytes of a nonce may well read "me")
        assert b"toxoplasmose" not in blob and b'"who"' not in blob and b'"action"' not in blob


def test_an_intact_chain_verifies(session, family):
    before = access_log.verify(session).checked  # the demo family: each profile and record, as added
    stored = sum(
        len(records.list_records(session, p.id, kind))
        for p in family
        for kind in codec.KINDS
        if kind != "profile"
    )
    assert before == len(family) + stored
    for day in range(3):
        access_log.log_access(session, family[0].id, "me", "read", "document", f"doc{day}")
    check = access_log.verify(session)
    assert check.ok and check.checked == before + 3 and check.broken_at is None


def test_the_log_refuses_updates_and_deletes(session, family):
    access_log.log_access(session, family[0].id, "me", "read", "document", "doc")
    with pytest.raises(sqlite3.IntegrityError):
        session.vault.db.execute("DELETE FROM access_log")
    with pytest.raises(sqlite3.IntegrityError):
        session.vault.db.execute("UPDATE access_log SET hash = 'x'")


def edit_file(session, sql, params):
    """What someone editing the file by hand can do: drop the triggers and change a row."""
    db = session.vault.db
    db.execute("DROP TRIGGER access_log_no_update")
    db.execute("DROP TRIGGER access_log_no_delete")
    db.execute(sql, params)


def test_an_edited_entry_is_reported_as_the_first_broken_link(session, family):
    for n in range(5):
        access_log.log_access(session, family[0].id, "me", "read", "document", f"doc{n}")
    blob = session.vault.db.execute("SELECT blob FROM access_log WHERE seq = 3").fetchone()[0]
    edit_file(session, "UPDATE access_log SET blob = ? WHERE seq = 3", [blob[:-1] + bytes([blob[-1] ^ 1])])
    check = access_log.verify(session)
    assert not check.ok and check.broken_at == 3 and check.checked == 2
    assert "changed" in check.reason


def test_a_removed_entry_breaks_the_chain_at_the_next_one(session, family):
    for n in range(4):
        access_log.log_access(session, family[0].id, "me", "read", "document", f"doc{n}")
    edit_file(session, "DELETE FROM access_log WHERE seq = ?", [2])
    check = access_log.verify(session)
    assert not check.ok and check.broken_at == 3


def test_a_rehashed_chain_is_still_caught_by_the_seal(session, family):
    """Recomputing the hashes after an edit is not enough: each entry is sealed with its place."""
    for n in range(3):
        access_log.log_access(session, family[0].id, "me", "read", "document", f"doc{n}")
    rows = session.vault.db.execute("SELECT seq, profile_id, blob FROM access_log ORDER BY seq").fetchall()
    first, second = rows[0][2], rows[1][2]
    edit_file(session, "UPDATE access_log SET blob = ? WHERE seq = 2", [first])  # an old entry replayed
    prev = storage_log.GENESIS
    for seq, profile_id, _ in rows:
        blob = session.vault.db.execute("SELECT blob FROM access_log WHERE seq = ?", [seq]).fetchone()[0]
        new_hash = storage_log.link_hash(prev, seq, profile_id, blob)
        session.vault.db.execute(
            "UPDATE access_log SET prev_hash = ?, hash = ? WHERE seq = ?", [prev, new_hash, seq]
        )
        prev = new_hash
    assert second != first
    check = access_log.verify(session)
    assert not check.ok and check.broken_at == 2 and "seal" in check.reason

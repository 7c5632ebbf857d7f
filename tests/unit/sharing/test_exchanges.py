"""Historique des échanges: each exchange once, sealed and chained in the access history, filterable per
profile and kind, exportable (domain/exchanges.py, services/sharing/exchange_log.py)."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.errors import ValidationError
from domain.exchanges import EXCHANGE_KINDS, Exchange, history
from domain.models import Profile
from services import access_log
from services.i18n import translator
from services.sharing import exchange_log

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def people(session):
    mum = Profile("Marie", "Roux", date(1950, 1, 1), "F", role="helped")
    son = Profile("Paul", "Roux", date(1980, 1, 1), "M")
    with session.uow() as uow:
        uow.profiles.add(mum)
        uow.profiles.add(son)
        uow.commit()
    return mum, son


def every_kind(profile_id):
    return [
        Exchange(
            profile_id,
            kind,
            NOW - timedelta(minutes=len(EXCHANGE_KINDS) - i),
            label=f"{kind} label",
            counterpart="Dr Durand",
            subject_id=f"s{i}",
        )
        for i, kind in enumerate(EXCHANGE_KINDS)
    ]


def test_every_exchange_appears_once_in_the_history_and_the_chain_verifies(session):
    mum, son = people(session)
    made = every_kind(mum.id) + [Exchange(son.id, "export", NOW, label="export.json")]
    with session.uow() as uow:
        for exchange in made:
            exchange_log.record(uow, exchange, NOW)
        access_log.append(uow, mum.id, "me", "read", "document", "d1")  # not an exchange
        uow.commit()
    found = exchange_log.exchanges(session, mum.id)
    assert sorted(e.id for e in found) == sorted(e.id for e in made[:-1])
    assert found == sorted(made[:-1], key=lambda e: e.at, reverse=True)  # identical, newest first
    assert [e.kind for e in exchange_log.exchanges(session, son.id)] == ["export"]
    check = access_log.verify(session)
    assert check.ok and check.checked == len(made) + 1


def test_the_history_holds_no_plaintext(session):
    mum, _son = people(session)
    with session.uow() as uow:
        exchange_log.record(
            uow, Exchange(mum.id, "share", NOW, label="Cardiologie", counterpart="Dr Durand"), NOW
        )
        uow.commit()
    for (blob,) in session.vault.db.execute("SELECT blob FROM access_log").fetchall():
        assert b"Durand" not in blob and b"Cardiologie" not in blob


def test_the_history_filters_by_profile_and_kind():
    made = every_kind("mum") + every_kind("son")
    assert {e.profile_id for e in history(made, "son")} == {"son"}
    blocks = history(made, "mum", kinds=("block", "unblock"))
    assert [e.kind for e in blocks] == ["unblock", "block"]


def test_an_exchange_in_the_future_or_without_time_zone_is_refused():
    with pytest.raises(ValidationError, match="future"):
        Exchange("mum", "share", NOW + timedelta(seconds=1)).check(NOW)
    with pytest.raises(ValidationError):
        Exchange("mum", "share", datetime(2026, 11, 30, 9, 0))


@pytest.mark.parametrize(
    "changes", [{"kind": "peek"}, {"who": "intruder"}, {"label": "x" * 201}, {"counterpart": "a\nb\x07"}]
)
def test_an_exchange_refuses_what_it_does_not_know(changes):
    with pytest.raises(ValidationError):
        Exchange(**({"profile_id": "mum", "kind": "share", "at": NOW} | changes))


def test_an_entry_that_is_not_an_exchange_is_left_aside():
    entry = access_log.AccessEntry(1, NOW, "me", "share", "exchange", "s1", "not json")
    assert exchange_log.from_entry("mum", entry) is None


def test_the_history_exports_as_csv_in_the_users_language_without_formulas():
    made = [Exchange("mum", "block", NOW, label="=cmd|' /C calc'!A0", counterpart="Clinique du Parc")]
    rows = list(csv.reader(io.StringIO(exchange_log.to_csv(made, translator("fr")))))
    assert rows[0][0] == "Date" and rows[1][2] == "Bloqué"
    assert rows[1][3].startswith("'=") and rows[1][4] == "Clinique du Parc"

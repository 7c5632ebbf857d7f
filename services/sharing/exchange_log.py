"""Historique des échanges kept in the access history (services/access_log.py): sealed with the
profile's key and chained with every other entry, so an exchange cannot be edited or dropped from the
middle unnoticed.

An exchange is one access-log entry of kind "exchange" whose action is the exchange's kind, whose record
is its subject (the share, block or grant) and whose label holds, as compact JSON, the exchange's id,
label and counterpart (the access log has one label field; its entry is sealed whole).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from datetime import datetime

from domain.errors import N_, CarnetError
from domain.exchanges import EXCHANGE_KINDS, Exchange, history
from services import access_log
from services.access_log import AccessEntry
from services.session import Session
from storage.uow import UnitOfWork

LOG_KIND = "exchange"
CSV_COLUMNS = (N_("Date"), N_("Who"), N_("What"), N_("Details"), N_("With"))


def log_fields(exchange: Exchange) -> dict[str, str]:
    """The access-log fields of an exchange (``access_log.append`` arguments, but the unit of work)."""
    packed = {"id": exchange.id, "label": exchange.label, "with": exchange.counterpart}
    return {
        "profile_id": exchange.profile_id,
        "who": exchange.who,
        "action": exchange.kind,
        "kind": LOG_KIND,
        "record_id": exchange.subject_id,
        "label": json.dumps(packed, ensure_ascii=False, separators=(",", ":")),
    }


def from_entry(profile_id: str, entry: AccessEntry) -> Exchange | None:
    """The exchange an access-log entry holds, or None for any other entry (or one that is not ours)."""
    if entry.kind != LOG_KIND or entry.action not in EXCHANGE_KINDS:
        return None
    try:
        packed = json.loads(entry.label)
        return Exchange(
            profile_id=profile_id,
            kind=entry.action,
            at=entry.at,
            who=entry.who,
            label=packed["label"],
            counterpart=packed["with"],
            subject_id=entry.record_id,
            id=packed["id"],
        )
    except (CarnetError, ValueError, KeyError, TypeError):
        return None


def record(uow: UnitOfWork, exchange: Exchange, now: datetime) -> int:
    """Appends the exchange; call it inside the unit of work of what it records (it never commits)."""
    exchange.check(now)
    return access_log.append(uow, at=exchange.at, **log_fields(exchange))


def exchanges(
    session: Session, profile_id: str, kinds: Iterable[str] | None = None, limit: int = 1000
) -> list[Exchange]:
    """A profile's exchanges, newest first (other access-log entries left aside)."""
    found = [from_entry(profile_id, e) for e in access_log.entries(session, profile_id, limit)]
    return history([e for e in found if e is not None], profile_id, kinds)


def to_csv(
    items: Iterable[Exchange], translate: Callable[[str], str], day_format: str = "%Y-%m-%d %H:%M"
) -> str:
    """The history as CSV for an export, in the user's language."""
    who_names = {"me": N_("Me"), "professional": N_("A professional"), "sync": N_("Synchronisation")}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([translate(c) for c in CSV_COLUMNS])
    for e in items:
        writer.writerow(
            [
                e.at.strftime(day_format),
                translate(who_names[e.who]),
                translate(EXCHANGE_KINDS[e.kind]),
                _no_formula(e.label),
                _no_formula(e.counterpart),
            ]
        )
    return out.getvalue()


def _no_formula(text: str) -> str:
    # A spreadsheet runs a cell starting with = + - @ as a formula: a name typed by anyone must not.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text

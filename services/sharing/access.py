"""Who is kept out and who helps: blocks of a professional or an establishment, and caregiver grants,
each written through the doors of services/records.py (so they are synced: a Block as a deny Consent, a
grant as a RelatedPerson + permit Consent, services/sharing/consent.py) and logged as exchanges."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, datetime

from domain.errors import ValidationError
from domain.exchanges import Exchange
from domain.models import Document
from domain.sharing import RELATIONSHIPS, SECTION_NAMES, Block, CaregiverGrant, blocked_author
from services import records
from services.session import Session
from services.sharing import exchange_log
from storage.uow import UnitOfWork


def _log(uow: UnitOfWork, now: datetime, *exchanges: Exchange) -> None:
    for exchange in exchanges:
        exchange_log.record(uow, exchange, now)


# -- blocks ----------------------------------------------------------------------------------------------
def list_blocks(session: Session, profile_id: str) -> list[Block]:
    found: list[Block] = records.list_records(session, profile_id, "block")
    return sorted(found, key=lambda b: (b.lifted is not None, b.name.casefold(), b.id))


def add_block(
    session: Session,
    profile_id: str,
    kind: str,
    name: str,
    today: date,
    now: datetime,
    identifier_system: str = "",
    identifier_value: str = "",
) -> Block:
    block = Block(profile_id, kind, name, today, identifier_system, identifier_value.strip()).check(today)
    with session.uow() as uow:
        if any(
            b.active(today) and b.name.casefold() == block.name.casefold()
            for b in uow.records.list(profile_id, "block")
        ):
            raise ValidationError("{name} is already blocked.", name=block.name)
        records.store(uow, profile_id, block)
        _log(
            uow,
            now,
            Exchange(profile_id, "block", now, label=block.kind, counterpart=block.name, subject_id=block.id),
        )
        uow.commit()
    return block


def lift_block(session: Session, block: Block, today: date, now: datetime) -> Block:
    if block.lifted is not None:
        raise ValidationError("This block is already lifted.")
    lifted = dataclasses.replace(block, lifted=today).check(today)
    with session.uow() as uow:
        records.store(uow, block.profile_id, lifted, action="update")
        _log(
            uow,
            now,
            Exchange(
                block.profile_id,
                "unblock",
                now,
                label=block.kind,
                counterpart=block.name,
                subject_id=block.id,
            ),
        )
        uow.commit()
    return lifted


def blocked_documents(
    blocks: Iterable[Block], documents: Iterable[Document], today: date
) -> dict[str, Block]:
    """The documents written by an actor blocked today, by document id."""
    active = [b for b in blocks if b.active(today)]
    found = {d.id: blocked_author(d.author, active, today) for d in documents} if active else {}
    return {i: b for i, b in found.items() if b is not None}


# -- caregivers ------------------------------------------------------------------------------------------
def list_grants(session: Session, profile_id: str) -> list[CaregiverGrant]:
    found: list[CaregiverGrant] = records.list_records(session, profile_id, "caregiver_grant")
    return sorted(found, key=lambda g: (g.revoked_on is not None, g.consented_on, g.id), reverse=False)


def add_grant(session: Session, grant: CaregiverGrant, today: date, now: datetime) -> CaregiverGrant:
    """The consent (who, when, scope, until when) and the access it gives, recorded together."""
    grant.check(today)
    who = grant.representative or _profile_name(session, grant.profile_id)
    scope = "*" if grant.everything else ", ".join(grant.sections)
    with session.uow() as uow:
        records.store(uow, grant.profile_id, grant)
        _log(
            uow,
            now,
            Exchange(grant.profile_id, "consent", now, label=scope, counterpart=who, subject_id=grant.id),
            Exchange(
                grant.profile_id,
                "caregiver_grant",
                now,
                label=scope,
                counterpart=grant.caregiver,
                subject_id=grant.id,
            ),
        )
        uow.commit()
    return grant


def withdraw_grant(session: Session, grant: CaregiverGrant, today: date, now: datetime) -> CaregiverGrant:
    if grant.revoked_on is not None:
        raise ValidationError("This help is already withdrawn.")
    withdrawn = dataclasses.replace(grant, revoked_on=max(today, grant.consented_on)).check(today)
    with session.uow() as uow:
        records.store(uow, grant.profile_id, withdrawn, action="update")
        exchange = Exchange(
            grant.profile_id, "caregiver_withdrawal", now, counterpart=grant.caregiver, subject_id=grant.id
        )
        _log(uow, now, exchange)
        uow.commit()
    return withdrawn


def _profile_name(session: Session, profile_id: str) -> str:
    return records.get_profile(session, profile_id).display_name


__all__ = ["RELATIONSHIPS", "SECTION_NAMES"]

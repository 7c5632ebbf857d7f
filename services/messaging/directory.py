"""A correspondent from the server: the Practitioner, PractitionerRole or Organization a reference names,
read from the user's FHIR server (the one the sync uses, with its token) and added to the address book.

The resource is trusted for nothing: bounded, validated with R4B and read by messaging/mapping.py's
``correspondent_from`` (name, role, MSSanté mailbox); the read itself goes through the sync's bounded
client (time, size, no redirection followed).
"""

from __future__ import annotations

import dataclasses
from datetime import date

import httpx

from domain.errors import ValidationError
from domain.messages import Correspondent, check_reference
from services import records
from services.messaging import store
from services.messaging.mapping import correspondent_from
from services.session import Session
from services.sync.client import FhirClient
from services.sync.token import load_token


def fetch_correspondent(
    session: Session,
    profile_id: str,
    reference: str,
    today: date,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Correspondent:
    """Reads ``reference`` on the server and files it in the profile's address book (an entry of the
    same reference keeps its name and blocked flag, and gains a missing role or address)."""
    reference = check_reference(reference)
    with session.uow() as uow:
        server = uow.sync_state.get("server")
        token = load_token(uow, server) if server else None
    if not server:
        raise ValidationError("No synchronisation server is set.")
    resource_type, _, resource_id = reference.partition("/")
    with FhirClient(server, token, transport=transport, retries=1) as client:
        status, resource = client.read(resource_type, resource_id)
    if status != 200 or resource is None:
        raise ValidationError(
            "The server has no {reference} (HTTP {status}).", reference=reference, status=status
        )
    found = correspondent_from(resource)
    if found.reference != reference:
        raise ValidationError(
            "The server has no {reference} (HTTP {status}).", reference=reference, status=status
        )
    with session.uow() as uow:
        profile = uow.profiles.get(profile_id)
        known = next(
            (c for c in uow.records.list(profile_id, store.CORRESPONDENT) if c.reference == reference), None
        )
        if known is None:
            records.add(uow, profile, found, today)
            entry = found
        else:
            entry = dataclasses.replace(
                known, role=known.role or found.role, address=known.address or found.address
            )
            if entry != known:
                records.update(uow, profile, entry, today)
        uow.commit()
    return entry

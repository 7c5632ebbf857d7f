"""What a change sends (its resources, each validated) and when the server's copy is already ours."""

from __future__ import annotations

from typing import Any

from domain.errors import N_, Unsyncable
from domain.models import Document
from services.fhir import mapping as fm
from services.fhir.records import BASIC, ONCE_BASIC, companions_of, record_resource
from services.fhir.validation import invalid_reason
from storage.uow import UnitOfWork


def outgoing_resources(
    uow: UnitOfWork, profile_id: str, record_id: str, with_binary: bool
) -> list[dict[str, Any]]:
    """[Binary,] resource of a record as it is now, each validated; raises Unsyncable otherwise."""
    record = uow.records.get(profile_id, record_id)
    resources = [*companions_of(profile_id, record), record_resource(profile_id, record)]
    if isinstance(record, Document) and with_binary:
        data = uow.attachments.get(profile_id, record.attachment_id)
        resources.insert(0, fm.binary(profile_id, record.attachment_id, record.mime, data))
    for resource in resources:
        reason = invalid_reason(resource)
        if reason:
            raise Unsyncable(N_("The record is not valid FHIR ({reason})."), reason=reason)
    return resources


def same_content(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Equal but for the server's bookkeeping (version, last update)."""
    return a is not None and b is not None and _bare(a) == _bare(b)


def _bare(resource: dict[str, Any]) -> dict[str, Any]:
    bare = dict(resource)
    meta = {k: v for k, v in (bare.pop("meta", None) or {}).items() if k not in ("versionId", "lastUpdated")}
    return bare | ({"meta": meta} if meta else {})


def held_as(uow: UnitOfWork, row_id: str, kind: str, resource_type: str) -> str:
    """The type the server holds a record as: its kind's, or the Basic an earlier version sent it as."""
    if kind not in ONCE_BASIC:
        return resource_type
    return uow.remote.resource_type(row_id) or resource_type


def moved_from(uow: UnitOfWork, rtype: str, rid: str) -> bool:
    """True when the server's ``rtype/rid`` is not the resource last exchanged for this record: the Basic
    copy an earlier version left, or the Observation that replaced it, of a kind in ONCE_BASIC."""
    if rtype not in (BASIC, "Observation"):
        return False
    held = uow.remote.resource_type(rid)
    return held is not None and held != rtype and uow.records.kind_of(rid) in ONCE_BASIC

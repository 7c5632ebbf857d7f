"""Message <-> FHIR R4 ``Communication``, and correspondents from the server's resources.

A message is a Communication about the profile's Patient (``subject``): sent by the Patient to one
professional or establishment (``recipient``), or by one of them to the Patient. Its text is a
``contentString`` payload; each attachment a ``contentReference`` to a ``DocumentReference`` of the vault
(the document travels by itself through the sync, never inside the message). ``inResponseTo`` names the
answered message; the thread's first message rides in a Carnet extension, so that every device of the
family files a reply in the same thread even when the messages between are not there yet.

Both ways the resource is validated with the R4 models of ``fhir.resources.R4B`` (fhir/validation.py).
A Communication from the server is first bounded (size, number of payloads, text length) before any
model sees it, then checked against the profile: another person's subject, a sender that is neither the
Patient nor a professional, a document that this vault does not hold, are refused with a ``Refused``
error whose message says why (the pull quarantines it, nothing else changes). A message from a blocked
professional is taken but flagged. The read flag stays on the device: a professional's Communication is
never rewritten by the patient's side.

MSSanté mailboxes (Annuaire Santé, profile as-mailbox-mss) are ContactPoints of system ``email`` typed
MSSANTE by the FR Core extension fr-core-contact-point-email-type, code system TRE_R256-TypeMessagerie.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from domain.errors import N_, Unsyncable, ValidationError
from domain.messages import (
    CORRESPONDENT_TYPES,
    MAX_ATTACHMENTS,
    MAX_NAME,
    MAX_TEXT,
    Correspondent,
    Message,
    is_correspondent_reference,
    is_fhir_id,
    is_messaging_address,
    thread_for_reply,
)
from services.fhir import mapping as fm
from services.fhir.validation import invalid_reason

COMMUNICATION = "Communication"
THREAD_EXT = fm.EXT + "thread"
# https://hl7.fr/ig/fhir/core/StructureDefinition-fr-core-contact-point-email-type.html and
# https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/as-mailbox-mss (ANS, Annuaire Santé)
EMAIL_TYPE_EXT = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-contact-point-email-type"
MESSAGING_TYPES = "https://mos.esante.gouv.fr/NOS/TRE_R256-TypeMessagerie/FHIR/TRE-R256-TypeMessagerie"
MSSANTE = "MSSANTE"
MSSANTE_DOMAIN = ".mssante.fr"  # ANS: nominative and organisational mailboxes, e.g. dupont@ch-xyz.mssante.fr

MAX_PAYLOADS = MAX_ATTACHMENTS + 10  # a few text parts beside the documents
MAX_LIST = 20  # recipients, authors, answered messages: a message is between two parties
# The JSON of the largest acceptable message, with room for escaped characters: beyond it nothing is parsed.
MAX_RESOURCE_CHARS = 6 * MAX_TEXT + 64_000
ACCEPTED_STATUSES = ("completed", "in-progress")
FUTURE_SLACK = timedelta(days=1)  # clocks disagree; a message dated next year would stay first forever


class Refused(ValidationError):
    """A resource from the server that Carnet does not take; its message says why."""

    msgid = N_("A message from the server was set aside.")


@dataclass(frozen=True, slots=True)
class Inbound:
    message: Message
    correspondent: Correspondent  # as the Communication names it (origin "server")
    flagged: bool  # sent by a blocked professional: kept, shown with a warning


def _reference(value: str) -> dict[str, str]:
    return {"reference": value}


def communication(message: Message, name: str = "") -> dict[str, Any]:
    """The Communication of a message (``name``: the correspondent's, as display); raises Unsyncable for
    a message the server refused (it is sent again only once the user asks) or one FHIR does not accept."""
    if message.delivery == "failed":
        raise Unsyncable(N_("This message could not be sent; send it again to try once more."))
    patient = _reference(f"Patient/{message.profile}")
    other = _reference(message.correspondent) | ({"display": name[:MAX_NAME]} if name else {})
    outgoing = message.direction == "out"
    payload: list[dict[str, Any]] = [{"contentString": message.text}] if message.text.strip() else []
    payload += [{"contentReference": _reference(f"DocumentReference/{d}")} for d in message.attachments]
    resource: dict[str, Any] = {
        "resourceType": COMMUNICATION,
        "id": message.id,
        "status": "completed",
        "subject": patient,
        "sent": message.at.isoformat(timespec="seconds"),
        "sender": patient if outgoing else other,
        "recipient": [other if outgoing else patient],
        "payload": payload,
    }
    if message.in_reply_to:
        resource["inResponseTo"] = [_reference(f"{COMMUNICATION}/{message.in_reply_to}")]
    if message.thread != message.id:
        resource["extension"] = [{"url": THREAD_EXT, "valueString": message.thread}]
    reason = invalid_reason(resource)
    if reason:
        raise Unsyncable(N_("The message is not valid FHIR ({reason})."), reason=reason)
    return resource


def message_from(
    resource: Any,
    profile_id: str,
    known_documents: Collection[str],
    now: datetime,
    blocked: Collection[str] = frozenset(),
    known_messages: Mapping[str, Message] | None = None,
) -> Inbound:
    """The message a Communication of the server stands for, for profile ``profile_id``; raises Refused.
    ``known_documents``: ids of this vault's documents; ``known_messages``: this profile's messages by id."""
    _check_bounds(resource)
    reason = invalid_reason(resource)
    if reason:
        raise Refused(
            N_("A message from the server was set aside: it is not valid FHIR ({reason})."), reason=reason
        )
    if not is_fhir_id(resource.get("id")):
        raise Refused(N_("A message from the server was set aside: it has no identifier."))
    status = resource["status"]
    if status not in ACCEPTED_STATUSES:
        raise Refused(
            N_("A message from the server was set aside: it is not a delivered message (status {status})."),
            status=str(status)[:40],
        )
    patient = f"Patient/{profile_id}"
    subject = (resource.get("subject") or {}).get("reference", "")
    if not subject:
        raise Refused(N_("A message from the server was set aside: it does not say whom it is about."))
    if subject != patient:
        raise Refused(N_("A message from the server was set aside: it is about another person."))
    direction, reference, display = _parties(resource, patient)
    text, attachments = _payload(resource["payload"], known_documents)
    in_reply_to, thread = _thread(resource, known_messages or {})
    try:
        message = Message(
            profile=profile_id,
            direction=direction,
            correspondent=reference,
            at=_sent(resource.get("sent"), now),
            text=text,
            attachments=attachments,
            read=direction == "out",
            in_reply_to=in_reply_to,
            thread=thread,
            id=resource["id"],
        )
        correspondent = Correspondent(name=display or reference, reference=reference, origin="server")
    except ValidationError as exc:  # the message's own rules, said with the refusal's class
        raise Refused(exc.msgid, **exc.params) from exc
    return Inbound(message, correspondent, flagged=direction == "in" and reference in blocked)


def _check_bounds(resource: Any) -> None:
    """Cheap checks before the FHIR model parses anything: a hostile server may send megabytes."""
    if not isinstance(resource, dict) or resource.get("resourceType") != COMMUNICATION:
        raise Refused(N_("A message from the server was set aside: it is not a Communication."))
    try:
        size = len(json.dumps(resource, ensure_ascii=False))
    except (TypeError, ValueError, RecursionError) as exc:
        raise Refused(N_("A message from the server was set aside: it is not valid JSON.")) from exc
    if size > MAX_RESOURCE_CHARS:
        raise Refused(N_("A message from the server was set aside: it is too large."))
    payload = resource.get("payload")
    if not isinstance(payload, list) or not payload:
        raise Refused(N_("A message from the server was set aside: it has neither text nor document."))
    if len(payload) > MAX_PAYLOADS:
        raise Refused(
            N_("A message from the server was set aside: it has more than {n} parts."), n=MAX_PAYLOADS
        )
    texts = [p.get("contentString") for p in payload if isinstance(p, dict)]
    if sum(len(t) for t in texts if isinstance(t, str)) > MAX_TEXT:
        raise Refused(
            N_("A message from the server was set aside: its text is longer than {n} characters."), n=MAX_TEXT
        )
    for name in ("recipient", "inResponseTo"):
        if isinstance(resource.get(name), list) and len(resource[name]) > MAX_LIST:
            raise Refused(
                N_("A message from the server was set aside: it names too many people or messages.")
            )


def _parties(resource: dict[str, Any], patient: str) -> tuple[str, str, str]:
    """(direction, correspondent reference, its display) from sender and recipients."""
    sender = resource.get("sender") or {}
    sender_reference = sender.get("reference", "")
    recipients = resource.get("recipient") or []
    if sender_reference == patient:  # written on another device of the family
        for recipient in recipients:
            if is_correspondent_reference(recipient.get("reference")):
                return "out", recipient["reference"], _display(recipient)
        raise Refused(
            N_("A message from the server was set aside: no professional or establishment receives it.")
        )
    if is_correspondent_reference(sender_reference):
        if not any(r.get("reference") == patient for r in recipients):
            raise Refused(N_("A message from the server was set aside: it is not addressed to this person."))
        return "in", sender_reference, _display(sender)
    if not sender_reference:
        raise Refused(N_("A message from the server was set aside: it does not say who sent it."))
    if sender_reference.startswith("Patient/"):
        raise Refused(N_("A message from the server was set aside: it was sent by another person."))
    raise Refused(
        N_("A message from the server was set aside: its sender is not a professional or an establishment.")
    )


def _display(reference: dict[str, Any]) -> str:
    return str(reference.get("display") or "").strip()[:MAX_NAME]


def _payload(payload: list[dict[str, Any]], known_documents: Collection[str]) -> tuple[str, tuple[str, ...]]:
    texts: list[str] = []
    documents: list[str] = []
    for part in payload:
        if "contentString" in part:
            texts.append(part["contentString"])
        elif "contentReference" in part:
            target = str(part["contentReference"].get("reference", ""))
            kind, _, document_id = target.partition("/")
            if kind != "DocumentReference" or document_id not in known_documents:
                raise Refused(
                    N_(
                        "A message from the server was set aside: it points to {target}, not to a "
                        "document of this record."
                    ),
                    target=target[:80],
                )
            documents.append(document_id)
        else:
            raise Refused(
                N_(
                    "A message from the server was set aside: it carries a file inside it instead of a "
                    "document of the record."
                )
            )
    if len(set(documents)) > MAX_ATTACHMENTS:
        raise Refused(
            N_("A message from the server was set aside: it carries more than {n} documents."),
            n=MAX_ATTACHMENTS,
        )
    return "\n\n".join(texts), tuple(documents)


def _thread(resource: dict[str, Any], known: Mapping[str, Message]) -> tuple[str, str]:
    """(answered message, thread's first message) of a Communication."""
    in_reply_to = ""
    answered = resource.get("inResponseTo") or []
    if answered:
        kind, _, in_reply_to = str(answered[0].get("reference", "")).partition("/")
        if kind != COMMUNICATION or not is_fhir_id(in_reply_to):
            raise Refused(
                N_("A message from the server was set aside: it answers something that is not a message.")
            )
    marked = [e for e in resource.get("extension") or [] if e.get("url") == THREAD_EXT]
    if not marked:
        return in_reply_to, thread_for_reply(in_reply_to, known)
    thread = marked[0].get("valueString")
    if not is_fhir_id(thread):
        raise Refused(N_("A message from the server was set aside: its thread is not a message identifier."))
    return in_reply_to, thread


def _sent(value: Any, now: datetime) -> datetime:
    """A FHIR dateTime with at least a day; a day alone is midnight UTC, a time without zone is UTC."""
    if not isinstance(value, str):
        raise Refused(N_("A message from the server was set aside: it does not say when it was sent."))
    try:
        at = datetime.fromisoformat(value)
    except ValueError as exc:  # "2026" or "2026-05": valid FHIR, too vague to file a message by
        raise Refused(N_("A message from the server was set aside: its sending day is not given.")) from exc
    at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    if at > now + FUTURE_SLACK:
        raise Refused(N_("A message from the server was set aside: it is dated in the future."))
    return at


# -- correspondents --------------------------------------------------------------------------------------
def correspondents_from_document(resource: Any) -> list[Correspondent]:
    """The authors of a received DocumentReference that can be written to: those named by a reference to a
    professional or an establishment of the server (an author given by a name alone cannot be)."""
    authors = resource.get("author") if isinstance(resource, dict) else None
    found: list[Correspondent] = []
    for author in authors[:MAX_LIST] if isinstance(authors, list) else []:
        reference = author.get("reference") if isinstance(author, dict) else None
        if isinstance(reference, str) and is_correspondent_reference(reference):
            found.append(
                Correspondent(name=_display(author) or reference, reference=reference, origin="document")
            )
    return found


def correspondent_from(resource: Any) -> Correspondent:
    """The correspondent a Practitioner, PractitionerRole or Organization of the server describes; raises
    Refused for anything else or an invalid resource."""
    if not isinstance(resource, dict) or resource.get("resourceType") not in CORRESPONDENT_TYPES:
        raise Refused(N_("This resource does not describe a professional or an establishment."))
    if len(json.dumps(resource, ensure_ascii=False)) > MAX_RESOURCE_CHARS:
        raise Refused(N_("The description of this professional or establishment is too large."))
    reason = invalid_reason(resource)
    if reason or not is_fhir_id(resource.get("id")):
        raise Refused(
            N_("The description of this professional or establishment is not valid FHIR ({reason})."),
            reason=reason or "id",
        )
    rtype = resource["resourceType"]
    reference = f"{rtype}/{resource['id']}"
    if rtype == "Practitioner":
        name = _human_name((resource.get("name") or [{}])[0])
        role = _concept((resource.get("qualification") or [{}])[0].get("code"))
    elif rtype == "Organization":
        name = str(resource.get("name") or "")
        role = _concept((resource.get("type") or [{}])[0])
    else:
        people = [_display(resource.get(part) or {}) for part in ("practitioner", "organization")]
        name = ", ".join(p for p in people if p)
        role = _concept((resource.get("code") or resource.get("specialty") or [{}])[0])
    return Correspondent(
        name=name.strip()[:MAX_NAME] or reference,
        reference=reference,
        role=role[:MAX_NAME],
        address=_mssante_address(resource.get("telecom") or []),
        origin="server",
    )


def _human_name(name: dict[str, Any]) -> str:
    if name.get("text"):
        return str(name["text"])
    parts = [*(name.get("prefix") or []), *(name.get("given") or []), name.get("family", "")]
    return " ".join(str(p) for p in parts if p)


def _concept(concept: Any) -> str:
    if not isinstance(concept, dict):
        return ""
    coding = (concept.get("coding") or [{}])[0]
    return str(concept.get("text") or coding.get("display") or coding.get("code") or "").strip()


def _mssante_address(telecom: list[dict[str, Any]]) -> str:
    """The first MSSanté mailbox: typed MSSANTE (FR Core), else an e-mail in the mssante.fr domain."""
    emails = [t for t in telecom[:MAX_LIST] if t.get("system") == "email" and t.get("value")]

    def typed(point: dict[str, Any]) -> bool:
        return any(
            e.get("url") == EMAIL_TYPE_EXT and (e.get("valueCoding") or {}).get("code") == MSSANTE
            for e in point.get("extension") or []
        )

    chosen = [t for t in emails if typed(t)] or [
        t for t in emails if str(t["value"]).lower().endswith(MSSANTE_DOMAIN)
    ]
    # a malformed address is left out; the professional is still a correspondent
    return next((str(t["value"]).strip() for t in chosen if is_messaging_address(str(t["value"]))), "")

"""Blocks and caregiver grants as FHIR R4 resources, and back (what the sync sends and receives).

* A ``Block`` is a Consent whose provision denies one actor: ``provision.type`` "deny",
  ``provision.actor`` = role PRCP (primary information recipient, as in the FHIR consent examples) and a
  reference that names the professional (``type`` Practitioner) or establishment (Organization) by its
  identifier and name; the block's start and lift are ``provision.period``; a lifted block is "inactive".
* A ``CaregiverGrant`` is a RelatedPerson (the caregiver, with their relationship to the person) and a
  Consent that permits that RelatedPerson until the expiry (``provision.period.end``), over every
  section or some (``provision.code``, Carnet's section codes; ``provision.class`` lists the FHIR
  resource types they cover, for a server that enforces it). Who consented is ``performer`` (the
  Patient, or the named representative), when is ``dateTime``; a withdrawn grant is "inactive" with its
  date in an extension.

Both use scope "patient-privacy" and category LOINC 59284-0 (Patient Consent), as the FHIR core examples.
The parsers trust nothing: R4B validity first, then every code, the patient and the links between the
resources; anything else is a ValidationError.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.errors import N_, CarnetError, ValidationError
from domain.sharing import CAREGIVER_SECTIONS, Block, CaregiverGrant
from services.fhir import mapping as fm

CONSENT_SCOPE = {"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy"}
CONSENT_CATEGORY = {"system": fm.LOINC, "code": "59284-0"}
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
RECIPIENT = {"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "PRCP"}
SECTION_SYSTEM = "urn:carnet:section"
RESOURCE_TYPES = "http://hl7.org/fhir/resource-types"
REVOKED_EXT = fm.EXT + "revoked-on"
ACTOR_TYPES = {"professional": "Practitioner", "establishment": "Organization"}
SECTION_RESOURCES = {
    "documents": ("DocumentReference", "Binary"),
    "vaccinations": ("Immunization",),
    "measurements": ("Observation",),
    "medical_profile": ("AllergyIntolerance", "MedicationStatement", "Basic"),
    "agenda": ("Appointment", "Basic"),
    "pregnancy": ("Observation",),
    "messages": ("Communication", "Basic"),  # the address book travels as Basic
    "prevention": ("Basic",),  # habits, self-tests, bilan, ICOPE travel as Basic
}
MALFORMED = N_("The consent from the server is malformed ({error}).")


class _Malformed(ValueError):
    """A part of a resource that is not what Carnet writes (its message is a path, never a value)."""


def _cc(coding: dict[str, str]) -> dict[str, Any]:
    return {"coding": [dict(coding)]}


def _consent(profile_id: str, resource_id: str, active: bool, on: date, rule: str) -> dict[str, Any]:
    return {
        "resourceType": "Consent",
        "id": resource_id,
        "status": "active" if active else "inactive",
        "scope": _cc(CONSENT_SCOPE),
        "category": [_cc(CONSENT_CATEGORY)],
        "patient": {"reference": f"Patient/{profile_id}"},
        "dateTime": on.isoformat(),
        "policyRule": _cc({"system": ACT_CODE, "code": rule}),
    }


# -- Block ---------------------------------------------------------------------------------------------
def block_consent(block: Block) -> dict[str, Any]:
    actor_ref: dict[str, Any] = {"type": ACTOR_TYPES[block.kind], "display": block.name}
    if block.identifier_system:
        actor_ref["identifier"] = {"system": block.identifier_system, "value": block.identifier_value}
    period = {"start": block.since.isoformat(), **({"end": block.lifted.isoformat()} if block.lifted else {})}
    resource = _consent(block.profile_id, block.id, block.lifted is None, block.since, "OPTOUT")
    resource["performer"] = [{"reference": f"Patient/{block.profile_id}"}]
    resource["provision"] = {
        "type": "deny",
        "period": period,
        "actor": [{"role": _cc(RECIPIENT), "reference": actor_ref}],
    }
    return _valid(resource)


def block_from(resource: Any, profile_id: str) -> Block:
    """The Block a Consent stands for; refuses one about another patient, or not a deny of one actor."""

    def read() -> Block:
        _check_consent(resource, profile_id, "OPTOUT")
        provision = resource["provision"]
        if provision.get("type") != "deny" or len(provision.get("actor", [])) != 1:
            raise _Malformed("provision")
        actor = provision["actor"][0]
        _same_coding(actor["role"], RECIPIENT)
        ref = actor["reference"]
        kind = {v: k for k, v in ACTOR_TYPES.items()}[ref["type"]]
        identifier = ref.get("identifier", {})
        period = provision["period"]
        block = Block(
            profile_id=profile_id,
            kind=kind,
            name=ref["display"],
            since=_date(period["start"]),
            identifier_system=identifier.get("system", ""),
            identifier_value=identifier.get("value", ""),
            lifted=_date(period["end"]) if "end" in period else None,
            id=resource["id"],
        )
        if (resource["status"] == "active") != (block.lifted is None):
            raise _Malformed("status")
        return block

    return _parse(read)


# -- Caregiver grant ----------------------------------------------------------------------------------
def caregiver_resources(grant: CaregiverGrant) -> tuple[dict[str, Any], dict[str, Any]]:
    """(RelatedPerson, Consent) of a grant."""
    person_id = related_person_id(grant.id)
    related = {
        "resourceType": "RelatedPerson",
        "id": person_id,
        "active": grant.revoked_on is None,
        "patient": {"reference": f"Patient/{grant.profile_id}"},
        "relationship": [_cc({"system": fm.ROLE_CODE, "code": grant.relationship})],
        "name": [{"text": grant.caregiver}],
    }
    consent = _consent(grant.profile_id, grant.id, grant.revoked_on is None, grant.consented_on, "OPTIN")
    if grant.consented_by == "person":
        consent["performer"] = [{"reference": f"Patient/{grant.profile_id}"}]
    else:
        consent["performer"] = [{"type": "RelatedPerson", "display": grant.representative}]
    provision: dict[str, Any] = {
        "type": "permit",
        "period": {"start": grant.consented_on.isoformat(), "end": grant.expires_on.isoformat()},
        "actor": [{"role": _cc(RECIPIENT), "reference": {"reference": f"RelatedPerson/{person_id}"}}],
    }
    if not grant.everything:
        provision["code"] = [_cc({"system": SECTION_SYSTEM, "code": s}) for s in grant.sections]
        types = sorted({t for s in grant.sections for t in SECTION_RESOURCES[s]})
        provision["class"] = [{"system": RESOURCE_TYPES, "code": t} for t in types]
    consent["provision"] = provision
    if grant.revoked_on is not None:
        consent["extension"] = [{"url": REVOKED_EXT, "valueDate": grant.revoked_on.isoformat()}]
    return _valid(related), _valid(consent)


def related_person_id(grant_id: str) -> str:
    return f"{grant_id}-caregiver"


def grant_from(related: Any, consent: Any, profile_id: str) -> CaregiverGrant:
    """The grant a RelatedPerson + Consent pair stands for, both about ``profile_id`` and linked."""

    def read() -> CaregiverGrant:
        provision, relationship = _linked(related, consent, profile_id)
        consented_by, representative = _performer(consent["performer"], profile_id)
        revoked = _revoked(consent)
        grant = CaregiverGrant(
            profile_id=profile_id,
            caregiver=related["name"][0]["text"],
            relationship=relationship,
            consented_by=consented_by,
            consented_on=_date(consent["dateTime"]),
            expires_on=_date(provision["period"]["end"]),
            everything="code" not in provision,
            sections=tuple(_section(c) for c in provision.get("code", [])),
            representative=representative,
            revoked_on=revoked,
            id=consent["id"],
        )
        if _date(provision["period"]["start"]) != grant.consented_on:
            raise _Malformed("period")
        active = revoked is None
        if (consent["status"] == "active") != active or related.get("active", True) != active:
            raise _Malformed("status")
        return grant

    return _parse(read)


def _linked(related: Any, consent: Any, profile_id: str) -> tuple[dict[str, Any], str]:
    """(provision, relationship code) of a Consent that permits exactly this RelatedPerson, both about
    ``profile_id``."""
    _check_consent(consent, profile_id, "OPTIN")
    _check_resource(related, "RelatedPerson")
    if related["patient"]["reference"] != f"Patient/{profile_id}":
        raise ValidationError("The consent is about another person.")
    provision = consent["provision"]
    if provision.get("type") != "permit" or len(provision.get("actor", [])) != 1:
        raise _Malformed("provision")
    actor = provision["actor"][0]
    _same_coding(actor["role"], RECIPIENT)
    if actor["reference"]["reference"] != f"RelatedPerson/{related['id']}":
        raise ValidationError("The consent names another caregiver.")
    (relationship,) = related["relationship"][0]["coding"]
    if relationship["system"] != fm.ROLE_CODE:
        raise _Malformed("relationship")
    return provision, str(relationship["code"])


def _performer(performers: list[dict[str, Any]], profile_id: str) -> tuple[str, str]:
    (performer,) = performers
    if performer.get("reference") == f"Patient/{profile_id}":
        return "person", ""
    if "reference" in performer or performer.get("type") != "RelatedPerson":
        raise ValidationError("The consent is about another person.")
    return "representative", performer["display"]


def _section(concept: dict[str, Any]) -> str:
    (coding,) = concept["coding"]
    if coding["system"] != SECTION_SYSTEM or coding["code"] not in CAREGIVER_SECTIONS:
        raise _Malformed("provision.code")
    return str(coding["code"])


def _revoked(consent: dict[str, Any]) -> date | None:
    values = [e["valueDate"] for e in consent.get("extension", []) if e.get("url") == REVOKED_EXT]
    if len(values) > 1:
        raise _Malformed("extension")
    return _date(values[0]) if values else None


# -- shared checks --------------------------------------------------------------------------------------
def _valid(resource: dict[str, Any]) -> dict[str, Any]:
    reason = _invalid_reason(resource)
    if reason:
        raise ValidationError(MALFORMED, error=reason)
    return resource


def _invalid_reason(resource: Any) -> str:
    from services.fhir.validation import invalid_reason

    return invalid_reason(resource)


def _check_resource(resource: Any, kind: str) -> None:
    if not isinstance(resource, dict) or resource.get("resourceType") != kind:
        raise ValidationError(MALFORMED, error=f"not a {kind}")
    reason = _invalid_reason(resource)
    if reason:
        raise ValidationError(MALFORMED, error=reason)


def _check_consent(resource: Any, profile_id: str, rule: str) -> None:
    _check_resource(resource, "Consent")
    if resource["patient"]["reference"] != f"Patient/{profile_id}":
        raise ValidationError("The consent is about another person.")
    if resource["status"] not in ("active", "inactive"):
        raise _Malformed("status")
    _same_coding(resource["scope"], CONSENT_SCOPE)
    (category,) = resource["category"]
    _same_coding(category, CONSENT_CATEGORY)
    _same_coding(resource["policyRule"], {"system": ACT_CODE, "code": rule})


def _same_coding(concept: dict[str, Any], wanted: dict[str, str]) -> None:
    (coding,) = concept["coding"]
    if coding.get("system") != wanted["system"] or coding.get("code") != wanted["code"]:
        raise _Malformed("code")


def _date(text: Any) -> date:
    if not isinstance(text, str) or len(text) != 10:
        raise _Malformed("date")
    return date.fromisoformat(text)


def _parse(read: Any) -> Any:
    try:
        return read()
    except CarnetError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        error = str(exc) if isinstance(exc, _Malformed) else type(exc).__name__
        raise ValidationError(MALFORMED, error=error) from exc


# -- the sync's table (services/fhir/records.py) --------------------------------------------------------
def _rule(resource: dict[str, Any]) -> str:
    try:
        return str(resource["policyRule"]["coding"][0]["code"])
    except (KeyError, IndexError, TypeError):
        return ""


def is_block(resource: dict[str, Any]) -> bool:
    return _rule(resource) == "OPTOUT"


def is_grant(resource: dict[str, Any]) -> bool:
    return _rule(resource) == "OPTIN"


def _patient_of(resource: dict[str, Any]) -> str:
    reference = str((resource.get("patient") or {}).get("reference", ""))
    if not reference.startswith("Patient/"):
        raise ValidationError(MALFORMED, error="patient")
    return reference.removeprefix("Patient/")


def block_to_fhir(profile_id: str, block: Block) -> dict[str, Any]:
    return block_consent(block)


def block_from_fhir(resource: dict[str, Any]) -> Block:
    return block_from(resource, _patient_of(resource))


def grant_to_fhir(profile_id: str, grant: CaregiverGrant) -> dict[str, Any]:
    return caregiver_resources(grant)[1]


def grant_companions(profile_id: str, grant: CaregiverGrant) -> list[dict[str, Any]]:
    return [caregiver_resources(grant)[0]]


def grant_needs(resource: dict[str, Any]) -> str:
    return f"RelatedPerson/{related_person_id(str(resource.get('id', '')))}"


def grant_alone(resource: dict[str, Any]) -> CaregiverGrant:
    raise ValidationError(MALFORMED, error="RelatedPerson")  # a grant is read with its RelatedPerson


def grant_from_fhir(consent: dict[str, Any], related: dict[str, Any]) -> CaregiverGrant:
    return grant_from(related, consent, _patient_of(consent))

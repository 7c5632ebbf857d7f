"""Synthèse from the vault: a profile's records read into a ``SummaryData``, its FHIR bundle and its PDF
(each export logged in the Historique des échanges), and the emergency contacts the summary names.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from domain.errors import N_, ValidationError
from domain.exchanges import Exchange
from domain.summary import EmergencyCard, EmergencyContact, SummaryData, emergency_card
from services import agenda, records
from services.session import Session
from services.sharing import exchange_log
from services.sharing.summary import summary_bundle
from services.sharing.summary_pdf import summary_pdf
from services.sharing.texts import Texts

FORMATS = ("fhir", "pdf")
SUMMARY_LABELS = {"fhir": N_("Patient summary (FHIR)"), "pdf": N_("Patient summary (PDF)")}


def summary_data(session: Session, profile_id: str, today: date, with_plan: bool = True) -> SummaryData:
    """Everything the summary may say of the profile, read in one unit of work, plus the agenda's plan."""
    with session.uow() as uow:
        profile = uow.profiles.get(profile_id)

        def kind(name: str) -> list[Any]:
            return uow.records.list(profile_id, name)

        data = SummaryData(
            profile=profile,
            allergies=tuple(kind("allergy")),
            treatments=tuple(kind("treatment")),
            problems=tuple(kind("medical_history")),
            hospitalisations=tuple(kind("hospitalisation")),
            immunizations=tuple(kind("immunization")),
            measurements=tuple(kind("measurement")),
            pregnancies=tuple(kind("pregnancy")),
            blood_groups=tuple(kind("blood_group")),
            contacts=tuple(sorted(kind("emergency_contact"), key=lambda c: (c.name.casefold(), c.id))),
        )
    if not with_plan:
        return data
    return dataclasses.replace(data, plan=tuple(agenda.plan(session, profile, today)))


def card(session: Session, profile_id: str, today: date) -> EmergencyCard:
    return emergency_card(summary_data(session, profile_id, today, with_plan=False), today)


def export_summary(
    session: Session, profile_id: str, fmt: str, today: date, now: datetime, texts: Texts | None = None
) -> bytes:
    """The summary as FHIR JSON (a validated IPS document Bundle) or as a PDF; the export is logged."""
    if fmt not in FORMATS:
        raise ValidationError("Unknown summary format {format!r} (fhir or pdf).", format=fmt)
    data = summary_data(session, profile_id, today)
    if fmt == "fhir":
        bundle = summary_bundle(data, today, now, texts)
        out = json.dumps(bundle, ensure_ascii=False, indent=1).encode("utf-8")
    else:
        out = summary_pdf(data, today, texts)
    log_export(session, profile_id, SUMMARY_LABELS[fmt], now)
    return out


def log_export(session: Session, profile_id: str, label: str, now: datetime, counterpart: str = "") -> None:
    """One "export" exchange (a summary, the history itself, a FHIR bundle) in its own transaction."""
    with session.uow() as uow:
        exchange = Exchange(profile_id, "export", now, label=label, counterpart=counterpart)
        exchange_log.record(uow, exchange, now)
        uow.commit()


# -- emergency contacts ----------------------------------------------------------------------------------
def contacts(session: Session, profile_id: str) -> list[EmergencyContact]:
    found: list[EmergencyContact] = records.list_records(session, profile_id, "emergency_contact")
    return sorted(found, key=lambda c: (c.name.casefold(), c.id))


def add_contact(
    session: Session, profile_id: str, today: date, name: str, phone: str, relationship: str = ""
) -> EmergencyContact:
    contact = EmergencyContact(name=name, phone=phone, relationship=relationship.strip())
    added: EmergencyContact = records.add_record(session, profile_id, contact, today)
    return added


def delete_contact(session: Session, profile_id: str, contact: EmergencyContact) -> None:
    records.delete_record(session, profile_id, contact)


def texts_for(
    translate: Callable[[str], str],
    language: str,
    vaccine_name: Callable[[str], str],
    measurement_name: Callable[[str], str],
) -> Texts:
    return Texts(translate, vaccine_name, measurement_name, language)

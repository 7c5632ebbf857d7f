"""Values read from a biology report in the Dossier (issue 15), with the person's consent for that
document: its text is read on this device (the bounded PDF worker), the values Carnet keeps are proposed
next to the line each came from, and nothing is saved until the person confirms a value (then it is a
measurement, through the write door, its source line in the note)."""

from __future__ import annotations

import dataclasses
from datetime import date

from domain.labreport import LabValue, read_values
from domain.models import Document, Measurement
from domain.units import stored_value
from services import documents, records
from services.session import Session

LAB_REPORT = "11502-2"  # LOINC "Laboratory report", the Dossier's type for a biology report


def lab_documents(session: Session, profile_id: str) -> list[Document]:
    """The PDF biology reports of the Dossier, newest first."""
    found = records.list_records(session, profile_id, "document")
    return sorted(
        (d for d in found if d.type_code == LAB_REPORT and d.mime == "application/pdf"),
        key=lambda d: d.on,
        reverse=True,
    )


def propose(session: Session, profile_id: str, document: Document) -> list[LabValue]:
    """The values of ``document`` (read after consent: the read is logged); the document's date stands
    in for a report that prints no sampling date."""
    data = documents.read_content(session, profile_id, document)
    values = read_values(documents.pdf_text(data))
    return [v if v.on is not None else dataclasses.replace(v, on=document.on) for v in values]


def confirm(session: Session, profile_id: str, value: LabValue, today: date) -> Measurement:
    """One value the person confirmed, stored as a measurement in Carnet's unit."""
    on = value.on or today
    note = value.line if len(value.line) <= 200 else value.line[:199] + "…"
    return records.add_measurement(
        session,
        profile_id,
        today,
        kind=value.kind,
        value=stored_value(value.kind, value.canonical),
        on=on,
        note=note,
    )

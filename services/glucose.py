"""The glucose log of a person living with diabetes (issue 15): readings typed in, imported from the CSV
export of a meter or a sensor app (a preview first, the column mapping kept per source, duplicates
skipped) or from FHIR Observations; and the one-page glucose report for the doctor (glucose_report.py).

Readings are kept one day to a record (``GlucoseDay``), written through services/records.py, a whole
import in one unit of work. The column mappings are preferences (settings.json): column names,
nothing about anyone.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from typing import Any

from domain.errors import ValidationError
from domain.glucose import GlucoseReading
from domain.glucose_csv import ColumnMapping, ImportPreview, columns_of, guess_mapping, preview, split_rows
from domain.glucose_day import GlucoseDay, by_day
from services import records
from services.fhir.risk_mapping import glucose_readings
from services.session import Session

MAPPINGS_KEY = "glucose_csv_mappings"  # source -> ColumnMapping fields
MAX_BYTES = 20 * 1024 * 1024  # a year of 5-minute readings is ~5 MB


def readings(session: Session, profile_id: str) -> list[GlucoseReading]:
    """Every reading, oldest first."""
    days = records.list_records(session, profile_id, "glucose_day")
    return [r for day in sorted(days, key=lambda d: d.on) for r in day.values()]


def add_reading(session: Session, profile_id: str, today: date, at: datetime, mg_dl: float) -> GlucoseReading:
    reading = GlucoseReading(at, mg_dl, "meter")
    if save_readings(session, profile_id, [reading], today) == 0:
        raise ValidationError("A reading of that minute is already recorded.")
    return reading


def save_readings(session: Session, profile_id: str, new: list[GlucoseReading], today: date) -> int:
    """Adds readings (an import, or one typed in) to their days, in one unit of work: a day already
    recorded is updated, a new day added, each checked and logged. Returns how many were added."""
    added = 0
    with session.uow() as uow:
        profile = uow.profiles.get(profile_id)
        stored = {day.on: day for day in uow.records.list(profile_id, "glucose_day")}
        for on, readings_of_day in sorted(by_day(new).items()):
            before = stored.get(on)
            day = (before or GlucoseDay(on)).merged(readings_of_day)
            added += len(day.readings) - (len(before.readings) if before else 0)
            if before is None:
                records.add(uow, profile, day, today)
            elif day.readings != before.readings:
                records.update(uow, profile, day, today)
        uow.commit()
    return added


# -- CSV ---------------------------------------------------------------------------------------------------
def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationError("This file is too large for a glucose export.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError("This file is not a text export.")  # pragma: no cover - cp1252 decodes anything


def header_of(text: str) -> list[str]:
    """The columns of an export: its recognised header, else the line a person would map by hand."""
    try:
        return split_rows(text)[1]
    except ValidationError:
        columns = columns_of(text)
        if len(columns) < 2:
            raise
        return columns


def saved_mapping(session: Session, key: str) -> ColumnMapping | None:
    stored = (session.preference(MAPPINGS_KEY) or {}).get(key)
    if not stored:
        return None
    stored = {**stored, "kind_values": tuple(stored.get("kind_values", ()))}
    try:
        return ColumnMapping(**stored)
    except (TypeError, ValidationError):
        return None


def save_mapping(session: Session, key: str, mapping: ColumnMapping) -> None:
    """Kept for the next file of the same source (``source_key``)."""
    mappings = dict(session.preference(MAPPINGS_KEY) or {})
    mappings[key] = dataclasses.asdict(mapping)
    session.set_preference(MAPPINGS_KEY, mappings)


def source_key(header: list[str]) -> str:
    """The name a file's mapping is kept under: its known layout, else its column names."""
    guessed = guess_mapping(header)
    if guessed is not None and guessed.source != "csv":
        return guessed.source
    return "csv:" + "|".join(header)[:200]


def preview_csv(
    session: Session, profile_id: str, text: str, mapping: ColumnMapping | None = None
) -> ImportPreview:
    """What importing ``text`` would add: the mapping given, else the one kept for its source, else a
    guess; readings already in the log are counted as duplicates and left out."""
    chosen = mapping or saved_mapping(session, source_key(header_of(text)))
    return preview(text, chosen, readings(session, profile_id))


def import_csv(
    session: Session, profile_id: str, text: str, today: date, mapping: ColumnMapping | None = None
) -> ImportPreview:
    """Saves what ``preview_csv`` shows and keeps the mapping for the source."""
    shown = preview_csv(session, profile_id, text, mapping)
    save_readings(session, profile_id, shown.readings, today)
    if shown.mapping is not None:
        save_mapping(session, source_key(header_of(text)), shown.mapping)
    return shown


# -- FHIR Observations --------------------------------------------------------------------------------------
def import_fhir(session: Session, profile_id: str, data: bytes, today: date) -> dict[str, int]:
    """Glucose Observations of a FHIR JSON file (a Bundle, a list or one resource), duplicates skipped."""
    try:
        document: Any = json.loads(decode(data))
    except json.JSONDecodeError as exc:
        raise ValidationError("This file is not FHIR JSON.") from exc
    found, left = glucose_readings(document)
    seen = {(r.at.replace(second=0, microsecond=0), round(r.mg_dl)) for r in readings(session, profile_id)}
    new = []
    for reading in found:
        key = (reading.at.replace(second=0, microsecond=0), round(reading.mg_dl))
        if key not in seen:
            seen.add(key)
            new.append(reading)
    save_readings(session, profile_id, new, today)
    return {"added": len(new), "duplicates": len(found) - len(new), "left_aside": left}

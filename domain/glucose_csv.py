"""Glucose readings read from the CSV exports of meters and sensor apps: pure functions on text.

Known layouts (public descriptions and open-source parsers of the files, not the vendors' specs):

* LibreView (FreeStyle Libre): a title line, then ``Device, Serial Number, Device Timestamp, Record
  Type, Historic Glucose mg/dL (or mmol/L), Scan Glucose ...``; record type 0 = automatic reading every
  15 minutes, 1 = scan; timestamps ``DD-MM-YYYY HH:MM`` (or month first in US exports).
* Dexcom Clarity: ``Index, Timestamp (YYYY-MM-DDThh:mm:ss), Event Type, ..., Glucose Value (mg/dL)``;
  the first rows carry the patient and device (no timestamp); readings are ``EGV`` rows, and a value
  may be ``Low`` or ``High`` outside the sensor's range.
* Any other export: a date (and time) column and a glucose column, found by their headers.

A ``ColumnMapping`` says which columns to read; ``guess_mapping`` proposes one from the header, the UI
lets the person correct it and keeps it per source. ``preview`` reads the file with it: readings,
skipped lines with their reason, duplicates (already recorded, or twice in the file), detected unit.
Nothing is saved here.
"""

from __future__ import annotations

import csv
import re
import statistics
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from domain.errors import N_, ValidationError
from domain.glucose import MG_DL_PER_MMOL, PLAUSIBLE_MG_DL, GlucoseReading

UNITS = ("mg/dL", "mmol/L", "g/L")
TO_MG_DL = {"mg/dL": 1.0, "mmol/L": MG_DL_PER_MMOL, "g/L": 100.0}
HEADER_SEARCH_LINES = 30

NOT_A_NUMBER = N_("The glucose value is not a number.")
OUT_OF_SENSOR_RANGE = N_("The sensor was out of its range (Low or High).")
BAD_DATE = N_("The date is not understood.")
IMPLAUSIBLE = N_("The value is not plausible for a glucose reading.")

_OUT_OF_RANGE_WORDS = {"low", "high", "lo", "hi", "bas", "haut", "basse", "haute"}
_DATE = re.compile(
    r"(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})"  # a date, year first or last
    r"(?:[ T]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([ap]\.?m\.?)?)?",  # then a time
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    timestamp: str  # header of the date-time column, or of the date column when ``time`` is set
    value: str  # header of the glucose column
    time: str = ""  # header of a separate time column
    unit: str = ""  # one of UNITS; "" = from the header, then from the values
    day_first: bool | None = None  # for dates like 03-04-2026; None = decided from the file (French first)
    kind_column: str = ""  # a column saying what the row is (Dexcom "Event Type", Libre "Record Type")
    kind_values: tuple[str, ...] = ()  # rows kept when ``kind_column`` is set
    source: str = "csv"  # recorded on the readings: libreview, dexcom, csv

    def __post_init__(self) -> None:
        if self.unit and self.unit not in UNITS:
            raise ValidationError(
                "Unknown glucose unit {unit!r}: choose mg/dL, mmol/L or g/L.", unit=self.unit
            )


@dataclass(frozen=True, slots=True)
class ImportPreview:
    readings: list[GlucoseReading]  # new readings, oldest first
    unit: str  # the unit the values were read in
    duplicates: int  # readings already recorded or repeated in the file
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line number, msgid of the reason)
    mapping: ColumnMapping | None = None


def _fold(text: str) -> str:
    """Lower case without accents: "Glycémie" and "GLYCEMIE" are the same column name."""
    return "".join(unicodedata.normalize("NFKD", ch)[0] for ch in text.strip().lower())


def split_rows(text: str, names: Iterable[str] = ()) -> tuple[int, list[str], list[list[str]]]:
    """(line index of the header, header, rows after it): the header is the first line naming a date
    or time column and a glucose column, or all of ``names`` (the columns a person chose); the separator
    is guessed from it (comma, semicolon, tab)."""
    lines = text.lstrip("\ufeff").splitlines()
    wanted = {name for name in names if name}
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        delimiter = max((";", ",", "\t"), key=line.count)
        cells = next(csv.reader([line], delimiter=delimiter), [])
        folded = [_fold(c) for c in cells]
        if wanted:
            found = wanted <= {c.strip() for c in cells}
        else:
            found = _glucose_column(folded) is not None and _time_columns(folded)[0] is not None
        if found:
            rows = list(csv.reader(lines[index + 1 :], delimiter=delimiter))
            return index, [c.strip() for c in cells], rows
    raise ValidationError("No date and glucose columns were found in this file.")


def columns_of(text: str) -> list[str]:
    """The header a person maps by hand when no column is recognised: the first line with the most
    cells among the first lines (the title lines of an export have fewer)."""
    lines = [line for line in text.lstrip("\ufeff").splitlines()[:HEADER_SEARCH_LINES] if line.strip()]
    best: list[str] = []
    for line in lines:
        delimiter = max((";", ",", "\t"), key=line.count)
        cells = [c.strip() for c in next(csv.reader([line], delimiter=delimiter), [])]
        if len(cells) > len(best) and not any(_number(c) is not None for c in cells if c):
            best = cells
    return best


def _glucose_column(folded: list[str]) -> int | None:
    candidates = [
        i
        for i, name in enumerate(folded)
        if ("glucose" in name or "glycemie" in name or re.match(r"(bg|sg)\b", name))
        and "rate" not in name
        and "/min" not in name
        and "scan" not in name
        and "bandelette" not in name
        and "strip" not in name
    ]
    historic = [i for i in candidates if "histor" in folded[i]]
    best = historic or candidates
    return best[0] if best else None


def _time_columns(folded: list[str]) -> tuple[int | None, int | None]:
    """(date-time or date column, separate time column or None)."""
    for i, name in enumerate(folded):
        if "timestamp" in name or "horodatage" in name or "date/heure" in name or name == "datetime":
            return i, None
    dates = [i for i, name in enumerate(folded) if "date" in name]
    times = [
        i for i, name in enumerate(folded) if name in ("time", "heure", "hour") or name.startswith("heure")
    ]
    if dates:
        return dates[0], (times[0] if times else None)
    return None, None


def guess_mapping(header: list[str]) -> ColumnMapping | None:
    """A mapping for a known layout (LibreView, Dexcom Clarity) or from the names of the columns."""
    folded = [_fold(c) for c in header]
    value = _glucose_column(folded)
    stamp, time = _time_columns(folded)
    if value is None or stamp is None:
        return None
    unit = _unit_in(header[value])
    if "event type" in folded:
        return ColumnMapping(
            header[stamp],
            header[value],
            unit=unit,
            kind_column=header[folded.index("event type")],
            kind_values=("EGV",),
            source="dexcom",
        )
    if "record type" in folded and "histor" in folded[value]:
        return ColumnMapping(
            header[stamp],
            header[value],
            unit=unit,
            kind_column=header[folded.index("record type")],
            kind_values=("0",),
            source="libreview",
        )
    return ColumnMapping(
        header[stamp], header[value], time=header[time] if time is not None else "", unit=unit
    )


def _unit_in(name: str) -> str:
    folded = _fold(name).replace(" ", "")
    for unit in UNITS:
        if unit.lower() in folded:
            return unit
    return ""


def _number(text: str) -> float | None:
    try:
        return float(text.strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except ValueError:
        return None


def detect_unit(values: Iterable[float]) -> str:
    """mg/dL, mmol/L or g/L from the typical value: a median of 100 is mg/dL, 6 mmol/L, 1.1 g/L."""
    numbers = list(values)
    if not numbers:
        return "mg/dL"
    median = statistics.median(numbers)
    return "g/L" if median <= 3.0 else "mmol/L" if median <= 35.0 else "mg/dL"


def detect_day_first(stamps: Iterable[str]) -> bool:
    """True for 31-12-2026 (French, the default), False when a date only makes sense month first."""
    for stamp in stamps:
        match = _DATE.search(stamp)
        if match and len(match.group(1)) <= 2:
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12:
                return True
            if second > 12:
                return False
    return True


def parse_timestamp(text: str, day_first: bool = True) -> datetime | None:
    match = _DATE.search(text.strip())
    if not match:
        return None
    a, b, c, hour, minute, second, half = match.groups()
    try:
        if len(a) == 4:
            year, month, day = int(a), int(b), int(c)
        else:
            year = int(c) + (2000 if len(c) == 2 else 0)
            day, month = (int(a), int(b)) if day_first else (int(b), int(a))
        h = int(hour or 0)
        if half:
            h = h % 12 + (12 if half.lower().startswith("p") else 0)
        return datetime(year, month, day, h, int(minute or 0), int(second or 0))
    except ValueError:
        return None


def _cell(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def preview(
    text: str, mapping: ColumnMapping | None = None, existing: Iterable[GlucoseReading] = ()
) -> ImportPreview:
    """The readings of a CSV export, with what was skipped and why; duplicates are left out."""
    names = (mapping.timestamp, mapping.value, mapping.time, mapping.kind_column) if mapping else ()
    header_line, header, rows = split_rows(text, names)
    chosen = mapping or guess_mapping(header)
    if chosen is None:
        raise ValidationError("No date and glucose columns were found in this file.")
    columns = {name: i for i, name in enumerate(header)}
    for name in (chosen.timestamp, chosen.value, chosen.time, chosen.kind_column):
        if name and name not in columns:
            raise ValidationError("The column {column!r} is not in this file.", column=name)
    stamp_at, value_at = columns[chosen.timestamp], columns[chosen.value]
    kind_at = columns.get(chosen.kind_column) if chosen.kind_column else None
    kept: list[tuple[int, str, float]] = []
    skipped: list[tuple[int, str]] = []
    for offset, row in enumerate(rows):
        line = header_line + offset + 2  # 1-based line number in the file
        if kind_at is not None and _cell(row, kind_at) not in chosen.kind_values:
            continue  # another kind of row (insulin, scan, patient info): not a reading
        raw = _cell(row, value_at)
        if not raw:
            continue
        number = _number(raw)
        if number is None:
            skipped.append(
                (line, OUT_OF_SENSOR_RANGE if raw.lower() in _OUT_OF_RANGE_WORDS else NOT_A_NUMBER)
            )
            continue
        stamp = _cell(row, stamp_at) + (" " + _cell(row, columns[chosen.time]) if chosen.time else "")
        kept.append((line, stamp, number))
    unit = chosen.unit or detect_unit(n for _, _, n in kept)
    day_first = chosen.day_first if chosen.day_first is not None else detect_day_first(s for _, s, _ in kept)
    return _readings(kept, unit, day_first, chosen, skipped, existing)


def _readings(
    kept: list[tuple[int, str, float]],
    unit: str,
    day_first: bool,
    mapping: ColumnMapping,
    skipped: list[tuple[int, str]],
    existing: Iterable[GlucoseReading],
) -> ImportPreview:
    seen = {(r.at.replace(second=0, microsecond=0), round(r.mg_dl)) for r in existing}
    readings, duplicates = [], 0
    low, high = PLAUSIBLE_MG_DL
    for line, stamp, number in kept:
        at = parse_timestamp(stamp, day_first)
        if at is None:
            skipped.append((line, BAD_DATE))
            continue
        mg_dl = round(number * TO_MG_DL[unit], 1)
        if not low <= mg_dl <= high:
            skipped.append((line, IMPLAUSIBLE))
            continue
        key = (at.replace(second=0), round(mg_dl))
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        readings.append(GlucoseReading(at, mg_dl, mapping.source))
    readings.sort(key=lambda r: r.at)
    return ImportPreview(readings, unit, duplicates, sorted(skipped), mapping)

"""The GS1 DataMatrix of a medicine box: GTIN (AI 01), expiry (17), lot (10) and serial number (21).

Two forms are read (GS1 General Specifications, section 7.8 and 3.2):

* the human-readable element string ``(01)03400930000001(17)270331(10)AB123(21)XYZ``, as printed
  under the code or typed by hand;
* the raw form a scanner gives: optional symbology identifier ``]d2``, then AIs back to back, where a
  variable-length field ends with the FNC1 separator (ASCII 29, GS) or at the end of the data.

Only the AIs a French medicine box carries are known; others in the raw form cannot be skipped (their
length is unknown here), so they raise a ValidationError rather than being misread.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from domain.errors import ValidationError

GS = "\x1d"
SYMBOLOGY_PREFIXES = ("]d2", "]C1", "]Q3")
# AI -> fixed length, or None for variable length up to MAX_VARIABLE characters.
KNOWN_AIS: dict[str, int | None] = {"01": 14, "17": 6, "10": None, "21": None}
MAX_VARIABLE = 20
_BRACKETED = re.compile(r"\((\d{2,4})\)([^()]*)")


@dataclass(frozen=True, slots=True)
class Gs1Fields:
    gtin: str = ""
    expiry: date | None = None
    lot: str = ""
    serial: str = ""


def parse_gs1(text: str) -> Gs1Fields:
    """The fields of ``text`` in either form; an empty text gives empty fields."""
    data = (text or "").strip()
    for prefix in SYMBOLOGY_PREFIXES:
        if data.startswith(prefix):
            data = data[len(prefix) :]
    if not data:
        return Gs1Fields()
    pairs = _bracketed(data) if data.startswith("(") else _raw(data)
    return _fields(pairs)


def _bracketed(data: str) -> list[tuple[str, str]]:
    pairs = [(ai, value.strip()) for ai, value in _BRACKETED.findall(data)]
    if not pairs or "".join(f"({ai}){value}" for ai, value in _BRACKETED.findall(data)) != data:
        raise ValidationError("{text!r} is not a GS1 element string like (01)...(17)...(10)...", text=data)
    return pairs


def _raw(data: str) -> list[tuple[str, str]]:
    pairs, position = [], 0
    while position < len(data):
        if data[position] == GS:
            position += 1
            continue
        ai = data[position : position + 2]
        if ai not in KNOWN_AIS:
            raise ValidationError("Unknown GS1 application identifier {ai!r}.", ai=ai)
        position += 2
        length = KNOWN_AIS[ai]
        if length is None:
            end = data.find(GS, position)
            end = len(data) if end < 0 else end
        else:
            end = position + length
        pairs.append((ai, data[position:end]))
        position = end
    return pairs


def _fields(pairs: list[tuple[str, str]]) -> Gs1Fields:
    values: dict[str, str] = {}
    for ai, value in pairs:
        if ai not in KNOWN_AIS:
            raise ValidationError("Unknown GS1 application identifier {ai!r}.", ai=ai)
        if ai in values:
            raise ValidationError("The GS1 field ({ai}) appears twice.", ai=ai)
        if KNOWN_AIS[ai] is None and not 0 < len(value) <= MAX_VARIABLE:
            raise ValidationError("The GS1 field ({ai}) must have 1 to 20 characters.", ai=ai)
        values[ai] = value
    gtin = values.get("01", "")
    if gtin:
        check_gtin(gtin)
    expiry = expiry_date(values["17"]) if "17" in values else None
    return Gs1Fields(gtin=gtin, expiry=expiry, lot=values.get("10", ""), serial=values.get("21", ""))


def check_gtin(gtin: str) -> str:
    """A GTIN-14 whose last digit is the GS1 mod-10 check digit of the 13 before it."""
    if len(gtin) != 14 or not gtin.isdigit():
        raise ValidationError("The GTIN (01) must have 14 digits, not {gtin!r}.", gtin=gtin)
    weighted = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(gtin[:13])))
    if (10 - weighted % 10) % 10 != int(gtin[13]):
        raise ValidationError("The GTIN {gtin} has a wrong check digit: check the digits typed.", gtin=gtin)
    return gtin


def expiry_date(yymmdd: str) -> date:
    """AI 17 as a date. Day 00 means the last day of the month (GS1 rule).

    Years are read as 20YY: medicine boxes expire within a few years of today, so the GS1 sliding
    century window only starts to matter after 2049.
    """
    if len(yymmdd) != 6 or not yymmdd.isdigit():
        raise ValidationError("The expiry date (17) must be 6 digits YYMMDD, not {text!r}.", text=yymmdd)
    year, month, day = 2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    try:
        if day == 0:
            day = calendar.monthrange(year, month)[1]
        return date(year, month, day)
    except (ValueError, calendar.IllegalMonthError) as exc:
        raise ValidationError("The expiry date (17) {text} is not a date.", text=yymmdd) from exc

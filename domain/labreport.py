"""Values read from the text of a French biology report: glucose, HbA1c, lipids, creatinine, eGFR, UACR.

The parser takes text (extracting it from a PDF is the service's job, with pypdf) and proposes values;
nothing is saved until the person confirms each one next to the line it came from (``LabValue.line``).

A report line reads: label [method] result unit [result in a second unit] [reference interval] [flag],
with a decimal comma, units spelt freely (g/l, µmol/L, umol/l, mL/min/1,73 m², ml/min/1.73m2) and
labels in capitals or not (fr-prevention.yaml, extraction_from_lab_reports; its conventions are
UNVERIFIED against real reports and its test lines are synthetic). Rules kept simple on purpose:

* the label comes before the first value of the line; the value is the first number followed by a
  unit that fits the analyte; a later value in another unit (0,95 g/L (5,27 mmol/L)) is used as a
  check: ``consistent`` says whether both agree within 3 %;
* a plain "Glycémie" is a fasting glucose only when the report says the sample was taken fasting
  ("à jeun : oui"); otherwise it is a glucose of unknown timing, to which fasting rules do not apply;
* "> 90" keeps its comparator; a value outside Carnet's plausible range is dropped as a misreading;
* the date is the sampling date ("prélevé le", "date de prélèvement"), else the first date of the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from domain.errors import ValidationError
from domain.models import MEASUREMENTS
from domain.units import EGFR, canonical_unit, to_canonical

# (kind, label pattern on the folded line), in the order they are tried: the specific before the general.
ANALYTES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("", r"non[\s-]*hdl"),  # non-HDL cholesterol: recognised, not kept (no Carnet measure)
        ("uacr", r"albumin\w*\s*/\s*creatinin\w*|\brac\b"),
        ("egfr", r"\bdfg|debit de filtration|filtration glomerulaire|ckd[\s-]?epi"),
        ("hba1c", r"hb\s?a1c|hemoglobine\s+glyquee|hemoglobine\s+a1c|glycohemoglobine"),
        ("hdl", r"\bhdl\b"),
        ("ldl", r"\bldl\b"),
        ("total_cholesterol", r"cholesterol"),
        ("triglycerides", r"triglycerides?"),
        ("creatinine", r"creatinin(?:e|emie)\b"),
        ("glucose", r"glycemie|glucose"),
    )
)
_UNIT = r"(mmol/mol|mmol/l|[μµu]mol/l|mg/mmol|mg/dl|mg/l|mg/g|g/l|ml/min(?:\s*/\s*1[.,]73\s*m2?)?|%)"
_VALUE = re.compile(r"(?<![\w.,/])([<>≤≥]\s*=?)?\s*(\d+(?:[.,]\d+)?)\s*" + _UNIT + r"(?![a-z])")
_DATE = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_COMPARATORS = {"≤": "<=", "≥": ">=", "<": "<", ">": ">", "<=": "<=", ">=": ">="}
_EXCLUDED = {"creatinine": ("urin", "clairance"), "glucose": ("urin",)}


@dataclass(frozen=True, slots=True)
class LabValue:
    kind: str  # a MEASUREMENTS kind
    value: float  # as printed
    unit: str  # as Carnet spells the printed unit
    canonical: float  # in the unit Carnet stores (MEASUREMENTS)
    line: str  # the line it came from, verbatim
    line_number: int  # 1-based
    on: date | None = None  # sampling date of the report
    comparator: str = ""  # "", "<", ">", "<=", ">=" (eGFR "> 90")
    method: str = ""  # calculated, measured, direct (LDL); CKD-EPI 2021, MDRD (eGFR); IFCC, HPLC (HbA1c)
    consistent: bool | None = None  # the value printed in a second unit agrees (None: none printed)

    @property
    def loinc(self) -> str:
        """The LOINC code of what was measured (the measured LDL and CKD-EPI 2021 have their own)."""
        special = {
            ("ldl", "measured"): "2089-1",
            ("ldl", "direct"): "18262-6",
            ("egfr", "CKD-EPI 2021"): "98979-8",
            ("egfr", "MDRD"): "33914-3",
        }
        return special.get((self.kind, self.method), MEASUREMENTS[self.kind][0])


def fold(text: str) -> str:
    """Lower case without accents, one character for one, so positions match the original line."""
    return "".join(unicodedata.normalize("NFKD", ch)[0].lower() for ch in text)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _unit(kind: str, printed: str) -> str | None:
    if kind == "egfr" and printed.startswith("ml/min"):
        return EGFR  # some reports print mL/min without the 1.73 m²
    try:
        return canonical_unit(kind, printed)
    except ValidationError:
        return None


def report_date(lines: list[str]) -> date | None:
    """The sampling date, else the first date of the report."""
    folded = [fold(line) for line in lines]
    ordered = [f for f in folded if "prelev" in f] + folded
    for text in ordered:
        for match in _DATE.finditer(text):
            day, month, year = (int(part) for part in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                continue
    return None


def fasting_state(lines: list[str]) -> bool | None:
    """True when the report says the sample was taken fasting, False when it says not, None otherwise."""
    for line in lines:
        match = re.search(r"a\s+jeun\s*[:?]?\s*(oui|non)\b", fold(line))
        if match:
            return match.group(1) == "oui"
    return None


def _method(kind: str, folded: str) -> str:
    if kind == "ldl":
        for word, method in (("friedewald", "calculated"), ("calcul", "calculated"), ("direct", "direct")):
            if word in folded:
                return method
        return "measured" if "mesure" in folded else ""
    if kind == "egfr":
        if "mdrd" in folded:
            return "MDRD"
        if re.search(r"ckd[\s-]?epi", folded):
            year = re.search(r"ckd[\s-]?epi\W*(2009|2021)", folded)
            return f"CKD-EPI {year.group(1)}" if year else "CKD-EPI"
        return ""
    if kind == "hba1c":
        return next((m.upper() for m in ("ifcc", "hplc", "ngsp", "dcct") if m in folded), "")
    return ""


def _analyte(folded: str, fasting: bool | None) -> tuple[str, int] | None:
    """(kind, end of the label) when the line starts with a known label ("" kind = known but not kept)."""
    first_value = _VALUE.search(folded)
    head = folded[: first_value.start()] if first_value else folded
    for kind, pattern in ANALYTES:
        match = pattern.search(head)
        if not match:
            continue
        if any(word in head for word in _EXCLUDED.get(kind, ())):
            return None
        if kind == "glucose" and ("jeun" in head or fasting):
            kind = "fasting_glucose"
        return kind, match.end()
    return None


def read_line(line: str, number: int, on: date | None = None, fasting: bool | None = None) -> LabValue | None:
    """The value of one report line, or None when the line holds none of the analytes Carnet keeps."""
    folded = fold(line)
    found = _analyte(folded, fasting)
    if found is None or not found[0]:
        return None
    kind, start = found
    pairs = []
    for match in _VALUE.finditer(folded, start):
        unit = _unit(kind, match.group(3))
        if unit is not None:
            pairs.append((match, unit))
    if not pairs:
        return None
    (first, unit), others = pairs[0], pairs[1:]
    value = _number(first.group(2))
    canonical = to_canonical(kind, value, unit)
    low, high = MEASUREMENTS[kind][2:]
    if not low <= canonical <= high:
        return None
    consistent = None
    second = next(((m, u) for m, u in others if u != unit and not m.group(1)), None)
    if second is not None:
        other = to_canonical(kind, _number(second[0].group(2)), second[1])
        consistent = abs(other - canonical) <= 0.03 * max(abs(canonical), 1e-9)
    comparator = _COMPARATORS.get((first.group(1) or "").replace(" ", ""), "")
    return LabValue(
        kind, value, unit, canonical, line.strip(), number, on, comparator, _method(kind, folded), consistent
    )


def read_values(text: str) -> list[LabValue]:
    """Every value Carnet can keep from the report's text, in the order of the report."""
    lines = text.splitlines()
    on = report_date(lines)
    fasting = fasting_state(lines)
    values = []
    for number, line in enumerate(lines, start=1):
        value = read_line(line, number, on, fasting)
        if value is not None:
            values.append(value)
    return values

"""Risk benchmark: run ``python bench/risk.py`` from the repository root; prints figures, asserts nothing.

- domain.risk.assess on 10 years of daily measurements for one adult (weight, blood pressure, heart
  rate and glucose every day, a règle des 3 home series every month, fasting glucose, HbA1c, eGFR,
  urine albumin and lipids over the years): ~21,000 records. Target <= 20 ms.
- the values of a 5-page synthetic biology report (fpdf2): text extraction with pypdf, as the service
  will do, plus domain.labreport.read_values. Target <= 300 ms.
- glucose statistics of a 14-day sensor series (one reading every 5 minutes), for information.
Min and median of repeated runs; the figures are for people, on whatever machine runs them.
"""

from __future__ import annotations

import io
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fpdf import FPDF  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from domain.bp_series import BloodPressure, plan  # noqa: E402
from domain.glucose import GlucoseReading, statistics_of  # noqa: E402
from domain.labreport import read_values  # noqa: E402
from domain.models import Measurement  # noqa: E402
from domain.risk import assess  # noqa: E402

REPEATS = 30
TODAY = date(2026, 11, 30)
BIRTH = date(1962, 4, 17)


def timed(label: str, work: Callable[[], Any], target_ms: float | None, repeats: int = REPEATS) -> Any:
    runs, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        runs.append((time.perf_counter() - start) * 1000)
    target = f"(target <= {target_ms:g})" if target_ms else "(no target)"
    print(f"{label:<52} min {min(runs):7.2f} ms   median {statistics.median(runs):7.2f} ms   {target}")
    return result


def ten_years(rng: random.Random) -> list[Measurement | BloodPressure]:
    records: list[Measurement | BloodPressure] = [Measurement("height", 172, TODAY - timedelta(days=3650))]
    for offset in range(3650, -1, -1):
        day = TODAY - timedelta(days=offset)
        records += [
            Measurement("weight", round(rng.uniform(78, 84), 1), day),
            Measurement("systolic", rng.randint(118, 142), day),
            Measurement("diastolic", rng.randint(72, 88), day),
            Measurement("heart_rate", rng.randint(58, 80), day),
            Measurement("glucose", round(rng.uniform(0.8, 1.6), 2), day),
        ]
        if day.day == 1:
            records += [
                BloodPressure(
                    rng.randint(125, 140), rng.randint(75, 88), s.day, s.moment, s.rank, f"s{offset}"
                )
                for s in plan(day)
            ]
            records.append(Measurement("fasting_glucose", round(rng.uniform(0.95, 1.2), 2), day))
        if day.day == 1 and day.month % 3 == 0:
            records.append(Measurement("hba1c", round(rng.uniform(5.4, 6.3), 1), day))
        if day.day == 1 and day.month in (1, 7):
            records += [
                Measurement("egfr", rng.randint(62, 95), day),
                Measurement("uacr", round(rng.uniform(0.5, 2.5), 1), day),
                Measurement("ldl", round(rng.uniform(1.1, 1.7), 2), day),
                Measurement("waist", rng.randint(90, 100), day),
            ]
    return records


LINES = [
    "Glycémie à jeun : {g} g/L ({m} mmol/L)   (0,70 - 1,10)",
    "Hémoglobine glyquée (HbA1c) 6,1 %  (43 mmol/mol)",
    "Cholestérol total  2,05 g/L  5,30 mmol/L   < 2,00",
    "Cholestérol HDL  0,52 g/L  1,34 mmol/L  > 0,40",
    "Triglycérides  1,20 g/L  1,37 mmol/L  < 1,50",
    "Cholestérol LDL calculé (Friedewald) 1,32 g/L (3,41 mmol/L)",
    "Créatinine (enzymatique)  9,2 mg/L   81 µmol/L   (7,0 - 12,0)",
    "DFG estimé (CKD-EPI) : 98 mL/min/1,73 m²",
    "Rapport albumine/créatinine urinaire : 2,1 mg/mmol  (< 3,0)",
]
FILLER = [
    "Hématies  4,52 T/L   (4,20 - 5,70)",
    "Hémoglobine  14,1 g/dL   (13,0 - 17,0)",
    "Leucocytes  6,3 G/L   (4,0 - 10,0)",
    "Plaquettes  251 G/L   (150 - 400)",
    "Sodium  140 mmol/L   (136 - 145)",
    "Potassium  4,2 mmol/L   (3,5 - 5,1)",
    "ASAT  24 UI/L   (< 35)",
    "ALAT  21 UI/L   (< 45)",
    "TSH  1,85 mUI/L   (0,27 - 4,20)",
    "Ferritine  96 µg/L   (30 - 400)",
]


def five_page_report() -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=9)
    for page in range(5):
        pdf.add_page()
        pdf.cell(
            0, 6, "LABORATOIRE DE BIOLOGIE MEDICALE - compte rendu synthétique", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.cell(0, 6, f"Prélevé le 12/03/2026 à 08:10 - page {page + 1}/5", new_x="LMARGIN", new_y="NEXT")
        for row in range(40):
            line = LINES[row % len(LINES)] if row % 4 == 0 else FILLER[row % len(FILLER)]
            pdf.cell(0, 5.5, line.format(g="0,95", m="5,27"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def main() -> None:
    rng = random.Random(2026)
    records = ten_years(rng)
    found = timed(
        f"assess: 10 years, {len(records):,} records",
        lambda: assess(records, sex="M", birth_date=BIRTH, today=TODAY),
        20,
    )
    print(f"{'':<52} {len(found)} findings: {', '.join(f.code for f in found)}")

    report = five_page_report()

    def read_report() -> list:
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(report)).pages)
        return read_values(text)

    values = timed(f"lab report: 5 pages ({len(report) // 1024} KB), extract + parse", read_report, 300, 10)
    print(f"{'':<52} {len(values)} values read")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(report)).pages)
    timed("lab report: parse only (text already extracted)", lambda: read_values(text), None)

    start = datetime(2026, 11, 16)
    sensor = [
        GlucoseReading(start + timedelta(minutes=5 * i), round(rng.gauss(140, 40)) % 330 + 40)
        for i in range(14 * 288)
    ]
    timed(f"glucose statistics: 14 days, {len(sensor):,} readings", lambda: statistics_of(sensor), None)


if __name__ == "__main__":
    main()

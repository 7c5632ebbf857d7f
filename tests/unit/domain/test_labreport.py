"""Values read from biology reports: the reference's synthetic lines, and PDFs made here with fpdf2.

The lines are the synthetic fixtures of fr-prevention.yaml (extraction_from_lab_reports
.parser_test_fixtures), copied with their expected values; never real patient data. PDF text is
extracted with pypdf here, as the service will do; the domain parser only ever sees text.
"""

import io
from datetime import date

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from domain.labreport import LabValue, fasting_state, read_line, read_values, report_date

# line -> (kind, value, unit, stored value, comparator, method, agrees with the second unit, LOINC)
FIXTURES = [
    (
        "Glycémie à jeun : 0,95 g/L (5,27 mmol/L)   (0,70 - 1,10)",
        ("fasting_glucose", 0.95, "g/L", 0.95, "", "", True, "1558-6"),
    ),
    (
        "GLYCEMIE A JEUN ........ 1,31 g/l *  7,27 mmol/l   [0,70-1,10]",
        ("fasting_glucose", 1.31, "g/L", 1.31, "", "", True, "1558-6"),
    ),
    ("Hémoglobine glyquée (HbA1c) 6,1 %  (43 mmol/mol)", ("hba1c", 6.1, "%", 6.1, "", "", True, "4548-4")),
    ("HbA1c (IFCC) : 53 mmol/mol", ("hba1c", 53, "mmol/mol", 7.0, "", "IFCC", None, "4548-4")),
    (
        "Cholestérol total  2,05 g/L  5,30 mmol/L   < 2,00",
        ("total_cholesterol", 2.05, "g/L", 2.05, "", "", True, "2093-3"),
    ),
    ("Cholestérol HDL  0,52 g/L  1,34 mmol/L  > 0,40", ("hdl", 0.52, "g/L", 0.52, "", "", True, "2085-9")),
    (
        "Triglycérides  1,20 g/L  1,37 mmol/L  < 1,50",
        ("triglycerides", 1.20, "g/L", 1.20, "", "", True, "2571-8"),
    ),
    (
        "Cholestérol LDL calculé (Friedewald) 1,32 g/L (3,41 mmol/L)",
        ("ldl", 1.32, "g/L", 1.32, "", "calculated", True, "13457-7"),
    ),
    ("LDL-cholestérol mesuré : 3,41 mmol/L", ("ldl", 3.41, "mmol/L", 1.32, "", "measured", None, "2089-1")),
    (
        "Créatinine (enzymatique)  9,2 mg/L   81 µmol/L   (7,0 - 12,0)",
        ("creatinine", 9.2, "mg/L", 9.2, "", "", True, "2160-0"),
    ),
    (
        "DFG estimé (CKD-EPI) : 98 mL/min/1,73 m²",
        ("egfr", 98, "mL/min/1.73 m²", 98, "", "CKD-EPI", None, "62238-1"),
    ),
    ("DFG (CKD-EPI) > 90 ml/min/1.73m2", ("egfr", 90, "mL/min/1.73 m²", 90, ">", "CKD-EPI", None, "62238-1")),
    (
        "DFG estimé selon CKD-EPI : 52 mL/min/1,73m²  *",
        ("egfr", 52, "mL/min/1.73 m²", 52, "", "CKD-EPI", None, "62238-1"),
    ),
    (
        "Rapport albumine/créatinine urinaire : 2,1 mg/mmol  (< 3,0)",
        ("uacr", 2.1, "mg/mmol", 2.1, "", "", None, "32294-1"),
    ),
    ("Microalbuminurie/créatininurie  45 mg/g", ("uacr", 45, "mg/g", 5.1, "", "", None, "32294-1")),
    ("Glycémie : 5,4 mmol/L (0,97 g/L)", ("glucose", 5.4, "mmol/L", 0.97, "", "", True, "2345-7")),
]


@pytest.mark.parametrize(("line", "expected"), FIXTURES, ids=[f[0][:30] for f in FIXTURES])
def test_each_synthetic_line_of_the_reference(line, expected):
    value = read_line(line, 7)
    assert value is not None
    kind, number, unit, stored, comparator, method, consistent, loinc = expected
    assert (value.kind, value.value, value.unit) == (kind, number, unit)
    assert value.canonical == pytest.approx(stored, abs=0.01)
    assert (value.comparator, value.method, value.consistent, value.loinc) == (
        comparator,
        method,
        consistent,
        loinc,
    )
    assert (value.line, value.line_number) == (line.strip(), 7)


@pytest.mark.parametrize(
    "line",
    [
        "Cholestérol non-HDL  1,53 g/L",  # no Carnet measure for it
        "Créatinine urinaire  8,5 mmol/L",  # urine, not blood
        "Glucose urinaire : absence",
        "Antériorité du 12/01/2025 : 1,02 g/L",  # no label
        "HbA1c  65 %",  # impossible: a misreading is dropped
        "Valeurs de référence : 0,70 - 1,10 g/L",
        "Hématies 4,5 T/L",
    ],
)
def test_lines_carnet_does_not_keep(line):
    assert read_line(line, 1) is None


def test_a_disagreeing_second_unit_is_flagged():
    value = read_line("Glycémie à jeun : 0,95 g/L (7,27 mmol/L)", 1)
    assert value is not None and value.consistent is False


def test_the_sampling_date_wins_over_other_dates():
    lines = ["Édité le 15/03/2026", "Dossier du 01/01/2026", "Prélevé le 12/03/2026 à 08:10"]
    assert report_date(lines) == date(2026, 3, 12)
    assert report_date(["Compte rendu du 02.04.2026"]) == date(2026, 4, 2)
    assert report_date(["Sans date"]) is None


def test_a_plain_glycemie_is_fasting_only_when_the_report_says_so():
    assert fasting_state(["Prélèvement à jeun : oui"]) is True
    assert fasting_state(["A jeun : non"]) is False
    assert fasting_state(["Glycémie 0,95 g/L"]) is None
    fasting = read_values("Prélèvement à jeun : oui\nGlycémie : 0,95 g/L")
    unknown = read_values("Glycémie : 0,95 g/L")
    assert [v.kind for v in fasting] == ["fasting_glucose"] and [v.kind for v in unknown] == ["glucose"]


# -- PDFs made with fpdf2, read back with pypdf ------------------------------------------------------------
def report_pdf(pages: list[list[str | tuple[str, str, str]]]) -> bytes:
    """A lab report: plain lines, or (label, result, reference) rows laid out as table cells."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            if isinstance(line, tuple):
                label, result, reference = line
                pdf.cell(80, 6, label)
                pdf.cell(50, 6, result)
                pdf.cell(40, 6, reference, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def summary(values: list[LabValue]) -> list[tuple[str, float, str, date | None]]:
    return [(v.kind, v.value, v.unit, v.on) for v in values]


def test_values_of_a_two_page_pdf_report():
    data = report_pdf(
        [
            [
                "LABORATOIRE DE BIOLOGIE MEDICALE (exemple synthétique)",
                "Patient : TEST Exemple      Né(e) le 01/01/1970",
                "Prélevé le 12/03/2026 à 08:10      Édité le 13/03/2026",
                "Prélèvement à jeun : oui",
                "BIOCHIMIE",
                ("Glycémie", "1,31 g/L   7,27 mmol/L", "(0,70 - 1,10)"),
                ("Hémoglobine glyquée (HbA1c)", "6,6 %   (49 mmol/mol)", "< 6,0"),
                ("Créatinine (enzymatique)", "9,2 mg/L   81 µmol/L", "(7,0 - 12,0)"),
                "DFG estimé (CKD-EPI 2021) : 58 mL/min/1,73 m²  *",
            ],
            [
                "BILAN LIPIDIQUE",
                ("Cholestérol total", "2,05 g/L   5,30 mmol/L", "< 2,00"),
                ("Cholestérol HDL", "0,52 g/L   1,34 mmol/L", "> 0,40"),
                ("Cholestérol non-HDL", "1,53 g/L", ""),
                ("Triglycérides", "1,20 g/L   1,37 mmol/L", "< 1,50"),
                ("Cholestérol LDL calculé (Friedewald)", "1,29 g/L", "< 1,60"),
                "URINES",
                "Rapport albumine/créatinine urinaire : 3,4 mg/mmol  (< 3,0)",
            ],
        ]
    )
    values = read_values(pdf_text(data))
    day = date(2026, 3, 12)
    assert summary(values) == [
        ("fasting_glucose", 1.31, "g/L", day),
        ("hba1c", 6.6, "%", day),
        ("creatinine", 9.2, "mg/L", day),
        ("egfr", 58, "mL/min/1.73 m²", day),
        ("total_cholesterol", 2.05, "g/L", day),
        ("hdl", 0.52, "g/L", day),
        ("triglycerides", 1.20, "g/L", day),
        ("ldl", 1.29, "g/L", day),
        ("uacr", 3.4, "mg/mmol", day),
    ]
    egfr = values[3]
    assert egfr.method == "CKD-EPI 2021" and egfr.loinc == "98979-8"
    assert values[0].line.startswith("Glycémie") and "1,31 g/L" in values[0].line
    assert all(v.consistent is not False for v in values)


def test_a_pdf_without_known_values_gives_nothing():
    data = report_pdf(
        [["HEMATOLOGIE", ("Hématies", "4,5 T/L", "(4,0 - 5,5)"), ("Plaquettes", "250 G/L", "")]]
    )
    assert read_values(pdf_text(data)) == []

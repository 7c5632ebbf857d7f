"""Synthèse as a PDF a doctor scans in 30 seconds: one or two A4 pages, in the app's language (fpdf2).

Made from the same selection as the FHIR summary (domain/summary.py) and with the same words
(services/sharing/texts.py). What matters in an emergency comes first: identity, blood group, emergency
contacts, allergies, treatments; then problems, hospitalisations, vaccinations, recent results and what
is due. Long lists are cut (the newest kept) and say how many more there are, so that the summary stays
within two pages. Fonts: the built-in Helvetica, like every PDF of the app (services/pdf.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from domain.errors import N_
from domain.summary import (
    SummaryData,
    blood_group,
    by_date,
    current_pregnancy,
    current_treatments,
    due_items,
    latest_measurements,
)
from services.sharing.texts import Texts

SEX_NAMES = {"F": N_("female"), "M": N_("male")}
# Lines per list, tried in turn until the whole fits in two pages; a line is cut at MAX_CHARS.
LIMITS = (12, 8, 5, 3)
MAX_PAGES = 2
MAX_CHARS = 160
LINE = 5.2  # mm
FILL, ALERT_FILL = (230, 236, 242), (250, 220, 215)
ALLERGIES = N_("Allergies")


def _latin1(text: str) -> str:
    # The built-in PDF fonts cover Latin-1 (all French letters); anything else is replaced, not fatal.
    return text.encode("latin-1", "replace").decode("latin-1")


def summary_pdf(data: SummaryData, today: date, texts: Texts | None = None) -> bytes:
    texts = texts or Texts()
    blocks = _blocks(data, today, texts)
    for limit in LIMITS:
        pdf = _render(data, today, texts, blocks, limit)
        if pdf.page_no() <= MAX_PAGES:
            break
    return bytes(pdf.output())


def _render(
    data: SummaryData, today: date, texts: Texts, blocks: list[tuple[str, list[str]]], limit: int
) -> Any:
    from fpdf import FPDF  # imported on use: it costs 0.4 s of start-up otherwise

    pdf = FPDF(format="A4")
    pdf.set_creator("Carnet")
    pdf.set_margins(14, 12, 14)
    pdf.set_auto_page_break(True, margin=14)
    title = texts(N_("Patient summary"))
    pdf.set_title(_latin1(f"{title} - {data.profile.display_name}"))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 9, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    _identity(pdf, data, today, texts)
    for heading, lines in blocks:
        # Known allergies stand out: the one thing a doctor must not miss.
        alert = heading == ALLERGIES and bool(data.allergies)
        _block(pdf, texts(heading), lines, texts, limit, alert)
    pdf.ln(3)
    pdf.set_font("Helvetica", "I", 8)
    note = texts(
        N_(
            "Made on {day} by Carnet from the data entered in the family's health record; "
            "it has not been checked by a health professional."
        ),
        day=texts.day(today),
    )
    pdf.multi_cell(0, 4, _latin1(note), new_x="LMARGIN", new_y="NEXT")
    return pdf


def _identity(pdf: Any, data: SummaryData, today: date, texts: Texts) -> None:
    p = data.profile
    group = blood_group(data.blood_groups)
    years = (today.year - p.birth_date.year) - (
        (today.month, today.day) < (p.birth_date.month, p.birth_date.day)
    )
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 8, _latin1(p.display_name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    born = texts(
        N_("Born on {day} ({years} years), {sex}"),
        day=texts.day(p.birth_date),
        years=years,
        sex=texts(SEX_NAMES[p.sex]),
    )
    pdf.cell(0, LINE, _latin1(born), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 11)
    known = (
        texts(N_("Blood group: {group}"), group=group.label) if group else texts(N_("Blood group: not known"))
    )
    pdf.cell(0, 7, _latin1(known), new_x="LMARGIN", new_y="NEXT")


def _blocks(data: SummaryData, today: date, texts: Texts) -> list[tuple[str, list[str]]]:
    pregnancy = current_pregnancy(data.pregnancies)
    results = latest_measurements(data.measurements, vital=False)
    results += latest_measurements(data.measurements, vital=True)
    blocks = [
        (
            N_("Emergency contacts"),
            [texts.contact(c) for c in data.contacts] or [texts(N_("None recorded."))],
        ),
        (
            ALLERGIES,
            [texts.allergy(a) for a in sorted(data.allergies, key=lambda a: a.substance.casefold())]
            or [texts(N_("No allergy is recorded in Carnet."))],
        ),
        (
            N_("Current treatments"),
            [texts.treatment(t) for t in current_treatments(data.treatments, today)]
            or [texts(N_("No current treatment is recorded in Carnet."))],
        ),
        (
            N_("Health problems and history"),
            [texts.problem(c) for c in by_date(data.problems)]
            or [texts(N_("No health problem is recorded in Carnet."))],
        ),
    ]
    if pregnancy is not None:
        blocks.append(
            (N_("Pregnancy"), [texts(N_("Pregnant since {day} (last period)"), day=texts.day(pregnancy.lmp))])
        )
    optional = [
        (N_("Hospitalisations"), [texts.hospitalisation(h) for h in by_date(data.hospitalisations)]),
        (N_("Vaccinations"), [texts.immunization(i) for i in by_date(data.immunizations)]),
        (N_("Recent results"), [texts.measurement(m) for m in results]),
        (N_("What is due"), [texts.due(i) for i in due_items(data.plan, today)]),
    ]
    return blocks + [(heading, lines) for heading, lines in optional if lines]


def _block(pdf: Any, heading: str, lines: Sequence[str], texts: Texts, limit: int, alert: bool) -> None:
    pdf.ln(1.5)
    pdf.set_font("Helvetica", "B", 11)
    pdf.set_fill_color(*(ALERT_FILL if alert else FILL))
    pdf.cell(0, 6.5, _latin1(heading), fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9.5)
    shown = [line if len(line) <= MAX_CHARS else line[: MAX_CHARS - 3] + "..." for line in lines[:limit]]
    if len(lines) > limit:
        shown.append(texts(N_("... and {n} more in Carnet."), n=len(lines) - limit))
    for line in shown:
        pdf.multi_cell(0, LINE, _latin1(f"- {line}"), new_x="LMARGIN", new_y="NEXT")

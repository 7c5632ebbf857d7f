"""Small PDF documents made by the app (demo documents, summaries) with fpdf2."""

from __future__ import annotations

from collections.abc import Iterable


def latin1(text: str) -> str:
    # The built-in PDF fonts cover Latin-1 (all French letters); anything else is replaced, not fatal.
    return text.encode("latin-1", "replace").decode("latin-1")


def simple_pdf(title: str, lines: Iterable[str], footer: str = "") -> bytes:
    from fpdf import FPDF  # imported on use: it costs 0.4 s of start-up otherwise

    pdf = FPDF(format="A4")
    pdf.set_title(latin1(title))
    pdf.set_creator("Carnet")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 10, latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 7, latin1(line), new_x="LMARGIN", new_y="NEXT")
    if footer:
        pdf.ln(6)
        pdf.set_font("Helvetica", "I", 9)
        pdf.multi_cell(0, 6, latin1(footer), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())

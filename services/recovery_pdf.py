"""The recovery key on one printable page (fpdf2): the code in large fixed-width groups, and what it does.

The PDF holds the key in clear, on purpose: it is meant to be printed and the file deleted. It is made in
memory and handed to the platform's save dialog; Carnet keeps no copy.
"""

from __future__ import annotations

from collections.abc import Callable

from services.pdf import latin1

GROUPS_PER_LINE = 4


def code_lines(code: str) -> list[str]:
    """``ABCD-EFGH-...`` as lines of four groups (what the screen and the page show)."""
    groups = code.split("-")
    return ["-".join(groups[i : i + GROUPS_PER_LINE]) for i in range(0, len(groups), GROUPS_PER_LINE)]


def recovery_key_pdf(code: str, made_on: str, _: Callable[[str], str]) -> bytes:
    from fpdf import FPDF  # imported on use: it costs 0.4 s of start-up otherwise

    pdf = FPDF(format="A4")
    pdf.set_title(latin1(_("Carnet recovery key")))
    pdf.set_creator("Carnet")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 10, latin1(_("Carnet recovery key")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 7, latin1(_("Made on {day}.").format(day=made_on)), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Courier", "B", 22)
    for line in code_lines(code):
        pdf.cell(0, 14, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", size=11)
    for line in (
        _(
            "This key opens your carnet if you forget its passphrase: on the lock screen, choose "
            '"I lost my passphrase", type this key, then a new passphrase.'
        ),
        _("It also opens the backups made since it was created."),
        _(
            "Keep this sheet somewhere safe, away from the device: whoever finds it can open the "
            "carnet. Letters O, I and L may be typed as 0, 1 and 1; dashes and case do not matter."
        ),
        _("A new recovery key made in Settings replaces this one, which then stops opening the carnet."),
    ):
        pdf.multi_cell(0, 7, latin1(line), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.ln(4)
    pdf.set_font("Helvetica", "I", 10)
    pdf.multi_cell(0, 6, latin1(_("Once printed, delete this PDF file.")), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())

"""The vaccination summary a nursery, a school or an employer asks for, as a PDF (fpdf2).

It states who (name, birth date), every dose (date, vaccine, product, lot, professional) and the date
of issue. The same layout serves children and adults. Texts go through the caller's translator, so the
PDF is in the app's language (French by default).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from domain.errors import N_
from domain.models import Immunization, Profile
from services import exports, records
from services.i18n import born_on
from services.session import Session

Translate = Callable[[str], str]
COLUMNS = (  # (msgid, width in mm); A4 minus margins is 190 mm
    (N_("Date"), 24),
    (N_("Vaccine"), 62),
    (N_("Product"), 34),
    (N_("Lot"), 26),
    (N_("Professional"), 44),
)


def _latin1(text: str) -> str:
    # The built-in PDF fonts cover Latin-1 (all French letters); anything else is replaced, not fatal.
    return text.encode("latin-1", "replace").decode("latin-1")


def summary_pdf(
    profile: Profile, doses: Iterable[Immunization], today: date, _: Translate, vaccine_name: Translate
) -> bytes:
    from fpdf import FPDF  # imported on use: it costs 0.4 s of start-up otherwise

    day = _("%m/%d/%Y")
    pdf = FPDF(format="A4")
    pdf.set_creator("Carnet")
    title = _("Vaccination record")
    pdf.set_title(_latin1(title))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for line in (
        _("Name: {name}").format(name=profile.display_name),
        _(born_on(profile.sex)).format(day=profile.birth_date.strftime(day)),
    ):
        pdf.cell(0, 7, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    ordered = sorted(doses, key=lambda d: (d.on, d.vaccine))
    if not ordered:
        pdf.cell(0, 7, _latin1(_("No vaccination recorded.")), new_x="LMARGIN", new_y="NEXT")
    else:
        _table(pdf, ordered, _, vaccine_name, day)
    pdf.ln(6)
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(
        0,
        5,
        _latin1(
            _(
                "Issued on {day} by Carnet from the vaccinations recorded in the family's health record."
            ).format(day=today.strftime(day))
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())


def _table(pdf, doses: list[Immunization], _: Translate, vaccine_name: Translate, day: str) -> None:  # noqa: ANN001
    pdf.set_font("Helvetica", size=9)
    with pdf.table(col_widths=[width for _m, width in COLUMNS], text_align="LEFT", line_height=5) as table:
        header = table.row()
        for msgid, _width in COLUMNS:
            header.cell(_latin1(_(msgid)))
        for dose in doses:
            row = table.row()
            for text in (
                dose.on.strftime(day),
                vaccine_name(dose.vaccine),
                dose.product,
                dose.lot,
                dose.professional,
            ):
                row.cell(_latin1(text))


def export_summary(
    session: Session, profile: Profile, today: date, _: Translate, vaccine_name: Translate, directory: Path
) -> Path:
    """Writes the summary in the export folder ``directory`` and returns its path."""
    doses = records.list_records(session, profile.id, "immunization")
    data = summary_pdf(profile, doses, today, _, vaccine_name)
    safe_name = "".join(c if c.isalnum() else "-" for c in profile.first_name) or "profil"
    return exports.write_export(directory, f"vaccinations-{safe_name}-{today.isoformat()}.pdf", data)

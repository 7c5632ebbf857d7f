"""The vaccination pages of the paper carnet de santé as a grid: one row per vaccine, one column per age
of the 2025 French calendar (2 mois ... 11-13 ans), each cell the doses due at that age with where the
child stands: done (date, lot), booked, due now, late, to come, no longer possible.

The ages and doses come from the agenda engine (domain/agenda.py, its rules cite the Calendrier des
vaccinations 2025); the dates and lots from the vaccinations recorded. Printable to PDF (fpdf2, A4
landscape), in the app's language through the caller's translator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from domain.agenda import recommended
from domain.dose_codes import done_codes, vaccine_of
from domain.errors import N_, ValidationError
from domain.models import Immunization, Profile, completed_months
from domain.plan import AgendaItem
from domain.vaccine_doses import vaccine_key
from services import agenda, exports, records
from services.i18n import born_on
from services.pdf import latin1
from services.session import Session

# The paper booklet's rows, in its order (childhood vaccines; seasonal and adult ones stay in the list).
ROWS = ("hexa", "dtcap", "pcv", "rota", "menb", "acwy", "menc", "ror", "hpv")
LAST_MONTH = 18 * 12  # the booklet's pages end with adolescence
SKIPPED = ("catchup", "-1524")  # catch-up doses of young adults: in the list and agenda, not in the grid

Translate = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Cell:
    item: AgendaItem
    lot: str = ""  # of the dose recorded for it


@dataclass(frozen=True, slots=True)
class Booklet:
    columns: list[int]  # the age of each column in months (2, 3, ... 11, 12, 16, 72, 132)
    rows: list[tuple[str, dict[int, list[Cell]]]]  # vaccine code -> {column: its doses}


def column_of(months: int) -> int:
    """A column per month until 2 years, then per year (11 and 11.5 years share "11 ans")."""
    return months if months < 24 else months // 12 * 12


def booklet(session: Session, profile: Profile, today: date) -> Booklet:
    doses = records.list_records(session, profile.id, "immunization")
    return booklet_of(profile, agenda.plan(session, profile, today), doses)


def booklet_of(profile: Profile, plan: list[AgendaItem], doses: list[Immunization]) -> Booklet:
    """The grid of ``plan`` (the person's agenda), each dose placed at its NOMINAL age (the calendar's),
    even when a late previous dose moved its window."""
    nominal = {
        item.code: completed_months(profile.birth_date, item.window_start)
        for item in recommended(profile.birth_date, profile.sex, profile.birth_date)
    }
    lots = _lots(profile, doses)
    grid: dict[str, dict[int, list[Cell]]] = {vaccine: {} for vaccine in ROWS}
    for item in plan:
        vaccine = _vaccine(item)
        months = nominal.get(item.code, completed_months(profile.birth_date, item.window_start))
        if vaccine not in grid or months >= LAST_MONTH or any(s in item.code for s in SKIPPED):
            continue
        cell = Cell(item, lots.get((item.code, item.done_on)) or "")
        grid[vaccine].setdefault(column_of(months), []).append(cell)
    columns = sorted({column for cells in grid.values() for column in cells})
    return Booklet(columns, [(vaccine, cells) for vaccine, cells in grid.items() if cells])


def _vaccine(item: AgendaItem) -> str:
    return _vaccine_of(item.code) if item.kind == "vaccination" else ""


def _vaccine_of(code: str) -> str:
    try:
        return vaccine_of(code)
    except ValidationError:  # a calendar code with no single vaccine (none in the booklet's rows)
        return ""


def _lots(profile: Profile, doses: list[Immunization]) -> dict[tuple[str, date | None], str]:
    """(dose code, date) -> the lot of the dose of that vaccine recorded that day."""
    lot_of = {(dose.on, vaccine_key(dose.vaccine)): dose.lot for dose in doses}
    return {
        (code, day): lot_of.get((day, _vaccine_of(code)), "")
        for code, day in done_codes(doses, profile.birth_date)
    }


# -- PDF ------------------------------------------------------------------------------------------------
CELL_WORDS = {
    "done": N_("done"),
    "scheduled": N_("booked"),
    "to_schedule": N_("due now"),
    "overdue": N_("late"),
    "catch_up": N_("to catch up"),
    "upcoming": N_("to come"),
    "expired": N_("not possible"),
}


def cell_lines(cell: Cell, _: Translate) -> list[str]:
    """What a cell says, in words (the PDF is printed in black and white): "fait 01/12/2025", "lot X"."""
    day = _("%m/%d/%Y")
    item = cell.item
    if item.status == "done" and item.done_on is not None:
        lines = [_("done {day}").format(day=item.done_on.strftime(day))]
        return lines + ([_("lot {lot}").format(lot=cell.lot)] if cell.lot else [])
    if item.status == "scheduled" and item.scheduled_on is not None:
        return [_("booked {day}").format(day=item.scheduled_on.strftime(day))]
    return [_(CELL_WORDS[item.status])]


def booklet_pdf(
    profile: Profile,
    grid: Booklet,
    today: date,
    _: Translate,
    row_name: Translate,
    age_name: Callable[[int], str],
) -> bytes:
    from fpdf import FPDF  # imported on use: it costs 0.4 s of start-up otherwise

    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_creator("Carnet")
    title = _("Vaccination booklet")
    pdf.set_title(latin1(title))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 9, latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    born = _(born_on(profile.sex)).format(day=profile.birth_date.strftime(_("%m/%d/%Y")))
    pdf.cell(0, 6, latin1(f"{profile.display_name} - {born}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    first = 52.0
    rest = (277.0 - first) / max(len(grid.columns), 1)  # A4 landscape minus margins: 277 mm
    pdf.set_font("Helvetica", size=7)
    with pdf.table(
        col_widths=[first] + [rest] * len(grid.columns), text_align="CENTER", line_height=3.6
    ) as table:
        header = table.row()
        header.cell(latin1(_("Vaccine")))
        for column in grid.columns:
            header.cell(latin1(age_name(column)))
        for vaccine, cells in grid.rows:
            row = table.row()
            row.cell(latin1(row_name(vaccine)), align="LEFT")
            for column in grid.columns:
                lines = [line for cell in cells.get(column, []) for line in cell_lines(cell, _)]
                row.cell(latin1("\n".join(lines)))
    pdf.ln(4)
    pdf.set_font("Helvetica", "I", 8)
    footer = _("Issued on {day} by Carnet from the vaccinations recorded; calendar of the vaccinations 2025.")
    pdf.multi_cell(
        0, 4, latin1(footer.format(day=today.strftime(_("%m/%d/%Y")))), new_x="LMARGIN", new_y="NEXT"
    )
    return bytes(pdf.output())


def export_booklet(
    session: Session,
    profile: Profile,
    today: date,
    _: Translate,
    row_name: Translate,
    age_name: Callable[[int], str],
    directory: Path,
) -> Path:
    data = booklet_pdf(profile, booklet(session, profile, today), today, _, row_name, age_name)
    safe_name = "".join(c if c.isalnum() else "-" for c in profile.first_name) or "profil"
    return exports.write_export(directory, f"carnet-vaccinations-{safe_name}-{today.isoformat()}.pdf", data)

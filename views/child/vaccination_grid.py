"""The vaccination booklet as the paper carnet shows it: vaccines x ages, each cell the dose's status in
words, colour and icon, with its date and lot; scrolls sideways on a phone, prints to PDF."""

from __future__ import annotations

import flet as ft

from components.labelled import labelled
from components.status_badge import STYLES
from domain.errors import N_
from domain.models import Profile
from services import vaccination_booklet
from services.vaccination_booklet import Booklet, Cell
from views.context import ViewContext
from views.formats import months_words
from views.labels import date_text

# Short row names, as the paper booklet heads its rows.
ROW_NAMES = {
    "hexa": N_("DTaP-IPV-Hib-HepB"),
    "dtcap": N_("DTaP-IPV boosters"),
    "pcv": N_("Pneumococcus"),
    "rota": N_("Rotavirus"),
    "menb": N_("Meningococcus B"),
    "acwy": N_("Meningococcus ACWY"),
    "menc": N_("Meningococcus C"),
    "ror": N_("MMR (measles, mumps, rubella)"),
    "hpv": N_("Papillomavirus (HPV)"),
}
NAME_WIDTH, CELL_WIDTH, CELL_HEIGHT, HEADER_HEIGHT = 120, 104, 76, 40


def age_name(ctx: ViewContext, months: int) -> str:
    return months_words(months, ctx.state.language)


def cell_words(ctx: ViewContext, cell: Cell) -> list[str]:
    _, item = ctx._, cell.item
    if item.status == "done" and item.done_on is not None:
        return [
            _("Done"),
            date_text(item.done_on, _),
            *([_("lot {lot}").format(lot=cell.lot)] if cell.lot else []),
        ]
    if item.status == "scheduled" and item.scheduled_on is not None:
        return [_("Scheduled"), date_text(item.scheduled_on, _)]
    words = {
        "to_schedule": N_("Due now"),
        "overdue": N_("Late"),
        "catch_up": N_("To catch up"),
        "upcoming": N_("To come"),
        "expired": N_("Not possible"),
    }
    return [_(words[item.status])]


def _box(
    control: ft.Control | None, width: int, background: str | None = None, height: int = CELL_HEIGHT
) -> ft.Container:
    return ft.Container(
        content=control,
        width=width,
        height=height,
        padding=4,
        bgcolor=background,
        border=ft.Border.all(0.5, ft.Colors.OUTLINE_VARIANT),
        alignment=ft.Alignment.CENTER_LEFT,
    )


def _cell(ctx: ViewContext, vaccine: str, months: int, cells: list[Cell]) -> ft.Control:
    if not cells:
        return _box(None, CELL_WIDTH)
    parts: list[ft.Control] = []
    spoken: list[str] = []
    for cell in cells:
        icon, colour, _background = STYLES[cell.item.status]
        words = cell_words(ctx, cell)
        parts.append(
            ft.Row(
                [ft.Icon(icon, color=colour, size=14), ft.Text("\n".join(words), color=colour, size=11)],
                spacing=2,
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
        )
        spoken.append(", ".join(words))
    background = STYLES[cells[0].item.status][2]
    label = f"{ctx._(ROW_NAMES[vaccine])}, {age_name(ctx, months)}: {'; '.join(spoken)}"
    box = _box(ft.Column(parts, spacing=2, tight=True), CELL_WIDTH, background)
    return ft.Semantics(content=box, label=label, identifier=f"grid-{vaccine}-{months}", container=True)


def grid(ctx: ViewContext, booklet: Booklet) -> ft.Control:
    """The vaccine names in a column that stays in place, beside the ages that scroll sideways on a
    phone: every row has the same height on both sides, so a name stays level with its cells."""
    _ = ctx._
    names = ft.Column(
        [
            _box(ft.Text(_("Vaccine"), weight=ft.FontWeight.BOLD, size=12), NAME_WIDTH, height=HEADER_HEIGHT),
            *(
                _box(ft.Text(_(ROW_NAMES[vaccine]), size=12, weight=ft.FontWeight.W_500), NAME_WIDTH)
                for vaccine, _cells in booklet.rows
            ),
        ],
        spacing=0,
    )
    header = ft.Row(
        [
            _box(
                ft.Text(age_name(ctx, m), weight=ft.FontWeight.BOLD, size=12),
                CELL_WIDTH,
                height=HEADER_HEIGHT,
            )
            for m in booklet.columns
        ],
        spacing=0,
    )
    rows = [
        ft.Row([_cell(ctx, vaccine, m, cells.get(m, [])) for m in booklet.columns], spacing=0)
        for vaccine, cells in booklet.rows
    ]
    ages = ft.Row([ft.Column([header, *rows], spacing=0)], scroll=ft.ScrollMode.AUTO, expand=True)
    return ft.Semantics(
        content=ft.Row(
            [
                # its own node: the names are read one by one, not folded into the grid's label
                ft.Semantics(content=names, identifier="vaccination-grid-names", container=True),
                ages,
            ],
            spacing=0,
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
        label=_("Vaccination booklet"),
        identifier="vaccination-grid",
        container=True,
    )


def build(ctx: ViewContext, profile: Profile) -> ft.Control:
    _, state = ctx._, ctx.state
    booklet = vaccination_booklet.booklet(state.session, profile, state.today())
    export = labelled(
        ft.OutlinedButton(
            _("Print the booklet (PDF)"), icon=ft.Icons.PRINT, on_click=lambda e: export_pdf(ctx, profile)
        ),
        _("Print the booklet (PDF)"),
        "vaccination-booklet-pdf",
    )
    hint = ft.Text(_("Swipe sideways to see every age."), size=12, italic=True)
    return ft.Column([hint, grid(ctx, booklet), export], spacing=8)


def export_pdf(ctx: ViewContext, profile: Profile) -> None:
    _, state = ctx._, ctx.state
    paths = []
    ok = ctx.act(
        lambda: paths.append(
            vaccination_booklet.export_booklet(
                state.session,
                profile,
                state.today(),
                _,
                lambda code: _(ROW_NAMES[code]),
                lambda months: age_name(ctx, months),
                state.export_dir,
            )
        )
    )
    if ok:
        ctx.host.toast(_("Vaccination booklet saved: {path}").format(path=str(paths[0])))

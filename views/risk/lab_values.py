"""Values read from a biology report, with consent for each document: the person first agrees that
Carnet reads that report (on this device, nothing leaves it); then each value found is shown next to the
line it came from, and saved only when the person confirms it."""

from __future__ import annotations

import contextlib

import flet as ft

from components.labelled import labelled
from domain.errors import N_, CarnetError
from domain.labreport import LabValue
from domain.models import Document
from domain.units import units_for
from services import lab_values
from views.context import ViewContext
from views.labels import MEASUREMENT_NAMES, date_text, measurement_text

CONSENT = N_(
    "Carnet will read the text of \u201c{title}\u201d on this device and propose the values it finds "
    "(glucose, HbA1c, cholesterol, creatinine, eGFR...). Nothing is saved until you confirm each value, "
    "and nothing leaves this device."
)
SHOWN = 5


def section(ctx: ViewContext, profile_id: str) -> ft.Control:
    _ = ctx._
    docs = lab_values.lab_documents(ctx.state.session, profile_id)[:SHOWN]
    body: list[ft.Control] = []
    for d in docs:
        body.append(ft.Text(f"{d.title} ({date_text(d.on, _)})"))
        body.append(
            labelled(
                ft.OutlinedButton(
                    _("Read the values"), on_click=lambda e, d=d: ask_consent(ctx, profile_id, d)
                ),
                _("Read the values of {title}").format(title=d.title),
                f"lab-read-{d.id}",
            )
        )
    if not docs:
        body.append(ft.Text(_("No biology report (PDF) in your records yet."), italic=True))
    return ft.Card(
        content=ft.Container(
            padding=12,
            content=ft.Column(
                [ft.Text(_("Values from lab reports"), weight=ft.FontWeight.BOLD, size=16), *body], spacing=8
            ),
        )
    )


def ask_consent(ctx: ViewContext, profile_id: str, document: Document) -> None:
    _ = ctx._

    def agreed() -> None:
        ctx.host.close_dialog()
        found: list[list[LabValue]] = []
        if ctx.act(lambda: found.append(lab_values.propose(ctx.state.session, profile_id, document))):
            show_values(ctx, profile_id, document, found[0])

    ctx.host.show_dialog(
        ft.AlertDialog(
            modal=True,
            title=ft.Text(_("Read this report?")),
            content=ft.Text(_(CONSENT).format(title=document.title)),
            actions=[
                labelled(
                    ft.TextButton(_("Cancel"), on_click=lambda e: ctx.host.close_dialog()),
                    _("Cancel"),
                    "lab-no",
                ),
                labelled(ft.FilledButton(_("I agree"), on_click=lambda e: agreed()), _("I agree"), "lab-yes"),
            ],
        )
    )


def value_text(ctx: ViewContext, v: LabValue) -> str:
    """ "LDL cholesterol: 1,32 g/L (13/11/2026)"; the value as printed when its unit is another."""
    _ = ctx._
    stored = measurement_text(v.kind, v.canonical, _)
    printed = f"{v.comparator}{v.value:g} {v.unit}".replace(
        ".", "," if _("decimal-separator") == "," else "."
    )
    day = date_text(v.on, _) if v.on else ""
    same = v.unit == units_for(v.kind)[0] and not v.comparator  # printed in the unit Carnet stores
    details = [part for part in ("" if same else printed, day) if part]
    return f"{stored} ({'; '.join(details)})" if details else stored


def show_values(
    ctx: ViewContext, profile_id: str, document: Document, values: list[LabValue]
) -> ft.AlertDialog:
    _ = ctx._
    rows: list[ft.Control] = []
    for index, v in enumerate(values):
        status = ft.Text("")
        confirm = ft.FilledButton(_("Confirm"))
        ignore = ft.TextButton(_("Ignore"))
        confirm.on_click = lambda e, v=v, s=status, c=confirm, i=ignore: _confirm(ctx, profile_id, v, s, c, i)
        ignore.on_click = lambda e, s=status, c=confirm, i=ignore: _ignore(ctx, s, c, i)
        rows.append(
            ft.Container(
                padding=8,
                border=ft.Border.all(1, ft.Colors.GREY_300),
                border_radius=6,
                content=ft.Column(
                    [
                        ft.Text(
                            _("Line {n} of the report:").format(n=v.line_number),
                            size=12,
                            color=ft.Colors.ON_SURFACE_VARIANT,
                        ),
                        ft.Text(v.line, font_family="monospace", size=13, selectable=True),
                        ft.Text(
                            _("Proposed: {value}").format(value=value_text(ctx, v)), weight=ft.FontWeight.BOLD
                        ),
                        ft.Row(
                            [
                                labelled(
                                    confirm,
                                    _("Confirm: {what}").format(what=_(MEASUREMENT_NAMES[v.kind])),
                                    f"lab-confirm-{index}",
                                ),
                                labelled(
                                    ignore,
                                    _("Ignore: {what}").format(what=_(MEASUREMENT_NAMES[v.kind])),
                                    f"lab-ignore-{index}",
                                ),
                                status,
                            ],
                            wrap=True,
                        ),
                    ],
                    spacing=4,
                ),
            )
        )
    if not values:
        rows.append(ft.Text(_("No value Carnet can keep was found in this report.")))
    dialog = ft.AlertDialog(
        modal=True,
        title=ft.Text(_("Values found in \u201c{title}\u201d").format(title=document.title)),
        content=ft.Column(rows, tight=True, scroll=ft.ScrollMode.AUTO, width=520, spacing=8),
        actions=[
            labelled(
                ft.TextButton(_("Close"), on_click=lambda e: _close(ctx)),
                _("Close"),
                "lab-close",
            )
        ],
    )
    ctx.host.show_dialog(dialog)
    return dialog


def _close(ctx: ViewContext) -> None:
    ctx.host.close_dialog()
    ctx.state.notify()  # the measurements confirmed now show


def _confirm(
    ctx: ViewContext, profile_id: str, v: LabValue, status: ft.Text, confirm: ft.Control, ignore: ft.Control
) -> None:
    state = ctx.state
    state.touch()
    try:
        lab_values.confirm(state.session, profile_id, v, state.today())
    except CarnetError as exc:  # said beside the value refused, in the dialog: never behind it
        status.value, status.color = exc.render(ctx._), ft.Colors.ERROR
        with contextlib.suppress(RuntimeError):  # not on a page (a client-less test)
            status.update()
        return
    status.color = None
    _settle(ctx._("Saved."), status, confirm, ignore)


def _ignore(ctx: ViewContext, status: ft.Text, confirm: ft.Control, ignore: ft.Control) -> None:
    _settle(ctx._("Not saved."), status, confirm, ignore)


def _settle(text: str, status: ft.Text, confirm: ft.Control, ignore: ft.Control) -> None:
    status.value = text
    confirm.disabled = ignore.disabled = True
    for control in (status, confirm, ignore):
        with contextlib.suppress(RuntimeError):  # not on a page (a client-less test)
            control.update()

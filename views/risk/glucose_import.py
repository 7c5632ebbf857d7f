"""Glucose import: a CSV export of a meter or a sensor app, read, shown before anything is saved (how many
new readings, from when to when, duplicates and skipped lines with their reason), its columns chosen by
hand when Carnet does not recognise them, that choice kept for the next file of the same source; or a
FHIR JSON file of glucose Observations."""

from __future__ import annotations

import contextlib
import dataclasses

import flet as ft

from components.form_errors import FieldForm
from components.labelled import described, labelled
from domain.errors import CarnetError
from domain.glucose_csv import UNITS, ColumnMapping, ImportPreview
from services import glucose
from views.context import ViewContext
from views.files import Picked
from views.labels import date_text

NONE = "-"


def _bytes(picked: Picked) -> bytes:
    if picked.data is not None:
        return picked.data
    return picked.path.read_bytes() if picked.path is not None else b""


async def pick_csv(ctx: ViewContext, profile_id: str) -> None:
    picked = await ctx.host.files.pick(ctx._("Choose a glucose export (CSV)"))
    if picked is not None:
        open_csv(ctx, profile_id, _bytes(picked))


async def pick_fhir(ctx: ViewContext, profile_id: str) -> None:
    _, state = ctx._, ctx.state
    picked = await ctx.host.files.pick(_("Choose a FHIR file (JSON)"))
    if picked is None:
        return
    counts: dict[str, int] = {}
    if ctx.act(
        lambda: counts.update(glucose.import_fhir(state.session, profile_id, _bytes(picked), state.today()))
    ):
        ctx.host.toast(
            _("Added: {added}; already there: {duplicates}; other entries left aside: {left_aside}.").format(
                **counts
            )
        )
        state.notify()


def open_csv(ctx: ViewContext, profile_id: str, data: bytes) -> ft.AlertDialog | None:
    """The preview dialog of an export (nothing saved before "Import")."""
    _ = ctx._
    try:
        text = glucose.decode(data)
        header = glucose.header_of(text)
    except CarnetError as exc:
        ctx.host.toast(exc.render(_))
        return None
    dialog = ImportDialog(ctx, profile_id, text, header)
    ctx.host.show_dialog(dialog.control)
    return dialog.control


class ImportDialog:
    """Its column drop-downs start from the mapping kept for the source, else Carnet's guess."""

    def __init__(self, ctx: ViewContext, profile_id: str, text: str, header: list[str]) -> None:
        self.ctx, self.profile_id, self.text, self.header = ctx, profile_id, text, header
        _ = ctx._
        self.shown: ImportPreview | None = None
        self.summary = ft.Column(spacing=4)
        options = [ft.DropdownOption(key=name, text=name) for name in header]
        self.stamp = ft.Dropdown(label=_("Date (and time) column"), options=options, on_select=self.refresh)
        self.time = ft.Dropdown(
            label=_("Time column, if apart"),
            options=[ft.DropdownOption(key=NONE, text=_("None")), *options],
            value=NONE,
            on_select=self.refresh,
        )
        self.value = ft.Dropdown(label=_("Glucose column"), options=options, on_select=self.refresh)
        self.unit = ft.Dropdown(
            label=_("Unit"),
            options=[
                ft.DropdownOption(key=NONE, text=_("Detect")),
                *(ft.DropdownOption(key=u, text=u) for u in UNITS),
            ],
            value=NONE,
            on_select=self.refresh,
        )
        self.save_button = ft.FilledButton(_("Import"), on_click=lambda e: self.save())
        # a refusal at import (a reading dated in the future...) is said in the dialog, never behind it
        columns = {"stamp": self.stamp, "time": self.time, "value": self.value, "unit": self.unit}
        self.form = FieldForm(columns, "glucose-import")
        self.control = ft.AlertDialog(
            modal=True,
            title=ft.Text(_("Import glucose readings")),
            content=ft.Column(
                [
                    self.form.error,
                    described(self.stamp, "glucose-column-stamp"),
                    described(self.time, "glucose-column-time"),
                    described(self.value, "glucose-column-value"),
                    described(self.unit, "glucose-column-unit"),
                    self.summary,
                ],
                tight=True,
                scroll=ft.ScrollMode.AUTO,
                width=420,
            ),
            actions=[
                labelled(
                    ft.TextButton(_("Cancel"), on_click=lambda e: ctx.host.close_dialog()),
                    _("Cancel"),
                    "glucose-cancel",
                ),
                labelled(self.save_button, _("Import"), "glucose-import"),
            ],
        )
        self.first_preview()

    def mapping(self) -> ColumnMapping | None:
        if not self.stamp.value or not self.value.value:
            return None
        base = self.shown.mapping if self.shown is not None and self.shown.mapping is not None else None
        chosen = ColumnMapping(
            timestamp=str(self.stamp.value),
            value=str(self.value.value),
            time="" if self.time.value in (None, NONE) else str(self.time.value),
            unit="" if self.unit.value in (None, NONE) else str(self.unit.value),
        )
        if base is not None and (base.timestamp, base.value) == (chosen.timestamp, chosen.value):
            return dataclasses.replace(base, time=chosen.time, unit=chosen.unit or base.unit)
        return chosen

    def first_preview(self) -> None:
        try:
            self.shown = glucose.preview_csv(self.ctx.state.session, self.profile_id, self.text)
        except CarnetError as exc:
            self.show_refusal(exc)
            return
        found = self.shown.mapping
        if found is not None:
            self.stamp.value, self.value.value = found.timestamp, found.value
            self.time.value = found.time or NONE
            self.unit.value = found.unit or NONE
        self.show()

    def refresh(self, e: object = None) -> None:
        chosen = self.mapping()
        if chosen is None:
            return
        try:
            self.shown = glucose.preview_csv(self.ctx.state.session, self.profile_id, self.text, chosen)
        except CarnetError as exc:
            self.show_refusal(exc)
            return
        self.show()

    def show_refusal(self, exc: CarnetError) -> None:
        _ = self.ctx._
        self.shown = None
        self.summary.controls = [
            ft.Text(exc.render(_), color=ft.Colors.ERROR),
            ft.Text(_("Choose the date and glucose columns above.")),
        ]
        self.save_button.disabled = True
        self._update()

    def show(self) -> None:
        _ = self.ctx._
        shown = self.shown
        assert shown is not None
        lines: list[ft.Control] = []
        if shown.readings:
            lines.append(
                ft.Text(
                    _("New readings: {n}, from {first} to {last}, read in {unit}.").format(
                        n=len(shown.readings),
                        first=date_text(shown.readings[0].at.date(), _),
                        last=date_text(shown.readings[-1].at.date(), _),
                        unit=shown.unit,
                    ),
                    weight=ft.FontWeight.BOLD,
                )
            )
            for r in shown.readings[:3]:
                lines.append(ft.Text(f"{date_text(r.at.date(), _)} {r.at:%H:%M}  {r.mg_dl:g} mg/dL", size=13))
        else:
            lines.append(ft.Text(_("No new reading in this file."), weight=ft.FontWeight.BOLD))
        lines.append(ft.Text(_("Already recorded (skipped): {n}.").format(n=shown.duplicates)))
        for line, reason in shown.skipped[:3]:
            lines.append(
                ft.Text(_("Line {line} left aside: {reason}").format(line=line, reason=_(reason)), size=13)
            )
        if len(shown.skipped) > 3:
            lines.append(ft.Text(_("Other lines left aside: {n}.").format(n=len(shown.skipped) - 3), size=13))
        self.summary.controls = lines
        self.save_button.disabled = not shown.readings
        self._update()

    def _update(self) -> None:
        with contextlib.suppress(RuntimeError):  # not on a page yet (built before it is shown, or a test)
            self.control.update()

    def save(self) -> None:
        state = self.ctx.state
        shown: list[ImportPreview] = []
        self.ctx.submit(
            lambda: shown.append(
                glucose.import_csv(state.session, self.profile_id, self.text, state.today(), self.mapping())
            ),
            after=lambda: self.done(shown[0]),
            form=self.form,
        )

    def done(self, shown: ImportPreview) -> None:
        self.ctx.host.toast(self.ctx._("Readings imported: {n}.").format(n=len(shown.readings)))
        self.ctx.state.notify()

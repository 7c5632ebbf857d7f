"""The exams tab: the 20 mandatory exams with their status, and the three health certificates."""

from __future__ import annotations

from datetime import timedelta

import flet as ft

from components.form_dialog import FormDialog
from components.labelled import labelled
from components.section_card import SectionCard
from domain.models import Profile, parse_day
from services import child_exams
from services.child_exams import CERTIFICATES, ExamRow
from views.context import ViewContext
from views.labels import STATUS_INLINE, date_text


def build(ctx: ViewContext, child: Profile) -> ft.Control:
    _, state = ctx._, ctx.state
    rows = child_exams.exam_rows(state.session, child, state.today())
    found = child_exams.certificates(state.session, child)
    certificate_lines: list[ft.Control] = []
    for key, (msgid, _months) in CERTIFICATES.items():
        document = found.get(key)
        if document is not None:
            text = _("{title} - {day}").format(title=_(msgid), day=date_text(document.on, _))
            certificate_lines.append(
                ft.Semantics(content=ft.Text(text), label=text, identifier=f"cert-{key}")
            )
        else:
            certificate_lines.append(
                labelled(
                    ft.TextButton(
                        _("Record: {title}").format(title=_(msgid)),
                        icon=ft.Icons.NOTE_ADD,
                        on_click=lambda e, k=key: open_certificate_form(ctx, child, k),
                    ),
                    _("Record: {title}").format(title=_(msgid)),
                    f"cert-add-{key}",
                )
            )
    return ft.Column(
        [
            SectionCard(title=_("Mandatory exams"), lines=[_exam_line(ctx, child, row) for row in rows]),
            SectionCard(title=_("Health certificates"), lines=certificate_lines),
        ],
        spacing=10,
    )


def _exam_line(ctx: ViewContext, child: Profile, row: ExamRow) -> ft.Control:
    _, item = ctx._, row.item
    if row.record is not None:
        details = [date_text(row.record.on, _), row.record.professional, row.record.note]
        status = _("done on {details}").format(details=" - ".join(d for d in details if d))
    elif item.done_on is not None:
        status = _("done on {details}").format(details=date_text(item.done_on, _))
    else:
        status = _("{status}, from {start} to {end}").format(
            status=_(STATUS_INLINE[item.status]),
            start=date_text(item.window_start, _),
            end=date_text(item.window_end - timedelta(days=1), _),
        )
    tile = ft.ListTile(title=ft.Text(_(item.label)), subtitle=ft.Text(status), dense=True)
    if item.status != "done" and row.record is None:
        tile.trailing = labelled(
            ft.IconButton(ft.Icons.CHECK, on_click=lambda e: open_exam_form(ctx, child, row)),
            _("Mark as done"),
            f"exam-done-{item.code}",
        )
    return ft.Semantics(content=tile, identifier=f"exam-{item.code}", container=True)


def open_exam_form(ctx: ViewContext, child: Profile, row: ExamRow) -> FormDialog:
    _, state = ctx._, ctx.state

    def save(values: dict[str, str]) -> None:
        child_exams.mark_exam_done(
            state.session,
            child,
            state.today(),
            row.item.code,
            parse_day(values["on"]),
            values["professional"],
            values["note"],
        )

    form = FormDialog(
        heading=_(row.item.label),
        fields=[
            ("on", _("Date (DD/MM/YYYY)"), state.today().strftime("%d/%m/%Y")),
            ("professional", _("Professional"), ""),
            ("note", _("Notes"), ""),
        ],
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
        identifier="exam",
    )
    return ctx.form(form, save, _("Exam recorded."))


def open_certificate_form(ctx: ViewContext, child: Profile, key: str) -> FormDialog:
    _, state = ctx._, ctx.state

    def save(values: dict[str, str]) -> None:
        done = ctx.act(
            lambda: child_exams.add_certificate(
                state.session,
                child,
                state.today(),
                key,
                parse_day(values["on"]),
                values["author"],
                values["note"],
                _,
            ),
            _("Certificate recorded."),
        )
        if done:
            ctx.host.close_dialog()
            state.notify()

    form = FormDialog(
        heading=_(CERTIFICATES[key][0]),
        fields=[("on", _("Date (DD/MM/YYYY)"), ""), ("author", _("Doctor"), ""), ("note", _("Notes"), "")],
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
        identifier="cert",
        on_confirm=save,
        on_cancel=ctx.host.close_dialog,
    )
    ctx.host.show_dialog(form)
    return form

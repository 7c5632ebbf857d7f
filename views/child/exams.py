"""The exams tab: the 20 mandatory exams with their status, and the three health certificates."""

from __future__ import annotations

import flet as ft

from components.form_dialog import FormDialog
from components.labelled import labelled
from components.section_card import SectionCard
from components.status_badge import status_badge
from domain.models import Profile
from services import child_exams
from services.child_exams import CERTIFICATES, ExamRow
from views.context import ViewContext
from views.formats import day_field, day_pattern, window_text
from views.forms import FormValues, on_field
from views.labels import STATUS_NAMES, date_text


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
    """The exam, its window (the same words as the Agenda's), its status as text, colour and icon, and a
    "Mark as done" button in words (a bare check mark read as "done" on the exams not done yet)."""
    _, item = ctx._, row.item
    lines: list[ft.Control] = [ft.Text(window_text(item, _))]
    if row.record is not None:
        details = [row.record.professional, row.record.note]
        status = _("Done on {day}").format(day=date_text(row.record.on, _))
        lines += [ft.Text(" - ".join(d for d in details if d))] if any(details) else []
    elif item.done_on is not None:
        status = _("Done on {day}").format(day=date_text(item.done_on, _))
    elif item.status == "scheduled" and item.scheduled_on is not None:
        status = _("Scheduled on {day}").format(day=date_text(item.scheduled_on, _))
    else:
        status = _(STATUS_NAMES[item.status])
    state = "done" if row.record is not None else item.status
    lines.append(status_badge(state, status))
    if state != "done":
        lines.append(
            labelled(
                ft.TextButton(
                    _("Mark as done"), icon=ft.Icons.CHECK, on_click=lambda e: open_exam_form(ctx, child, row)
                ),
                _("Mark as done: {item}").format(item=_(item.label)),
                f"exam-done-{item.code}",
            )
        )
    tile = ft.ListTile(
        title=ft.Text(_(item.label)), subtitle=ft.Column(lines, spacing=2, tight=True), dense=True
    )
    return ft.Semantics(content=tile, identifier=f"exam-{item.code}", container=True)


def open_exam_form(ctx: ViewContext, child: Profile, row: ExamRow) -> FormDialog:
    _, state = ctx._, ctx.state

    def save(values: FormValues) -> None:
        with on_field(dated="on"):  # a day in the future, before the birth
            child_exams.mark_exam_done(
                state.session,
                child,
                state.today(),
                row.item.code,
                values.day("on"),
                values["professional"],
                values["note"],
            )

    form = FormDialog(
        heading=_(row.item.label),
        fields=[
            ("on", _("Date ({pattern})").format(pattern=day_pattern(_)), day_field(state.today(), _)),
            ("professional", _("Professional"), ""),
            ("note", _("Notes"), ""),
        ],
        kinds={"on": "date"},
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
        identifier="exam",
    )
    return ctx.form(form, save, _("Exam recorded."))


def open_certificate_form(ctx: ViewContext, child: Profile, key: str) -> FormDialog:
    _, state = ctx._, ctx.state

    def save(values: FormValues) -> None:
        with on_field(dated="on"):  # a day that does not fit the child's age
            child_exams.add_certificate(
                state.session,
                child,
                state.today(),
                key,
                values.day("on"),
                values["author"],
                values["note"],
                _,
            )

    form = FormDialog(
        heading=_(CERTIFICATES[key][0]),
        fields=[
            ("on", _("Date ({pattern})").format(pattern=day_pattern(_)), ""),
            ("author", _("Doctor"), ""),
            ("note", _("Notes"), ""),
        ],
        kinds={"on": "date"},
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
        identifier="cert",
    )
    return ctx.form(form, save, _("Certificate recorded."))

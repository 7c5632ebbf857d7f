"""The month-by-month timeline of a pregnancy and its folder of documents."""

from __future__ import annotations

import flet as ft

from components.labelled import labelled, one_node
from components.section_card import SectionCard
from domain.models import Pregnancy, Profile
from services import agenda
from services import pregnancy as follow_up
from services.pregnancy import AFTER_BIRTH
from views.agenda import detail
from views.context import ViewContext
from views.documents import add as dossier_add
from views.labels import DOCUMENT_TYPE_NAMES, STATUS_INLINE, date_text


def timeline(ctx: ViewContext, profile: Profile, pregnancy: Pregnancy) -> ft.Control:
    """Each item opens the agenda's detail: book it, mark it done, set its reminders."""
    _ = ctx._
    sections: list[ft.Control] = []
    done, scheduled = agenda.marks(ctx.state.session, profile)
    for month in follow_up.timeline(pregnancy, ctx.state.today(), done, scheduled):
        heading = (
            _("After the birth")
            if month.number == AFTER_BIRTH
            else _("Month {n} (from {day})").format(n=month.number, day=date_text(month.start, _))
        )
        lines = [
            one_node(
                ft.TextButton(
                    _("{label}: {status}, from {start} to {end}").format(
                        label=_(item.label),
                        status=_(STATUS_INLINE[item.status]),
                        start=date_text(item.window_start, _),
                        end=date_text(item.last_day, _),
                    ),
                    on_click=lambda e, item=item: detail.open_detail(ctx, profile, item),
                ),
                f"preg-item-{item.code}",
            )
            for item in month.items
        ]
        sections.append(
            ft.Semantics(
                content=ft.Column([ft.Text(heading, weight=ft.FontWeight.BOLD), *lines], spacing=2),
                identifier=f"preg-month-{month.number}",
                container=True,
            )
        )
    return SectionCard(title=_("Month by month"), lines=sections)


def folder(ctx: ViewContext, profile: Profile, pregnancy: Pregnancy) -> ft.Control:
    _ = ctx._
    documents = follow_up.documents(ctx.state.session, profile.id, pregnancy)
    lines: list[ft.Control] = [
        ft.Text(f"{d.title} - {_(DOCUMENT_TYPE_NAMES.get(d.type_code, d.type_code))} ({date_text(d.on, _)})")
        for d in documents
    ]
    if pregnancy.closed_on is None:  # the current follow-up takes new documents straight into its folder
        lines.append(
            labelled(
                ft.TextButton(
                    _("Add a document to this pregnancy"),
                    icon=ft.Icons.UPLOAD_FILE,
                    on_click=dossier_add.pick_and_add(ctx, folder=pregnancy.id),
                ),
                _("Add a document to this pregnancy"),
                f"preg-add-document-{pregnancy.id}",
            )
        )
    return ft.Semantics(
        content=SectionCard(
            title=_("Documents of this pregnancy"),
            lines=lines,
            empty_text=_("No document in this folder yet."),
        ),
        identifier=f"preg-folder-{pregnancy.id}",
        container=True,
    )

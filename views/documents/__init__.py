"""Dossier: the profile's documents. Sorted by date or type, filtered, searched; preview, open, save a
copy, mask, delete with a 10-second undo. Every read and change goes through services.documents, which
writes the access history."""

from __future__ import annotations

from typing import Any

import flet as ft

from components.confirm_dialog import ConfirmDialog
from components.document_card import DocumentCard
from components.labelled import labelled
from domain.models import DOCUMENT_TYPES, Document
from services import documents
from views.context import ViewContext
from views.documents import history as access_history
from views.documents.add import ORIGIN_NAMES, pick_and_add
from views.documents.filters import PAGE, Filters, chip_row, filtered, filters_of, set_filter
from views.files import DESKTOP
from views.labels import date_text

UNDO_SECONDS = 10


def build(ctx: ViewContext) -> ft.Control:
    _ = ctx._
    profile = ctx.state.current
    if profile is None:
        return ft.Text(_("No profile yet: add one in Profiles."))
    f = filters_of(ctx.state)
    docs = visible_documents(ctx, profile.id, f)
    header = ft.Row(
        [
            ft.Text(
                _("Documents of {name}").format(name=profile.first_name),
                theme_style=ft.TextThemeStyle.TITLE_LARGE,
            ),
            labelled(
                ft.FilledButton(_("Add a document"), icon=ft.Icons.UPLOAD_FILE, on_click=pick_and_add(ctx)),
                _("Add a document"),
                "add-document",
            ),
            # Icons beside "Add a document", not two more buttons on a row of their own: on a phone the
            # first document stays in the first half screen (issue 13 point 7). Named by their label
            # alone, as the top bar's icons: a tooltip would make a screen reader say the name twice.
            labelled(
                ft.IconButton(ft.Icons.HISTORY, on_click=lambda e: access_history.show(ctx, profile.id)),
                _("Access history"),
                "access-history",
            ),
            labelled(  # Partager (issue 16): summary, shares, blocks, caregivers, exchange history
                ft.IconButton(ft.Icons.SHARE, on_click=lambda e: ctx.state.go("/sharing")),
                _("Share"),
                "go-sharing",
            ),
        ],
        wrap=True,
    )
    blocked = blocked_documents(ctx, profile.id, docs[: f.shown])
    cards: list[ft.Control] = [
        document_card(ctx, profile.id, d, blocked=d.id in blocked) for d in docs[: f.shown]
    ]
    if not cards:
        cards = [
            ft.Text(
                _("No document found.") if f.query or filtered(f) else _("No document yet."),
                italic=True,
                key="no-document",
            )
        ]
    if len(docs) > f.shown:
        cards.append(
            labelled(
                ft.TextButton(_("Show more"), on_click=lambda e: _more(ctx, f)), _("Show more"), "show-more"
            )
        )
    return ft.Column(
        [header, _search_row(ctx, f), chip_row(ctx, profile.id, f), *cards],
        scroll=ft.ScrollMode.AUTO,
        expand=True,
        spacing=8,
    )


def visible_documents(ctx: ViewContext, profile_id: str, f: Filters) -> list[Document]:
    session = ctx.state.session
    if f.query.strip():
        found = documents.search_documents(session, profile_id, f.query, limit=500)
        return [d for d in found if _keep(d, f)]
    limit = None if filtered(f) or f.sort != "date" else f.shown + 1
    return documents.list_documents(
        session,
        profile_id,
        sort=f.sort,
        limit=limit,
        type_code=f.type_code,
        year=int(f.year) if f.year else None,
        author=f.author,
        added_by=f.added_by,
    )


def _keep(d: Document, f: Filters) -> bool:
    return (
        (not f.type_code or d.type_code == f.type_code)
        and (not f.year or d.on.year == int(f.year))
        and (not f.author or d.author == f.author)
        and (not f.added_by or d.added_by == f.added_by)
    )


def _more(ctx: ViewContext, f: Filters) -> None:
    f.shown += PAGE
    ctx.state.notify()


def _search_row(ctx: ViewContext, f: Filters) -> ft.Control:
    _ = ctx._
    box = ft.TextField(
        hint_text=_("Search the documents"),  # a hint stays on one line on a phone, a label wrapped
        value=f.query,
        prefix_icon=ft.Icons.SEARCH,
        expand=True,  # the row does not wrap: the box takes the width the two buttons leave
        # on_change makes the client send each keystroke, so the value is current when Enter is pressed
        on_change=lambda e: None,
        on_submit=lambda e: set_filter(ctx, "query", e.control.value),
    )
    return ft.Row(
        [
            ft.Semantics(content=box, label=_("Search the documents"), identifier="search-box", expand=True),
            labelled(
                ft.IconButton(ft.Icons.ARROW_FORWARD, on_click=lambda e: set_filter(ctx, "query", box.value)),
                _("Search"),
                "search-go",
            ),
            labelled(
                ft.IconButton(ft.Icons.CLEAR, on_click=lambda e: set_filter(ctx, "query", "")),
                _("Clear the search"),
                "search-clear",
            ),
        ],
    )


def blocked_documents(ctx: ViewContext, profile_id: str, docs: list[Document]) -> set[str]:
    """The documents written by a professional or establishment the user blocked (issue 16)."""
    from services.sharing import access

    blocks = access.list_blocks(ctx.state.session, profile_id)
    return set(access.blocked_documents(blocks, docs, ctx.state.today())) if blocks else set()


def document_card(ctx: ViewContext, profile_id: str, d: Document, blocked: bool = False) -> DocumentCard:
    _ = ctx._
    actions: list[Any] = [
        (ft.Icons.PREVIEW, _("Preview"), "preview", lambda: show_preview(ctx, profile_id, d))
    ]
    if ctx.host.files.platform == DESKTOP:  # the system viewer is there only on the user's own computer
        actions.append((ft.Icons.OPEN_IN_NEW, _("Open"), "open", lambda: open_in_viewer(ctx, profile_id, d)))
    actions += [
        (
            ft.Icons.DOWNLOAD,
            _("Save a copy"),
            "save",
            lambda: ctx.host.run_task(save_copy, ctx, profile_id, d),
        ),
        (
            ft.Icons.VISIBILITY if d.masked else ft.Icons.VISIBILITY_OFF,
            _("Unmask") if d.masked else _("Mask from professionals"),
            "mask",
            lambda: toggle_mask(ctx, profile_id, d),
        ),
        (ft.Icons.DELETE, _("Delete"), "delete", lambda: confirm_delete(ctx, profile_id, d)),
    ]
    details = " - ".join(
        p
        for p in (_(DOCUMENT_TYPES.get(d.type_code, d.type_code)), date_text(d.on, _), d.author, d.folder)
        if p
    )
    return DocumentCard(
        title=d.title,
        details=details,
        origin=_(ORIGIN_NAMES[d.added_by]) + (" - " + _("Author blocked") if blocked else ""),
        is_image=d.mime != "application/pdf",
        masked=d.masked,
        masked_text=_("Masked from professionals"),
        actions=actions,
        identifier=d.id,
    )


# -- actions ------------------------------------------------------------------------------------------
def show_preview(ctx: ViewContext, profile_id: str, d: Document) -> None:
    _ = ctx._
    holder: dict[str, Any] = {}
    if not ctx.act(lambda: holder.update(p=documents.preview(ctx.state.session, profile_id, d))):
        return
    shown = holder["p"]
    parts: list[ft.Control] = []
    if shown.unavailable:  # a decompression bomb, or a page too costly to draw: never drawn here
        parts.append(
            ft.Text(
                _(
                    "This document is too large or too complex to be shown here; open it with "
                    "another application."
                ),
                italic=True,
                size=12,
            )
        )
    if shown.image:  # an image, or the first page of a PDF drawn in memory
        parts.append(ft.Image(src=shown.image, fit=ft.BoxFit.CONTAIN, width=520, height=600))
    if d.mime == "application/pdf" and not shown.unavailable:  # the words: for screen readers, selectable
        if not shown.image:
            parts.append(ft.Text(_("This PDF page cannot be drawn here; its text:"), italic=True, size=12))
        parts.append(ft.Text(shown.text or _("This PDF has no text (a scan?)."), selectable=True))
    body = ft.Column(parts, scroll=ft.ScrollMode.AUTO, width=540, height=620, tight=True)
    ctx.host.show_dialog(
        ft.AlertDialog(
            title=ft.Text(d.title),
            content=body,
            actions=[
                labelled(
                    ft.TextButton(_("Close"), on_click=lambda e: ctx.host.close_dialog()),
                    _("Close"),
                    "preview-close",
                )
            ],
        )
    )


def open_in_viewer(ctx: ViewContext, profile_id: str, d: Document) -> None:
    ctx.act(lambda: documents.launch_viewer(documents.open_copy(ctx.state.session, profile_id, d)))


async def save_copy(ctx: ViewContext, profile_id: str, d: Document) -> None:
    holder: dict[str, bytes] = {}
    if not ctx.act(
        lambda: holder.update(data=documents.read_content(ctx.state.session, profile_id, d, action="export"))
    ):
        return
    await ctx.host.files.save_as(ctx._("Save a copy"), documents.file_name(d), data=holder["data"])


def toggle_mask(ctx: ViewContext, profile_id: str, d: Document) -> None:
    _ = ctx._
    done = _("Document unmasked.") if d.masked else _("Document masked from professionals.")
    if ctx.act(lambda: documents.set_masked(ctx.state.session, profile_id, d, not d.masked), done=done):
        ctx.state.notify()


def confirm_delete(ctx: ViewContext, profile_id: str, d: Document) -> None:
    _ = ctx._
    ctx.host.show_dialog(
        ConfirmDialog(
            message=_("Delete the document \u201c{title}\u201d?").format(title=d.title),
            confirm_text=_("Delete"),
            cancel_text=_("Cancel"),
            on_confirm=lambda: delete(ctx, profile_id, d),
            on_cancel=ctx.host.close_dialog,
        )
    )


def delete(ctx: ViewContext, profile_id: str, d: Document) -> None:
    _ = ctx._
    ctx.host.close_dialog()
    holder: dict[str, documents.Deleted] = {}
    if not ctx.act(lambda: holder.update(gone=documents.delete_document(ctx.state.session, profile_id, d))):
        return
    undo_done = {"used": False}

    def undo(e: Any = None) -> None:
        if undo_done["used"]:  # one undo only, even if the button is tapped twice
            return
        undo_done["used"] = True
        if ctx.act(
            lambda: documents.restore_document(ctx.state.session, profile_id, holder["gone"]),
            done=_("Document restored."),
        ):
            ctx.state.notify()

    ctx.state.notify()
    ctx.host.show_dialog(
        ft.SnackBar(
            ft.Text(_("Document deleted.")),
            action=_("Undo"),
            on_action=undo,
            duration=ft.Duration(seconds=UNDO_SECONDS),
            persist=False,
        )
    )

"""The profile's address book: professionals and establishments, entered by hand, learnt from the authors
of received documents or from the server's messages; each can be written to, blocked or unblocked."""

from __future__ import annotations

import flet as ft

from components.labelled import described, labelled
from domain.errors import N_, CarnetError
from domain.messages import Correspondent
from services.messaging import directory, store
from views.context import ViewContext
from views.messages.common import Board

ORIGIN_NAMES = {
    "hand": N_("entered by hand"),
    "document": N_("author of a document"),
    "server": N_("from the server"),
}
FIELDS = (
    ("name", N_("Name")),
    ("role", N_("Role (e.g. pharmacy, general practitioner)")),
    ("reference", N_("Reference on the server (Practitioner/…, Organization/…)")),
    ("address", N_("MSSanté address (optional)")),
)


def book_view(ctx: ViewContext, board: Board, box: store.Inbox) -> list[ft.Control]:
    _ = ctx._
    back = labelled(
        ft.TextButton(_("Conversations"), icon=ft.Icons.ARROW_BACK, on_click=lambda e: board.go(ctx, "list")),
        _("Back to the conversations"),
        "book-back",
    )
    entries = sorted(box.correspondents, key=lambda c: c.name.casefold())
    cards = [_entry(ctx, board, c, c.reference in box.blocked) for c in entries] or [
        ft.Text(_("No correspondent yet."), italic=True, key="no-correspondent")
    ]
    return [
        back,
        ft.Text(_("Address book"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        *cards,
        *_form(ctx, board),
    ]


def _entry(ctx: ViewContext, board: Board, c: Correspondent, blocked: bool) -> ft.Control:
    _ = ctx._
    details = " · ".join(p for p in (c.role, c.address, c.reference, _(ORIGIN_NAMES[c.origin])) if p)
    actions = ft.Row(
        [
            labelled(
                ft.TextButton(
                    _("Write"), icon=ft.Icons.EDIT, on_click=lambda e: _write(ctx, board, c.reference)
                ),
                _("Write to {name}").format(name=c.name),
                f"write-{c.reference}",
            ),
            labelled(
                ft.TextButton(
                    _("Unblock") if blocked else _("Block"),
                    icon=ft.Icons.LOCK_OPEN if blocked else ft.Icons.BLOCK,
                    on_click=lambda e: board.attempt(
                        ctx,
                        "book",
                        lambda: store.set_blocked(
                            ctx.state.session, board.profile_id, c.reference, not blocked, ctx.state.today()
                        ),
                    ),
                ),
                (_("Unblock {name}") if blocked else _("Block {name}")).format(name=c.name),
                f"block-{c.reference}",
            ),
        ],
        wrap=True,
    )
    title = ft.Row(
        [
            ft.Icon(ft.Icons.BLOCK if blocked else ft.Icons.PERSON),
            ft.Text(c.name, weight=ft.FontWeight.BOLD, expand=True),
        ]
    )
    body = ft.Column([title, ft.Text(details, size=12, selectable=True), actions], spacing=4, tight=True)
    return ft.Card(content=ft.Container(body, padding=12), key=f"correspondent-{c.reference}")


def _write(ctx: ViewContext, board: Board, reference: str) -> None:
    board.go(ctx, "new")
    board.to = reference
    ctx.state.notify()


def _form(ctx: ViewContext, board: Board) -> list[ft.Control]:
    _ = ctx._
    inputs: dict[str, ft.TextField] = {}
    for key, label in FIELDS:
        inputs[key] = ft.TextField(
            label=_(label),
            value=board.entry.get(key, ""),
            error=board.errors.get(f"book-{key}"),
            on_change=lambda e, k=key: board.entry.__setitem__(k, e.control.value or ""),
        )

    def add() -> None:
        values = {k: board.entry.get(k, "").strip() for k, _label in FIELDS}
        store.add_correspondent(ctx.state.session, board.profile_id, ctx.state.today(), **values)
        board.entry = {}

    def on_add(e: object) -> None:
        board.attempt(ctx, field_of, add, _("Added to the address book."))

    def lookup() -> None:
        reference = board.entry.get("reference", "")
        directory.fetch_correspondent(ctx.state.session, board.profile_id, reference, ctx.state.today())
        board.entry = {}

    def on_lookup(e: object) -> None:  # a network read: off the page's thread
        ctx.host.run_thread(
            lambda: board.attempt(ctx, "book-reference", lookup, _("Added to the address book."))
        )

    buttons = ft.Row(
        [
            labelled(
                ft.FilledButton(_("Add"), icon=ft.Icons.PERSON_ADD, on_click=on_add), _("Add"), "book-add"
            ),
            labelled(
                ft.OutlinedButton(_("Find on the server"), icon=ft.Icons.CLOUD_DOWNLOAD, on_click=on_lookup),
                _("Find on the server by its reference"),
                "book-lookup",
            ),
        ],
        wrap=True,
    )
    return [
        ft.Text(_("Add a professional or an establishment"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
        *[described(inputs[k], f"book-{k}") for k, _label in FIELDS],
        buttons,
    ]


def field_of(error: CarnetError) -> str:
    """The field of the address book's form a refusal is about."""
    if "address" in error.params:
        return "book-address"
    if "reference" in error.params:
        return "book-reference"
    return "book-name"

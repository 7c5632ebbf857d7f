"""Messages: the profile's secure messages with professionals (Messagerie santé).

One screen with four states kept in a small board per AppState: the conversations (one per
correspondent, most recent first, with their unread count), a search over every message, a conversation
with its composer (thread.py), a new message, and the address book (book.py). Everything is read and
written through services/messaging/store.py; a refusal is shown under the field it concerns.
"""

from __future__ import annotations

import weakref

import flet as ft

from components.labelled import described, labelled
from domain.messages import Message, Thread, search, threads
from services.messaging import store
from services.messaging.notify import excerpt
from views.context import ViewContext
from views.messages import book, thread
from views.messages.common import Board, when, when_short
from views.state import AppState

__all__ = ["build", "board_of"]

_BOARDS: weakref.WeakKeyDictionary[AppState, Board] = weakref.WeakKeyDictionary()


def board_of(state: AppState) -> Board:
    """What the user chose on this screen; kept while the app runs, reset for another profile."""
    current = _BOARDS.get(state)
    if current is None or current.profile_id != state.current_id:
        current = _BOARDS[state] = Board(profile_id=state.current_id)
    return current


def build(ctx: ViewContext) -> ft.Control:
    _ = ctx._
    profile = ctx.state.current
    if profile is None:
        return ft.Text(_("No profile yet: add one in Profiles."))
    board = board_of(ctx.state)
    box = store.inbox(ctx.state.session, profile.id, ctx.state.today(), _)
    if board.mode == "thread":
        body = thread.conversation_view(ctx, board, box)
    elif board.mode == "new":
        body = thread.new_message_view(ctx, board, box)
    elif board.mode == "book":
        body = book.book_view(ctx, board, box)
    else:
        body = _list_view(ctx, board, box)
    header = ft.Row(
        [
            ft.Text(
                _("Messages of {name}").format(name=profile.first_name),
                theme_style=ft.TextThemeStyle.TITLE_LARGE,
            ),
            labelled(
                ft.FilledButton(
                    _("New message"), icon=ft.Icons.EDIT, on_click=lambda e: board.go(ctx, "new")
                ),
                _("New message"),
                "messages-new",
            ),
            labelled(
                ft.OutlinedButton(
                    _("Address book"), icon=ft.Icons.CONTACTS, on_click=lambda e: board.go(ctx, "book")
                ),
                _("Address book"),
                "messages-book",
            ),
        ],
        wrap=True,
    )
    return ft.Column([header, *body], scroll=ft.ScrollMode.AUTO, expand=True, spacing=8)


def _list_view(ctx: ViewContext, board: Board, box: store.Inbox) -> list[ft.Control]:
    _ = ctx._
    controls: list[ft.Control] = [_search_row(ctx, board)]
    if board.query.strip():
        found = search(box.messages, board.query, box.correspondents)
        names = {c.reference: c.name for c in box.correspondents}
        controls += [_found_tile(ctx, board, m, names) for m in found] or [
            ft.Text(_("No message found."), italic=True, key="no-message-found")
        ]
        return controls
    conversations = threads(box.messages, box.correspondents)
    blocked = box.blocked
    controls += [_thread_tile(ctx, board, t, t.correspondent in blocked) for t in conversations] or [
        ft.Text(
            _("No message yet. Write to a professional with « New message »."), italic=True, key="no-message"
        )
    ]
    return controls


def _search_row(ctx: ViewContext, board: Board) -> ft.Control:
    _ = ctx._
    field_ = ft.TextField(
        label=_("Search the messages"),
        value=board.query,
        prefix_icon=ft.Icons.SEARCH,
        width=300,
        on_change=lambda e: None,  # each keystroke reaches the server: the value is current on Enter
        on_submit=lambda e: board.search(ctx, e.control.value or ""),
    )
    return ft.Row(
        [
            described(field_, "messages-search"),
            labelled(
                ft.IconButton(
                    ft.Icons.ARROW_FORWARD, on_click=lambda e: board.search(ctx, field_.value or "")
                ),
                _("Search"),
                "messages-search-go",
            ),
            labelled(
                ft.IconButton(ft.Icons.CLEAR, on_click=lambda e: board.search(ctx, "")),
                _("Clear the search"),
                "messages-search-clear",
            ),
        ],
        wrap=True,
    )


def _thread_tile(ctx: ViewContext, board: Board, t: Thread, blocked: bool) -> ft.Control:
    _ = ctx._
    last = t.last
    prefix = _("You: ") if last.direction == "out" else ""
    preview = excerpt(last.text, 70) or _("Document")
    trailing: list[ft.Control] = [ft.Text(when_short(ctx, last, ctx.state.today()), size=12)]
    if t.unread:
        trailing.append(_badge(str(t.unread), _("{n} unread").format(n=t.unread)))
    tile = ft.ListTile(
        leading=ft.Icon(
            ft.Icons.BLOCK if blocked else ft.Icons.PERSON, color=ft.Colors.ERROR if blocked else None
        ),
        title=ft.Text(t.name, weight=ft.FontWeight.BOLD if t.unread else None),
        subtitle=ft.Text(prefix + preview, max_lines=2, overflow=ft.TextOverflow.ELLIPSIS),
        trailing=ft.Column(trailing, horizontal_alignment=ft.CrossAxisAlignment.END, spacing=2, tight=True),
        min_height=64,
        on_click=lambda e: board.open(ctx, t.correspondent),
    )
    label = _("Conversation with {name}").format(name=t.name)
    if t.unread:
        label += " — " + _("{n} unread").format(n=t.unread)
    return labelled(ft.Card(content=tile), label, f"thread-{t.correspondent}")


def _found_tile(ctx: ViewContext, board: Board, message: Message, names: dict[str, str]) -> ft.Control:
    name = names.get(message.correspondent, message.correspondent)
    tile = ft.ListTile(
        leading=ft.Icon(ft.Icons.CALL_MADE if message.direction == "out" else ft.Icons.CALL_RECEIVED),
        title=ft.Text(name),
        subtitle=ft.Text(excerpt(message.text, 120) or ctx._("Document"), max_lines=3),
        trailing=ft.Text(when(ctx, message), size=12),
        min_height=64,
        on_click=lambda e: board.open(ctx, message.correspondent),
    )
    return labelled(ft.Card(content=tile), name, f"found-{message.id}")


def _badge(text: str, label: str) -> ft.Control:
    return ft.Semantics(
        content=ft.Container(
            ft.Text(text, size=12, color=ft.Colors.ON_PRIMARY, weight=ft.FontWeight.BOLD),
            bgcolor=ft.Colors.PRIMARY,
            border_radius=12,
            padding=ft.Padding.symmetric(horizontal=8, vertical=2),
        ),
        label=label,
    )

"""A conversation with one correspondent (oldest first, with each message's delivery state), and the
composer: a text and documents chosen from the vault (e.g. an ordonnance for the pharmacy)."""

from __future__ import annotations

from datetime import UTC, datetime

import flet as ft

from components.labelled import described, labelled
from domain.errors import CarnetError
from domain.messages import Message, conversation
from services import documents
from services.messaging import store
from services.messaging.headless import direction_label
from views.context import ViewContext
from views.messages.common import Board, when

STATE_ICONS = {"pending": ft.Icons.SCHEDULE, "sent": ft.Icons.DONE, "failed": ft.Icons.ERROR_OUTLINE}


def conversation_view(ctx: ViewContext, board: Board, box: store.Inbox) -> list[ft.Control]:
    _ = ctx._
    reference = board.correspondent
    known = next((c for c in box.correspondents if c.reference == reference), None)
    name = known.name if known else reference
    blocked = reference in box.blocked
    titles = _titles(ctx, board)
    heading = ft.Row(
        [
            labelled(
                ft.TextButton(
                    _("Conversations"), icon=ft.Icons.ARROW_BACK, on_click=lambda e: board.go(ctx, "list")
                ),
                _("Back to the conversations"),
                "thread-back",
            ),
            ft.Text(name, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, selectable=True),
            labelled(
                ft.TextButton(
                    _("Unblock") if blocked else _("Block"),
                    icon=ft.Icons.LOCK_OPEN if blocked else ft.Icons.BLOCK,
                    on_click=lambda e: board.attempt(
                        ctx,
                        "block",
                        lambda: store.set_blocked(
                            ctx.state.session, board.profile_id, reference, not blocked, ctx.state.today()
                        ),
                    ),
                ),
                _("Unblock") if blocked else _("Block"),
                "thread-block",
            ),
        ],
        wrap=True,
    )
    controls: list[ft.Control] = [heading]
    if known and (known.role or known.address):
        controls.append(ft.Text(" · ".join(p for p in (known.role, known.address, reference) if p), size=12))
    if blocked:
        controls.append(
            ft.Text(
                _("{name} is blocked: you cannot write to them, and their messages are flagged.").format(
                    name=name
                ),
                color=ft.Colors.ERROR,
                key="thread-blocked",
            )
        )
    messages = conversation(box.messages, reference)
    controls += [_bubble(ctx, board, m, titles, blocked) for m in messages]
    if not blocked:
        answered = next((m for m in reversed(messages) if m.direction == "in"), None)
        controls += composer(ctx, board, box, lambda: reference, answered.id if answered else "", titles)
    return controls


def new_message_view(ctx: ViewContext, board: Board, box: store.Inbox) -> list[ft.Control]:
    _ = ctx._
    usable = {c.reference: c.name for c in box.correspondents if c.reference not in box.blocked}
    recipient = ft.Dropdown(
        label=_("To"),
        value=board.to if board.to in usable else None,
        options=[
            ft.DropdownOption(key=ref, text=name)
            for ref, name in sorted(usable.items(), key=lambda kv: kv[1])
        ],
        width=360,
        on_select=lambda e: setattr(board, "to", e.control.value or ""),
    )
    typed = ft.TextField(
        label=_("Or its reference on the server (Practitioner/…, Organization/…)"),
        value="" if board.to in usable else board.to,
        width=360,
        error=board.errors.get("to"),
        on_change=lambda e: setattr(board, "to", e.control.value or ""),
    )
    back = labelled(
        ft.TextButton(_("Conversations"), icon=ft.Icons.ARROW_BACK, on_click=lambda e: board.go(ctx, "list")),
        _("Back to the conversations"),
        "new-back",
    )
    return [
        back,
        ft.Text(_("New message"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        described(recipient, "new-to"),
        described(typed, "new-reference"),
        *composer(ctx, board, box, lambda: board.to, "", _titles(ctx, board)),
    ]


def composer(
    ctx, board: Board, box: store.Inbox, to, reply_to: str, titles: dict[str, str]
) -> list[ft.Control]:  # noqa: ANN001
    _ = ctx._
    text = ft.TextField(
        label=_("Your message"),
        value=board.text,
        multiline=True,
        min_lines=3,
        max_lines=8,
        error=board.errors.get("text"),
        on_change=lambda e: setattr(board, "text", e.control.value or ""),
    )
    chips: list[ft.Control] = [
        labelled(
            ft.Chip(
                label=ft.Text(titles.get(d, _("Document not found"))),
                leading=ft.Icon(ft.Icons.ATTACH_FILE),
                on_delete=lambda e, d=d: _detach(ctx, board, d),
            ),
            _("Remove {title}").format(title=titles.get(d, d)),
            f"attached-{d}",
        )
        for d in board.attach
    ]

    def send() -> None:
        session, now = ctx.state.session, datetime.now(UTC)
        store.send_message(session, board.profile_id, to(), board.text, now, board.attach, reply_to)
        board.text, board.attach = "", []
        if board.mode == "new":
            board.correspondent, board.mode = to().strip(), "thread"

    def where(error: CarnetError) -> str:  # the recipient's field, when there is one and it is the cause
        about_recipient = "reference" in error.params or "name" in error.params
        return "to" if board.mode == "new" and about_recipient else "text"

    def on_send(e: object) -> None:
        board.attempt(ctx, where, send, _("Message written: it is sent at the next synchronisation."))

    buttons = ft.Row(
        [
            labelled(
                ft.OutlinedButton(
                    _("Attach a document"), icon=ft.Icons.ATTACH_FILE, on_click=lambda e: pick(ctx, board)
                ),
                _("Attach a document"),
                "composer-attach",
            ),
            labelled(
                ft.FilledButton(_("Send"), icon=ft.Icons.SEND, on_click=on_send), _("Send"), "composer-send"
            ),
        ],
        wrap=True,
    )
    field_ = described(text, "composer-text")
    field_.col = {"xs": 12, "md": 8}
    return [ft.ResponsiveRow([field_]), ft.Row(chips, wrap=True), buttons]


def _titles(ctx: ViewContext, board: Board) -> dict[str, str]:
    return {d.id: d.title for d in documents.list_documents(ctx.state.session, board.profile_id)}


def _detach(ctx: ViewContext, board: Board, document_id: str) -> None:
    board.attach = [d for d in board.attach if d != document_id]
    ctx.state.notify()


def pick(ctx: ViewContext, board: Board) -> ft.AlertDialog:
    """The vault's documents to attach (newest first), as checkboxes."""
    _ = ctx._
    docs = documents.list_documents(ctx.state.session, board.profile_id)
    boxes = [
        ft.Checkbox(
            label=f"{d.title} ({d.on.strftime(_('%m/%d/%Y'))})", value=d.id in board.attach, data=d.id
        )
        for d in docs
    ]

    def chosen(e: object) -> None:
        board.attach = [str(b.data) for b in boxes if b.value]
        ctx.host.close_dialog()
        ctx.state.notify()

    dialog = ft.AlertDialog(
        modal=True,
        title=ft.Text(_("Attach documents of the record")),
        content=ft.Column(
            [labelled(b, str(b.label), f"pick-{b.data}") for b in boxes] or [ft.Text(_("No document yet."))],
            tight=True,
            scroll=ft.ScrollMode.AUTO,
        ),
        actions=[
            labelled(
                ft.TextButton(_("Cancel"), on_click=lambda e: ctx.host.close_dialog()),
                _("Cancel"),
                "pick-cancel",
            ),
            labelled(ft.FilledButton(_("Attach"), on_click=chosen), _("Attach"), "pick-confirm"),
        ],
    )
    ctx.host.show_dialog(dialog)
    return dialog


def _bubble(
    ctx: ViewContext, board: Board, message: Message, titles: dict[str, str], blocked: bool
) -> ft.Control:
    _ = ctx._
    out = message.direction == "out"
    lines: list[ft.Control] = [ft.Text(when(ctx, message), size=12)]
    if message.text:
        lines.append(ft.Text(message.text, selectable=True))
    for document_id in message.attachments:
        title = titles.get(document_id, _("Document not found"))
        lines.append(ft.Row([ft.Icon(ft.Icons.ATTACH_FILE, size=16), ft.Text(title, expand=True)], spacing=4))
    if out:
        state = ft.Row(
            [
                ft.Icon(STATE_ICONS[message.delivery], size=16),
                ft.Text(direction_label(message, _), size=12, expand=True),
            ],
            spacing=4,
        )
        lines.append(state)
        if message.delivery == "failed":
            lines.append(
                labelled(
                    ft.TextButton(
                        _("Send again"),
                        on_click=lambda e: board.attempt(
                            ctx, "text", lambda: store.resend(ctx.state.session, board.profile_id, message.id)
                        ),
                    ),
                    _("Send again"),
                    f"resend-{message.id}",
                )
            )
    elif blocked:
        lines.append(ft.Text(_("From a blocked professional"), size=12, color=ft.Colors.ERROR))
    bubble = ft.Container(
        ft.Column(lines, spacing=4, tight=True),
        bgcolor=ft.Colors.PRIMARY_CONTAINER if out else ft.Colors.SURFACE_CONTAINER_HIGHEST,
        border_radius=12,
        padding=10,
        col={"xs": 10, "md": 8},
    )
    space = ft.Container(col={"xs": 2, "md": 4})  # a phone keeps most of its width for the text
    return ft.ResponsiveRow([space, bubble] if out else [bubble, space], key=f"message-{message.id}")

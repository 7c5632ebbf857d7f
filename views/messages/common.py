"""The Messages screen's board (what the user chose, the draft, the errors under the fields) and the
small helpers its parts share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from babel.dates import format_datetime

from domain.errors import CarnetError
from domain.messages import Message
from services.messaging import store
from services.messaging.headless import DATE_PATTERN
from views.context import ViewContext

MODES = ("list", "thread", "new", "book")


@dataclass
class Board:
    profile_id: str = ""
    mode: str = "list"
    correspondent: str = ""  # the conversation shown (mode "thread")
    query: str = ""
    to: str = ""  # the new message's recipient (mode "new")
    text: str = ""  # the draft
    attach: list[str] = field(default_factory=list)  # ids of documents of the vault
    entry: dict[str, str] = field(default_factory=dict)  # the address book's form
    errors: dict[str, str] = field(default_factory=dict)  # field -> refusal shown under it

    def go(self, ctx: ViewContext, mode: str) -> None:
        if mode != self.mode:
            self.text, self.attach, self.errors = "", [], {}
        self.mode = mode
        ctx.state.touch()
        ctx.state.notify()

    def search(self, ctx: ViewContext, query: str) -> None:
        self.query, self.mode = query, "list"
        ctx.state.notify()

    def open(self, ctx: ViewContext, reference: str) -> None:
        """Shows a conversation; its received messages become read (logged "read")."""
        if reference != self.correspondent:
            self.text, self.attach = "", []
        self.correspondent, self.mode, self.errors = reference, "thread", {}
        session = ctx.state.session
        box = store.inbox(session, self.profile_id, ctx.state.today())
        unread = [m.id for m in box.messages if m.correspondent == reference and m.unread]
        if unread:
            ctx.act(lambda: store.mark_read(session, self.profile_id, unread))
        ctx.state.notify()

    def attempt(
        self,
        ctx: ViewContext,
        where: str | Callable[[CarnetError], str],
        action: Callable[[], Any],
        done: str = "",
    ) -> bool:
        """Runs an action; a refusal goes under the field ``where`` names (or finds from the error), and the
        screen is drawn again."""
        ctx.state.touch()
        try:
            action()
        except CarnetError as exc:
            self.errors = {where(exc) if callable(where) else where: exc.render(ctx._)}
            ctx.state.notify()
            return False
        self.errors = {}
        if done:
            ctx.host.toast(done)
        ctx.state.notify()
        return True


def when(ctx: ViewContext, message: Message) -> str:
    """The date and time of a message, in this computer's time zone."""
    return format_datetime(message.at.astimezone(), DATE_PATTERN, locale=ctx.state.language)


def when_short(ctx: ViewContext, message: Message, today: date) -> str:
    """Today's time, or another day's date: the list of conversations on a phone's width."""
    local = message.at.astimezone()
    pattern = "HH:mm" if local.date() == today else "dd/MM/yyyy"
    return format_datetime(local, pattern, locale=ctx.state.language)

"""Historique des accès: who read or changed what, and when; and whether the chain of entries is intact."""

from __future__ import annotations

import flet as ft

from components.labelled import labelled
from domain.errors import N_
from domain.exchanges import EXCHANGE_KINDS
from services import access_log
from services.sharing import exchange_log
from views.context import ViewContext

WHO_NAMES = {"me": N_("Me"), "professional": N_("A professional"), "sync": N_("The sync")}
KIND_NAMES = {
    "document": N_("document"),
    "measurement": N_("measurement"),
    "allergy": N_("allergy"),
    "treatment": N_("treatment"),
    "medical_history": N_("medical history"),
    "hospitalisation": N_("hospitalisation"),
    "family_history": N_("family history"),
    "blood_group": N_("blood group"),
}


def lines(ctx: ViewContext, profile_id: str, limit: int = 200) -> list[str]:
    _ = ctx._
    found = []
    for entry in access_log.entries(ctx.state.session, profile_id, limit):
        when = entry.at.astimezone().strftime(_("%m/%d/%Y %H:%M"))
        exchange = exchange_log.from_entry(profile_id, entry)  # Partager's entries (issue 16)
        if exchange is not None:
            about = " ".join(p for p in (exchange.label, exchange.counterpart) if p)
            found.append(
                f"{when} - {_(WHO_NAMES[exchange.who])} - {_(EXCHANGE_KINDS[exchange.kind])} {about}".rstrip()
            )
            continue
        what = (
            f"{_(access_log.ACTION_NAMES.get(entry.action, entry.action))} "
            f"{_(KIND_NAMES.get(entry.kind, entry.kind))}"
        )
        found.append(f"{when} - {_(WHO_NAMES.get(entry.who, entry.who))} - {what} {entry.label}".rstrip())
    return found


def chain_text(ctx: ViewContext) -> str:
    _ = ctx._
    check = access_log.verify(ctx.state.session)
    if check.ok:
        return ctx.ngettext(
            "History intact: {n} entry checked.", "History intact: {n} entries checked.", check.checked
        ).format(n=check.checked)
    return _("History damaged at entry {seq}: {reason}").format(seq=check.broken_at, reason=_(check.reason))


def show(ctx: ViewContext, profile_id: str) -> ft.AlertDialog:
    _ = ctx._
    rows: list[ft.Control] = [ft.Text(line, size=13) for line in lines(ctx, profile_id)]
    status = chain_text(ctx)
    dialog = ft.AlertDialog(
        title=ft.Text(_("Access history")),
        content=ft.Column(
            [
                ft.Text(status, weight=ft.FontWeight.BOLD, key="chain-status"),
                *(rows or [ft.Text(_("Nothing recorded yet."), italic=True)]),
            ],
            scroll=ft.ScrollMode.AUTO,
            width=560,
            height=480,
            tight=True,
        ),
        actions=[
            labelled(
                ft.TextButton(_("Close"), on_click=lambda e: ctx.host.close_dialog()),
                _("Close"),
                "history-close",
            )
        ],
    )
    ctx.host.show_dialog(dialog)
    return dialog

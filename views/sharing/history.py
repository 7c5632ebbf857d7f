"""Historique des échanges: every share, revocation, consent, block, caregiver grant, sync and export of a
profile (or of one kind), newest first, with whether the sealed chain is intact; exportable as CSV."""

from __future__ import annotations

import dataclasses

import flet as ft

from domain.errors import N_
from domain.exchanges import EXCHANGE_KINDS, Exchange
from domain.sharing import SECTION_NAMES
from services.sharing import exchange_log
from services.sharing.data import log_export
from views.context import ViewContext
from views.documents.history import chain_text
from views.sharing.blocks import KIND_NAMES
from views.sharing.common import button, hand_over, heading, line, now

PROFILE, KIND = "exchanges.profile", "exchanges.kind"
ALL = "all"
WHO_NAMES = {"me": N_("Me"), "professional": N_("A professional"), "sync": N_("The sync")}


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    if state.current is None:
        return ft.Column([heading(_("Exchange history")), line(_("Add a profile first."))])
    profile_id = state.choices.get(PROFILE) or state.current_id
    if profile_id not in {p.id for p in state.profiles}:
        profile_id = state.current_id
    kind = state.choices.get(KIND, ALL)
    found = exchange_log.exchanges(state.session, profile_id, None if kind == ALL else [kind])
    who = ft.Dropdown(
        label=_("Profile"),
        value=profile_id,
        options=[ft.DropdownOption(key=p.id, text=p.display_name) for p in state.profiles],
        on_select=lambda e: state.choose(PROFILE, str(e.control.value)),
    )
    what = ft.Dropdown(
        label=_("Kind of exchange"),
        value=kind,
        options=[ft.DropdownOption(key=ALL, text=_("All"))]
        + [ft.DropdownOption(key=k, text=_(name)) for k, name in EXCHANGE_KINDS.items()],
        on_select=lambda e: state.choose(KIND, str(e.control.value)),
    )
    return ft.Column(
        [
            heading(_("Exchange history")),
            ft.Text(chain_text(ctx), weight=ft.FontWeight.BOLD, key="exchanges-chain"),
            ft.ResponsiveRow(
                [
                    ft.Semantics(
                        content=who,
                        label=_("Profile"),
                        identifier="exchanges-profile",
                        col={"xs": 12, "md": 6},
                    ),
                    ft.Semantics(
                        content=what,
                        label=_("Kind of exchange"),
                        identifier="exchanges-kind",
                        col={"xs": 12, "md": 6},
                    ),
                ]
            ),
            button(
                _("Export the history (CSV)"),
                "exchanges-export",
                lambda e: export(ctx, profile_id, found),
                ft.Icons.DOWNLOAD,
            ),
            *([_row(ctx, e) for e in found] or [line(_("No exchange yet."), italic=True)]),
        ],
        spacing=12,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )


def _row(ctx: ViewContext, exchange: Exchange) -> ft.Control:
    _ = ctx._
    when = exchange.at.astimezone().strftime(_("%m/%d/%Y %H:%M"))
    head = f"{when} · {_(EXCHANGE_KINDS[exchange.kind])}"
    details = " · ".join(
        part for part in (_(WHO_NAMES[exchange.who]), label_text(ctx, exchange), exchange.counterpart) if part
    )
    return ft.Container(
        ft.Column([ft.Text(head, weight=ft.FontWeight.BOLD), ft.Text(details, size=13)], spacing=2),
        padding=ft.Padding.symmetric(vertical=4),
        key=f"exchange-{exchange.id}",
    )


def label_text(ctx: ViewContext, exchange: Exchange) -> str:
    """What the exchange was about, in the user's language: a block's kind of actor, a grant's sections."""
    _, label = ctx._, exchange.label
    if exchange.kind in ("block", "unblock") and label in KIND_NAMES:
        return _(KIND_NAMES[label])
    if exchange.kind in ("consent", "caregiver_grant") and label:
        parts = label.split(", ")
        if label == "*":
            return _("Everything")
        if all(p in SECTION_NAMES for p in parts):
            return ", ".join(_(SECTION_NAMES[p]) for p in parts)
    return label


def export(ctx: ViewContext, profile_id: str, found: list[Exchange]) -> None:
    _, state = ctx._, ctx.state
    shown = [dataclasses.replace(e, label=label_text(ctx, e)) for e in found]
    data = exchange_log.to_csv(shown, _, _("%m/%d/%Y %H:%M")).encode("utf-8")
    if not ctx.act(lambda: log_export(state.session, profile_id, _("Exchange history (CSV)"), now(ctx))):
        return
    hand_over(
        ctx, _("Export the history (CSV)"), "historique-echanges.csv", data, "csv", _("History exported.")
    )
    state.notify()

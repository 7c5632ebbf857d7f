"""The "urgence" card: its switch in Réglages (off by default, its meaning said first) and what the lock
screen shows, which is nothing at all unless the user turned it on."""

from __future__ import annotations

from datetime import date
from typing import Any

import flet as ft

from components.labelled import labelled
from components.switch_row import switch_row
from domain.errors import N_
from services.sharing import urgence
from services.sharing.texts import SEVERITIES
from views.context import ViewContext
from views.labels import date_text

MEANING = N_(
    "On, the emergency card (name, blood group, allergies, current treatments and contacts) can be read "
    "from the lock screen without the passphrase, by anyone holding this device. Off, nothing is shown."
)


def lock_entry(ctx: ViewContext) -> list[ft.Control]:
    """The lock screen's button, only when the card is on; an empty list otherwise."""
    content = urgence.read(ctx.state.session)
    if content is None:
        return []
    _ = ctx._
    return [
        labelled(
            ft.OutlinedButton(
                _("Emergency card"),
                icon=ft.Icons.MEDICAL_INFORMATION,
                height=48,
                on_click=lambda e: show_card(ctx, content),
            ),
            _("Emergency card"),
            "emergency-card",
        )
    ]


def card_lines(ctx: ViewContext, content: dict[str, Any]) -> list[str]:
    _ = ctx._
    born = date_text(date.fromisoformat(content["birth_date"]), _)
    allergies = [
        f"{s} ({_(SEVERITIES[v])})" if v in SEVERITIES else s for s, v in content.get("allergies", [])
    ]
    treatments = [f"{m} - {d}" if d else m for m, d in content.get("treatments", [])]
    contacts = [f"{n} ({r}) : {p}" if r else f"{n} : {p}" for n, r, p in content.get("contacts", [])]
    return [
        _("Born on {day}").format(day=born),
        _("Blood group: {group}").format(group=content.get("blood_group") or _("not known")),
        _("Allergies: {list}").format(list=", ".join(allergies) or _("none recorded")),
        _("Current treatments: {list}").format(list=", ".join(treatments) or _("none recorded")),
        _("Whom to call: {list}").format(list=", ".join(contacts) or _("none recorded")),
    ]


def show_card(ctx: ViewContext, content: dict[str, Any]) -> ft.AlertDialog:
    _ = ctx._
    dialog = ft.AlertDialog(
        title=ft.Text(content["name"]),
        content=ft.Column(
            [ft.Text(text, size=15) for text in card_lines(ctx, content)], tight=True, width=420
        ),
        actions=[
            labelled(
                ft.TextButton(_("Close"), on_click=lambda e: ctx.host.close_dialog()),
                _("Close"),
                "card-close",
            )
        ],
    )
    ctx.host.show_dialog(dialog)
    return dialog


def settings_section(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    profile = state.current
    chosen = urgence.enabled_for(state.session)
    rows: list[ft.Control] = [ft.Text(_("Emergency card"), weight=ft.FontWeight.BOLD)]
    if profile is None:
        return ft.Column(rows + [ft.Text(_("Add a profile first."))], spacing=8)
    owner = next((p.first_name for p in state.profiles if p.id == chosen), "")
    label = _("Show the emergency card of {name} on the lock screen").format(name=owner or profile.first_name)

    def toggle(on: bool) -> None:
        if on:
            ctx.act(lambda: urgence.enable(state.session, profile.id, state.today()), _("Emergency card on."))
        else:
            ctx.act(lambda: urgence.disable(state.session), _("Emergency card off."))
        state.notify()

    switch = ft.Switch(value=bool(chosen), on_change=lambda e: toggle(bool(e.control.value)))
    rows += [switch_row(switch, label, "emergency-card-switch"), ft.Text(_(MEANING), size=13)]
    return ft.Column(rows, spacing=8)

"""Professionnels bloqués: block a professional or an establishment (by name, and identifier if known),
kept as a FHIR Consent that denies them and synced; their documents are marked in the Dossier; unblock at
any time."""

from __future__ import annotations

import flet as ft

from components.form_dialog import FormDialog
from domain.errors import N_
from domain.models import Profile
from domain.sharing import IDENTIFIER_SYSTEMS, Block
from services.sharing import access
from views.context import ViewContext
from views.labels import date_text
from views.sharing.common import button, heading, line, now

KIND_NAMES = {"professional": N_("A professional"), "establishment": N_("An establishment")}
NONE = "none"


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    profile = state.current
    if profile is None:
        return ft.Column([heading(_("Blocked professionals")), line(_("Add a profile first."))])
    blocks = access.list_blocks(state.session, profile.id)
    return ft.Column(
        [
            heading(_("Blocked professionals")),
            line(
                _(
                    "A blocked professional or establishment is refused access to {name}'s record on your "
                    "server; the documents they wrote are marked in the Dossier."
                ).format(name=profile.first_name)
            ),
            button(
                _("Block a professional or an establishment"),
                "block-add",
                lambda e: open_block_form(ctx, profile),
                ft.Icons.BLOCK,
                True,
            ),
            *([_row(ctx, b) for b in blocks] or [line(_("Nobody is blocked."), italic=True)]),
        ],
        spacing=12,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )


def _row(ctx: ViewContext, block: Block) -> ft.Control:
    _ = ctx._
    since = _("blocked since {day}").format(day=date_text(block.since, _))
    if block.lifted:
        since = _("unblocked on {day}").format(day=date_text(block.lifted, _))
    ident = f" · {block.identifier_value}" if block.identifier_value else ""
    controls: list[ft.Control] = [
        ft.Column(
            [
                ft.Text(block.name, weight=ft.FontWeight.BOLD),
                ft.Text(f"{_(KIND_NAMES[block.kind])}{ident} · {since}", size=13),
            ],
            spacing=2,
            expand=True,
        )
    ]
    if block.lifted is None:
        controls.append(
            button(
                _("Unblock"),
                f"unblock-{block.id}",
                lambda e: ctx.confirm(
                    _("Unblock {name}?").format(name=block.name),
                    _("Unblock"),
                    lambda: access.lift_block(ctx.state.session, block, ctx.state.today(), now(ctx)),
                    _("Unblocked."),
                    ctx.state.notify,
                ),
            )
        )
    return ft.Row(controls, vertical_alignment=ft.CrossAxisAlignment.CENTER)


def open_block_form(ctx: ViewContext, profile: Profile) -> FormDialog:
    _, state = ctx._, ctx.state
    systems = {NONE: _("No identifier")}
    for kind in IDENTIFIER_SYSTEMS.values():
        systems |= {system: _(name) for system, name in kind.items()}
    form = FormDialog(
        heading=_("Block"),
        fields=[
            ("kind", _("Who"), "professional"),
            ("name", _("Name (as on their documents)"), ""),
            ("system", _("Identifier"), NONE),
            ("value", _("Identifier number (optional)"), ""),
        ],
        choices={"kind": {k: _(v) for k, v in KIND_NAMES.items()}, "system": systems},
        confirm_text=_("Block"),
        cancel_text=_("Cancel"),
        identifier="block",
    )

    def save(values: dict[str, str]) -> None:
        system = "" if values["system"] == NONE else values["system"]
        access.add_block(
            state.session, profile.id, values["kind"], values["name"], state.today(), now(ctx), system,
            values["value"] if system else "",
        )  # fmt: skip

    return ctx.form(form, save, _("Blocked."))

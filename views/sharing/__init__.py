"""Partager: the hub of the screens that let the user share under their control (issue 16): the patient
summary, a share with a professional, blocks, caregivers, and the history of every exchange."""

from __future__ import annotations

import flet as ft

from views.context import ViewContext
from views.sharing.common import go_button, heading, line


def build(ctx: ViewContext) -> ft.Control:
    _ = ctx._
    profile = ctx.state.current
    if profile is None:
        return ft.Column([heading(_("Share")), line(_("Add a profile first."))])
    return ft.Column(
        [
            heading(_("Share")),
            line(
                _(
                    "Nothing leaves Carnet unless you choose it: one document at a time, for a limited "
                    "time, and every exchange is kept in a sealed history where any alteration shows."
                )
            ),
            go_button(ctx, _("Patient summary"), "/summary", ft.Icons.SUMMARIZE, "go-summary"),
            go_button(ctx, _("Share with a professional"), "/share", ft.Icons.QR_CODE_2, "go-share"),
            go_button(ctx, _("Exchange history"), "/exchanges", ft.Icons.HISTORY, "go-exchanges"),
            go_button(ctx, _("Blocked professionals"), "/blocks", ft.Icons.BLOCK, "go-blocks"),
            *(  # an adult helped by a caregiver; a child's parents are its profile's holders
                [go_button(ctx, _("Caregivers"), "/caregivers", ft.Icons.VOLUNTEER_ACTIVISM, "go-caregivers")]
                if profile.role != "child"
                else []
            ),
        ],
        spacing=12,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )

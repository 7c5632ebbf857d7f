"""Réglages > Rappels: days before an agenda item and before an appointment, and the privacy switch."""

from __future__ import annotations

import flet as ft

from components.labelled import described, labelled
from components.switch_row import switch_row
from services import reminders
from views.context import ViewContext


def section(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    current = reminders.global_settings(state.session)
    window = ft.TextField(
        label=_("Reminders before an agenda item (days)"),
        value=reminders.days_text(current.window_days),
        width=320,
    )
    appointment = ft.TextField(
        label=_("Reminders before an appointment (days)"),
        value=reminders.days_text(current.appointment_days),
        width=320,
    )
    privacy = ft.Switch(
        value=current.private,
        on_change=lambda e: reminders.set_privacy(state.session, bool(e.control.value)),
    )

    def save() -> None:
        def store() -> None:
            reminders.set_window_days(state.session, window.value or "")
            reminders.set_appointment_days(state.session, appointment.value or "")

        ctx.act(store, done=_("Reminders saved."))

    return ft.Column(
        [
            ft.Text(_("Reminders"), weight=ft.FontWeight.BOLD),
            described(window),
            described(appointment),
            labelled(
                ft.OutlinedButton(_("Save the reminders"), on_click=lambda e: save()),
                _("Save the reminders"),
                "save-reminder-settings",
            ),
            switch_row(privacy, _("Discreet notifications (no medical detail)"), "notification-privacy"),
        ],
        spacing=8,
    )

"""Réglages > Rappels: days before an agenda item and before an appointment, and the privacy switch."""

from __future__ import annotations

import flet as ft

from components.form_errors import FieldForm
from components.labelled import described, labelled
from components.switch_row import switch_row
from services import reminders
from views.context import ViewContext
from views.forms import on_field


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

    form = FieldForm({"window": window, "appointment": appointment}, "reminders")

    def save() -> None:
        def store() -> None:
            with on_field("window"):
                reminders.parse_days(window.value or "")
            with on_field("appointment"):
                reminders.parse_days(appointment.value or "")  # both read before either is kept
            reminders.set_window_days(state.session, window.value or "")
            reminders.set_appointment_days(state.session, appointment.value or "")

        # in the screen: nothing to close nor to draw again; a refusal under its field
        ctx.submit(store, _("Reminders saved."), after=lambda: None, form=form, close=False)

    return ft.Column(
        [
            ft.Text(_("Reminders"), weight=ft.FontWeight.BOLD),
            form.error,
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

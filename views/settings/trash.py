"""Réglages > Synchronisation: profiles deleted on another device (the user's choice) and the Corbeille."""

from __future__ import annotations

from typing import Any

import flet as ft

from components.labelled import labelled
from domain.errors import N_
from domain.medical import BloodGroup
from domain.models import Immunization, Measurement, Profile
from services.sync import trash as sync_trash
from views.context import ViewContext
from views.labels import date_text, measurement_text, vaccine_text

KIND_NAMES = {
    "document": N_("Document"),
    "measurement": N_("Measurement"),
    "immunization": N_("Vaccination"),
    "appointment": N_("Appointment"),
    "pregnancy": N_("Pregnancy"),
    "child_exam": N_("Child exam"),
    "agenda_mark": N_("Agenda mark"),
    "reminder_setting": N_("Reminder setting"),
    "allergy": N_("Allergy"),
    "treatment": N_("Treatment"),
    "medical_history": N_("Medical history"),
    "hospitalisation": N_("Hospitalisation"),
    "family_history": N_("Family history"),
    "blood_group": N_("Blood group"),
}


def deleted_elsewhere(ctx: ViewContext) -> list[ft.Control]:
    """One card per profile deleted on another device, with the two choices."""
    return [_profile_card(ctx, p) for p in sync_trash.deleted_elsewhere(ctx.state.session)]


def _profile_card(ctx: ViewContext, profile: Profile) -> ft.Control:
    _ = ctx._
    text = ft.Column(
        [
            ft.Text(
                _("{name}: deleted on another device").format(name=profile.display_name),
                weight=ft.FontWeight.BOLD,
            ),
            ft.Text(_("Everything in this profile stays readable and exportable here until you choose.")),
            _choices(ctx, profile),
        ],
        spacing=6,
    )
    return ft.Container(
        content=text,
        key=f"deleted-elsewhere-{profile.id}",
        padding=12,
        border=ft.Border.all(1, ft.Colors.ERROR),
        border_radius=8,
    )


def _choices(ctx: ViewContext, profile: Profile) -> ft.Control:
    _, state = ctx._, ctx.state

    def keep() -> None:
        done = _("Kept: it will be sent to the server again at the next synchronisation.")
        if ctx.act(lambda: sync_trash.keep_profile(state.session, profile.id), done=done):
            state.reload()

    def delete_here() -> None:
        ctx.confirm(
            _(
                "Delete {name} and everything in this profile from this device too? This cannot be undone."
            ).format(name=profile.display_name),
            _("Delete here"),
            lambda: sync_trash.delete_profile_here(state.session, profile.id),
            done=_("Profile deleted."),
            after=state.reload,
        )

    return ft.Row(
        [
            labelled(
                ft.FilledButton(_("Keep it and send it again"), on_click=lambda e: keep()),
                _("Keep {name} and send it again").format(name=profile.first_name),
                f"keep-profile-{profile.id}",
            ),
            labelled(
                ft.OutlinedButton(_("Delete it here"), on_click=lambda e: delete_here()),
                _("Delete {name} here").format(name=profile.first_name),
                f"delete-here-{profile.id}",
            ),
        ],
        wrap=True,
    )


def trash(ctx: ViewContext) -> list[ft.Control]:
    """The Corbeille: what other devices deleted, each restorable until it is purged."""
    _, state = ctx._, ctx.state
    items = sync_trash.list_trash(state.session, state.today())
    if not items:
        return []
    names = {p.id: p.first_name for p in state.profiles}
    rows: list[ft.Control] = [
        ft.Text(_("Trash"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
        ft.Text(_("Records deleted on another device, kept {days} days.").format(days=sync_trash.KEEP_DAYS)),
    ]
    rows += [_trash_row(ctx, item, names.get(item.profile_id, "")) for item in items]
    return rows


def _trash_row(ctx: ViewContext, item: sync_trash.TrashItem, owner: str) -> ft.Control:
    _, state = ctx._, ctx.state
    what = describe(item.record, _)
    label = " · ".join(x for x in (_(KIND_NAMES.get(item.kind, item.kind)), what, owner) if x)

    def restore() -> None:
        if ctx.act(
            lambda: sync_trash.restore(state.session, item.profile_id, item.id),
            done=_("Restored; it will be sent to the server again."),
        ):
            state.reload()

    when = _("Deleted on another device on {day}; removed for good on {until}.").format(
        day=date_text(item.deleted_on, _), until=date_text(item.purge_on, _)
    )
    return ft.Row(
        [
            ft.Column([ft.Text(label), ft.Text(when, size=12)], spacing=2, expand=True),
            labelled(
                ft.TextButton(_("Restore"), icon=ft.Icons.RESTORE, on_click=lambda e: restore()),
                _("Restore {what}").format(what=label),
                f"restore-{item.id}",
            ),
        ],
        key=f"trash-{item.id}",
    )


def describe(record: Any, _: Any) -> str:
    """A few words that tell which record it was."""
    if isinstance(record, Measurement):
        return measurement_text(record.kind, record.value, _)
    if isinstance(record, Immunization):
        return vaccine_text(record.vaccine, _)
    if isinstance(record, BloodGroup):
        return f"{record.abo} {record.rhd}"
    for name in ("title", "substance", "medicine", "condition", "place", "professional"):
        value = getattr(record, name, "")
        if value:
            return str(value)
    return ""

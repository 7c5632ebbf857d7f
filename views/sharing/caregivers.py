"""Aidants: who helps this person, with the consent they (or their representative) gave: who, when,
which sections, until when; withdrawn in one tap by the person helped. Synced as RelatedPerson + Consent,
so the caregiver's device and the person's own see the same grant."""

from __future__ import annotations

from datetime import date, timedelta

import flet as ft

from components.labelled import labelled
from domain.errors import N_, CarnetError
from domain.models import Profile
from domain.sharing import CAREGIVER_SECTIONS, RELATIONSHIPS, SECTION_NAMES, CaregiverGrant
from services.sharing import access
from views.context import ViewContext
from views.formats import day_field, read_day
from views.labels import date_text
from views.sharing.common import button, field_error, heading, line, now

CONSENTER_NAMES = {"person": N_("The person helped"), "representative": N_("Their legal representative")}
DEFAULT_LENGTH = timedelta(days=365)


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    profile = state.current
    if profile is None:
        return ft.Column([heading(_("Caregivers")), line(_("Add a profile first."))])
    grants = access.list_grants(state.session, profile.id)
    return ft.Column(
        [
            heading(_("Who helps {name}").format(name=profile.first_name)),
            line(
                _(
                    "A caregiver follows the health of an adult they help, with that person's consent: "
                    "for everything or some sections, until an expiry. The person can withdraw it at any "
                    "time."
                )
            ),
            button(
                _("Record a caregiver's access"),
                "caregiver-add",
                lambda e: open_grant_form(ctx, profile),
                ft.Icons.ADD,
                True,
            ),
            *(
                [_row(ctx, g) for g in grants]
                or [line(_("Nobody helps this person in Carnet."), italic=True)]
            ),
        ],
        spacing=12,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )


def scope_text(ctx: ViewContext, grant: CaregiverGrant) -> str:
    _ = ctx._
    return _("Everything") if grant.everything else ", ".join(_(SECTION_NAMES[s]) for s in grant.sections)


def _row(ctx: ViewContext, grant: CaregiverGrant) -> ft.Control:
    _, today = ctx._, ctx.state.today()
    who = grant.representative or _("the person helped")
    consent = _("Consent of {who} on {day}, until {end}").format(
        who=who, day=date_text(grant.consented_on, _), end=date_text(grant.expires_on, _)
    )
    if grant.revoked_on is not None:
        status = _("Withdrawn on {day}").format(day=date_text(grant.revoked_on, _))
    else:
        status = _("Active") if grant.active(today) else _("Expired")
    lines: list[ft.Control] = [
        ft.Text(f"{grant.caregiver} ({_(RELATIONSHIPS[grant.relationship])})", weight=ft.FontWeight.BOLD),
        ft.Text(scope_text(ctx, grant), size=13),
        ft.Text(f"{consent} · {status}", size=13),
    ]
    controls: list[ft.Control] = [ft.Column(lines, spacing=2, expand=True)]
    if grant.revoked_on is None:
        controls.append(
            button(
                _("Withdraw"),
                f"caregiver-withdraw-{grant.id}",
                lambda e: ctx.confirm(
                    _("Withdraw the access of {name}?").format(name=grant.caregiver),
                    _("Withdraw"),
                    lambda: access.withdraw_grant(ctx.state.session, grant, ctx.state.today(), now(ctx)),
                    _("Access withdrawn."),
                    ctx.state.notify,
                ),
            )
        )
    return ft.Row(controls, vertical_alignment=ft.CrossAxisAlignment.CENTER)


def open_grant_form(ctx: ViewContext, profile: Profile) -> ft.AlertDialog:
    _, state = ctx._, ctx.state
    today = state.today()
    name = ft.TextField(label=_("Caregiver's name"), error_max_lines=3)
    relationship = ft.Dropdown(
        label=_("Who they are to the person"),
        value="CHILD",
        options=[ft.DropdownOption(key=k, text=_(v)) for k, v in RELATIONSHIPS.items()],
    )
    consenter = ft.Dropdown(
        label=_("Who consents"),
        value="person",
        options=[ft.DropdownOption(key=k, text=_(v)) for k, v in CONSENTER_NAMES.items()],
    )
    representative = ft.TextField(label=_("Representative's name (if they consent)"))
    consented = ft.TextField(label=_("Date of consent"), value=typed_day(ctx, today))
    expires = ft.TextField(label=_("Until"), value=typed_day(ctx, today + DEFAULT_LENGTH), error_max_lines=3)
    everything = ft.Checkbox(label=_("Everything"), value=True)
    boxes = {s: ft.Checkbox(label=_(SECTION_NAMES[s]), value=False) for s in CAREGIVER_SECTIONS}

    def save(e: object = None) -> None:
        try:
            grant = CaregiverGrant(
                profile_id=profile.id,
                caregiver=name.value or "",
                relationship=relationship.value or "",
                consented_by=consenter.value or "",
                representative=(representative.value or "") if consenter.value == "representative" else "",
                consented_on=read_day(consented.value or "", ctx._),
                expires_on=read_day(expires.value or "", ctx._),
                everything=bool(everything.value),
                sections=() if everything.value else tuple(s for s, b in boxes.items() if b.value),
            )
        except CarnetError as exc:
            field_error(name, exc.render(_))  # on the form, where the user corrects it
            return
        ctx.submit(
            lambda: access.add_grant(state.session, grant, today, now(ctx)), _("Caregiver's access recorded.")
        )

    fields: list[ft.Control] = [
        ft.Semantics(content=c, label=str(c.label), identifier=f"caregiver-{key}")
        for key, c in (
            ("name", name),
            ("relationship", relationship),
            ("consenter", consenter),
            ("representative", representative),
            ("consented", consented),
            ("expires", expires),
        )
    ]
    fields.append(ft.Text(_("Sections opened"), weight=ft.FontWeight.BOLD))
    fields += [ft.Semantics(content=everything, label=_("Everything"), identifier="caregiver-everything")]
    fields += [
        ft.Semantics(content=b, label=str(b.label), identifier=f"caregiver-section-{s}")
        for s, b in boxes.items()
    ]
    dialog = ft.AlertDialog(
        modal=True,
        title=ft.Text(_("Caregiver's access")),
        content=ft.Column(fields, tight=True, scroll=ft.ScrollMode.AUTO, width=420),
        actions=[
            labelled(
                ft.TextButton(_("Cancel"), on_click=lambda e: ctx.host.close_dialog()),
                _("Cancel"),
                "caregiver-cancel",
            ),
            labelled(ft.FilledButton(_("Save"), on_click=save), _("Save"), "caregiver-confirm"),
        ],
    )
    ctx.host.show_dialog(dialog)
    return dialog


def typed_day(ctx: ViewContext, day: date) -> str:
    """A date as read_day reads it back: 31/12/2026 in French, 12/31/2026 in English."""
    return day_field(day, ctx._)

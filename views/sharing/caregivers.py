"""Aidants: who helps this person, with the consent they (or their representative) gave: who, when,
which sections, until when; withdrawn in one tap by the person helped. Synced as RelatedPerson + Consent,
so the caregiver's device and the person's own see the same grant."""

from __future__ import annotations

from datetime import timedelta

import flet as ft

from components.form_errors import FieldForm
from components.labelled import labelled
from domain.errors import N_
from domain.models import Profile
from domain.sharing import CAREGIVER_SECTIONS, RELATIONSHIPS, SECTION_NAMES, CaregiverGrant
from services.sharing import access
from views.context import ViewContext
from views.forms import FormValues, date_label, day_input, on_field
from views.labels import date_text
from views.sharing.common import button, heading, line, now

CONSENTER_NAMES = {"person": N_("The person helped"), "representative": N_("Their legal representative")}
DEFAULT_LENGTH = timedelta(days=365)
# the field each refusal of a grant is about (the others go on the form's own line)
GRANT_REFUSALS = {
    "Give the caregiver's name.": "name",
    "Unknown relationship {code!r}.": "relationship",
    "Say who gave consent: the person helped or their representative.": "consenter",
    "Give the name of the representative who consented.": "representative",
    "The date of consent is not valid.": "consented",
    "The expiry date is not valid.": "expires",
    "The help must end after the day of consent.": "expires",
}


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
    consented = ft.TextField(label=date_label(_("Date of consent"), _), value=day_input(today, _))
    expires = ft.TextField(label=date_label(_("Until"), _), value=day_input(today + DEFAULT_LENGTH, _))
    everything = ft.Checkbox(label=_("Everything"), value=True)
    boxes = {s: ft.Checkbox(label=_(SECTION_NAMES[s]), value=False) for s in CAREGIVER_SECTIONS}

    inputs: dict[str, ft.TextField | ft.Dropdown] = {
        "name": name,
        "relationship": relationship,
        "consenter": consenter,
        "representative": representative,
        "consented": consented,
        "expires": expires,
    }
    form = FieldForm(inputs, "caregiver")

    def save(e: object = None) -> None:
        values = FormValues(form.values(), _)
        wrong = values.errors({"consented": "date", "expires": "date"})
        if wrong:
            state.touch()
            form.show_errors(wrong)
            return

        def grant() -> None:
            with on_field(messages=GRANT_REFUSALS):
                given = CaregiverGrant(
                    profile_id=profile.id,
                    caregiver=values["name"],
                    relationship=values["relationship"],
                    consented_by=values["consenter"],
                    representative=values["representative"]
                    if values["consenter"] == "representative"
                    else "",
                    consented_on=values.day("consented"),
                    expires_on=values.day("expires"),
                    everything=bool(everything.value),
                    sections=() if everything.value else tuple(s for s, b in boxes.items() if b.value),
                )
            access.add_grant(state.session, given, today, now(ctx))

        ctx.submit(grant, _("Caregiver's access recorded."), form=form)

    fields: list[ft.Control] = [form.error]
    fields += [
        ft.Semantics(content=c, label=str(c.label), identifier=f"caregiver-{key}")
        for key, c in inputs.items()
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

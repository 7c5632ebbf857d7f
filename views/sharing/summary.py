"""Synthèse: the current profile's patient summary on screen, as a doctor would read it first (emergency
contacts, blood group, allergies, treatments...), with its exports (PDF, FHIR) and the emergency
contacts it names."""

from __future__ import annotations

import flet as ft

from components.form_dialog import FormDialog
from components.labelled import labelled
from components.section_card import SectionCard
from domain.errors import N_
from domain.models import Profile
from domain.summary import (
    EmergencyContact,
    SummaryData,
    blood_group,
    by_date,
    current_pregnancy,
    current_treatments,
    due_items,
    latest_measurements,
)
from services.sharing import data as summary
from services.sharing.texts import Texts
from views.context import ViewContext
from views.sharing.common import button, hand_over, heading, line, now, texts

EXPORTS = {"pdf": ("synthese.pdf", "pdf"), "fhir": ("synthese-ips.json", "json")}


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    profile = state.current
    if profile is None:
        return ft.Column([heading(_("Patient summary")), line(_("Add a profile first."))])
    data = summary.summary_data(state.session, profile.id, state.today())
    words = texts(ctx)
    return ft.Column(
        [
            heading(_("Patient summary of {name}").format(name=profile.display_name)),
            line(
                _(
                    "What a doctor reads first, from what Carnet holds. It has not been checked by a "
                    "professional."
                )
            ),
            ft.Row(
                [
                    button(
                        _("Export as PDF"),
                        "summary-pdf",
                        lambda e: export(ctx, profile, "pdf"),
                        ft.Icons.PICTURE_AS_PDF,
                        True,
                    ),
                    button(
                        _("Export as FHIR"),
                        "summary-fhir",
                        lambda e: export(ctx, profile, "fhir"),
                        ft.Icons.DATA_OBJECT,
                    ),
                ],
                wrap=True,
                spacing=8,
                run_spacing=8,
            ),
            _contacts_card(ctx, profile, data),
            *_cards(ctx, data, words),
        ],
        spacing=12,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,  # every card the width of the screen
    )


def _cards(ctx: ViewContext, data: SummaryData, words: Texts) -> list[ft.Control]:
    _, today = ctx._, ctx.state.today()
    group = blood_group(data.blood_groups)
    pregnancy = current_pregnancy(data.pregnancies)
    results = latest_measurements(data.measurements, vital=False) + latest_measurements(
        data.measurements, vital=True
    )
    rows = [
        (N_("Blood group"), [group.label] if group else [], N_("Not known.")),
        (
            N_("Allergies"),
            [words.allergy(a) for a in data.allergies],
            N_("No allergy is recorded in Carnet."),
        ),
        (
            N_("Current treatments"),
            [words.treatment(t) for t in current_treatments(data.treatments, today)],
            N_("No current treatment is recorded in Carnet."),
        ),
        (
            N_("Health problems and history"),
            [words.problem(p) for p in by_date(data.problems)],
            N_("No health problem is recorded in Carnet."),
        ),
        (
            N_("Pregnancy"),
            [_("Pregnant since {day} (last period)").format(day=words.day(pregnancy.lmp))]
            if pregnancy
            else [],
            "",
        ),
        (N_("Hospitalisations"), [words.hospitalisation(h) for h in by_date(data.hospitalisations)], ""),
        (N_("Vaccinations"), [words.immunization(i) for i in by_date(data.immunizations)], ""),
        (N_("Recent results"), [words.measurement(m) for m in results], ""),
        (N_("What is due"), [words.due(i) for i in due_items(data.plan, today)], ""),
    ]
    return [
        SectionCard(title=_(title), lines=[ft.Text(text) for text in lines], empty_text=_(empty))
        for title, lines, empty in rows
        if lines or empty
    ]


def _contacts_card(ctx: ViewContext, profile: Profile, data: SummaryData) -> ft.Control:
    _ = ctx._
    rows: list[ft.Control] = [_contact_row(ctx, profile, c) for c in data.contacts]
    rows.append(
        button(
            _("Add an emergency contact"),
            "contact-add",
            lambda e: open_contact_form(ctx, profile),
            ft.Icons.ADD,
        )
    )
    return SectionCard(title=_("Emergency contacts"), lines=rows)


def _contact_row(ctx: ViewContext, profile: Profile, contact: EmergencyContact) -> ft.Control:
    _ = ctx._
    who = f"{contact.name} ({contact.relationship})" if contact.relationship else contact.name
    remove = labelled(
        ft.IconButton(
            ft.Icons.DELETE_OUTLINE,
            on_click=lambda e: ctx.confirm(
                _("Remove {name} from the emergency contacts?").format(name=contact.name),
                _("Remove"),
                lambda: summary.delete_contact(ctx.state.session, profile.id, contact),
                _("Contact removed."),
                ctx.state.notify,
            ),
        ),
        _("Remove {name}").format(name=contact.name),
        f"contact-remove-{contact.id}",
    )
    return ft.Row([ft.Text(f"{who} : {contact.phone}", expand=True), remove])


def open_contact_form(ctx: ViewContext, profile: Profile) -> FormDialog:
    _, state = ctx._, ctx.state
    form = FormDialog(
        heading=_("Emergency contact"),
        fields=[
            ("name", _("Name"), ""),
            ("phone", _("Telephone"), ""),
            ("relationship", _("Who they are (optional)"), ""),
        ],
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
        identifier="contact",
    )

    def save(values: dict[str, str]) -> None:
        summary.add_contact(
            state.session, profile.id, state.today(), values["name"], values["phone"], values["relationship"]
        )

    return ctx.form(form, save, _("Contact saved."))


def export(ctx: ViewContext, profile: Profile, fmt: str) -> None:
    _, state = ctx._, ctx.state
    made: list[bytes] = []
    if not ctx.act(
        lambda: made.append(
            summary.export_summary(state.session, profile.id, fmt, state.today(), now(ctx), texts(ctx))
        )
    ):
        return
    name, extension = EXPORTS[fmt]
    hand_over(ctx, _("Save the patient summary"), name, made[0], extension, _("Patient summary saved."))

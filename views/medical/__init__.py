"""Profil médical: blood group card, allergies, treatments, history, hospitalisations, family history (each
listed with its date and who entered it; add, edit, delete), measurements as a chart and a table, and the
vaccination record. Every change goes through services.medical_profile, which writes the access history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from components.form_dialog import FormDialog
from components.labelled import labelled
from domain.errors import N_
from domain.medical import ABO_GROUPS, ALLERGY_SEVERITIES, RHD_FACTORS
from domain.models import ADDED_BY
from services import medical_profile as mp
from services import records
from views.context import ViewContext
from views.forms import FormValues, date_label, day_input, on_field
from views.labels import date_text, vaccine_text
from views.medical import measurements as medical_measurements

# kind -> the form's fields: (name, label msgid). Dates are typed as the language writes them ("on"
# says how); "until" may stay empty.
FIELDS: dict[str, list[tuple[str, str]]] = {
    "allergy": [
        ("substance", N_("Substance")),
        ("reaction", N_("Reaction")),
        ("severity", N_("Severity")),
        ("on", N_("Since")),
    ],
    "treatment": [
        ("medicine", N_("Medicine")),
        ("dosage", N_("Dosage")),
        ("prescriber", N_("Prescriber")),
        ("on", N_("Started on")),
        ("until", N_("Until (optional)")),
    ],
    "medical_history": [
        ("condition", N_("Illness or condition")),
        ("note", N_("Note")),
        ("on", N_("Date")),
    ],
    "hospitalisation": [
        ("place", N_("Hospital or clinic")),
        ("reason", N_("Reason")),
        ("on", N_("Admitted on")),
        ("until", N_("Discharged on (optional)")),
    ],
    "family_history": [
        ("relative", N_("Relative")),
        ("condition", N_("Illness or condition")),
        ("note", N_("Note")),
        ("on", N_("Date")),
    ],
    "blood_group": [
        ("abo", N_("ABO group")),
        ("rhd", N_("RhD")),
        ("lab", N_("Laboratory")),
        ("on", N_("Typed on")),
    ],
}
SEVERITY_NAMES = {"": N_("Not said"), "mild": N_("Mild"), "moderate": N_("Moderate"), "severe": N_("Severe")}
ENTERED_BY_NAMES = {
    "me": N_("Entered by me"),
    "professional": N_("Entered by a professional"),
    "service": N_("Entered by a synced service"),
}
DATES = ("on", "until")
# The refusals of domain/medical.py, each on the field it is about.
REFUSAL_FIELDS = {
    "Say what the allergy is to.": "substance",
    "Say which medicine is taken.": "medicine",
    "A treatment cannot end before it starts.": "until",
    "Say which illness or condition it is.": "condition",
    "Say which hospital or clinic.": "place",
    "A discharge cannot come before the admission.": "until",
    "Say which relative it is.": "relative",
}


def build(ctx: ViewContext) -> ft.Control:
    _ = ctx._
    profile = ctx.state.current
    if profile is None:
        return ft.Text(_("No profile yet: add one in Profiles."))
    session = ctx.state.session
    controls: list[ft.Control] = [
        ft.Text(
            _("Medical profile of {name}").format(name=profile.first_name),
            theme_style=ft.TextThemeStyle.TITLE_LARGE,
        ),
        _blood_group_card(ctx, profile.id),
    ]
    for kind in mp.PROFILE_KINDS[:-1]:
        controls.append(_section(ctx, profile.id, kind))
    controls.append(medical_measurements.panel(ctx, profile.id))
    from views.risk.findings import entry_point  # issue 15: what the measurements invite to do

    if (link := entry_point(ctx)) is not None:
        controls.append(link)
    doses = records.list_records(session, profile.id, "immunization")
    controls.append(ft.Text(_("Vaccinations"), weight=ft.FontWeight.BOLD))
    controls += [
        ft.Text(f"{date_text(d.on, _)}  {vaccine_text(d.vaccine, _)} - {d.product} {d.lot}".rstrip())
        for d in doses
    ] or [ft.Text(_("No vaccination recorded."), italic=True)]
    return ft.Column(controls, scroll=ft.ScrollMode.AUTO, expand=True, spacing=10)


# -- medical-profile entries -------------------------------------------------------------------------------
def entry_text(entry: Any, _: Callable[[str], str]) -> str:
    """One line: what, details, the date and who entered it."""
    parts = [
        str(getattr(entry, name))
        for name, _label in FIELDS[_kind(entry)]
        if name not in DATES and name != "severity" and getattr(entry, name)
    ]
    if getattr(entry, "severity", ""):
        parts.append(_(SEVERITY_NAMES[entry.severity]))
    when = date_text(entry.on, _)
    if getattr(entry, "until", None):
        when += f" - {date_text(entry.until, _)}"
    return f"{' - '.join(parts)} ({when}; {_(ENTERED_BY_NAMES[entry.entered_by])})"


def _kind(entry: Any) -> str:
    return records.kind_of(entry)


def _section(ctx: ViewContext, profile_id: str, kind: str) -> ft.Control:
    _ = ctx._
    entries = mp.list_entries(ctx.state.session, profile_id, kind)
    rows: list[ft.Control] = [_entry_row(ctx, profile_id, e) for e in entries]
    add = labelled(
        ft.IconButton(ft.Icons.ADD, on_click=lambda e: show_form(ctx, profile_id, kind)),
        _("Add: {what}").format(what=_(mp.KIND_NAMES[kind])),
        f"add-{kind}",
    )
    return ft.Card(
        content=ft.Container(
            padding=10,
            content=ft.Column(
                [
                    ft.Row([ft.Text(_(mp.KIND_NAMES[kind]), weight=ft.FontWeight.BOLD, expand=True), add]),
                    *(rows or [ft.Text(_("Nothing recorded."), italic=True)]),
                ],
                spacing=4,
            ),
        )
    )


def _entry_row(ctx: ViewContext, profile_id: str, entry: Any) -> ft.Control:
    _ = ctx._
    text = entry_text(entry, _)
    return ft.Row(
        [
            ft.Text(text, expand=True),
            labelled(
                ft.IconButton(
                    ft.Icons.EDIT, on_click=lambda e: show_form(ctx, profile_id, _kind(entry), entry)
                ),
                _("Edit: {what}").format(what=text),
                f"edit-{entry.id}",
            ),
            labelled(
                ft.IconButton(ft.Icons.DELETE, on_click=lambda e: confirm_delete(ctx, profile_id, entry)),
                _("Delete: {what}").format(what=text),
                f"delete-{entry.id}",
            ),
        ]
    )


def show_form(ctx: ViewContext, profile_id: str, kind: str, entry: Any = None) -> FormDialog:
    _ = ctx._
    today = ctx.state.today()

    def initial(name: str) -> str:
        value = getattr(entry, name, None) if entry is not None else None
        if name in DATES:
            day = value if entry is not None else (today if name == "on" else None)
            return day_input(day, _)
        return str(value) if value is not None else {"abo": "O", "rhd": "+"}.get(name, "")

    fields = [
        (name, date_label(_(label), _) if name == "on" else _(label), initial(name))
        for name, label in FIELDS[kind]
    ]
    fields.append(("entered_by", _("Entered by"), getattr(entry, "entered_by", "me")))
    form = FormDialog(
        heading=_(mp.KIND_NAMES[kind]),
        fields=fields,
        identifier=f"form-{kind}",
        kinds={"on": "date", "until": "optional date"},
        choices={
            "severity": {s: _(SEVERITY_NAMES[s]) for s in ALLERGY_SEVERITIES},
            "abo": {g: g for g in ABO_GROUPS},
            "rhd": {r: f"Rh{r}" for r in RHD_FACTORS},
            "entered_by": {o: _(ENTERED_BY_NAMES[o]) for o in ADDED_BY},
        },
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
    )
    return ctx.form(form, lambda values: _save(ctx, profile_id, kind, entry, values), _("Saved."))


def _values(values: FormValues) -> dict[str, Any]:
    typed: dict[str, Any] = dict(values)
    typed["on"] = values.day("on")
    if "until" in typed:
        typed["until"] = values.optional_day("until")
    return typed


def _save(ctx: ViewContext, profile_id: str, kind: str, entry: Any, values: FormValues) -> None:
    session, today = ctx.state.session, ctx.state.today()
    typed = _values(values)
    with on_field(dated="on", messages=REFUSAL_FIELDS):
        if entry is None:
            mp.add_entry(session, profile_id, kind, today, **typed)
        else:
            mp.update_entry(session, profile_id, entry, today, **typed)


def confirm_delete(ctx: ViewContext, profile_id: str, entry: Any) -> None:
    _ = ctx._
    ctx.confirm(
        _("Delete \u201c{what}\u201d?").format(what=entry_text(entry, _)),
        _("Delete"),
        lambda: mp.delete_entry(ctx.state.session, profile_id, entry),
        done=_("Deleted."),
        after=ctx.state.notify,
    )


# -- blood group card ---------------------------------------------------------------------------
def _blood_group_card(ctx: ViewContext, profile_id: str) -> ft.Control:
    _ = ctx._
    group = mp.blood_group(ctx.state.session, profile_id)
    buttons: list[ft.Control] = [
        labelled(
            ft.OutlinedButton(
                _("Change") if group else _("Add"),
                icon=ft.Icons.EDIT,
                on_click=lambda e: show_form(ctx, profile_id, "blood_group", group),
            ),
            _("Blood group"),
            "edit-blood-group",
        )
    ]
    if group is not None:
        buttons.append(
            labelled(
                ft.OutlinedButton(
                    _("Print the card (PDF)"),
                    icon=ft.Icons.PRINT,
                    on_click=lambda e: _print_card(ctx, profile_id),
                ),
                _("Print the card (PDF)"),
                "print-blood-group",
            )
        )
    text = entry_text(group, _) if group else _("Not recorded.")
    return ft.Card(
        content=ft.Container(
            padding=12,
            content=ft.Column(
                [
                    ft.Row(
                        [
                            ft.Icon(ft.Icons.BLOODTYPE, color=ft.Colors.RED_700),
                            ft.Text(_("Blood group"), weight=ft.FontWeight.BOLD),
                            ft.Text(
                                group.label if group else "-",
                                size=22,
                                weight=ft.FontWeight.BOLD,
                                key="blood-group",
                            ),
                        ]
                    ),
                    ft.Text(text, size=12),
                    ft.Row(buttons, wrap=True),
                ],
                spacing=6,
            ),
        )
    )


def card_pdf(ctx: ViewContext, profile_id: str) -> bytes:
    profile = next(p for p in ctx.state.profiles if p.id == profile_id)
    group = mp.blood_group(ctx.state.session, profile_id)
    assert group is not None
    return mp.blood_group_card(profile, group, ctx._)


def _print_card(ctx: ViewContext, profile_id: str) -> None:
    data = card_pdf(ctx, profile_id)

    async def save() -> None:
        await ctx.host.files.save_as(ctx._("Print the card (PDF)"), "groupe-sanguin.pdf", data=data)

    ctx.host.run_task(save)

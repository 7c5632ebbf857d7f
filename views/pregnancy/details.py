"""The answers the maternity leave (Code du travail L1225-17 to L1225-19) and some follow-up items
depend on: babies expected, children already in the family, toxoplasmosis immunity, rhesus."""

from __future__ import annotations

from components.form_dialog import FormDialog
from domain.errors import N_
from domain.models import Pregnancy, Profile
from services import pregnancy as follow_up
from views.context import ViewContext

# The questions the maternity leave (Code du travail L1225-17 to L1225-19) and some follow-up items
# depend on: (key, label, {answer: choice label}).
DETAIL_QUESTIONS: list[tuple[str, str, dict[str, str]]] = [
    ("babies", N_("Babies expected"), {"1": N_("One baby"), "2": N_("Twins"), "3": N_("Triplets or more")}),
    (
        "previous_children",
        N_("Children already born or in your care"),
        {"0": N_("None (first child)"), "1": N_("One"), "2": N_("Two or more")},
    ),
    (
        "toxo_immune",
        N_("Toxoplasmosis immunity"),
        {"unknown": N_("Not known yet"), "yes": N_("Yes, immune"), "no": N_("No, not immune")},
    ),
    (
        "rh_negative",
        N_("Rhesus"),
        {"unknown": N_("Not known yet"), "no": N_("Rhesus positive"), "yes": N_("Rhesus negative")},
    ),
]
YES_NO = {"unknown": None, "": None, "yes": True, "no": False}


def details_from(values: dict[str, str]) -> dict[str, object]:
    """The pregnancy's details from the form's answers (services.pregnancy.DETAILS)."""
    return {
        "babies": int(values.get("babies") or 1),
        "previous_children": int(values.get("previous_children") or 0),
        "toxo_immune": YES_NO[values.get("toxo_immune", "")],
        "rh_negative": YES_NO[values.get("rh_negative", "")],
    }


def answers(pregnancy: Pregnancy | None) -> dict[str, str]:
    if pregnancy is None:
        return {"babies": "1", "previous_children": "0", "toxo_immune": "unknown", "rh_negative": "unknown"}
    answer = {None: "unknown", True: "yes", False: "no"}
    return {
        "babies": str(min(pregnancy.babies, 3)),
        "previous_children": str(min(pregnancy.previous_children, 2)),
        "toxo_immune": answer[pregnancy.toxo_immune],
        "rh_negative": answer[pregnancy.rh_negative],
    }


def detail_fields(ctx: ViewContext, pregnancy: Pregnancy | None) -> tuple[list, dict]:
    _, given = ctx._, answers(pregnancy)
    fields = [(key, _(label), given[key]) for key, label, _choices in DETAIL_QUESTIONS]
    choices = {key: {k: _(v) for k, v in options.items()} for key, _label, options in DETAIL_QUESTIONS}
    return fields, choices


def open_details_form(ctx: ViewContext, profile: Profile, pregnancy: Pregnancy) -> FormDialog:
    """The answers the maternity leave and some follow-up items depend on, changed at any time."""
    _, state = ctx._, ctx.state

    def save(values: dict[str, str]) -> None:
        follow_up.update_details(state.session, profile, pregnancy, state.today(), **details_from(values))

    fields, choices = detail_fields(ctx, pregnancy)
    form = FormDialog(
        heading=_("Babies, children, toxoplasmosis, rhesus"),
        fields=fields,
        choices=choices,
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
        identifier="preg-details",
    )
    return ctx.form(form, save, _("Pregnancy details saved."))

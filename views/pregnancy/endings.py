"""How a follow-up ends: "J'ai accouché" (the baby's profile is created; a date before 22 SA is asked
again), or without a birth: a miscarriage, a termination (IVG or IMG), or unsaid, keeping or deleting
the pregnancy's folder. The wording is sober: it says what happens to the data, nothing more."""

from __future__ import annotations

from typing import Any

from components.confirm_dialog import ConfirmDialog
from components.form_dialog import FormDialog
from domain.errors import N_, CarnetError
from domain.models import Pregnancy, Profile
from domain.pregnancy import weeks_of_amenorrhea
from services import pregnancy as follow_up
from views.context import ViewContext
from views.forms import FormValues, date_label, day_input, on_field
from views.labels import SEX_NAMES

OUTCOME_NAMES = {
    "miscarriage": N_("Miscarriage"),
    "termination": N_("Termination of pregnancy (IVG or IMG)"),
    "other": N_("I would rather not say"),
}
# The refusals of services/pregnancy.py and domain/models.py, each on the field it is about.
BIRTH_REFUSALS = {"The first name cannot be empty.": "first_name"}


def open_birth_form(ctx: ViewContext, mother: Profile, pregnancy: Pregnancy) -> FormDialog:
    """Ends the follow-up and creates the baby's profile, pre-filled; its booklet opens at once. A birth
    date before 22 SA is asked again before anything is saved."""
    _, state = ctx._, ctx.state
    children: list[Profile] = []

    def save(values: FormValues) -> None:
        with on_field(dated="birth_date", messages=BIRTH_REFUSALS):
            _closed, child = follow_up.gave_birth(
                state.session,
                mother,
                pregnancy,
                state.today(),
                birth_date=values.day("birth_date"),
                first_name=values["first_name"],
                sex=values["sex"],
                last_name=values["last_name"],
            )
        children.append(child)

    def open_booklet() -> None:
        state.route = "/child"
        state.reload(select=children[-1].id)

    dialog = FormDialog(
        heading=_("I gave birth"),
        fields=[
            ("birth_date", date_label(_("Birth date"), _), day_input(state.today(), _)),
            ("first_name", _("First name"), ""),
            ("last_name", _("Last name"), mother.last_name),
            ("sex", _("Sex"), "F"),
        ],
        choices={"sex": {code: _(name) for code, name in SEX_NAMES.items()}},
        kinds={"birth_date": "date"},
        confirm_text=_("Create the child's profile"),
        cancel_text=_("Cancel"),
        identifier="preg-birth",
    )
    form = ctx.form(dialog, save, _("Congratulations! The child's health booklet is ready."), open_booklet)
    create = form.on_confirm
    assert create is not None

    def confirm(typed: dict[str, str]) -> Any:
        try:
            born = FormValues(typed, _).day("birth_date")
        except CarnetError:
            return create(typed)  # the form shows why on the field
        if not follow_up.before_viability(pregnancy, born) or born < pregnancy.lmp:
            return create(typed)
        ask_early_birth(ctx, pregnancy, born, lambda: create(typed))
        return False

    form.on_confirm = confirm
    return form


def ask_early_birth(ctx: ViewContext, pregnancy: Pregnancy, born: Any, create: Any) -> ConfirmDialog:
    _ = ctx._
    weeks, days = weeks_of_amenorrhea(pregnancy.lmp, born)

    def yes() -> None:
        ctx.host.close_dialog()
        create()

    question = ConfirmDialog(
        message=_(
            "This birth date is at {weeks}+{days} SA, before 22 SA. Is the date right? If the "
            "pregnancy ended without a birth, you can instead end the follow-up without a birth."
        ).format(weeks=weeks, days=days),
        confirm_text=_("Yes, the date is right"),
        cancel_text=_("Check the date"),
        on_confirm=yes,
        on_cancel=ctx.host.close_dialog,
    )
    ctx.host.show_dialog(question)
    return question


def open_end_form(ctx: ViewContext, profile: Profile, pregnancy: Pregnancy) -> FormDialog:
    """Ends the follow-up without a birth: its reminders stop; its documents are kept or deleted."""
    _, state = ctx._, ctx.state
    folder = follow_up.documents(state.session, profile.id, pregnancy)

    def save(values: FormValues) -> None:
        with on_field(dated="on", messages={"A pregnancy cannot end before it starts.": "on"}):
            follow_up.end_without_birth(
                state.session,
                profile,
                pregnancy,
                state.today(),
                on=values.day("on"),
                outcome=values["outcome"],
                keep_documents=values.get("documents", "keep") == "keep",
            )

    fields = [
        ("outcome", _("What happened"), "other"),
        ("on", date_label(_("Date"), _), day_input(state.today(), _)),
    ]
    choices = {"outcome": {key: _(name) for key, name in OUTCOME_NAMES.items()}}
    if folder:  # the choice only when the folder holds something
        fields.append(("documents", _("Documents of this pregnancy"), "keep"))
        choices["documents"] = {
            "keep": _("Keep them in the Dossier"),
            "delete": _("Delete them"),
        }
    dialog = FormDialog(
        heading=_("End this follow-up"),
        intro=_(
            "We are sorry if this is a difficult time. Ending the follow-up stops the reminders of this "
            "pregnancy; it stays in the past pregnancies."
        ),
        fields=fields,
        choices=choices,
        kinds={"on": "date"},
        confirm_text=_("End the follow-up"),
        cancel_text=_("Cancel"),
        identifier="preg-end",
    )
    return ctx.form(dialog, save, _("The follow-up is ended."))

"""Profils: the family's profiles; add, edit, delete (confirmed)."""

from __future__ import annotations

from typing import Any

import flet as ft

from components.confirm_dialog import ConfirmDialog
from components.labelled import labelled
from components.profile_form import ProfileForm
from domain.errors import N_
from domain.models import Profile, parse_day
from services import records
from services.backup import KEEP_SAFETY_COPIES
from views.context import ViewContext
from views.forms import date_hint, date_label, day_input, month_first, on_field
from views.labels import ROLE_NAMES, SEX_NAMES, age_text


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    rows: list[ft.Control] = []
    for p in state.profiles:
        rows.append(
            ft.ListTile(
                title=ft.Text(p.display_name),
                subtitle=ft.Text(f"{_(ROLE_NAMES[p.role])} - {age_text(p.birth_date, state.today(), _)}"),
                trailing=ft.Row(
                    [
                        labelled(
                            ft.IconButton(ft.Icons.EDIT, on_click=lambda e, p=p: open_form(ctx, p)),
                            _("Edit {name}").format(name=p.first_name),
                            f"edit-{p.id}",
                        ),
                        labelled(
                            ft.IconButton(ft.Icons.DELETE, on_click=lambda e, p=p: confirm_delete(ctx, p)),
                            _("Delete {name}").format(name=p.first_name),
                            f"delete-{p.id}",
                        ),
                    ],
                    tight=True,
                ),
            )
        )
    add = labelled(
        ft.FilledButton(_("Add a profile"), icon=ft.Icons.PERSON_ADD, on_click=lambda e: open_form(ctx)),
        _("Add a profile"),
        "add-profile",
    )
    return ft.Column(
        [ft.Text(_("Profiles"), theme_style=ft.TextThemeStyle.TITLE_LARGE), *rows, add],
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )


PROFILE_REFUSALS = {"The first name cannot be empty.": "first_name"}  # domain/models.py: Profile


def form_texts(ctx: ViewContext, editing: bool) -> dict[str, str]:
    _ = ctx._
    return {
        "title": _("Edit the profile") if editing else _("New profile"),
        "first_name": _("First name"),
        "last_name": _("Last name"),
        "birth_date": date_label(_("Birth date"), _),
        "date_hint": date_hint(_),
        "sex": _("Sex"),
        "role": _("Profile type"),
        "F": _(SEX_NAMES["F"]),
        "M": _(SEX_NAMES["M"]),
        **{role: _(name) for role, name in ROLE_NAMES.items()},
        "save": _("Save"),
        "cancel": _("Cancel"),
    }


def open_form(ctx: ViewContext, profile: Profile | None = None, *, holder: bool = False) -> ProfileForm:
    """``holder``: the first profile of a new carnet, the user's own (the account holder)."""
    values = {"role": "holder"} if holder else {}
    if profile is not None:
        values = {
            "first_name": profile.first_name,
            "last_name": profile.last_name,
            "birth_date": day_input(profile.birth_date, ctx._),
            "sex": profile.sex,
            "role": profile.role,
        }
    texts = form_texts(ctx, profile is not None)
    if holder:
        texts["title"] = ctx._("Your profile")
    form: ProfileForm = ProfileForm(
        values=values,
        texts=texts,
        on_save=lambda v: save_profile(ctx, profile, v, form),
        on_cancel=ctx.host.close_dialog,
    )
    ctx.host.show_dialog(form)
    return form


def save_profile(
    ctx: ViewContext, profile: Profile | None, values: dict[str, str], form: ProfileForm | None = None
) -> bool:
    state, session, today = ctx.state, ctx.state.session, ctx.state.today()
    saved: list[Profile] = []

    def save() -> None:
        with on_field("birth_date"):
            born = parse_day(values["birth_date"], month_first(ctx._))  # typed in the language's order
            fields: dict[str, Any] = {**values, "birth_date": born}
        with on_field(dated="birth_date", messages=PROFILE_REFUSALS):
            if profile is None:
                saved.append(records.add_profile(session, today, **fields))
            else:
                saved.append(records.update_profile(session, profile, today, **fields))

    return ctx.submit(save, ctx._("Profile saved."), lambda: state.reload(select=saved[0].id), form=form)


SAFETY_COPY_NOTE = N_(
    "An encrypted safety copy of the carnet is made first: this profile stays in the automatic safety "
    "copies until they are replaced (the last {n} are kept) or erased in Settings > Backup."
)


def confirm_delete(ctx: ViewContext, profile: Profile) -> ConfirmDialog:
    _ = ctx._
    return ctx.confirm(
        " ".join(
            [
                _("Delete the profile of {name} and all its health data? This cannot be undone.").format(
                    name=profile.display_name
                ),
                _(SAFETY_COPY_NOTE).format(n=KEEP_SAFETY_COPIES),
            ]
        ),
        _("Delete"),
        lambda: records.delete_profile(ctx.state.session, profile.id),
        done=_("Profile deleted."),
        after=ctx.state.reload,
    )

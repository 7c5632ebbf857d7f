"""Dossier, adding: the file picker (PDF, JPEG, PNG; several images make one PDF), then the form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from components.form_dialog import FormDialog
from domain.errors import N_
from domain.models import ADDED_BY, DOCUMENT_TYPES
from services import documents, records
from views.context import ViewContext
from views.forms import FormValues, date_label, day_input, on_field
from views.labels import date_text

ORIGIN_NAMES = {
    "me": N_("Added by me"),
    "professional": N_("Added by a professional"),
    "service": N_("Added by a synced service"),
}
PICKABLE = ["pdf", "jpg", "jpeg", "png"]
NO_FOLDER = "none"  # a dropdown needs a non-empty key


def pick_and_add(ctx: ViewContext, folder: str = "") -> Any:
    async def handler(e: Any) -> None:
        picked = await ctx.host.files.pick_many(ctx._("Add a document"), PICKABLE)
        files: list[tuple[str, bytes]] = []

        def read_all() -> None:  # web gives the bytes; desktop gives a path, read with the size check
            for file in picked:
                data = file.data if file.data is not None else documents.read_file(file.path or Path())
                files.append((file.name, data))

        if ctx.act(read_all) and files:
            show_add_form(ctx, files, folder)

    return handler


REFUSAL_FIELDS = {"The document title cannot be empty.": "title"}  # domain/models.py: Document


def show_add_form(ctx: ViewContext, files: list[tuple[str, bytes]], folder: str = "") -> FormDialog:
    """The metadata of the chosen file(s); several images become one PDF."""
    _ = ctx._
    profile_id = ctx.state.current_id
    title = files[0][0].rsplit(".", 1)[0] if len(files) == 1 else ""
    form = FormDialog(
        heading=_("Add a document")
        if len(files) == 1
        else _("{n} images merged into one PDF").format(n=len(files)),
        fields=[
            ("title", _("Title"), title),
            ("type_code", _("Type"), "11488-4"),
            ("on", date_label(_("Date"), _), day_input(ctx.state.today(), _)),
            ("author", _("Author or establishment"), ""),
            ("added_by", _("Added by"), "me"),
            ("folder", _("Folder"), folder or NO_FOLDER),
        ],
        choices={
            "folder": _folders(ctx, profile_id),
            "type_code": {c: _(n) for c, n in DOCUMENT_TYPES.items()},
            "added_by": {o: _(ORIGIN_NAMES[o]) for o in ADDED_BY},
        },
        confirm_text=_("Add"),
        cancel_text=_("Cancel"),
        identifier="add-form",
        kinds={"on": "date"},
    )
    return ctx.form(form, lambda values: _save_new(ctx, profile_id, files, values), _("Document added."))


def _folders(ctx: ViewContext, profile_id: str) -> dict[str, str]:
    """No folder, or one of the profile's pregnancies (a folder is a pregnancy's id)."""
    _ = ctx._
    pregnancies = records.list_records(ctx.state.session, profile_id, "pregnancy")
    return {
        NO_FOLDER: _("No folder"),
        **{p.id: _("Pregnancy (last period on {day})").format(day=date_text(p.lmp, _)) for p in pregnancies},
    }


def _save_new(ctx: ViewContext, profile_id: str, files: list[tuple[str, bytes]], values: FormValues) -> None:
    folder = "" if values.get("folder") in (None, NO_FOLDER) else values["folder"]
    fields: dict[str, Any] = {**values, "folder": folder, "on": values.day("on")}
    session, today = ctx.state.session, ctx.state.today()
    with on_field(dated="on", messages=REFUSAL_FIELDS):
        if len(files) == 1:
            documents.add_document(session, profile_id, files[0][1], today=today, **fields)
        else:
            documents.add_images(session, profile_id, [data for _name, data in files], today=today, **fields)

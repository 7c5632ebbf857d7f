"""Partager avec un professionnel: the documents chosen one by one (a masked one is never offered), the
summary if wanted, a duration; then the SMART Health Link as a QR code and as a link, the encrypted files
saved or sent from the server, and the shares made so far, each revocable where it was uploaded."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from urllib.parse import urlsplit

import flet as ft

from components.form_errors import FieldForm, Input
from components.labelled import labelled
from domain.errors import N_
from domain.models import Profile
from domain.sharing import SHARE_DURATIONS_DAYS, Share
from services.sharing import shares
from services.sharing.shares import Made
from views.context import ViewContext
from views.forms import on_field
from views.labels import date_text
from views.sharing.common import button, hand_over, heading, line, now, texts

STATE_NAMES = {"active": N_("Active"), "expired": N_("Expired"), "revoked": N_("Revoked")}
# A refusal of the share's rules, by the field it is about (views/forms.py: on_field); any other
# (the server, the files) on the form's own line.
SHARE_REFUSALS = {
    "Give the share a name.": "label",
    "This text is too long or holds control characters (at most {n}).": "label",
    "Choose at least one document or the summary to share.": "chosen",
    "The documents to share are not valid.": "chosen",
    "A document is chosen twice.": "chosen",
    "A document to share is not in this profile.": "chosen",
    "The document {title!r} is masked: unmask it to share it.": "chosen",
    "Choose how long the share lasts.": "duration",
    "A share lasts from one minute to one year.": "duration",
}


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    profile = state.current
    if profile is None:
        return ft.Column([heading(_("Share with a professional")), line(_("Add a profile first."))])
    return ft.Column(
        [
            heading(_("Share with a professional")),
            *_form(ctx, profile),
            ft.Divider(),
            ft.Text(_("Shares made"), weight=ft.FontWeight.BOLD, size=16),
            *(
                [_share_row(ctx, s) for s in shares.list_shares(state.session, profile.id)]
                or [line(_("Nothing shared yet."), italic=True)]
            ),
        ],
        spacing=12,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )


def _form(ctx: ViewContext, profile: Profile) -> list[ft.Control]:
    _, state = ctx._, ctx.state
    label = ft.TextField(label=_("For whom (shown to them)"), max_length=80)
    with_summary = ft.Checkbox(label=_("The patient summary"), value=True)
    offered = shares.offered_documents(state.session, profile.id)
    boxes = {d.id: ft.Checkbox(label=f"{d.title} ({date_text(d.on, _)})", value=False) for d in offered}
    duration = ft.Dropdown(
        label=_("For how long"),
        value="7",
        options=[
            ft.DropdownOption(key=str(n), text=ctx.ngettext("{n} day", "{n} days", n).format(n=n))
            for n in SHARE_DURATIONS_DAYS
        ],
    )
    server = shares.server_of(state.session)
    where = (
        _(
            "The encrypted files will be put on your server {host}; you can revoke the share there at "
            "any time."
        )
        if server
        else _("The encrypted files will be saved as one file to hand over with the link.")
    ).format(host=urlsplit(server).hostname or "")

    form = _ShareForm({"label": label, "duration": duration}, "share")

    def create(e: object = None) -> None:
        chosen = tuple(i for i, box in boxes.items() if box.value)
        missing = _missing(ctx, label.value or "", bool(chosen or with_summary.value))
        if missing:
            state.touch()
            form.show_errors(missing)
            return
        made: list[Made] = []

        def make() -> None:
            with on_field(messages=SHARE_REFUSALS):
                made.append(
                    shares.create_share(
                        state.session,
                        profile.id,
                        label.value or "",
                        chosen,
                        bool(with_summary.value),
                        int(duration.value or 7),
                        now(ctx),
                        state.today(),
                        texts(ctx),
                    )
                )

        def made_it() -> None:
            show_link(ctx, made[0])

        ctx.submit(make, after=made_it, form=form, close=False)

    return [
        line(_("Choose what to share, one document at a time. Masked documents are not offered.")),
        form.error,
        ft.Semantics(content=label, label=_("For whom (shown to them)"), identifier="share-label"),
        ft.Text(_("What to share"), weight=ft.FontWeight.BOLD),
        ft.Semantics(content=with_summary, label=_("The patient summary"), identifier="share-summary"),
        *[
            ft.Semantics(
                content=box,
                label=box.label if isinstance(box.label, str) else None,
                identifier=f"share-doc-{i}",
            )
            for i, box in boxes.items()
        ],
        *([] if boxes else [line(_("No document to offer."), italic=True)]),
        form.chosen_error,
        ft.Semantics(content=duration, label=_("For how long"), identifier="share-duration"),
        line(where, size=13),
        button(_("Make the link"), "share-create", create, ft.Icons.QR_CODE_2, True),
    ]


def _missing(ctx: ViewContext, label: str, anything: bool) -> dict[str, str]:
    """What the form lacks, all of it at once: a name and something to share (the domain then says why
    a filled form is refused, one thing at a time)."""
    _ = ctx._
    missing = {} if label.strip() else {"label": _("Give the share a name.")}
    if not anything:
        missing["chosen"] = _("Choose at least one document or the summary to share.")
    return missing


class _ShareForm(FieldForm):
    """The share form's fields, and the line under its check boxes for a refusal about what is shared
    (a check box has no error text of its own)."""

    def __init__(self, inputs: Mapping[str, Input], identifier: str) -> None:
        super().__init__(inputs, identifier)
        note = ft.Text("", color=ft.Colors.ERROR, size=12)  # as a field's error text
        self.chosen_error = ft.Semantics(
            content=note, live_region=True, identifier=f"{identifier}-chosen-error", visible=False
        )

    def show_errors(self, errors: Mapping[str, str], general: str = "") -> str | None:
        chosen = errors.get("chosen", "")
        note = self.chosen_error.content
        assert isinstance(note, ft.Text)
        note.value, self.chosen_error.visible = chosen, bool(chosen)
        first = super().show_errors({k: v for k, v in errors.items() if k != "chosen"}, general)
        self.focused = first or ("chosen" if chosen else "")
        return self.focused or None


def show_link(ctx: ViewContext, made: Made) -> ft.AlertDialog:
    """The link, shown once: it holds the key, which Carnet does not keep."""
    _ = ctx._
    share = made.share
    expires = share.expires.astimezone().strftime(_("%m/%d/%Y %H:%M"))
    actions: list[ft.Control] = []
    if not share.uploaded:
        actions.append(
            button(
                _("Save the encrypted files"),
                "share-save",
                lambda e: hand_over(
                    ctx,
                    _("Save the encrypted files"),
                    "partage-carnet.json",
                    made.manifest,
                    "json",
                    _("Encrypted files saved: hand them over with the link."),
                ),  # fmt: skip
                ft.Icons.SAVE_ALT,
            )
        )
    actions.append(
        labelled(ft.TextButton(_("Done"), on_click=lambda e: _closed(ctx)), _("Done"), "share-done")
    )
    dialog = ft.AlertDialog(
        modal=True,
        title=ft.Text(_("Link for {label}").format(label=share.label)),
        content=ft.Column(
            [
                ft.Image(src=made.qr_png, width=240, height=240, semantics_label=_("QR code of the link")),
                line(
                    _("Valid until {when}. Show the QR code or send the link; it is shown only now.").format(
                        when=expires
                    )
                ),
                ft.TextField(value=made.link, read_only=True, multiline=True, max_lines=4, label=_("Link")),
            ],
            tight=True,
            scroll=ft.ScrollMode.AUTO,
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            width=400,
        ),
        actions=actions,
    )
    ctx.host.show_dialog(dialog)
    return dialog


def _closed(ctx: ViewContext) -> None:
    ctx.host.close_dialog()
    ctx.state.notify()


def _share_row(ctx: ViewContext, share: Share) -> ft.Control:
    _, moment = ctx._, now(ctx)
    status = share.state(moment)
    what = [_("the summary")] if share.summary else []
    if share.document_ids:
        what.append(
            ctx.ngettext("{n} document", "{n} documents", len(share.document_ids)).format(
                n=len(share.document_ids)
            )
        )
    until = _when(ctx, share.revoked if status == "revoked" and share.revoked else share.expires)
    place = _("on your server") if share.uploaded else _("as a file")
    details = f"{_(STATE_NAMES[status])} · {', '.join(what)} · {place} · {until}"
    if status == "active" and not share.uploaded:
        details += " · " + _("Handed over as a file: it opens until it expires.")
    controls: list[ft.Control] = [
        ft.Column(
            [ft.Text(share.label, weight=ft.FontWeight.BOLD), ft.Text(details, size=13)],
            expand=True,
            spacing=2,
        )
    ]
    if status == "active" and share.uploaded:
        controls.append(
            button(_("Revoke"), f"share-revoke-{share.id}", lambda e: _revoke(ctx, share), ft.Icons.LINK_OFF)
        )
    return ft.Row(controls, vertical_alignment=ft.CrossAxisAlignment.CENTER, key=f"share-{share.id}")


def _revoke(ctx: ViewContext, share: Share) -> None:
    if ctx.act(lambda: shares.revoke_share(ctx.state.session, share, now(ctx)), ctx._("Share revoked.")):
        ctx.state.notify()


def _when(ctx: ViewContext, moment: datetime) -> str:
    return moment.astimezone().strftime(ctx._("%m/%d/%Y %H:%M"))

"""Partager avec un professionnel: the documents chosen one by one (a masked one is never offered), the
summary if wanted, a duration; then the SMART Health Link as a QR code and as a link, the encrypted files
saved or sent from the server, and the shares made so far, each revocable where it was uploaded."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

import flet as ft

from components.labelled import labelled
from domain.errors import N_, CarnetError
from domain.models import Profile
from domain.sharing import SHARE_DURATIONS_DAYS, Share
from services.sharing import shares
from services.sharing.shares import Made
from views.context import ViewContext
from views.labels import date_text
from views.sharing.common import button, field_error, hand_over, heading, line, now, texts

STATE_NAMES = {"active": N_("Active"), "expired": N_("Expired"), "revoked": N_("Revoked")}


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
    label = ft.TextField(label=_("For whom (shown to them)"), error_max_lines=3, max_length=80)
    with_summary = ft.Checkbox(label=_("The patient summary"), value=True)
    offered = shares.offered_documents(state.session, profile.id)
    boxes = {d.id: ft.Checkbox(label=f"{d.title} ({date_text(d.on, _)})", value=False) for d in offered}
    duration = ft.Dropdown(
        label=_("For how long"),
        value="7",
        options=[
            ft.DropdownOption(key=str(n), text=_("{n} day(s)").format(n=n)) for n in SHARE_DURATIONS_DAYS
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

    def create(e: object = None) -> None:
        state.touch()
        chosen = tuple(i for i, box in boxes.items() if box.value)
        try:
            made = shares.create_share(
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
        except CarnetError as exc:
            field_error(label, exc.render(_))  # on the form, where the user corrects it
            return
        show_link(ctx, made)

    return [
        line(_("Choose what to share, one document at a time. Masked documents are not offered.")),
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
        ft.Semantics(content=duration, label=_("For how long"), identifier="share-duration"),
        line(where, size=13),
        button(_("Make the link"), "share-create", create, ft.Icons.QR_CODE_2, True),
    ]


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
        what.append(_("{n} document(s)").format(n=len(share.document_ids)))
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

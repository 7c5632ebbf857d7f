"""First run, "Me connecter à mon serveur": the FHIR server's address and token, and a new passphrase for
this device. The vault is created and filled by sync rounds in the background (services/new_device.py)
while the screen shows what has come so far; then the carnet opens.

If nothing could be received (no network, a wrong token), no vault is left and this form comes back,
the address kept and the reason under it. If the server holds nothing yet, the carnet opens empty and
says so, offering to add one's own profile.
"""

from __future__ import annotations

import asyncio

import flet as ft

from components.dialog_actions import dialog_actions
from components.labelled import labelled
from components.passphrase_fields import TOKEN_REVEAL, PassphrasePair, secret_field
from domain.errors import CarnetError, WeakPassphraseError
from services import new_device
from views import profiles, recovery_key
from views.context import ViewContext
from views.lock.forms import BUSY, MODE, PROGRESS, back, error, go, heading, refusal_text, refuse, rule

SERVER = "server"
ADDRESS = "lock.server.url"  # kept when the form comes back after a refusal (the token is not)


def form(ctx: ViewContext) -> list[ft.Control]:
    _, state = ctx._, ctx.state
    address = ft.TextField(
        label=_("FHIR server address"),
        value=state.choices.get(ADDRESS, ""),
        hint_text="https://",
        keyboard_type=ft.KeyboardType.URL,
        autofocus=True,
        error=error(ctx, "server-url"),
        error_max_lines=6,
    )
    token = secret_field(_("Access token"), error(ctx, "server-token"), translate=_, reveal=TOKEN_REVEAL)
    pair = PassphrasePair(
        _("New passphrase"),
        _("New passphrase again"),
        "server-passphrase",
        (error(ctx, "server-passphrase"), error(ctx, "server-passphrase-again")),
        translate=_,
    )

    async def connect(e: object = None) -> None:
        await start(ctx, address.value or "", token.value or "", pair)

    return [
        heading(_("Connect to my server")),
        ft.Text(
            _(
                "Your carnet comes back from your FHIR server, then stays in step with it. Choose also a "
                "passphrase for this device."
            )
        ),
        ft.Semantics(content=address, label=_("FHIR server address"), identifier="server-url"),
        ft.Semantics(content=token, label=_("Access token"), identifier="server-token"),
        rule(ctx),
        *pair.controls(),
        labelled(
            ft.FilledButton(_("Connect"), icon=ft.Icons.CLOUD_DOWNLOAD, on_click=connect),
            _("Connect"),
            "server-connect",
        ),
        back(ctx, "first-run-back"),
    ]


async def start(ctx: ViewContext, address: str, token: str, pair: PassphrasePair) -> None:
    _, state = ctx._, ctx.state
    state.choices[ADDRESS] = address
    passphrase = pair.first.value or ""
    if passphrase != (pair.second.value or ""):
        refuse(ctx, "server-passphrase-again", _("The two passphrases differ."))
        return
    try:
        new_device.check_request(address, passphrase)  # before anything is created or sent
    except WeakPassphraseError as exc:
        refuse(ctx, "server-passphrase", exc.render(_))
        return
    except CarnetError as exc:
        refuse(ctx, "server-url", exc.render(_))
        return
    state.choices[PROGRESS] = _("Connecting to your server...")
    go(ctx, BUSY)

    def progress(pulled: int) -> None:
        state.touch()  # a long first pull is not inactivity
        state.choose(
            PROGRESS,
            ctx.ngettext(
                "Receiving your carnet: {n} item so far...",
                "Receiving your carnet: {n} items so far...",
                pulled,
            ).format(n=pulled),
        )

    try:
        started = await asyncio.to_thread(
            new_device.start_from_server,
            state.session,
            address,
            token,
            passphrase,
            today=state.today(),
            on_progress=progress,
        )
        state.unlock(passphrase)
    except CarnetError as exc:
        state.choices[MODE] = SERVER
        refuse(ctx, "server-url", refusal_text(ctx, exc))
        return
    recovery_key.offer(ctx, then=lambda: _arrived(ctx, started))


def _arrived(ctx: ViewContext, started: new_device.Started) -> None:
    """What came: the count, what is left for later, or that the server held no carnet yet."""
    _ = ctx._
    if started.profiles:
        parts = [
            ctx.ngettext(
                "Your carnet has arrived: {n} item received.",
                "Your carnet has arrived: {n} items received.",
                started.pulled,
            ).format(n=started.pulled)
        ]
        if started.error is not None:
            parts.append(started.error.render(_))
        ctx.host.toast(" ".join(parts))
        return
    empty_server(ctx)


def empty_server(ctx: ViewContext) -> ft.AlertDialog:
    _ = ctx._

    def add(e: object = None) -> None:
        ctx.host.close_dialog()
        profiles.open_form(ctx, holder=True)

    dialog = ft.AlertDialog(
        modal=True,
        title=ft.Text(_("Your server holds no carnet yet")),
        content=ft.Text(
            _(
                "The connection works, but the server holds no profile yet: your carnet here is empty. "
                "Add your profile; it will be sent to the server at the next synchronisation."
            ),
            key="empty-server",
        ),
        actions=dialog_actions(
            (_("Later"), lambda e: ctx.host.close_dialog(), "empty-later"),
            (_("Add my profile"), add, "empty-add-profile"),
        ),
    )
    ctx.host.show_dialog(dialog)
    return dialog

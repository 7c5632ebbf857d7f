"""The first-run screen (no vault yet): four ways to start, each one form of the lock screen.

- Créer mon carnet: a passphrase, then the user's own profile (the profile form), no demo family;
- Découvrir la famille de démonstration: a passphrase, then the fictitious family;
- Restaurer une sauvegarde (views/first_run_restore.py);
- Me connecter à mon serveur (views/first_run_server.py).
A new vault is offered a recovery key at once (views/recovery_key.py).
"""

from __future__ import annotations

import flet as ft

from components.labelled import labelled
from components.passphrase_fields import PassphrasePair
from domain.errors import N_, CarnetError
from views import profiles, recovery_key
from views.context import ViewContext
from views.lock import restore as first_run_restore
from views.lock import server as first_run_server
from views.lock.forms import back, error, go, heading, refusal_text, refuse, rule

CREATE, DEMO = "create", "demo"
CHOICES = (
    (CREATE, ft.Icons.PERSON_ADD, N_("Create my carnet"), N_("A passphrase, then your own profile.")),
    (
        DEMO,
        ft.Icons.FAMILY_RESTROOM,
        N_("Explore the demo family"),
        N_("Fictitious data to try Carnet; remove them whenever you like."),
    ),
    (
        first_run_restore.RESTORE,
        ft.Icons.RESTORE,
        N_("Restore a backup"),
        N_("A .carnet file saved from Carnet on this or another device."),
    ),
    (
        first_run_server.SERVER,
        ft.Icons.CLOUD_DOWNLOAD,
        N_("Connect to my server"),
        N_("Your carnet comes back from your FHIR server, and stays in step with it."),
    ),
)


def form(ctx: ViewContext, mode: str) -> list[ft.Control]:
    if mode in (CREATE, DEMO):
        return _passphrase_form(ctx, demo_family=mode == DEMO)
    if mode == first_run_restore.RESTORE:
        return first_run_restore.form(ctx)
    if mode == first_run_server.SERVER:
        return first_run_server.form(ctx)
    return _choices(ctx)


def _choices(ctx: ViewContext) -> list[ft.Control]:
    _ = ctx._
    tiles: list[ft.Control] = [
        ft.Text(
            _("Welcome. Your health data stay encrypted on this device. How do you want to start?"),
            text_align=ft.TextAlign.CENTER,
        )
    ]
    for mode, icon, title, subtitle in CHOICES:
        tile = ft.ListTile(
            leading=ft.Icon(icon),
            title=ft.Text(_(title)),
            subtitle=ft.Text(_(subtitle)),
            trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
            on_click=lambda e, mode=mode: go(ctx, mode),
        )
        tiles.append(labelled(ft.Card(content=tile), _(title), f"first-run-{mode}"))
    return tiles


def _passphrase_form(ctx: ViewContext, *, demo_family: bool) -> list[ft.Control]:
    _, state = ctx._, ctx.state
    pair = PassphrasePair(
        _("Passphrase"),
        _("Passphrase again"),
        "passphrase",
        (error(ctx, "passphrase"), error(ctx, "passphrase-again")),
        translate=_,
        autofocus=True,
    )

    def create(e: object = None) -> None:
        typed = pair.first.value or ""
        if typed != (pair.second.value or ""):
            refuse(ctx, "passphrase-again", _("The two passphrases differ."))
            return
        state.touch()
        try:
            state.create_vault(typed, typed, demo_family=demo_family)
        except CarnetError as exc:
            refuse(ctx, "passphrase", refusal_text(ctx, exc))
            return
        then = (lambda: None) if demo_family else (lambda: start_with_my_profile(ctx))
        recovery_key.offer(ctx, then=then)

    pair.second.on_submit = create
    title = _("Explore the demo family") if demo_family else _("Create my carnet")
    button = _("Create with the demo family") if demo_family else _("Create my carnet")
    return [
        heading(title),
        ft.Text(
            _(
                "Choose a passphrase. It encrypts your health data on this device; if you forget it, only "
                "a recovery key (offered next) can open the carnet."
            )
        ),
        rule(ctx),
        *pair.controls(),
        labelled(ft.FilledButton(button, on_click=create), button, "create-vault"),
        back(ctx, "first-run-back"),
    ]


def start_with_my_profile(ctx: ViewContext) -> None:
    """The profile form, filled as the account holder: the first profile of a carnet of one's own."""
    profiles.open_form(ctx, holder=True)

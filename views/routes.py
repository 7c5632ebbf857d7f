"""The one route table: path -> (screen builder, navigation icon)."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from views import agenda, dossier, enfant, grossesse, home, medical, profiles, settings
from views.context import ViewContext

Builder = Callable[[ViewContext], ft.Control]

ROUTES: dict[str, tuple[Builder, ft.IconData]] = {
    "/": (home.build, ft.Icons.HOME),
    "/dossier": (dossier.build, ft.Icons.FOLDER),
    "/agenda": (agenda.build, ft.Icons.EVENT),
    "/profil-medical": (medical.build, ft.Icons.MONITOR_HEART),
    "/enfant": (enfant.build, ft.Icons.CHILD_CARE),
    "/grossesse": (grossesse.build, ft.Icons.PREGNANT_WOMAN),
    "/profils": (profiles.build, ft.Icons.GROUP),
    "/reglages": (settings.build, ft.Icons.SETTINGS),
}


def resolve(route: str, allowed: list[str]) -> str:
    """An unknown route, or one that does not apply to this profile, falls back to Accueil."""
    path = route.split("?")[0] or "/"
    if path in ("/profils", "/reglages") or path in allowed:
        return path
    return "/"

"""The one route table: path -> (screen module, navigation icon).

Screen modules are imported on first visit: the first page must not pay for the charts library
(flet-charts), httpx or pypdf that only other screens need.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import flet as ft

from views.context import ViewContext

Builder = Callable[[ViewContext], ft.Control]

ROUTES: dict[str, tuple[str, ft.IconData]] = {
    "/": ("views.home", ft.Icons.HOME),
    "/dossier": ("views.documents", ft.Icons.FOLDER),
    "/agenda": ("views.agenda", ft.Icons.EVENT),
    "/profil-medical": ("views.medical", ft.Icons.MONITOR_HEART),
    "/enfant": ("views.child", ft.Icons.CHILD_CARE),
    "/grossesse": ("views.pregnancy", ft.Icons.PREGNANT_WOMAN),
    "/profils": ("views.profiles", ft.Icons.GROUP),
    "/reglages": ("views.settings", ft.Icons.SETTINGS),
}


def builder(route: str) -> Builder:
    """The ``build`` function of the screen at ``route``."""
    build: Builder = importlib.import_module(ROUTES[route][0]).build
    return build


def resolve(route: str, allowed: list[str]) -> str:
    """An unknown route, or one that does not apply to this profile, falls back to Accueil."""
    path = route.split("?")[0] or "/"
    if path in ("/profils", "/reglages") or path in allowed:
        return path
    return "/"

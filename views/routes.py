"""The one route table: a new screen is one ``Route`` here, and nothing else to edit.

Paths and module names are English; the French product words are in the labels (msgids translated by
the catalogs). Screen modules are imported on first visit: the first page must not pay for the charts
library (flet-charts), httpx or pypdf that only other screens need.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import flet as ft

from domain.errors import N_
from domain.models import Profile
from views.context import ViewContext

Builder = Callable[[ViewContext], ft.Control]
ADULT_DAYS = 15 * 365  # the pregnancy follow-up is offered from 15 years of age


def everyone(profile: Profile | None, today: date) -> bool:
    return True


def is_child(profile: Profile | None, today: date) -> bool:
    return profile is not None and profile.role == "child"


def may_be_pregnant(profile: Profile | None, today: date) -> bool:
    return (
        profile is not None
        and profile.role != "child"
        and profile.sex == "F"
        and profile.age_days(today) >= ADULT_DAYS
    )


def is_adult(profile: Profile | None, today: date) -> bool:
    """18 years or more: the risk rules (issue 15) have no paediatric thresholds."""
    return profile is not None and profile.age_days(today) >= 18 * 365


@dataclass(frozen=True, slots=True)
class Route:
    path: str
    module: str  # its ``build(ctx)`` draws the screen
    icon: ft.IconData
    label: str  # a msgid: the navigation bar's label
    applies_to: Callable[[Profile | None, date], bool] = everyone  # shown for this profile
    tab: bool = True  # in the navigation bar; the others are reached from the top bar, with a back arrow

    def builder(self) -> Builder:
        build: Builder = importlib.import_module(self.module).build
        return build


ROUTES: list[Route] = [
    Route("/", "views.home", ft.Icons.HOME, N_("Home")),
    Route("/documents", "views.documents", ft.Icons.FOLDER, N_("Records")),
    Route("/agenda", "views.agenda", ft.Icons.EVENT, N_("Agenda")),
    Route("/medical", "views.medical", ft.Icons.MONITOR_HEART, N_("Medical profile")),
    Route("/child", "views.child", ft.Icons.CHILD_CARE, N_("Child"), applies_to=is_child),
    Route(
        "/pregnancy", "views.pregnancy", ft.Icons.PREGNANT_WOMAN, N_("Pregnancy"), applies_to=may_be_pregnant
    ),
    Route("/profiles", "views.profiles", ft.Icons.GROUP, N_("Profiles"), tab=False),
    Route("/settings", "views.settings", ft.Icons.SETTINGS, N_("Settings"), tab=False),
    Route("/prevention", "views.prevention", ft.Icons.HEALTH_AND_SAFETY, N_("Prevention"), tab=False),
    # Partager (issue 16): reached from the Dossier's "Partager" button
    Route("/sharing", "views.sharing", ft.Icons.SHARE, N_("Share"), tab=False),
    Route("/summary", "views.sharing.summary", ft.Icons.SUMMARIZE, N_("Patient summary"), tab=False),
    Route("/share", "views.sharing.share", ft.Icons.QR_CODE_2, N_("Share with a professional"), tab=False),
    Route("/exchanges", "views.sharing.history", ft.Icons.HISTORY, N_("Exchange history"), tab=False),
    Route("/blocks", "views.sharing.blocks", ft.Icons.BLOCK, N_("Blocked professionals"), tab=False),
    Route(
        "/caregivers", "views.sharing.caregivers", ft.Icons.VOLUNTEER_ACTIVISM, N_("Caregivers"), tab=False
    ),
    Route("/messages", "views.messages", ft.Icons.MAIL, N_("Messages"), tab=False),
    Route(
        "/risk",
        "views.risk",
        ft.Icons.FAVORITE_BORDER,
        N_("Risks and follow-up"),
        applies_to=is_adult,
        tab=False,
    ),
]
HOME = ROUTES[0]


def tabs(profile: Profile | None, today: date) -> list[Route]:
    """The navigation bar: the tabs that apply to this profile."""
    return [route for route in ROUTES if route.tab and route.applies_to(profile, today)]


def more(profile: Profile | None, today: date) -> list[Route]:
    """The top bar's menu: every other screen that applies to this profile, in the table's order."""
    return [route for route in ROUTES if not route.tab and route.applies_to(profile, today)]


def resolve(path: str, profile: Profile | None, today: date) -> Route:
    """The route of ``path``; an unknown one, or one that does not apply to this profile, is Home."""
    wanted = path.split("?")[0] or "/"
    found = next((route for route in ROUTES if route.path == wanted), HOME)
    return found if found.applies_to(profile, today) else HOME


# Which screen opens an agenda item, by the prefix of its code (domain/plan.py AgendaItem.code): Accueil's
# "À faire" and the agenda detail's "Ouvrir" go there. An item no prefix matches opens in the Agenda (its
# detail). A screen of its own for some items = one line here, e.g. "icope": "/prevention".
ITEM_ROUTES: dict[str, str] = {
    "icope": "/prevention",  # issue 14: ICOPE, Mon bilan prévention and the public-health campaigns
    "prevention-bilan": "/prevention",
    "campaign-": "/prevention",
    "t2d-": "/risk",  # issue 15: the type 2 diabetes follow-up
}


def item_route(code: str) -> str | None:
    """The screen that opens the item ``code``: the longest matching prefix of ``ITEM_ROUTES``, or None."""
    found = [prefix for prefix in ITEM_ROUTES if code.startswith(prefix)]
    return ITEM_ROUTES[max(found, key=len)] if found else None

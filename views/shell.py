"""The app shell: top bar with the profile switcher, the current screen, the navigation bar.

The shell is built from AppState alone, so tests can build it without a Flet client.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import flet as ft

from components.labelled import labelled, one_node
from components.profile_switcher import ProfileSwitcher
from domain.models import Profile
from views import lock, notifications
from views.context import ViewContext
from views.routes import more, resolve, tabs


class Shell:
    def __init__(self, ctx: ViewContext) -> None:
        self.ctx = ctx
        self.body = ft.Container(expand=True, padding=16)
        self.switcher: ProfileSwitcher | None = None
        self.appbar: ft.AppBar | None = None
        self.navigation: ft.NavigationBar | None = None
        self.render()

    @property
    def state(self):  # noqa: ANN201 - AppState
        return self.ctx.state

    def render(self) -> None:
        if self.state.locked:
            self.appbar = self.navigation = self.switcher = None
            self.body.content = lock.build(self.ctx)
            return
        _ = self.ctx._
        profile, today = self.state.current, self.state.today()
        self.routes = tabs(profile, today)
        route = resolve(self.state.route, profile, today)
        self.state.route = route.path
        self.switcher = ProfileSwitcher(
            labels={p.id: p.first_name for p in self.state.profiles},
            current_id=self.state.current_id,
            on_switch=self.state.switch,
            title=_("Switch profile"),
        )
        on_tab = route.tab
        back = labelled(
            ft.IconButton(ft.Icons.ARROW_BACK, on_click=lambda e: self.state.go("/")), _("Back"), "nav-back"
        )
        self.menu = self._menu(profile, today)
        self.appbar = ft.AppBar(
            # a long screen name ("Historique des échanges") wraps on a phone rather than being cut
            title=ft.Text(
                _(route.label) if not on_tab else "Carnet", max_lines=2, size=16 if not on_tab else None
            ),
            leading=None if on_tab else back,
            actions=[
                notifications.bell(self.ctx),
                labelled(
                    ft.IconButton(ft.Icons.MAIL, on_click=lambda e: self.state.go("/messages")),
                    _("Messages"),
                    "nav-messages",
                ),
                labelled(
                    ft.IconButton(ft.Icons.LOCK, on_click=lambda e: self.state.lock()), _("Lock"), "nav-lock"
                ),
                one_node(self.menu, "nav-more"),  # named by its tooltip
            ],
        )
        # A screen out of the tabs: no bar (it needs a selected tab), a back arrow instead.
        self.navigation = self._navigation() if on_tab else None
        build = route.builder()
        self.body.content = ft.Column([self.switcher, ft.Divider(), build(self.ctx)], expand=True)

    def _menu(self, profile: Profile | None, today: date) -> ft.PopupMenuButton:
        """Every screen that is not a tab and applies to this profile (Profils, Réglages, and the screens
        a new Route(tab=False) adds), in the route table's order."""
        _ = self.ctx._
        items = [
            ft.PopupMenuItem(
                content=ft.Semantics(content=ft.Text(_(r.label)), identifier=f"nav-{r.path.strip('/')}"),
                icon=r.icon,
                on_click=lambda e, path=r.path: self.state.go(path),
            )
            for r in more(profile, today)
        ]
        return ft.PopupMenuButton(icon=ft.Icons.MORE_VERT, items=items, tooltip=_("More"), padding=12)

    def go_menu(self, path: str) -> None:
        """Taps the menu's entry for ``path`` (for tests)."""
        entry = next(i for i in self.menu.items if i.on_click and _path_of(i) == path)
        tap: Any = entry.on_click  # a Flet handler, called as Flet would (its event is not read)
        tap(None)

    def _navigation(self) -> ft.NavigationBar:
        _ = self.ctx._
        # No tooltip: it repeats the label shown under the icon, and one left under the pointer after a tap
        # took the next Escape (Flutter hides tooltips first), so a sheet opened then stayed open.
        destinations = [
            ft.NavigationBarDestination(icon=r.icon, label=_(r.label), tooltip="") for r in self.routes
        ]
        paths = [r.path for r in self.routes]
        return ft.NavigationBar(
            destinations=destinations,
            selected_index=paths.index(self.state.route),
            on_change=lambda e: self.state.go(paths[int(e.control.selected_index)]),
        )

    def texts(self) -> list[str]:
        """Every text value shown in the body (for tests and for debugging)."""
        return [str(v) for v in _walk_texts(self.body)]


def _path_of(item: ft.PopupMenuItem) -> str:
    content = item.content
    identifier = content.identifier if isinstance(content, ft.Semantics) else ""
    return "/" + (identifier or "").removeprefix("nav-")


def _walk_texts(control: object) -> list[object]:
    found: list[object] = []
    if isinstance(control, ft.Text):
        found.append(control.value)
    for name in ("content", "controls", "title", "subtitle", "label", "actions", "leading", "trailing"):
        child = getattr(control, name, None)
        if isinstance(child, list):
            for item in child:
                found += _walk_texts(item)
        elif isinstance(child, ft.Control):
            found += _walk_texts(child)
    return found

"""The app shell: top bar with the profile switcher, the current screen, the navigation bar.

The shell is built from AppState alone, so tests can build it without a Flet client.
"""

from __future__ import annotations

import flet as ft

from components.labelled import labelled
from components.profile_switcher import ProfileSwitcher
from views import lock, notifications
from views.context import ViewContext
from views.routes import resolve, tabs


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
        self.appbar = ft.AppBar(
            title=ft.Text("Carnet"),
            leading=None if on_tab else back,
            actions=[
                notifications.bell(self.ctx),
                labelled(
                    ft.IconButton(ft.Icons.MAIL, on_click=lambda e: self.state.go("/messages")),
                    _("Messages"),
                    "nav-messages",
                ),
                labelled(
                    ft.IconButton(ft.Icons.GROUP, on_click=lambda e: self.state.go("/profiles")),
                    _("Profiles"),
                    "nav-profiles",
                ),
                labelled(
                    ft.IconButton(ft.Icons.SETTINGS, on_click=lambda e: self.state.go("/settings")),
                    _("Settings"),
                    "nav-settings",
                ),
                labelled(
                    ft.IconButton(ft.Icons.LOCK, on_click=lambda e: self.state.lock()), _("Lock"), "nav-lock"
                ),
            ],
        )
        # Profils and Réglages are not tabs: no bar (it needs a selected tab), a back arrow instead.
        self.navigation = self._navigation() if on_tab else None
        build = route.builder()
        self.body.content = ft.Column([self.switcher, ft.Divider(), build(self.ctx)], expand=True)

    def _navigation(self) -> ft.NavigationBar:
        _ = self.ctx._
        destinations = [ft.NavigationBarDestination(icon=r.icon, label=_(r.label)) for r in self.routes]
        paths = [r.path for r in self.routes]
        return ft.NavigationBar(
            destinations=destinations,
            selected_index=paths.index(self.state.route),
            on_change=lambda e: self.state.go(paths[int(e.control.selected_index)]),
        )

    def texts(self) -> list[str]:
        """Every text value shown in the body (for tests and for debugging)."""
        return [str(v) for v in _walk_texts(self.body)]


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

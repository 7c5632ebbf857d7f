"""Enfant: the child health booklet, in four tabs: growth, vaccinations, exams, advice."""

from __future__ import annotations

import flet as ft

from components.labelled import labelled
from domain.errors import N_
from views.child import advice, exams, growth, vaccinations
from views.context import ViewContext
from views.formats import age_words, born_text

TABS = {
    "growth": (N_("Growth"), growth.build),
    "vaccinations": (N_("Vaccinations"), vaccinations.build),
    "exams": (N_("Exams"), exams.build),
    "advice": (N_("Advice"), advice.build),
}


def build(ctx: ViewContext) -> ft.Control:
    _, state = ctx._, ctx.state
    child = state.current
    if child is None or child.role != "child":
        return ft.Text(_("Choose a child's profile."))
    tab = state.choices.get("enfant.tab", "growth")
    tab = tab if tab in TABS else "growth"
    buttons: list[ft.Control] = []
    for key, (msgid, _builder) in TABS.items():
        kind = ft.FilledButton if key == tab else ft.OutlinedButton
        buttons.append(
            labelled(
                kind(_(msgid), on_click=lambda e, k=key: state.choose("enfant.tab", k)),
                _(msgid),
                f"enfant-tab-{key}",
            )
        )
    return ft.Column(
        [
            ft.Text(
                _("Health booklet of {name}").format(name=child.first_name),
                theme_style=ft.TextThemeStyle.TITLE_LARGE,
            ),
            ft.Text(
                born_text(
                    child.sex, child.birth_date, age_words(child.birth_date, state.today(), state.language), _
                )
            ),
            ft.Row(buttons, wrap=True, spacing=6),
            TABS[tab][1](ctx, child),
        ],
        scroll=ft.ScrollMode.AUTO,
        expand=True,
        spacing=10,
    )

"""The Dossier's filters, phone first: one row under the search with a "Filtres" button (which opens a
bottom sheet holding the sort and the four filters), the active filters as chips that each remove
themselves, and "Effacer" for all. What was chosen is kept while the app runs, reset for another
profile and at every lock (a search or a filter says something about the person)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, fields
from typing import Any

import flet as ft

from components.labelled import labelled
from domain.models import DOCUMENT_TYPES
from services import documents
from views.context import ViewContext
from views.documents.add import ORIGIN_NAMES
from views.state import AppState

PAGE = 50
FILTERS = ("type_code", "year", "author", "added_by")


@dataclass
class Filters:
    """What the user chose on this screen."""

    profile_id: str = ""
    locks: int = 0  # AppState.locks when chosen: a lock forgets them
    sort: str = "date"
    type_code: str = ""
    year: str = ""
    author: str = ""
    added_by: str = ""
    query: str = ""
    shown: int = PAGE


_FILTERS: weakref.WeakKeyDictionary[AppState, Filters] = weakref.WeakKeyDictionary()


def filters_of(state: AppState) -> Filters:
    current = _FILTERS.get(state)
    if current is None or current.profile_id != state.current_id or current.locks != state.locks:
        current = _FILTERS[state] = Filters(profile_id=state.current_id, locks=state.locks)
    return current


def filtered(f: Filters) -> bool:
    return any(getattr(f, name) for name in FILTERS)


def set_filter(ctx: ViewContext, name: str, value: str) -> None:
    f = filters_of(ctx.state)
    setattr(f, name, value or "")
    f.shown = PAGE
    ctx.state.notify()


def clear(ctx: ViewContext) -> None:
    """ "Effacer": the filters and the sort back to their start; the search stays (it has its own ✕)."""
    f = filters_of(ctx.state)
    for item in fields(Filters):
        if item.name in (*FILTERS, "sort"):
            setattr(f, item.name, item.default)
    f.shown = PAGE
    ctx.state.notify()


def menus(ctx: ViewContext, profile_id: str) -> list[tuple[str, str, dict[str, str]]]:
    """(name, label, {value: text}) of the sort and each filter, the values found in this Dossier."""
    _ = ctx._
    facets = documents.facets(ctx.state.session, profile_id)
    everything = {"": _("All")}
    return [
        ("sort", _("Sort by"), {"date": _("Date"), "type": _("Type")}),
        ("type_code", _("Type"), everything | {c: _(DOCUMENT_TYPES.get(c, c)) for c in facets["type_code"]}),
        ("year", _("Year"), everything | {str(y): str(y) for y in facets["year"]}),
        ("author", _("Author"), everything | {a: a for a in facets["author"]}),
        ("added_by", _("Added by"), everything | {o: _(ORIGIN_NAMES[o]) for o in facets["added_by"]}),
    ]


def chip_row(ctx: ViewContext, profile_id: str, f: Filters) -> ft.Control:
    """ "Filtres (n)", a chip per active filter (its ✕ removes it) and "Effacer"."""
    _ = ctx._
    active = [
        (name, label, options.get(getattr(f, name), getattr(f, name)))
        for name, label, options in menus(ctx, profile_id)
        if getattr(f, name) and (name != "sort" or f.sort != "date")
    ]
    count = len(active)
    button = labelled(
        ft.OutlinedButton(
            _("Filters ({n})").format(n=count) if count else _("Filters"),
            icon=ft.Icons.FILTER_LIST,
            on_click=lambda e: open_sheet(ctx, profile_id),
        ),
        _("Filters"),
        "filters",
    )
    controls: list[ft.Control] = [button]
    for name, label, text in active:
        shown = _("{filter}: {value}").format(filter=label, value=text)
        controls.append(
            ft.Semantics(
                content=ft.Chip(
                    label=ft.Text(shown),
                    on_delete=lambda e, n=name: set_filter(ctx, n, "date" if n == "sort" else ""),
                    delete_icon_tooltip=_("Remove this filter"),
                ),
                label=shown,
                identifier=f"active-{name}",
            )
        )
    if count:
        controls.append(
            labelled(
                ft.TextButton(_("Clear"), on_click=lambda e: clear(ctx)),
                _("Clear the filters"),
                "filters-clear",
            )
        )
    return ft.Row(controls, wrap=True, spacing=8, run_spacing=4)


def open_sheet(ctx: ViewContext, profile_id: str) -> ft.BottomSheet:
    _ = ctx._
    f = filters_of(ctx.state)
    rows: list[ft.Control] = [ft.Text(_("Filters"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM)]
    for name, label, options in menus(ctx, profile_id):
        menu = ft.Dropdown(
            label=label,
            value=getattr(f, name),
            expand=True,
            options=[ft.DropdownOption(key=k, text=t) for k, t in options.items()],
            on_select=lambda e, n=name: set_filter(ctx, n, e.control.value),
        )
        rows.append(ft.Semantics(content=ft.Row([menu]), label=label, identifier=f"filter-{name}"))

    def clear_and_close(e: Any = None) -> None:
        ctx.host.close_dialog()
        clear(ctx)

    rows.append(
        ft.Row(
            [
                labelled(
                    ft.TextButton(_("Clear"), on_click=clear_and_close), _("Clear the filters"), "sheet-clear"
                ),
                labelled(
                    ft.FilledButton(_("Show the documents"), on_click=lambda e: ctx.host.close_dialog()),
                    _("Show the documents"),
                    "sheet-close",
                ),
            ],
            alignment=ft.MainAxisAlignment.END,
            wrap=True,
        )
    )
    sheet = ft.BottomSheet(
        content=ft.Container(
            padding=ft.Padding(left=16, top=8, right=16, bottom=16),
            content=ft.Column(rows, tight=True, spacing=12),
        ),
        show_drag_handle=True,  # as tall as its five menus: no scrolling, and the list shows above
    )
    ctx.host.show_dialog(sheet)
    return sheet

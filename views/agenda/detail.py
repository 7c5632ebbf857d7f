"""An agenda item's detail: what, when, why, whom to see, coverage, source; book it, mark it done,
choose its reminders."""

from __future__ import annotations

import flet as ft

from components.labelled import described, labelled
from domain.agenda_details import detail
from domain.models import Profile, parse_day
from domain.plan import AgendaItem
from services import appointments, reminders
from views.agenda.appointments import DAY_FORMAT, open_form
from views.context import ViewContext
from views.labels import date_text
from views.routes import item_route


def _line(label: str, value: str) -> ft.Control:
    return ft.Column(
        [ft.Text(label, weight=ft.FontWeight.BOLD, size=12), ft.Text(value, selectable=True)], spacing=2
    )


def open_detail(ctx: ViewContext, profile: Profile, item: AgendaItem) -> ft.AlertDialog:
    _, state = ctx._, ctx.state
    info = detail(item.code, item.kind)
    setting = reminders.item_settings(state.session, profile.id).get(item.code)
    defaults = reminders.global_settings(state.session)
    days = ft.TextField(
        label=_("Reminders, days before (empty = none)"),
        value=reminders.days_text(setting.days_before if setting else defaults.window_days),
        width=240,
    )
    body = ft.Column(
        [
            _line(_("For"), profile.first_name),
            _line(
                _("When"),
                _("{start} to {end}").format(
                    start=date_text(item.window_start, _), end=date_text(item.window_end, _)
                ),
            ),
            *([_line(_("Note"), _(item.note))] if item.note else []),
            _line(_("Why"), _(info.why)),
            _line(_("Whom to see"), _(info.whom)),
            _line(_("Coverage"), _(info.coverage)),
            _line(_("Source"), item.source),
            ft.Row(
                [
                    described(days),
                    labelled(
                        ft.TextButton(
                            _("Save the reminders"),
                            on_click=lambda e: save_reminders(ctx, profile, item, days.value or ""),
                        ),
                        _("Save the reminders"),
                        "save-reminders",
                    ),
                ],
                wrap=True,
            ),
        ],
        tight=True,
        scroll=ft.ScrollMode.AUTO,
        width=420,
    )
    actions: list[ft.Control] = []
    if item.status not in ("done", "expired"):
        actions += [
            labelled(
                ft.TextButton(_("Book"), on_click=lambda e: book(ctx, profile, item)), _("Book"), "book-item"
            ),
            labelled(
                ft.TextButton(_("Mark done"), on_click=lambda e: ask_done(ctx, profile, item)),
                _("Mark done"),
                "mark-done",
            ),
        ]
    route = item_route(item.code)  # a screen of its own handles this item (views/routes.py ITEM_ROUTES)
    if route is not None:
        actions.append(
            labelled(ft.TextButton(_("Open"), on_click=lambda e: go(ctx, route)), _("Open"), "open-item")
        )
    actions.append(
        labelled(
            ft.FilledButton(_("Close"), on_click=lambda e: ctx.host.close_dialog()),
            _("Close"),
            "close-detail",
        )
    )
    dialog = ft.AlertDialog(modal=True, title=ft.Text(_(item.label)), content=body, actions=actions)
    ctx.host.show_dialog(dialog)
    return dialog


def go(ctx: ViewContext, route: str) -> None:
    ctx.host.close_dialog()
    ctx.state.go(route)


def save_reminders(ctx: ViewContext, profile: Profile, item: AgendaItem, text: str) -> None:
    _ = ctx._
    ctx.act(
        lambda: reminders.set_item_reminders(ctx.state.session, profile.id, item.code, text),
        done=_("Reminders saved."),
    )


def book(ctx: ViewContext, profile: Profile, item: AgendaItem) -> None:
    ctx.host.close_dialog()
    open_form(ctx, profile, item=item)


def ask_done(ctx: ViewContext, profile: Profile, item: AgendaItem) -> ft.AlertDialog:
    """The day it was done (today by default); a vaccination also asks the product."""
    _, state = ctx._, ctx.state
    day = ft.TextField(
        label=_("Done on"), value=state.today().strftime(DAY_FORMAT), hint_text=_("DD/MM/YYYY")
    )
    who = ft.TextField(label=_("By whom"))
    product = ft.TextField(label=_("Vaccine product"), visible=item.kind == "vaccination")

    def confirm() -> None:
        def store() -> None:
            details = {"professional": (who.value or "").strip()}
            if item.kind == "vaccination":
                details["product"] = (product.value or "").strip()
            appointments.mark_done(
                state.session, profile.id, item.code, parse_day(day.value or ""), state.today(), **details
            )

        if ctx.act(store, done=_("Marked done.")):
            ctx.host.close_dialog()  # this dialog
            ctx.host.close_dialog()  # the detail
            state.notify()

    dialog = ft.AlertDialog(
        modal=True,
        title=ft.Text(_("Mark done: {item}").format(item=_(item.label))),
        # a hidden field inside a Semantics is an error the client draws: only the shown fields
        content=ft.Column([described(f) for f in (day, who, product) if f.visible], tight=True),
        actions=[
            labelled(ft.TextButton(_("Cancel"), on_click=lambda e: ctx.host.close_dialog()), _("Cancel")),
            labelled(ft.FilledButton(_("Save"), on_click=lambda e: confirm()), _("Save"), "confirm-done"),
        ],
    )
    dialog.data = {"day": day, "who": who, "product": product, "confirm": confirm}
    ctx.host.show_dialog(dialog)
    return dialog

"""An agenda item's detail: what, when, why, whom to see, coverage, source; book it, mark it done,
choose its reminders."""

from __future__ import annotations

import flet as ft

from components.form_errors import FieldForm
from components.labelled import described, labelled
from domain.agenda_details import detail
from domain.models import Appointment, Profile
from domain.plan import AgendaItem
from services import appointments, reminders
from views.agenda.appointments import open_form, when_text
from views.context import ViewContext
from views.formats import day_field, day_pattern, window_text
from views.forms import FormValues, on_field
from views.routes import item_route


def _line(label: str, value: str) -> ft.Control:
    return ft.Column(
        [ft.Text(label, weight=ft.FontWeight.BOLD, size=12), ft.Text(value, selectable=True)], spacing=2
    )


def open_detail(
    ctx: ViewContext, profile: Profile, item: AgendaItem, booked: Appointment | None = None
) -> ft.AlertDialog:
    """``booked``: the appointment that books the item, shown and editable from here."""
    _, state = ctx._, ctx.state
    info = detail(item.code, item.kind)
    setting = reminders.item_settings(state.session, profile.id).get(item.code)
    defaults = reminders.global_settings(state.session)
    days = ft.TextField(  # a short label: a long one is clipped in a phone's dialog
        label=_("Reminders, days before"),
        helper=_("Empty: no reminder"),
        value=reminders.days_text(setting.days_before if setting else defaults.window_days),
    )
    reminder_form = FieldForm({"days": days}, "reminders-error")
    body = ft.Column(
        [
            _line(_("For"), profile.first_name),
            _line(_("When"), window_text(item, _)),
            *([_line(_("Appointment"), _booked_text(ctx, booked))] if booked is not None else []),
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
                            on_click=lambda e: save_reminders(ctx, profile, item, reminder_form),
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
    if booked is not None and item.status == "scheduled":
        actions.append(
            labelled(
                ft.TextButton(_("Edit the appointment"), on_click=lambda e: edit(ctx, profile, booked)),
                _("Edit the appointment"),
                "edit-booking",
            )
        )
    elif item.status not in ("done", "expired"):
        actions.append(
            labelled(
                ft.TextButton(_("Book"), on_click=lambda e: book(ctx, profile, item)), _("Book"), "book-item"
            )
        )
    if item.status not in ("done", "expired"):
        actions += [
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


def save_reminders(ctx: ViewContext, profile: Profile, item: AgendaItem, form: FieldForm) -> bool:
    """A refusal goes under the days field, inside the detail that stays open (not behind it)."""
    text = form.values()["days"]

    def save() -> None:
        with on_field("days"):
            reminders.set_item_reminders(ctx.state.session, profile.id, item.code, text)

    return ctx.submit(save, done=ctx._("Reminders saved."), form=form, close=False)


def _booked_text(ctx: ViewContext, appointment: Appointment) -> str:
    parts = [when_text(ctx, appointment), appointment.professional, appointment.place]
    return " - ".join(p for p in parts if p)


def edit(ctx: ViewContext, profile: Profile, appointment: Appointment) -> None:
    ctx.host.close_dialog()
    open_form(ctx, profile, appointment)


def book(ctx: ViewContext, profile: Profile, item: AgendaItem) -> None:
    ctx.host.close_dialog()
    open_form(ctx, profile, item=item)


def ask_done(ctx: ViewContext, profile: Profile, item: AgendaItem) -> ft.AlertDialog:
    """The day it was done (today by default); a vaccination also asks the product."""
    _, state = ctx._, ctx.state
    day = ft.TextField(label=_("Done on"), value=day_field(state.today(), _), hint_text=day_pattern(_))
    who = ft.TextField(label=_("By whom"))
    product = ft.TextField(label=_("Vaccine product"))
    # Only the fields the item asks are in the dialog: a hidden field inside a Semantics node is a Flet
    # error drawn in red ("Semantics.content must be provided and visible").
    fields = [day, who, product] if item.kind == "vaccination" else [day, who]

    form = FieldForm({"day": day, "who": who, "product": product}, "done")

    def confirm() -> None:
        values = FormValues(form.values(), _)

        def store() -> None:
            details = {"professional": values["who"].strip()}
            if item.kind == "vaccination":
                details["product"] = values["product"].strip()
            on = values.day("day")  # typed in the language's order, refused on its field
            with on_field(dated="day"):  # a day in the future
                appointments.mark_done(state.session, profile.id, item.code, on, state.today(), **details)

        def close_detail() -> None:
            ctx.host.close_dialog()  # the detail, under this dialog (ctx.submit closed this one)
            state.notify()

        ctx.submit(store, _("Marked done."), close_detail, form=form)

    dialog = ft.AlertDialog(
        modal=True,
        title=ft.Text(_("Mark done: {item}").format(item=_(item.label))),
        content=ft.Column([form.error, *(described(f) for f in fields)], tight=True),
        actions=[
            labelled(ft.TextButton(_("Cancel"), on_click=lambda e: ctx.host.close_dialog()), _("Cancel")),
            labelled(ft.FilledButton(_("Save"), on_click=lambda e: confirm()), _("Save"), "confirm-done"),
        ],
    )
    dialog.data = {"day": day, "who": who, "product": product, "confirm": confirm}
    ctx.host.show_dialog(dialog)
    return dialog

"""Add, edit and delete an appointment (personal, or booked for an agenda item)."""

from __future__ import annotations

from typing import Any

from components.appointment_form import AppointmentForm
from components.confirm_dialog import ConfirmDialog
from domain.models import Appointment, Profile
from domain.plan import AgendaItem
from services import appointments
from views.context import ViewContext
from views.formats import day_field, day_pattern
from views.forms import FormValues, on_field
from views.labels import date_text

# the field a refusal of the appointment is about (a day in the past or future is about "day")
APPOINTMENT_REFUSALS = {"Say whom the appointment is with, or add a note.": "professional"}


def _texts(ctx: ViewContext, title: str, editing: bool) -> dict[str, str]:
    _ = ctx._
    texts = {
        "title": title,
        "day": _("Date"),
        "day_hint": day_pattern(_),
        "time": _("Time"),
        "time_hint": _("HH:MM"),
        "professional": _("With whom"),
        "place": _("Place"),
        "note": _("Note"),
        "save": _("Save"),
        "cancel": _("Cancel"),
    }
    if editing:
        texts["delete"] = _("Delete")
    return texts


def open_form(
    ctx: ViewContext,
    profile: Profile | None = None,
    appointment: Appointment | None = None,
    item: AgendaItem | None = None,
) -> AppointmentForm | None:
    """The form; ``appointment`` to edit one, ``item`` to book an agenda item."""
    _, state = ctx._, ctx.state
    profile = profile or state.current
    if profile is None:
        return None
    if appointment is not None:
        title = _("Edit the appointment")
        values = {
            "day": day_field(appointment.at.date(), _),
            "time": appointment.at.strftime("%H:%M") if appointment.timed else "",
            "professional": appointment.professional,
            "place": appointment.place,
            "note": appointment.note,
        }
    elif item is not None:
        title = _("Book: {item}").format(item=_(item.label))
        values = {"day": day_field(max(item.window_start, state.today()), _)}
    else:
        title = _("New appointment for {name}").format(name=profile.first_name)
        values = {}

    def store(fields: dict[str, str]) -> None:
        day = FormValues(fields, _).day("day")  # typed in the language's order, refused on its field
        with on_field("time"):
            at = appointments.parse_moment(day.isoformat(), fields["time"])
        details: dict[str, Any] = {k: fields[k].strip() for k in ("professional", "place", "note")}
        details["timed"] = appointments.is_timed(fields["time"])
        with on_field(dated="day", messages=APPOINTMENT_REFUSALS):
            if appointment is not None:
                appointments.update_appointment(state.session, profile.id, appointment, at=at, **details)
            elif item is not None:
                appointments.schedule_item(state.session, profile.id, item.code, at, **details)
            else:
                appointments.add_appointment(state.session, profile.id, at=at, **details)

    form: AppointmentForm = AppointmentForm(
        values=values,
        texts=_texts(ctx, title, appointment is not None),
        on_save=lambda fields: ctx.submit(lambda: store(fields), _("Appointment saved."), form=form),
        on_cancel=ctx.host.close_dialog,
        on_delete=(lambda: confirm_delete(ctx, profile, appointment)) if appointment is not None else None,
    )
    ctx.host.show_dialog(form)
    return form


def confirm_delete(ctx: ViewContext, profile: Profile, appointment: Appointment) -> ConfirmDialog:
    _, state = ctx._, ctx.state

    def close_form() -> None:
        ctx.host.close_dialog()  # the appointment's form, under the question
        state.notify()

    return ctx.confirm(
        _("Delete this appointment?"),
        _("Delete"),
        lambda: appointments.delete_appointment(state.session, profile.id, appointment.id),
        done=_("Appointment deleted."),
        after=close_form,
    )


def when_text(ctx: ViewContext, appointment: Appointment) -> str:
    """ "RDV le 04/02/2027 à 10:30", or the day alone when no time was given (no invented hour)."""
    _ = ctx._
    day = date_text(appointment.at.date(), _)
    if not appointment.timed:
        return _("Appointment on {day}").format(day=day)
    return _("Appointment on {day} at {time}").format(day=day, time=appointment.at.strftime("%H:%M"))

"""Accueil: who is shown, what is new, the latest measurements, and what is due."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import flet as ft

from components.demo_banner import DemoBanner
from components.labelled import labelled
from components.section_card import SectionCard
from domain.errors import N_
from domain.models import Document, Measurement, Profile
from services import access_log, demo, records
from views import todo
from views.context import ViewContext
from views.labels import DOCUMENT_TYPE_NAMES, born_text, date_text, measurement_text, vaccine_text


def build(ctx: ViewContext) -> ft.Control:
    state, _ = ctx.state, ctx._
    profile = state.current
    if profile is None:
        return ft.Text(_("No profile yet: add one in Profiles."))
    today = state.today()
    controls: list[ft.Control] = [
        ft.Text(profile.display_name, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, key="profile-title"),
        ft.Text(born_text(profile.birth_date, profile.sex, today, ctx)),
    ]
    controls.append(todo.block(ctx, profile))  # first: what to do next
    if state.has_demo:
        controls.append(
            DemoBanner(
                text=_("These are demo data (a fictitious family)."),
                action_text=_("Remove demo data"),
                on_remove=lambda: confirm_remove_demo(ctx),
            )
        )
    from views.risk.findings import home_card  # issue 15: what the measurements invite to do (adults)

    risk = home_card(ctx)
    if risk is not None:
        controls.append(risk)
    controls.append(_latest_measurements(ctx, profile.id))
    news = _new_documents(ctx, profile.id)
    if news is not None:
        controls.append(news)
    controls.append(_recent_documents(ctx, profile.id))
    controls.append(_vaccinations(ctx, profile))
    controls.append(_prevention_entry(ctx))
    return ft.Column(
        controls,
        spacing=12,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )


def _latest_measurements(ctx: ViewContext, profile_id: str) -> ft.Control:
    _ = ctx._
    from views.medical import blood_pressure as bp

    latest: dict[str, Measurement] = {}
    for m in records.list_records(ctx.state.session, profile_id, "measurement"):
        if m.kind not in ("systolic", "diastolic"):  # shown as one pair below
            latest.setdefault(m.kind, m)
    lines: list[ft.Control] = [
        ft.Text(f"{measurement_text(m.kind, m.value, _)} ({date_text(m.on, _)})") for m in latest.values()
    ]
    pairs = bp.all_pairs(ctx, profile_id)  # readings and older pairs of single measures, oldest first
    if pairs:
        last = pairs[-1]
        pair = bp.pair_text(last.systolic, last.diastolic, _("decimal-separator") == ",").removesuffix(
            " mmHg"
        )
        text = _("{name}: {value} {unit}").format(name=_("Blood pressure"), value=pair, unit="mmHg")
        lines.append(ft.Text(f"{text} ({date_text(last.on, _)})"))
    return SectionCard(title=_("Latest measurements"), lines=lines, empty_text=_("No measurement yet."))


NEW_DAYS = 30
WHO_NAMES = {"me": N_("by you"), "professional": N_("by a professional"), "sync": N_("by synchronisation")}


def _new_documents(ctx: ViewContext, profile_id: str) -> ft.Control | None:
    """« Nouveau document » events of the last 30 days, from the access history; nothing when none."""
    _ = ctx._
    since = datetime.combine(ctx.state.today() - timedelta(days=NEW_DAYS), time(0), tzinfo=UTC)
    events = access_log.new_documents(ctx.state.session, profile_id, since)
    if not events:
        return None
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.FIBER_NEW, color=ft.Colors.TEAL),
                ft.Text(
                    _("{title} - added {who} on {day}").format(
                        title=e.label, who=_(WHO_NAMES.get(e.who, e.who)), day=date_text(e.at.date(), _)
                    ),
                    expand=True,
                ),
            ]
        )
        for e in events
    ]
    return SectionCard(title=_("New documents"), lines=lines, empty_text="")


def _recent_documents(ctx: ViewContext, profile_id: str) -> ft.Control:
    _ = ctx._
    docs = records.list_records(ctx.state.session, profile_id, "document", limit=3)
    lines: list[ft.Control] = [_document_tile(ctx, profile_id, d) for d in docs]
    return SectionCard(title=_("Recent documents"), lines=lines, empty_text=_("No document yet."))


def _document_tile(ctx: ViewContext, profile_id: str, d: Document) -> ft.Control:
    """A recent document; a tap shows its preview, as in the Dossier."""
    _ = ctx._
    tile = ft.ListTile(
        leading=ft.Icon(ft.Icons.DESCRIPTION_OUTLINED),
        title=ft.Text(d.title),
        subtitle=ft.Text(f"{_(DOCUMENT_TYPE_NAMES.get(d.type_code, d.type_code))} - {date_text(d.on, _)}"),
        on_click=lambda e: _preview(ctx, profile_id, d),
        content_padding=ft.Padding.symmetric(horizontal=4),
    )
    return ft.MergeSemantics(content=ft.Semantics(content=tile, identifier=f"home-doc-{d.id}", button=True))


def _preview(ctx: ViewContext, profile_id: str, d: Document) -> None:
    from views.documents import show_preview  # on use: the Dossier's modules are not the first page's

    show_preview(ctx, profile_id, d)


def _vaccinations(ctx: ViewContext, profile: Profile) -> ft.Control:
    _ = ctx._
    doses = records.list_records(ctx.state.session, profile.id, "immunization", limit=5)
    lines: list[ft.Control] = [
        ft.Text(f"{vaccine_text(d.vaccine, _)} - {d.product} ({date_text(d.on, _)})") for d in doses
    ]
    if doses:  # the summary a nursery, a school or an employer asks for, for adults as for children
        lines.append(
            labelled(
                ft.TextButton(
                    _("Vaccination summary (PDF)"),
                    icon=ft.Icons.PICTURE_AS_PDF,
                    on_click=lambda e: _export_vaccinations(ctx, profile),
                ),
                _("Vaccination summary (PDF)"),
                "home-vaccination-export",
            )
        )
    return SectionCard(title=_("Latest vaccinations"), lines=lines, empty_text=_("No vaccination recorded."))


def _export_vaccinations(ctx: ViewContext, profile: Profile) -> None:
    from views.child.vaccinations import export_pdf  # on use: that screen loads the charts library

    export_pdf(ctx, profile)


def _prevention_entry(ctx: ViewContext) -> ft.Control:
    """One tap to Prévention (issue 14): advice, habits, self-tests, Mon bilan prévention, ICOPE."""
    text = ctx._("Prevention: advice, habits and self-tests")
    button = ft.OutlinedButton(
        text, icon=ft.Icons.HEALTH_AND_SAFETY, on_click=lambda e: ctx.state.go("/prevention")
    )
    return labelled(button, text, "home-prevention")


def confirm_remove_demo(ctx: ViewContext) -> None:
    _ = ctx._
    ctx.confirm(
        _("Remove the demo family and all its documents? This cannot be undone."),
        _("Remove"),
        lambda: demo.remove_demo_family(ctx.state.session),
        done=_("Demo data removed."),
        after=ctx.state.reload,
    )

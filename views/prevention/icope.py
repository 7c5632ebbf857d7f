"""The ICOPE part of Prévention (60 years and over): the latest screening with its next steps, every
screening over time (chart and list), a new screening (by the person or a caregiver), and the PDF."""

from __future__ import annotations

import flet as ft

from components.labelled import labelled
from components.section_card import SectionCard
from domain import icope
from domain.models import Profile
from domain.prevention_records import IcopeRecord
from services import prevention, prevention_pdf
from views.context import ViewContext
from views.labels import date_text
from views.prevention import forms
from views.prevention.share import deliver, safe_name


def _names(ctx: ViewContext, domains: frozenset[str]) -> str:
    _ = ctx._
    return ", ".join(_(prevention_pdf.DOMAIN_NAMES[d]) for d in icope.DOMAINS if d in domains)


def _line(ctx: ViewContext, record: IcopeRecord) -> ft.Control:
    _ = ctx._
    positive = record.positive()
    found = _names(ctx, positive) if positive else _("no sign of frailty")
    who = _("by a caregiver") if record.filled_by == "caregiver" else _("by the person")
    text = _("{day}: {found} ({who})").format(day=date_text(record.on, _), found=found, who=who)
    return ft.Semantics(
        content=ft.Text(text), label=text, identifier=f"icope-result-{record.id}", exclude_semantics=True
    )


def _chart(ctx: ViewContext, history: list[IcopeRecord]) -> ft.Control:
    from components.measurement_chart import MeasurementChart  # on use: the charts library

    _ = ctx._
    points = [(r.on, float(len(r.positive()))) for r in history]
    summary = _("Domains to check at each screening: {values}").format(
        values=", ".join(f"{date_text(day, _)} {value:g}" for day, value in points)
    )
    return MeasurementChart(
        points=points,
        labels=[date_text(day, _) for day, _v in points],
        unit=_("domains to check"),
        summary=summary,
    )


def section(ctx: ViewContext, profile: Profile) -> ft.Control:
    _, state = ctx._, ctx.state
    history = prevention.icope_history(state.session, profile.id)
    lines: list[ft.Control] = [
        ft.Text(
            _(
                "Six quick checks of memory, mobility, nutrition, vision, hearing and mood, every 6 months "
                "from 60. A caregiver can fill them in with the person helped."
            )
        )
    ]
    if history:
        latest = history[-1].positive()
        lines.append(ft.Text(_(icope.summary(latest)), weight=ft.FontWeight.BOLD))
        for step in icope.next_steps(latest):
            lines.append(
                ft.Semantics(
                    content=ft.Column(
                        [
                            ft.Text(_(step.title), weight=ft.FontWeight.W_500),
                            ft.Text(_(step.next_step)),
                            ft.Text(_(step.advice), size=13),
                        ],
                        spacing=2,
                    ),
                    identifier=f"icope-step-{step.domain}",
                    container=True,
                )
            )
        if len(history) > 1:
            lines.append(_chart(ctx, history))
        lines += [_line(ctx, r) for r in reversed(history)]
    buttons: list[ft.Control] = [
        labelled(
            ft.FilledButton(
                _("Do the screening"),
                icon=ft.Icons.CHECKLIST,
                on_click=lambda e: forms.open_icope(ctx, profile),
            ),
            _("Do the screening"),
            "icope-start",
        )
    ]
    if history:
        buttons.append(
            labelled(
                ft.OutlinedButton(
                    _("Share (PDF)"), icon=ft.Icons.PICTURE_AS_PDF, on_click=lambda e: share(ctx, profile)
                ),
                _("Share (PDF)"),
                "icope-pdf",
            )
        )
    lines.append(ft.Row(buttons, wrap=True))
    return ft.Semantics(
        content=SectionCard(title=_("ICOPE: staying independent"), lines=lines),
        identifier="prevention-icope",
        container=True,
    )


def share(ctx: ViewContext, profile: Profile) -> None:
    _, state = ctx._, ctx.state
    today = state.today()
    deliver(
        ctx,
        lambda: prevention_pdf.icope_history_pdf(state.session, profile, today, _),
        f"icope-{safe_name(profile.first_name)}-{today.isoformat()}.pdf",
        _("ICOPE screenings"),
    )

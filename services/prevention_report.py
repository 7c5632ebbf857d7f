"""What the ``prevention`` command shows of one profile: the advice cards chosen now (title and source),
Mon bilan prévention and ICOPE when they are due (with the questionnaire's state), and the
public-health campaigns under way (a provisional window says that its exact dates are announced each
year). Read only: nothing is written. Texts are translated here, for the command line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.campaigns import Campaign
from domain.errors import N_, NotFoundError, ValidationError
from domain.models import Profile
from domain.plan import AgendaItem
from domain.prevention import Card
from domain.prevention_risk import fold
from domain.prevention_rules import source_titles
from services import agenda, prevention
from services.session import Session

Translate = Callable[[str], str]
DUE_PREFIXES = ("prevention-bilan", "icope")
BILAN_STATES = {
    "none": N_("not started"),
    "draft": N_("draft saved"),
    "finished": N_("finished"),
}


@dataclass(frozen=True, slots=True)
class Overview:
    profile: Profile
    today: date
    cards: tuple[Card, ...]
    due: tuple[AgendaItem, ...]  # Mon bilan prévention and ICOPE items to plan now
    bilan: tuple[str, str] | None  # (bracket, state of its questionnaire) when in a bracket
    campaigns: tuple[Campaign, ...]


def find_profile(session: Session, name_or_id: str) -> Profile:
    """The profile with this id, else the only one with this first name or full name (accents and case
    do not matter). Two profiles of that name: refused, the id tells them apart."""
    with session.uow() as uow:
        profiles = uow.profiles.list()
    for profile in profiles:
        if profile.id == name_or_id:
            return profile
    wanted = fold(name_or_id.strip())
    found = [p for p in profiles if wanted in (fold(p.first_name), fold(p.display_name))]
    if len(found) > 1:
        raise ValidationError("Several profiles are named {name}: give the profile's id.", name=name_or_id)
    if not found:
        raise NotFoundError("No profile is named {name} or has this id.", name=name_or_id)
    return found[0]


def _bilan_state(session: Session, profile: Profile, bracket: str) -> str:
    record = prevention.bilan_record(session, profile.id, bracket)
    if record is None:
        return "none"
    return "finished" if record.finished else "draft"


def overview(session: Session, profile: Profile, today: date) -> Overview:
    plan = agenda.plan(session, profile, today)
    due = tuple(
        item
        for item in plan
        if item.code.startswith(DUE_PREFIXES) and agenda.section_of(item, today) == "to_plan"
    )
    bracket = prevention.current_bracket(profile, today)
    return Overview(
        profile=profile,
        today=today,
        cards=prevention.advice_cards(session, profile, today),
        due=due,
        bilan=(bracket, _bilan_state(session, profile, bracket)) if bracket else None,
        campaigns=prevention.campaigns_now(session, profile, today),
    )


def _day(day: date, _: Translate) -> str:
    return day.strftime(_("%m/%d/%Y"))


def _window(start: date, last: date, _: Translate) -> str:
    return _("from {start} to {end}").format(start=_day(start, _), end=_day(last, _))


def lines(found: Overview, _: Translate) -> list[str]:
    """The overview as text: three headed parts, one thing a line."""
    out = [_("Prevention for {name}").format(name=found.profile.display_name), "", _("Advice for you")]
    for card in found.cards:
        line = "- " + _(card.title)
        if card.provenance is not None:
            line += " (" + _("Source: {name}").format(name=source_titles(card.provenance.sources)) + ")"
        out.append(line)
    if not found.cards:
        out.append("- " + _("No advice right now: tell your habits to get advice that fits."))
    out += ["", _("To do now")]
    for item in found.due:
        out.append("- " + _(item.label) + ": " + _window(item.window_start, item.last_day, _))
    if found.bilan is not None:
        bracket, state = found.bilan
        out.append(
            "- "
            + _("Mon bilan prévention questionnaire ({bracket} years): {state}").format(
                bracket=bracket, state=_(BILAN_STATES[state])
            )
        )
    if not found.due and found.bilan is None:
        out.append("- " + _("Nothing to do now."))
    out += ["", _("Campaigns under way")]
    for campaign in found.campaigns:
        out.append("- " + _(campaign.title) + ": " + _window(campaign.start, campaign.end, _))
        if campaign.provisional:
            out.append("  " + _(campaign.hint))
    if not found.campaigns:
        out.append("- " + _("No campaign under way for this profile."))
    return out


def as_json(found: Overview, _: Translate) -> dict[str, Any]:
    """The same, for a script: translated texts, ISO dates, stable ids and codes."""
    return {
        "profile": {"id": found.profile.id, "name": found.profile.display_name},
        "today": found.today.isoformat(),
        "advice": [
            {
                "id": card.id,
                "title": _(card.title),
                "source": source_titles(card.provenance.sources) if card.provenance else "",
            }
            for card in found.cards
        ],
        "due": [
            {
                "code": item.code,
                "label": _(item.label),
                "from": item.window_start.isoformat(),
                "to": item.last_day.isoformat(),
            }
            for item in found.due
        ],
        "bilan": (
            {"bracket": found.bilan[0], "state": found.bilan[1], "text": _(BILAN_STATES[found.bilan[1]])}
            if found.bilan
            else None
        ),
        "campaigns": [
            {
                "id": c.id,
                "title": _(c.title),
                "from": c.start.isoformat(),
                "to": c.end.isoformat(),
                "provisional": c.provisional,
                "hint": _(c.hint) if c.hint else "",
                "source": source_titles(c.provenance.sources),
            }
            for c in found.campaigns
        ],
    }

"""Profil médical: allergies, treatments, history, hospitalisations, family history, blood group, and the
measurements over time. Every change is written in the access log in the same transaction."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from domain.errors import N_, ValidationError
from domain.medical import MEDICAL_KINDS, BloodGroup
from domain.models import MEASUREMENTS, Measurement, Profile
from services import records
from services.i18n import born_on
from services.session import Session
from storage import codec

PROFILE_KINDS = MEDICAL_KINDS
KIND_NAMES = {
    "allergy": N_("Allergies"),
    "treatment": N_("Current treatments"),
    "medical_history": N_("Medical history"),
    "hospitalisation": N_("Hospitalisations"),
    "family_history": N_("Family history"),
    "blood_group": N_("Blood group"),
}


def _check_kind(kind: str) -> type:
    if kind not in PROFILE_KINDS:
        raise ValidationError("Unknown kind of medical entry {kind!r}.", kind=kind)
    return codec.KINDS[kind]


def list_entries(session: Session, profile_id: str, kind: str) -> list[Any]:
    _check_kind(kind)
    with session.uow() as uow:
        return list(uow.records.list(profile_id, kind))


def add_entry(
    session: Session, profile_id: str, kind: str, today: date, who: str = "me", **fields: Any
) -> Any:
    cls = _check_kind(kind)
    entry = cls(**{"entered_by": records.ENTERED_BY.get(who, "me"), **fields})
    return records.add_record(session, profile_id, entry, today, who)


def update_entry(
    session: Session, profile_id: str, entry: Any, today: date, who: str = "me", **changes: Any
) -> Any:
    _check_kind(codec.kind_of(entry))
    updated = dataclasses.replace(entry, **changes)
    with session.uow() as uow:
        records.update(uow, uow.profiles.get(profile_id), updated, today, who)
        uow.commit()
    return updated


def delete_entry(session: Session, profile_id: str, entry: Any, who: str = "me") -> None:
    """An entry of the medical profile, or a measurement."""
    records.delete_record(session, profile_id, entry, who)


def blood_group(session: Session, profile_id: str) -> BloodGroup | None:
    groups = list_entries(session, profile_id, "blood_group")
    return groups[0] if groups else None


def blood_group_card(profile: Profile, group: BloodGroup, _: Any = None) -> bytes:
    """A printable card (PDF, A4 with a wallet-sized frame) with the person's blood group."""
    from services.pdf import simple_pdf

    tr = _ or (lambda text: text)
    lines = [
        tr("Name: {name}").format(name=profile.display_name),
        tr(born_on(profile.sex)).format(day=profile.birth_date.strftime(tr("%m/%d/%Y"))),
        tr("Blood group: {group}").format(group=group.label),
        tr("Typed on {day}").format(day=group.on.strftime(tr("%m/%d/%Y"))),
    ]
    if group.lab:
        lines.append(tr("Laboratory: {lab}").format(lab=group.lab))
    return simple_pdf(tr("Blood group card"), lines, tr("Made with Carnet from the data entered."))


# -- measurements (added through services/records.py: add_measurement) ----------------------------------
def series(measurements: list[Measurement], kind: str) -> list[tuple[date, float]]:
    """Oldest first. BMI is computed from each weight and the latest height measured on or before it."""
    if kind != "bmi":
        return sorted((m.on, m.value) for m in measurements if m.kind == kind)
    return sorted(
        {
            **dict(_computed_bmi(measurements)),
            **{m.on: m.value for m in measurements if m.kind == "bmi"},
        }.items()
    )


def _computed_bmi(measurements: list[Measurement]) -> list[tuple[date, float]]:
    heights = sorted((m.on, m.value) for m in measurements if m.kind == "height")
    low, high = MEASUREMENTS["bmi"][2:]
    points = []
    for on, weight in sorted((m.on, m.value) for m in measurements if m.kind == "weight"):
        known = [h for day, h in heights if day <= on]
        if known:
            value = round(weight / (known[-1] / 100) ** 2, 1)
            if low <= value <= high:
                points.append((on, value))
    return points


def latest(measurements: list[Measurement]) -> dict[str, tuple[date, float]]:
    """The newest value of each measure (BMI computed), in the order of MEASUREMENTS."""
    found = {}
    for kind in MEASUREMENTS:
        points = series(measurements, kind)
        if points:
            found[kind] = points[-1]
    return found

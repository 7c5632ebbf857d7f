"""Who the flu and COVID-19 campaign invites for a chronic condition (the campaign's ``at_risk`` fact).

The conditions are data (assets/prevention/campaigns.json, ``at_risk``): the families of the flu
recommendation of the vaccination calendar that can be read in what a person wrote in their medical
history (diabetes, chronic respiratory, heart, kidney and liver diseases, a weakened immune system,
serious neuromuscular diseases, sickle cell disease, obesity with a BMI of 40 or more). The service
reads the vault and passes the texts and the latest weight and height in; nothing here does I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from domain.models import completed_months
from domain.prevention_rules import Provenance, asset, provenance


@dataclass(frozen=True, slots=True)
class Family:
    id: str
    label: str  # msgid
    patterns: tuple[re.Pattern[str], ...]
    excepted: tuple[re.Pattern[str], ...]  # phrases removed first (gestational diabetes is not diabetes)


def fold(text: str) -> str:
    """Lower case, without accents or ligatures: how people and doctors write varies."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _data() -> dict[str, object]:
    data: dict[str, object] = asset("campaigns")["at_risk"]
    return data


@cache
def families() -> tuple[Family, ...]:
    return tuple(
        Family(
            raw["id"],
            raw["label"],
            tuple(re.compile(p) for p in raw["patterns"]),
            tuple(re.compile(p) for p in raw.get("except", ())),
        )
        for raw in asset("campaigns")["at_risk"]["families"]
    )


def source() -> Provenance:
    data = asset("campaigns")
    return provenance(data["at_risk"], data)


def conditions_in(texts: Iterable[str]) -> frozenset[str]:
    """The condition families named in these texts (a medical history's conditions and notes)."""
    found: set[str] = set()
    for text in texts:
        folded = fold(text)
        for family in families():
            cleaned = folded
            for phrase in family.excepted:
                cleaned = phrase.sub(" ", cleaned)
            if any(pattern.search(cleaned) for pattern in family.patterns):
                found.add(family.id)
    return frozenset(found)


def bmi(weight_kg: float, height_cm: float) -> float:
    return weight_kg / (height_cm / 100) ** 2


def risk_conditions(
    texts: Iterable[str],
    birth_date: date,
    today: date,
    weight_kg: float | None = None,
    height_cm: float | None = None,
) -> frozenset[str]:
    """The families that put this person in the campaign's ``at_risk`` group: those written in the
    history, and "obesity" from the latest weight and height of an adult (BMI of 40 or more)."""
    found = set(conditions_in(texts))
    settings = asset("campaigns")["at_risk"]
    adult = completed_months(birth_date, today) >= 12 * settings["bmi_from_years"]
    if (
        adult
        and weight_kg is not None
        and height_cm is not None
        and bmi(weight_kg, height_cm) >= settings["min_bmi"]
    ):
        found.add("obesity")
    return frozenset(found)

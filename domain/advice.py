"""Short, sourced advice cards (assets/advice/): by the child's age, or by the month of pregnancy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.models import completed_months
from domain.pregnancy import monthly_advice_key
from domain.reference import load_json

TOPICS = ("sleep", "screens", "food", "dental")


@dataclass(frozen=True, slots=True)
class AdviceCard:
    id: str
    topic: str
    title: str
    text: str
    source_name: str
    source_url: str


def _card(raw: dict, language: str) -> AdviceCard:
    text = raw.get(language) or raw["fr"]
    source = raw["source"]
    return AdviceCard(raw["id"], raw["topic"], text["title"], text["text"], source["name"], source["url"])


def child_advice(birth_date: date, today: date, language: str = "fr") -> list[AdviceCard]:
    """The cards for the child's age today, one or more per topic, in the order of TOPICS."""
    months = completed_months(birth_date, today)
    cards = [
        raw
        for raw in load_json("advice/child.json")["cards"]
        if raw["from_months"] <= months < raw["to_months"]
    ]
    cards.sort(key=lambda raw: TOPICS.index(raw["topic"]))
    return [_card(raw, language) for raw in cards]


def pregnancy_advice(lmp: date, today: date, language: str = "fr") -> AdviceCard:
    key = monthly_advice_key(lmp, today)
    raw = next(raw for raw in load_json("advice/pregnancy.json")["cards"] if raw["id"] == key)
    return _card(raw, language)

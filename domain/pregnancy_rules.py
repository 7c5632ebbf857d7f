"""The pregnancy calendar's rules (assets/rules/pregnancy.json), their labels, and the circumstances
that make some of them apply: the rank of the child, a multiple pregnancy, the mother's immunity to
toxoplasmosis and her rhesus.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from domain.errors import N_
from domain.reference import load_json

RULES_FILE = "rules/pregnancy.json"
CONDITIONS = ("toxo_not_immune", "rh_negative", "primiparous", "pertussis_missed")


@dataclass(frozen=True, slots=True)
class Circumstances:
    """What the pregnancy form asks; None = not known (the items that depend on it are not planned)."""

    babies: int = 1  # 2 for twins, 3 for triplets or more
    previous_children: int = 0  # children the mother already gave birth to or has in her care
    toxo_immune: bool | None = None
    rh_negative: bool | None = None


# The msgids the agenda shows, by rule code; the rules' dates and sources are in RULES_FILE.
LABELS: dict[str, str] = {
    "preg-exam-1": N_("1st prenatal exam (before the end of month 3)"),
    "preg-exam-2": N_("2nd prenatal exam (month 4)"),
    "preg-exam-3": N_("3rd prenatal exam (month 5)"),
    "preg-exam-4": N_("4th prenatal exam (month 6)"),
    "preg-exam-5": N_("5th prenatal exam (month 7)"),
    "preg-exam-6": N_("6th prenatal exam (month 8)"),
    "preg-exam-7": N_("7th prenatal exam (month 9)"),
    "preg-declaration": N_("Declaration of pregnancy to the health insurance and the CAF"),
    "preg-bio-1": N_(
        "First-trimester blood tests (blood group, antibodies, rubella, toxoplasmosis, syphilis)"
    ),
    "preg-us-1": N_("1st ultrasound (first trimester)"),
    "preg-t21": N_("Combined Down syndrome screening (blood test with the 1st ultrasound), if you wish"),
    "preg-us-2": N_("2nd ultrasound (morphology)"),
    "preg-us-3": N_("3rd ultrasound (growth)"),
    "preg-epp": N_("Early prenatal interview"),
    "preg-bilan-prevention": N_("Prenatal prevention check-up with a midwife (optional)"),
    "preg-dental": N_("Dental check-up for the mother-to-be"),
    "preg-pertussis": N_("Whooping cough vaccination during pregnancy"),
    "preg-toxo-4": N_("Toxoplasmosis blood test (not immune), month 4"),
    "preg-toxo-5": N_("Toxoplasmosis blood test (not immune), month 5"),
    "preg-toxo-6": N_("Toxoplasmosis blood test (not immune), month 6"),
    "preg-toxo-7": N_("Toxoplasmosis blood test (not immune), month 7"),
    "preg-toxo-8": N_("Toxoplasmosis blood test (not immune), month 8"),
    "preg-toxo-9": N_("Toxoplasmosis blood test (not immune), month 9"),
    "preg-rai-6": N_("Irregular antibodies test (rhesus negative), month 6"),
    "preg-rai-8": N_("Irregular antibodies test (rhesus negative), month 8"),
    "preg-rai-9": N_("Irregular antibodies test (rhesus negative), month 9"),
    "preg-anti-d": N_("Anti-D immunoglobulin injection at 28 weeks (rhesus negative)"),
    "preg-gdm": N_("Gestational diabetes test (24 to 28 weeks), if you have a risk factor"),
    "preg-gbs": N_("Group B streptococcus vaginal swab (34 to 38 weeks)"),
    "preg-prep-1": N_("Birth and parenting preparation, session 1"),
    "preg-prep-2": N_("Birth and parenting preparation, session 2"),
    "preg-prep-3": N_("Birth and parenting preparation, session 3"),
    "preg-prep-4": N_("Birth and parenting preparation, session 4"),
    "preg-prep-5": N_("Birth and parenting preparation, session 5"),
    "preg-prep-6": N_("Birth and parenting preparation, session 6"),
    "preg-prep-7": N_("Birth and parenting preparation, session 7"),
    "preg-anaesthesia": N_("Anaesthesia consultation"),
    "preg-post-term": N_("Monitoring at the maternity unit from 41 weeks (term passed)"),
    "preg-leave": N_("Maternity leave"),
    "preg-postnatal": N_("Early postnatal interview"),
    "preg-postnatal-2": N_("Second postnatal interview (optional, 10 to 14 weeks after the birth)"),
    "preg-postnatal-exam": N_("Postnatal medical exam (within 8 weeks of the birth)"),
    "preg-pertussis-postpartum": N_("Whooping cough vaccination of the mother after the birth"),
    "preg-cocooning": N_("Whooping cough vaccination of the baby's close family (cocooning)"),
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One calendar rule of RULES_FILE; ``start`` and ``end`` are anchors (see pregnancy._anchor)."""

    code: str
    kind: str
    start: Mapping[str, Any]
    end: Mapping[str, Any]
    until_birth: bool  # a prenatal item: it cannot happen once the baby is born
    source: str
    status: str
    valid_from: date | None
    valid_to: date | None
    condition: str | None = None  # one of CONDITIONS: the item is planned only then

    def applies_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


def _optional_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@cache
def rules() -> tuple[Rule, ...]:
    """The pregnancy rules shipped in RULES_FILE, in calendar order."""
    found = []
    for raw in load_json(RULES_FILE)["rules"]:
        condition = raw.get("condition")
        if condition is not None and condition not in CONDITIONS:
            raise ValueError(f"unknown condition {condition!r} in {RULES_FILE}")
        found.append(
            Rule(
                code=raw["code"],
                kind=raw["kind"],
                start=raw["start"],
                end=raw["end"],
                until_birth=raw["until_birth"],
                source=raw["source"],
                status=raw["status"],
                valid_from=_optional_date(raw.get("valid_from")),
                valid_to=_optional_date(raw.get("valid_to")),
                condition=condition,
            )
        )
    return tuple(found)

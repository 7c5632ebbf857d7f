"""Three short questionnaires, their results kept as records: HAS COPD self-test, FINDRISC and EPOF.

* COPD ("Faites le test : aurais-je une BPCO ?", HAS 2014 after GOLD): 5 yes/no questions; 3 "yes" or
  more -> spirometry, 2 -> talk about your breathing.
* FINDRISC: the 10-year risk of type 2 diabetes, 8 questions, no blood test; age, BMI and waist come
  from the profile and its measurements, the other answers from the person.
* EPOF (Essoufflement, Prise de poids, Œdèmes, Fatigue): heart-failure warning signs, offered to people
  who record heart failure; breathless lying down or at rest -> call 15.

Points and cut-offs are data (assets/risk/questionnaires.json, with sources); the questions are msgids.
A ``QuestionnaireResult`` keeps the answers as plain strings so that it stores as JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from domain.errors import N_, ValidationError
from domain.models import check_not_in_future, new_id
from domain.reference import load_json
from domain.risk_findings import Finding, finding

KINDS = ("copd", "findrisc", "epof")
YES_NO = ("yes", "no")

QUESTIONS: dict[str, dict[str, str]] = {
    "copd": {
        "cough": N_("Do you cough often (every day)?"),
        "sputum": N_("Do you often have a wet cough, or a cough that brings up phlegm?"),
        "breathless": N_("Do you get out of breath more easily than people of your age?"),
        "over_40": N_("Are you over 40?"),
        "smoker": N_("Do you smoke, or have you ever smoked?"),
    },
    "findrisc": {
        "activity": N_("Do you do at least 30 minutes of physical activity every day?"),
        "vegetables": N_("How often do you eat vegetables or fruit?"),
        "bp_medicine": N_("Have you ever been prescribed medicine for high blood pressure?"),
        "high_glucose": N_(
            "Have you ever been found to have a high blood sugar (check-up, illness, pregnancy)?"
        ),
        "family": N_("Has anyone in your family been diagnosed with diabetes?"),
    },
    "epof": {
        "breathless": N_("Are you unusually short of breath, on exertion or at the slightest effort?"),
        "weight_gain": N_("Have you gained 2 to 3 kg in a few days without explanation?"),
        "swelling": N_("Are your feet, ankles or legs swollen (sock marks, shoes hard to put on)?"),
        "fatigue": N_("Do you feel very tired at the slightest effort (walking, stairs, carrying)?"),
        "breathless_lying": N_("Are you short of breath when lying down or at rest?"),
    },
}
# Options other than yes/no, with their msgids.
OPTIONS: dict[str, dict[str, str]] = {
    "vegetables": {"daily": N_("Every day"), "not_daily": N_("Not every day")},
    "family": {
        "no": N_("No"),
        "second_degree": N_("Yes: a grandparent, aunt, uncle or first cousin"),
        "first_degree": N_("Yes: a parent, brother, sister or child"),
    },
}
TITLES = {
    "copd": N_("COPD self-test (HAS)"),
    "findrisc": N_("Diabetes risk test (FINDRISC)"),
    "epof": N_("Warning signs of heart failure (EPOF)"),
}


@cache
def data(kind: str) -> dict[str, Any]:
    return load_json("risk/questionnaires.json")[kind]


def options(kind: str, item: str) -> tuple[str, ...]:
    """The answers allowed to one item (yes/no unless OPTIONS says otherwise)."""
    if kind == "findrisc":
        return tuple(data("findrisc")["points"][item])
    return YES_NO


@dataclass(frozen=True, slots=True)
class QuestionnaireResult:
    """The answers given on a day; the score and the findings are computed from them."""

    kind: str  # one of KINDS
    on: date
    answers: dict[str, str]
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValidationError("Unknown questionnaire {kind!r}.", kind=self.kind)
        expected = _items(self.kind)
        missing = [item for item in expected if item not in self.answers]
        if missing or set(self.answers) - set(expected):
            raise ValidationError("Answer every question of the questionnaire.")
        for item, answer in self.answers.items():
            if answer not in options(self.kind, item):
                raise ValidationError("{answer!r} is not an answer to this question.", answer=answer)
        if self.on.year < 1900:
            raise ValidationError("The date {day} is not plausible.", day=self.on)

    def check(self, today: date, birth_date: date | None = None) -> QuestionnaireResult:
        check_not_in_future(self.on, today, "The date {day} is in the future.")
        return self

    @property
    def score(self) -> int:
        """COPD: number of "yes"; FINDRISC: points (0-26); EPOF: number of the 4 signs present."""
        if self.kind == "findrisc":
            points = data("findrisc")["points"]
            return sum(points[item][answer] for item, answer in self.answers.items())
        if self.kind == "epof":
            return sum(self.answers[sign] == "yes" for sign in data("epof")["signs"])
        return sum(answer == "yes" for answer in self.answers.values())


def _items(kind: str) -> tuple[str, ...]:
    if kind == "findrisc":
        return tuple(data("findrisc")["points"])
    if kind == "epof":
        return (*data("epof")["signs"], data("epof")["urgent"])
    return tuple(data(kind)["items"])


def _yes_no(answers: Mapping[str, bool], items: tuple[str, ...]) -> dict[str, str]:
    return {item: "yes" if answers.get(item) else "no" for item in items}


def copd(answers: Mapping[str, bool], on: date) -> QuestionnaireResult:
    """The COPD self-test from yes/no answers (a missing answer counts as "no")."""
    return QuestionnaireResult("copd", on, _yes_no(answers, _items("copd")))


def epof(answers: Mapping[str, bool], on: date) -> QuestionnaireResult:
    return QuestionnaireResult("epof", on, _yes_no(answers, _items("epof")))


def findrisc(
    answers: Mapping[str, str], *, sex: str, age: int, bmi: float, waist: float, on: date
) -> QuestionnaireResult:
    """FINDRISC with age, BMI and waist turned into their bands; ``answers`` holds the 5 other items."""
    table = data("findrisc")
    young, middle, old = table["age_bands"]
    age_band = "under_45" if age < young else "45_54" if age < middle else "55_64" if age < old else "over_64"
    bmi_limits = table["bmi_bands"]
    bmi_band = (
        "under_25"
        if bmi < bmi_limits["mid_from"]
        else "25_30"
        if bmi <= bmi_limits["high_above"]
        else "over_30"
    )
    if sex not in table["waist_bands"]:
        raise ValidationError("Unknown sex {sex!r}: choose F or M.", sex=sex)
    waist_limits = table["waist_bands"][sex]
    waist_band = (
        "low"
        if waist < waist_limits["mid_from"]
        else "mid"
        if waist <= waist_limits["high_above"]
        else "high"
    )
    return QuestionnaireResult(
        "findrisc", on, {**answers, "age": age_band, "bmi": bmi_band, "waist": waist_band}
    )


def findrisc_band(score: int) -> str:
    """low, slight, moderate, high or very_high (risk of type 2 diabetes within 10 years)."""
    band = "low"
    for step in data("findrisc")["risk_bands"]:
        if score >= step["from"]:
            band = step["band"]
    return band


def findings_of(result: QuestionnaireResult) -> list[Finding]:
    """What the answers invite to do; nothing when they show no sign."""
    source = data(result.kind)["source"]
    score = result.score
    if result.kind == "copd":
        rules = data("copd")
        if score >= rules["spirometry_from_yes"]:
            return [finding("copd_spirometry", "copd", "consult", source, result.on, count=score)]
        if score >= rules["talk_from_yes"]:
            return [finding("copd_talk", "copd", "consult", source, result.on, count=score)]
        if result.answers["smoker"] == "yes":
            return [finding("copd_quit_smoking", "copd", "info", source, result.on)]
        return []
    if result.kind == "epof":
        if result.answers[data("epof")["urgent"]] == "yes":
            return [finding("hf_breathless_lying", "heart_failure", "urgent", source, result.on)]
        if score >= data("epof")["several_from"]:
            return [finding("hf_signs_several", "heart_failure", "consult", source, result.on, count=score)]
        if score == 1:
            return [finding("hf_sign_one", "heart_failure", "consult", source, result.on)]
        return []
    band = findrisc_band(score)
    levels = {"moderate": "info", "high": "consult", "very_high": "consult"}
    if band not in levels:
        return []
    return [finding(f"findrisc_{band}", "diabetes", levels[band], source, result.on, score=score)]

"""Risques et suivi (issue 15): blood-pressure readings and the home series, the findings of
``domain.risk.assess`` from what a profile records, and the questionnaires' results.

Every write goes through services/records.py (checked, logged). What a profile "records" as a condition
(type 2 diabetes, heart failure, cardiovascular disease) is read from its medical history: the words
people and doctors write, folded (accents and case do not matter), or the entry Carnet adds itself when
the person says so on the Risques screen (``CONDITION_WORDS``'s first wording).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from domain.bp_series import (
    READINGS_PER_MOMENT,
    SERIES_DAYS,
    BloodPressure,
    SeriesMean,
    Slot,
    home_series,
    next_slot,
    series_mean,
)
from domain.errors import N_, ValidationError
from domain.medical import MedicalHistory
from domain.models import Measurement, Profile, new_id
from domain.questionnaires_risk import QuestionnaireResult
from domain.risk import assess
from domain.risk_findings import Finding
from services import records
from services.session import Session

# condition -> (the wording Carnet writes, patterns found in a medical-history entry, folded)
CONDITION_WORDS: dict[str, tuple[str, str]] = {
    "type2_diabetes": (
        N_("Type 2 diabetes"),
        r"diabete\s*(de\s*)?type\s*(2|ii)\b|\bdt2\b|type\s*(2|ii)\s*diabetes|\bdnid\b",
    ),
    "heart_failure": (N_("Heart failure"), r"insuffisance\s+cardiaque|heart\s+failure|\bic\b"),
    "cardiovascular_disease": (
        N_("Cardiovascular disease"),
        r"infarctus|\bavc\b|coronar|arteriopathie|stent|pontage|angine de poitrine|myocardial infarction",
    ),
}


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKD", ch)[0] for ch in text.lower())


def conditions_in(history: list[MedicalHistory]) -> set[str]:
    """The conditions of ``domain.risk.CONDITIONS`` the medical history names."""
    found = set()
    for entry in history:
        text = _fold(f"{entry.condition} {entry.note}")
        for condition, (_label, pattern) in CONDITION_WORDS.items():
            if re.search(pattern, text):
                found.add(condition)
    return found


def conditions(session: Session, profile_id: str) -> set[str]:
    return conditions_in(records.list_records(session, profile_id, "medical_history"))


def record_condition(session: Session, profile_id: str, condition: str, today: date) -> MedicalHistory:
    """Adds the condition to the medical history (unless it is already named there)."""
    if condition not in CONDITION_WORDS:
        raise ValidationError("Unknown condition {condition!r}.", condition=condition)
    history = records.list_records(session, profile_id, "medical_history")
    existing = [h for h in history if condition in conditions_in([h])]
    if existing:
        return existing[0]
    entry = MedicalHistory(CONDITION_WORDS[condition][0], today)
    records.add_record(session, profile_id, entry, today)
    return entry


# -- blood pressure --------------------------------------------------------------------------------------
def readings(session: Session, profile_id: str) -> list[BloodPressure]:
    """Every blood-pressure reading, oldest first."""
    found = records.list_records(session, profile_id, "blood_pressure")
    return sorted(found, key=lambda r: (r.on, r.moment != "morning", r.rank))


def add_blood_pressure(
    session: Session,
    profile_id: str,
    today: date,
    *,
    systolic: float,
    diastolic: float,
    on: date,
    heart_rate: float | None = None,
    who: str = "me",
    **series: Any,
) -> BloodPressure:
    reading = BloodPressure(systolic, diastolic, on, heart_rate=heart_rate, **series)
    stored: BloodPressure = records.add_record(session, profile_id, reading, today, who)
    return stored


@dataclass(frozen=True, slots=True)
class HomeSeries:
    """The series under way (or the last one): its readings, the next one to take, its mean so far."""

    series_id: str
    start: date
    readings: list[BloodPressure]
    next: Slot | None
    mean: SeriesMean | None


def current_series(session: Session, profile_id: str) -> HomeSeries | None:
    """The latest home series, None when none was started."""
    mine = [r for r in readings(session, profile_id) if r.series_id]
    if not mine:
        return None
    latest = max(mine, key=lambda r: r.on).series_id
    chosen = [r for r in mine if r.series_id == latest]
    start = min(r.on for r in chosen)
    return HomeSeries(latest, start, chosen, next_slot(chosen, start), series_mean(chosen))


def add_series_reading(
    session: Session,
    profile_id: str,
    today: date,
    *,
    systolic: float,
    diastolic: float,
    on: date,
    moment: str,
    restart: bool = False,
) -> BloodPressure:
    """A reading of the home series under way: its rank is the next of that day's morning or evening.
    A new series starts with it when none is under way, when the last one is complete or began 3 days
    or more before ``on``, or on ``restart``."""
    series = current_series(session, profile_id)
    ongoing = (
        series is not None
        and not restart
        and series.next is not None
        and series.start <= on < series.start + timedelta(days=SERIES_DAYS)
    )
    series_id = series.series_id if series is not None and ongoing else new_id()
    taken = [
        r
        for r in (series.readings if series is not None and ongoing else [])
        if (r.on, r.moment) == (on, moment)
    ]
    if len(taken) >= READINGS_PER_MOMENT:
        raise ValidationError("The 3 readings of this morning or evening are already recorded.")
    return add_blood_pressure(
        session,
        profile_id,
        today,
        systolic=systolic,
        diastolic=diastolic,
        on=on,
        moment=moment,
        rank=len(taken) + 1,
        series_id=series_id,
    )


def series_means(session: Session, profile_id: str) -> list[SeriesMean]:
    return home_series(readings(session, profile_id))


# -- findings --------------------------------------------------------------------------------------------
def questionnaires(session: Session, profile_id: str) -> list[QuestionnaireResult]:
    found = records.list_records(session, profile_id, "risk_questionnaire")
    return sorted(found, key=lambda q: q.on)


def save_questionnaire(
    session: Session, profile_id: str, result: QuestionnaireResult, today: date
) -> QuestionnaireResult:
    stored: QuestionnaireResult = records.add_record(session, profile_id, result, today)
    return stored


def findings(session: Session, profile: Profile, today: date) -> list[Finding]:
    """What the profile's measurements, blood pressures and latest answers invite to do."""
    measured: list[Measurement | BloodPressure] = [
        *records.list_records(session, profile.id, "measurement"),
        *records.list_records(session, profile.id, "blood_pressure"),
    ]
    return assess(
        measured,
        sex=profile.sex,
        birth_date=profile.birth_date,
        today=today,
        conditions=conditions(session, profile.id),
        questionnaires=questionnaires(session, profile.id),
    )

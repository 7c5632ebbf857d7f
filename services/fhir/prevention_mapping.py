"""FHIR R4 for the prevention records (issue 14) and the risk questionnaires (issue 15), as Observations a
doctor's FHIR server can read, instead of a Basic resource carrying the sealed record.

Codes, each read where cited (never guessed):
- category "survey" and "social-history": terminology.hl7.org CodeSystem observation-category.
- AUDIT-C total 75626-2 "Total score [AUDIT-C]" (US Core 7 example Observation-AUDIT-C-item-example-75626-2,
  category survey); its items 68518-0 "How often do you have a drink containing alcohol", 68519-8 "How many
  standard drinks containing alcohol do you have on a typical day", 68520-6 "How often do you have 6 or
  more drinks on 1 occasion" (US Core Questionnaire AUDIT-C; 68518-0 in several FHIR/CDA code bases).
- PHQ-2: panel 55757-9 lists 44250-9 "Little interest or pleasure in doing things", 44255-8 "Feeling down,
  depressed, or hopeless" and 55758-7 "Patient Health Questionnaire 2 item (PHQ-2) total score
  [Reported]" (loinc.org/55757-9, LOINC 2.78).
- Short Fagerström test / Heaviness of Smoking Index: no LOINC term for its total was found (loinc.org,
  PhenX, NIDA pages searched); it and its two items use Carnet's code system ``urn:carnet:selftest``.
- Tobacco smoking status 72166-2 (US Core / IPS smoking-status examples, category social-history) with the
  SNOMED CT values of the IPS value set current-smoking-status-uv-ips (2.0.1): 449868002 "Smokes tobacco
  daily", 428041000124106 "Occasional tobacco smoker", 8517006 "Ex-smoker", 266919005 "Never smoked
  tobacco".
- FINDRISC: no LOINC term found; SNOMED CT 763117005 "Finnish Diabetes Risk Score (observable entity)"
  (Belgian eHealth FHIR core-clinical ValueSet be-vs-score) codes it next to Carnet's own code. The COPD
  self-test (HAS), EPOF and ICOPE step 1 have neither: Carnet's code systems only.
- Interpretation POS/NEG: terminology.hl7.org v3-ObservationInterpretation; an absent chair-rise time:
  data-absent-reason "not-performed".

What is derived (a score, a level, a positive domain) is written for the reader and never read back: a
record is read from its answers only, so each round trip is exact. bilan_draft (a draft the person is still
writing) and advice_dismissal (which advice cards the app hides) are app state, not clinical facts: they
stay Basic resources (services/fhir/records.py). A Basic resource of any of these kinds pushed by an
earlier version is still read (records.record_from).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.habits import ADULT, CHILD, Question, questions
from domain.icope import DOMAINS
from domain.prevention_records import HabitsRecord, IcopeRecord, SelfTestRecord
from domain.prevention_rules import asset
from domain.questionnaires_risk import QUESTIONS, TITLES, QuestionnaireResult, findrisc_band
from domain.selftests import items as selftest_items
from services.fhir.mapping import LOINC, OBS_CATEGORY, UCUM, _ext, _ext_value, _ref

SNOMED = "http://snomed.info/sct"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
SELFTEST = "urn:carnet:selftest"
ICOPE = "urn:carnet:icope"
RISK = "urn:carnet:risk-questionnaire"
LEVEL = "urn:carnet:level"  # a result's level, as Carnet's scoring names it (low, risk, positive...)
ANSWER = "urn:carnet:answer"  # an answer id of a Carnet question

# test -> (system, code, display) of its total, then of its items in the order of their answers
TEST_CODES: dict[str, tuple[str, str, str]] = {
    "audit_c": (LOINC, "75626-2", "Total score [AUDIT-C]"),
    "phq2": (LOINC, "55758-7", "Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]"),
    "hsi": (SELFTEST, "hsi", "Heaviness of Smoking Index (short Fagerström test) total score"),
}
ITEM_CODES: dict[str, tuple[tuple[str, str], ...]] = {
    "audit_c": ((LOINC, "68518-0"), (LOINC, "68519-8"), (LOINC, "68520-6")),
    "phq2": ((LOINC, "44250-9"), (LOINC, "44255-8")),
    "hsi": ((SELFTEST, "hsi-cigarettes-per-day"), (SELFTEST, "hsi-time-to-first-cigarette")),
}
TEST_OF_CODE = {(system, code): test for test, (system, code, _) in TEST_CODES.items()}
ICOPE_CODE = "step1"
FINDRISC_SNOMED = "763117005"


# -- shared shapes ----------------------------------------------------------------------------------------
def coding(system: str, code: str, display: str = "") -> dict[str, str]:
    return {"system": system, "code": code, **({"display": display} if display else {})}


def codes_of(resource: dict[str, Any]) -> set[tuple[str, str]]:
    return {(str(c.get("system")), str(c.get("code"))) for c in resource.get("code", {}).get("coding", [])}


def observation(
    record_id: str, profile_id: str, category: str, code: dict[str, Any], on: date
) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": record_id,
        "status": "final",
        "category": [{"coding": [coding(OBS_CATEGORY, category)]}],
        "code": code,
        "subject": _ref(profile_id),
        "effectiveDateTime": on.isoformat(),
    }


def component(system: str, code: str, display: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"code": {"coding": [coding(system, code, display)]}, **value}


def components_by_code(resource: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    found = {}
    for part in resource.get("component", []):
        for c in part.get("code", {}).get("coding", []):
            found[(str(c.get("system")), str(c.get("code")))] = part
    return found


def effective_day(resource: dict[str, Any]) -> date:
    return date.fromisoformat(str(resource["effectiveDateTime"])[:10])


def level(code: str, text: str) -> list[dict[str, Any]]:
    return [{"coding": [coding(LEVEL, code)], "text": text}]


def pos_neg(positive: bool) -> dict[str, Any]:
    return (
        coding(INTERPRETATION, "POS", "Positive") if positive else coding(INTERPRETATION, "NEG", "Negative")
    )


# -- self-tests: AUDIT-C, PHQ-2, short Fagerström ----------------------------------------------------------
def is_selftest(resource: dict[str, Any]) -> bool:
    return bool(codes_of(resource) & TEST_OF_CODE.keys())


def selftest_observation(profile_id: str, record: SelfTestRecord) -> dict[str, Any]:
    system, code, display = TEST_CODES[record.test]
    resource = observation(
        record.id,
        profile_id,
        "survey",
        {"coding": [coding(system, code, display)], "text": display},
        record.on,
    )
    women, men = record.result("F"), record.result("M")
    resource["valueInteger"] = women.score
    # AUDIT-C's level depends on the sex, which the record does not hold: at a score where women and men
    # differ (3), the reader compares the score with the thresholds itself.
    if women.level == men.level:
        interpretation = level(women.level, women.title)
        if record.test == "phq2":
            interpretation[0]["coding"].append(pos_neg(women.level == "positive"))
        resource["interpretation"] = interpretation
    questions = selftest_items(record.test)
    resource["component"] = [
        component(item_system, item_code, question.question, {"valueInteger": points})
        for (item_system, item_code), question, points in zip(
            ITEM_CODES[record.test], questions, record.answers, strict=True
        )
    ]
    return resource


def selftest_from(resource: dict[str, Any]) -> SelfTestRecord:
    test = next(TEST_OF_CODE[c] for c in codes_of(resource) if c in TEST_OF_CODE)
    parts = components_by_code(resource)
    answers = tuple(parts[item]["valueInteger"] for item in ITEM_CODES[test] if item in parts)
    return SelfTestRecord(test, effective_day(resource), answers, resource["id"])


# -- ICOPE step 1 ------------------------------------------------------------------------------------------
# An Observation (survey) with one component per answer and one per domain rather than a
# QuestionnaireResponse: a QuestionnaireResponse is only readable against a Questionnaire the receiving
# server would have to hold (there is no published ICOPE one), and servers neither index its answers by
# code nor chart them; every FHIR server and EHR lists, searches (code, category, date) and displays an
# Observation's components, so each domain's result reads "Mobility: Positive" as it is.
def is_icope(resource: dict[str, Any]) -> bool:
    return (ICOPE, ICOPE_CODE) in codes_of(resource)


def _icope_items() -> dict[str, str]:
    return {raw["id"]: raw.get("question", "") for raw in asset("icope")["items"]}


def _icope_answer(key: str, value: Any) -> dict[str, Any]:
    if key == "chair_rise_seconds":
        if value is None:
            return {"dataAbsentReason": {"coding": [coding(ABSENT, "not-performed")]}}
        return {"valueQuantity": {"value": value, "unit": "s", "system": UCUM, "code": "s"}}
    return {"valueInteger": value} if key == "words_recalled" else {"valueBoolean": value}


def icope_observation(profile_id: str, record: IcopeRecord) -> dict[str, Any]:
    text = "WHO ICOPE step 1 screening"
    code = {"coding": [coding(ICOPE, ICOPE_CODE, text)], "text": text}
    resource = observation(record.id, profile_id, "survey", code, record.on)
    positive = record.positive()
    titles = {raw["id"]: raw["title"] for raw in asset("icope")["domains"]}
    resource["valueInteger"] = len(positive)  # how many of the six domains screen positive
    questions = _icope_items()
    resource["component"] = [
        component(
            ICOPE, f"domain-{d}", titles[d], {"valueCodeableConcept": {"coding": [pos_neg(d in positive)]}}
        )
        for d in DOMAINS
    ] + [
        component(ICOPE, key, questions.get(key, key), _icope_answer(key, record.answers[key]))
        for key in record.answers
    ]
    resource["extension"] = [_ext("icope-filled-by", "valueCode", record.filled_by)]
    return resource


def icope_from(resource: dict[str, Any]) -> IcopeRecord:
    answers: dict[str, Any] = {}
    for (system, key), part in components_by_code(resource).items():
        if system != ICOPE or key.startswith("domain-"):
            continue
        if key == "chair_rise_seconds":
            answers[key] = part["valueQuantity"]["value"] if "valueQuantity" in part else None
        else:
            answers[key] = part["valueInteger"] if key == "words_recalled" else part["valueBoolean"]
    filled_by = _ext_value(resource, "icope-filled-by", "self")
    return IcopeRecord(effective_day(resource), answers, filled_by, resource["id"])


# -- risk questionnaires: COPD, FINDRISC, EPOF (issue 15) --------------------------------------------------
def is_risk_questionnaire(resource: dict[str, Any]) -> bool:
    return any(system == RISK for system, _code in codes_of(resource))


def risk_questionnaire_observation(profile_id: str, result: QuestionnaireResult) -> dict[str, Any]:
    title = TITLES[result.kind]
    codings = [coding(RISK, result.kind, title)]
    if result.kind == "findrisc":
        codings.append(coding(SNOMED, FINDRISC_SNOMED, "Finnish Diabetes Risk Score"))
    resource = observation(result.id, profile_id, "survey", {"coding": codings, "text": title}, result.on)
    resource["valueInteger"] = result.score
    if result.kind == "findrisc":
        band = findrisc_band(result.score)
        resource["interpretation"] = level(band, f"Type 2 diabetes risk within 10 years: {band}")
    questions = QUESTIONS.get(result.kind, {})
    resource["component"] = [
        component(
            RISK,
            f"{result.kind}.{item}",
            questions.get(item, item),
            {"valueCodeableConcept": {"coding": [coding(ANSWER, answer)]}},
        )
        for item, answer in result.answers.items()
    ]
    return resource


def risk_questionnaire_from(resource: dict[str, Any]) -> QuestionnaireResult:
    kind = next(code for system, code in codes_of(resource) if system == RISK)
    answers = {
        code.split(".", 1)[1]: part["valueCodeableConcept"]["coding"][0]["code"]
        for (system, code), part in components_by_code(resource).items()
        if system == RISK and code.startswith(f"{kind}.")
    }
    return QuestionnaireResult(kind, effective_day(resource), answers, resource["id"])


# -- habits: social history ---------------------------------------------------------------------------------
# One Observation per habits record. The adult form is coded as the tobacco smoking status (72166-2) with
# its SNOMED CT value, so that any server reads the one habit every EHR knows; the child form has no
# tobacco question and Carnet's own code. Every other answer is a component in Carnet's ``urn:carnet:habits``
# system (question id, with the question as display), typed by its question: a choice as a coding of
# ``urn:carnet:answer``, yes/no as a boolean, a number as an integer or a decimal quantity, a date as a
# dateTime, the three AUDIT-C answers as the LOINC items above.
HABITS = "urn:carnet:habits"
SMOKING_STATUS = "72166-2"
SMOKING_SNOMED = {
    "daily": ("449868002", "Smokes tobacco daily"),
    "occasional": ("428041000124106", "Occasional tobacco smoker"),
    "former": ("8517006", "Ex-smoker"),
    "no": ("266919005", "Never smoked tobacco"),
}
TOBACCO_OF_SNOMED = {code: answer for answer, (code, _display) in SMOKING_SNOMED.items()}
HABIT_UNITS = {
    "sleep_hours": "h",
    "screen_hours": "h",
    "screen_minutes": "min",
    "active_minutes": "min",
}  # UCUM


def is_habits(resource: dict[str, Any]) -> bool:
    codes = codes_of(resource)
    return (LOINC, SMOKING_STATUS) in codes or any(system == HABITS for system, _code in codes)


def _habit_value(question: Question, value: Any) -> dict[str, Any]:
    if question.type == "single":
        label = next((a.label for a in question.answers if a.id == value), "")
        return {"valueCodeableConcept": {"coding": [coding(ANSWER, value, label)]}}
    if question.type == "yes_no":
        return {"valueBoolean": value}
    if question.type == "date":
        return {"valueDateTime": value.isoformat() if isinstance(value, date) else value}
    unit = HABIT_UNITS.get(question.id)
    if unit is not None:  # the number as given (7 or 7.5): it reads back as the same JSON number
        return {"valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit}}
    return {"valueInteger": value} if isinstance(value, int) else {"valueQuantity": {"value": value}}


def _habit_read(part: dict[str, Any]) -> Any:
    if "valueCodeableConcept" in part:
        return part["valueCodeableConcept"]["coding"][0]["code"]
    for key in ("valueBoolean", "valueDateTime", "valueInteger"):
        if key in part:
            return part[key]
    return part["valueQuantity"]["value"]


def habits_observation(profile_id: str, record: HabitsRecord) -> dict[str, Any]:
    answers = dict(record.answers)
    if record.form == ADULT:
        code = {
            "coding": [coding(LOINC, SMOKING_STATUS, "Tobacco smoking status")],
            "text": "Habits (tobacco smoking status first)",
        }
    else:
        code = {"coding": [coding(HABITS, record.form, "Child's habits")], "text": "Child's habits"}
    resource = observation(record.id, profile_id, "social-history", code, record.recorded_on)
    if record.form == ADULT:
        tobacco = answers.pop("tobacco", None)
        if tobacco is None:
            resource["dataAbsentReason"] = {"coding": [coding(ABSENT, "unknown")]}
        else:
            resource["valueCodeableConcept"] = {"coding": [coding(SNOMED, *SMOKING_SNOMED[tobacco])]}
    parts = []
    for question in questions(record.form):
        if question.id not in answers:
            continue
        value = answers[question.id]
        if question.type == "instrument":
            parts += [
                component(LOINC, item_code, item.question, {"valueInteger": points})
                for (_system, item_code), item, points in zip(
                    ITEM_CODES["audit_c"], selftest_items("audit_c"), value, strict=True
                )
            ]
        else:
            parts.append(component(HABITS, question.id, question.question, _habit_value(question, value)))
    if parts:
        resource["component"] = parts
    return resource


def habits_from(resource: dict[str, Any]) -> HabitsRecord:
    form = CHILD if (HABITS, CHILD) in codes_of(resource) else ADULT
    answers: dict[str, Any] = {}
    value = resource.get("valueCodeableConcept", {}).get("coding", [])
    tobacco = next((TOBACCO_OF_SNOMED[c["code"]] for c in value if c.get("code") in TOBACCO_OF_SNOMED), None)
    if form == ADULT and tobacco is not None:  # another smoking status (unknown...) is left unanswered
        answers["tobacco"] = tobacco
    parts = components_by_code(resource)
    for (system, code), part in parts.items():
        if system == HABITS:
            answers[code] = _habit_read(part)
    audit = [parts[item]["valueInteger"] for item in ITEM_CODES["audit_c"] if item in parts]
    if audit:
        answers["audit_c"] = audit
    return HabitsRecord(form, effective_day(resource), answers, resource["id"])


def is_prevention(resource: dict[str, Any]) -> bool:
    """An Observation one of the mappings above reads (never a measurement)."""
    return any(match(resource) for match in (is_selftest, is_icope, is_risk_questionnaire, is_habits))

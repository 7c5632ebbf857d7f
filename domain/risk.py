"""Measurements that invite to talk to a doctor: ``assess`` turns a person's records into findings.

Screening prompts, never diagnoses (fr-prevention.yaml, meta.global_caveats): one value never
establishes anything, so the rules that need confirmation look for a second value on another day
(fasting glucose) or 3 months later (eGFR, urine albumin). Thresholds, their sources and the choices
between HAS 2016/2017 and ESC/ESH 2024 are data: assets/risk/thresholds.json (read through
``domain.reference``). The words of each finding are in domain/risk_findings.py.

Normal values give no finding. Before 18 years ``assess`` returns nothing: children's measures are
read on the growth curves, and paediatric thresholds are not in the reference.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from datetime import date, timedelta
from functools import cache
from typing import Any

from domain.bp_series import BloodPressure, home_series
from domain.errors import ValidationError
from domain.models import Measurement
from domain.plan import add_months
from domain.questionnaires_risk import QuestionnaireResult, findings_of
from domain.reference import load_json
from domain.risk_findings import Finding, finding

THRESHOLDS_FILE = "risk/thresholds.json"
CV_RISKS = ("low", "moderate", "high", "very_high")
# What a profile may record that changes the rules (from its medical history).
CONDITIONS = ("type2_diabetes", "heart_failure", "cardiovascular_disease")

Series = dict[str, list[Measurement]]


@cache
def rule(name: str) -> dict[str, Any]:
    """One rule of assets/risk/thresholds.json (thresholds, source, status, choice)."""
    return load_json(THRESHOLDS_FILE)["rules"][name]


def _years(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def assess(
    measurements: Iterable[Measurement | BloodPressure],
    *,
    sex: str,
    birth_date: date,
    today: date,
    conditions: Collection[str] = (),
    cv_risk: str | None = None,
    questionnaires: Iterable[QuestionnaireResult] = (),
) -> list[Finding]:
    """Findings from the person's measurements (and latest questionnaire answers), most urgent first.

    ``measurements`` may mix ``Measurement`` values and ``BloodPressure`` readings (home series);
    ``conditions`` what the profile records (``CONDITIONS``); ``cv_risk`` the cardiovascular risk level
    the person's doctor gave (``CV_RISKS``), used for the LDL target. Values after ``today`` are ignored.
    """
    unknown = set(conditions) - set(CONDITIONS)
    if unknown:
        raise ValidationError("Unknown condition {condition!r}.", condition=sorted(unknown)[0])
    if cv_risk is not None and cv_risk not in CV_RISKS:
        raise ValidationError("Unknown cardiovascular risk level {level!r}.", level=cv_risk)
    if _years(birth_date, today) < load_json(THRESHOLDS_FILE)["adult_from_years"]:
        return []
    series: Series = defaultdict(list)
    readings: list[BloodPressure] = []
    for m in measurements:
        if m.on > today:
            continue
        if isinstance(m, BloodPressure):
            readings.append(m)
        else:
            series[m.kind].append(m)
    for values in series.values():
        values.sort(key=lambda m: m.on)
    found = [
        *_blood_pressure(series, readings, today),
        *_glucose(series, today, "type2_diabetes" in conditions),
        *_kidney(series),
        *_cholesterol(series, cv_risk or ("very_high" if "cardiovascular_disease" in conditions else None)),
        *_weight(series, sex, _years(birth_date, today), "heart_failure" in conditions),
        *_questionnaires(questionnaires, today),
    ]
    order = {"urgent": 0, "consult": 1, "info": 2}
    return sorted(found, key=lambda f: (order[f.level], f.topic))


def _value(code: str, topic: str, level: str, source: str, m: Measurement, **params: Any) -> Finding:
    """A finding about one measured value (its value and day are the message's parameters)."""
    return finding(code, topic, level, source, m.on, value=m.value, day=m.on, **params)


# -- blood pressure ----------------------------------------------------------------------------------------
def _blood_pressure(series: Series, readings: list[BloodPressure], today: date) -> list[Finding]:
    found = []
    home = rule("bp_home")
    complete = [s for s in home_series(readings) if s.days >= home["min_days"]]
    if complete:
        latest = complete[-1]
        if latest.systolic >= home["mean_systolic"] or latest.diastolic >= home["mean_diastolic"]:
            found.append(
                finding(
                    "bp_home_high",
                    "blood_pressure",
                    "consult",
                    home["source"],
                    latest.last_day,
                    systolic=latest.systolic,
                    diastolic=latest.diastolic,
                    days=latest.days,
                )
            )
    severe = _latest_severe(series, readings)
    if severe is not None:
        limits = rule("bp_severe")
        high, low, on = severe
        recent = (today - on).days < limits["urgent_within_days"]
        code, level = ("bp_severe_recent", "urgent") if recent else ("bp_severe_past", "consult")
        found.append(
            finding(code, "blood_pressure", level, limits["source"], on, systolic=high, diastolic=low, day=on)
        )
    return found


def _latest_severe(series: Series, readings: list[BloodPressure]) -> tuple[Any, Any, date] | None:
    """The latest reading at or above 180 systolic or 110 diastolic; a lone value counts too."""
    limits = rule("bp_severe")
    candidates: list[tuple[date, Any, Any]] = [(r.on, r.systolic, r.diastolic) for r in readings]
    # Old-style single measures: the highest systolic and diastolic of a day are shown together ("–"
    # when the day has only one of them).
    by_day: dict[date, dict[str, float]] = defaultdict(dict)
    for kind in ("systolic", "diastolic"):
        for m in series.get(kind, []):
            by_day[m.on][kind] = max(m.value, by_day[m.on].get(kind, 0.0))
    for on, day in by_day.items():
        candidates.append((on, day.get("systolic", "–"), day.get("diastolic", "–")))

    def severe(high: Any, low: Any) -> bool:
        return (high != "–" and high >= limits["systolic"]) or (low != "–" and low >= limits["diastolic"])

    found = [c for c in candidates if severe(c[1], c[2])]
    if not found:
        return None
    on, high, low = max(found, key=lambda c: c[0])
    return high, low, on


# -- glucose and HbA1c -------------------------------------------------------------------------------------
def _glucose(series: Series, today: date, diabetic: bool) -> list[Finding]:
    found = []
    fpg = rule("fasting_glucose")
    since = add_months(today, -fpg["lookback_months"])
    fasting = [m for m in series.get("fasting_glucose", []) if m.on >= since]
    if fasting and not diabetic:
        found.extend(_fasting(fasting, fpg))
    hba1c = series.get("hba1c", [])
    limits = rule("hba1c")
    if hba1c:
        last = hba1c[-1]
        if diabetic and last.value > limits["t2d_target"]:
            found.append(_value("hba1c_above_target", "diabetes", "info", limits["source"], last))
        elif not diabetic and last.value >= limits["diabetes"]:
            found.append(_value("hba1c_high", "diabetes", "consult", limits["source"], last))
    anytime = rule("random_glucose")
    high = [m for m in series.get("glucose", []) if m.on >= since and m.value >= anytime["high"]]
    if high and not diabetic:
        found.append(_value("glucose_very_high", "diabetes", "consult", anytime["source"], high[-1]))
    return found


def _fasting(values: list[Measurement], limits: dict[str, Any]) -> list[Finding]:
    source = limits["source"]
    high_days = sorted({m.on for m in values if m.value >= limits["diabetes"]})
    if len(high_days) >= 2:
        return [
            finding(
                "fpg_confirmed",
                "diabetes",
                "consult",
                source,
                high_days[-1],
                first=high_days[0],
                day=high_days[-1],
            )
        ]
    last = values[-1]
    if last.value >= limits["diabetes"]:
        return [_value("fpg_high_once", "diabetes", "info", source, last)]
    if last.value >= limits["impaired"]:
        return [_value("fpg_impaired", "diabetes", "info", source, last)]
    return []


# -- kidney ------------------------------------------------------------------------------------------------
def _low_run(values: list[Measurement], is_abnormal: Callable[[float], bool]) -> list[Measurement]:
    """The abnormal values since the last normal one (empty when the latest value is normal)."""
    start = len(values)
    while start > 0 and is_abnormal(values[start - 1].value):
        start -= 1
    return values[start:]


def _kidney(series: Series) -> list[Finding]:
    found = []
    egfr = rule("egfr")
    run = _low_run(series.get("egfr", []), lambda v: v < egfr["low"])
    found.extend(_persistence(run, egfr, "egfr_low"))
    uacr = rule("uacr")
    values = series.get("uacr", [])
    if values and values[-1].value > uacr["very_high"]:
        found.append(_value("uacr_very_high", "kidney", "consult", uacr["source"], values[-1]))
    else:
        run = _low_run(values, lambda v: v >= uacr["high"])
        found.extend(_persistence(run, uacr, "uacr_high"))
    return found


def _persistence(run: list[Measurement], limits: dict[str, Any], prefix: str) -> list[Finding]:
    """Abnormal for more than 3 months -> consult; abnormal but not yet 3 months -> info, check again."""
    if not run:
        return []
    first, last = run[0], run[-1]
    months = limits["persistence_months"]
    if add_months(first.on, months) <= last.on:
        return [
            finding(
                f"{prefix}_persistent",
                "kidney",
                "consult",
                limits["source"],
                last.on,
                first=first.on,
                day=last.on,
            )
        ]
    return [
        _value(
            f"{prefix}_once", "kidney", "info", limits["source"], last, recheck=add_months(first.on, months)
        )
    ]


# -- cholesterol -------------------------------------------------------------------------------------------
def _cholesterol(series: Series, cv_risk: str | None) -> list[Finding]:
    values = series.get("ldl", [])
    if not values:
        return []
    last = values[-1]
    limits = rule("ldl")
    source = limits["source"]
    if cv_risk is not None and last.value >= limits["targets"][cv_risk]:
        return [
            _value(
                "ldl_above_target", "cholesterol", "consult", source, last, target=limits["targets"][cv_risk]
            )
        ]
    if last.value > limits["very_high_value"]:
        return [_value("ldl_very_high", "cholesterol", "consult", source, last)]
    if cv_risk is None and last.value > limits["lifestyle_value"]:
        return [_value("ldl_high", "cholesterol", "info", source, last)]
    return []


# -- weight ------------------------------------------------------------------------------------------------
def latest_bmi(series: Series) -> tuple[float, date] | None:
    """The newest BMI: recorded, or from the latest weight and the latest height measured before it."""
    recorded = series.get("bmi", [])
    computed = None
    weights, heights = series.get("weight", []), series.get("height", [])
    if weights:
        weight = weights[-1]
        before = [h for h in heights if h.on <= weight.on]
        if before:
            computed = (round(weight.value / (before[-1].value / 100) ** 2, 1), weight.on)
    if recorded and (computed is None or recorded[-1].on >= computed[1]):
        return recorded[-1].value, recorded[-1].on
    return computed


def _weight(series: Series, sex: str, age: int, heart_failure: bool) -> list[Finding]:
    found = []
    bmi = latest_bmi(series)
    limits = rule("bmi")
    if bmi is not None:
        value, on = bmi
        code, level = _bmi_category(value, age, limits)
        if code:
            found.append(finding(code, "weight", level, limits["source"], on, value=value, day=on))
    waists = series.get("waist", [])
    if waists:
        last = waists[-1]
        band = rule("waist")[sex]
        for code, level, limit in (
            ("waist_much_increased", "consult", band["much_increased"]),
            ("waist_increased", "info", band["increased"]),
        ):
            if last.value > limit:
                found.append(_value(code, "weight", level, rule("waist")["source"], last, limit=limit))
                break
    if heart_failure:
        found.extend(_weight_gain(series.get("weight", [])))
    return found


def _bmi_category(value: float, age: int, limits: dict[str, Any]) -> tuple[str, str]:
    if age >= limits["older_from_years"] and value < limits["older_under"]:
        return "bmi_under_older", "consult"
    if value < limits["under"]:
        return "bmi_under", "consult"
    if value >= limits["obese"]:
        return "bmi_obese", "consult"
    if value >= limits["over"]:
        return "bmi_over", "info"
    return "", ""


def _weight_gain(weights: list[Measurement]) -> list[Finding]:
    """Heart failure: the latest weight against the lightest of the days just before it."""
    if len(weights) < 2:
        return []
    limits = rule("hf_weight_gain")
    last = weights[-1]
    window = [w for w in weights[:-1] if last.on - timedelta(days=limits["within_days"]) <= w.on < last.on]
    if not window:
        return []
    lightest = min(window, key=lambda w: w.value)
    gain = round(last.value - lightest.value, 1)
    if gain < limits["gain_kg"]:
        return []
    days = (last.on - lightest.on).days
    return [
        finding(
            "hf_weight_gain",
            "heart_failure",
            "consult",
            limits["source"],
            last.on,
            gain=gain,
            days=days,
            first=lightest.on,
            day=last.on,
        )
    ]


def _questionnaires(results: Iterable[QuestionnaireResult], today: date) -> list[Finding]:
    latest: dict[str, QuestionnaireResult] = {}
    for r in results:
        if r.on <= today and (r.kind not in latest or r.on >= latest[r.kind].on):
            latest[r.kind] = r
    return [f for r in latest.values() for f in findings_of(r)]

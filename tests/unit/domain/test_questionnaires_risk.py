"""The HAS COPD self-test, FINDRISC and the heart-failure warning signs (EPOF): scores and findings."""

from datetime import date

import pytest

from domain import questionnaires_risk as q
from domain.errors import ValidationError
from domain.risk import assess

TODAY = date(2026, 11, 30)
HABITS = {"activity": "yes", "vegetables": "daily", "bp_medicine": "no", "high_glucose": "no", "family": "no"}


def found(result):
    return [(f.code, f.level) for f in q.findings_of(result)]


@pytest.mark.parametrize(
    ("yes", "expected"),
    [
        ({"cough", "sputum", "breathless"}, [("copd_spirometry", "consult")]),
        ({"cough", "over_40"}, [("copd_talk", "consult")]),
        ({"over_40"}, []),
        ({"smoker"}, [("copd_quit_smoking", "info")]),
        (set(), []),
    ],
)
def test_copd_self_test_grades(yes, expected):
    result = q.copd({item: True for item in yes}, TODAY)
    assert result.score == len(yes)
    assert found(result) == expected


def test_the_copd_spirometry_finding_names_the_exam():
    finding = q.findings_of(
        q.copd(dict.fromkeys(("cough", "sputum", "breathless", "over_40", "smoker"), True), TODAY)
    )[0]
    assert finding.topic == "copd" and finding.params == {"count": 5}
    assert finding.exam == "Spirometry (breathing test)"


@pytest.mark.parametrize(("age", "points"), [(44, 0), (45, 2), (54, 2), (55, 3), (64, 3), (65, 4)])
def test_findrisc_age_points(age, points):
    assert q.findrisc(HABITS, sex="F", age=age, bmi=22, waist=70, on=TODAY).score == points


@pytest.mark.parametrize(("bmi", "points"), [(24.9, 0), (25.0, 1), (30.0, 1), (30.1, 3)])
def test_findrisc_bmi_points(bmi, points):
    assert q.findrisc(HABITS, sex="F", age=30, bmi=bmi, waist=70, on=TODAY).score == points


@pytest.mark.parametrize(
    ("sex", "waist", "points"),
    [
        ("M", 93.9, 0),
        ("M", 94, 3),
        ("M", 102, 3),
        ("M", 102.5, 4),
        ("F", 79.9, 0),
        ("F", 80, 3),
        ("F", 88.5, 4),
    ],
)
def test_findrisc_waist_points_depend_on_sex(sex, waist, points):
    assert q.findrisc(HABITS, sex=sex, age=30, bmi=22, waist=waist, on=TODAY).score == points


def test_findrisc_maximum_is_26():
    worst = {
        "activity": "no",
        "vegetables": "not_daily",
        "bp_medicine": "yes",
        "high_glucose": "yes",
        "family": "first_degree",
    }
    assert q.findrisc(worst, sex="M", age=70, bmi=35, waist=110, on=TODAY).score == 26


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (6, "low"),
        (7, "slight"),
        (11, "slight"),
        (12, "moderate"),
        (14, "moderate"),
        (15, "high"),
        (20, "high"),
        (21, "very_high"),
    ],
)
def test_findrisc_bands(score, band):
    assert q.findrisc_band(score) == band


def test_findrisc_findings_start_at_a_moderate_risk():
    # 4 (age) + 3 (BMI) + 4 (waist) = 11: slightly raised, nothing to say
    assert found(q.findrisc(HABITS, sex="M", age=70, bmi=31, waist=103, on=TODAY)) == []
    moderate = {**HABITS, "activity": "no"}  # 13
    assert found(q.findrisc(moderate, sex="M", age=70, bmi=31, waist=103, on=TODAY)) == [
        ("findrisc_moderate", "info")
    ]
    high = {**HABITS, "family": "first_degree"}  # 16
    assert found(q.findrisc(high, sex="M", age=70, bmi=31, waist=103, on=TODAY)) == [
        ("findrisc_high", "consult")
    ]
    very_high = {**high, "high_glucose": "yes"}  # 21
    assert found(q.findrisc(very_high, sex="M", age=70, bmi=31, waist=103, on=TODAY)) == [
        ("findrisc_very_high", "consult")
    ]


@pytest.mark.parametrize(
    ("signs", "expected"),
    [
        (set(), []),
        ({"fatigue"}, [("hf_sign_one", "consult")]),
        ({"swelling", "weight_gain"}, [("hf_signs_several", "consult")]),
        ({"breathless_lying"}, [("hf_breathless_lying", "urgent")]),
    ],
)
def test_epof_warning_signs(signs, expected):
    assert found(q.epof({sign: True for sign in signs}, TODAY)) == expected


def test_only_breathlessness_lying_down_says_call_15():
    urgent = q.findings_of(q.epof({"breathless_lying": True}, TODAY))[0]
    several = q.findings_of(q.epof({"breathless": True, "fatigue": True}, TODAY))[0]
    assert "call 15" in urgent.next_step and "15" not in several.next_step


def test_an_incomplete_or_unknown_answer_is_refused():
    with pytest.raises(ValidationError):
        q.QuestionnaireResult("copd", TODAY, {"cough": "yes"})
    with pytest.raises(ValidationError):
        q.QuestionnaireResult(
            "copd", TODAY, dict.fromkeys(("cough", "sputum", "breathless", "over_40", "smoker"), "maybe")
        )
    with pytest.raises(ValidationError):
        q.QuestionnaireResult("asthma", TODAY, {})
    with pytest.raises(ValidationError):
        q.findrisc({**HABITS, "family": "cousin"}, sex="F", age=30, bmi=22, waist=70, on=TODAY)


def test_assess_reads_the_latest_answers_of_each_questionnaire():
    older = q.copd(dict.fromkeys(("cough", "sputum", "breathless"), True), date(2025, 1, 1))
    newer = q.copd({}, date(2026, 6, 1))
    findings = assess([], sex="F", birth_date=date(1970, 1, 1), today=TODAY, questionnaires=[newer, older])
    assert findings == []
    findings = assess([], sex="F", birth_date=date(1970, 1, 1), today=TODAY, questionnaires=[older])
    assert [f.code for f in findings] == ["copd_spirometry"]


def test_every_question_and_option_is_a_msgid():
    for kind in q.KINDS:
        assert q.TITLES[kind]
        for item in q._items(kind):
            if item in ("age", "bmi", "waist"):
                continue  # computed from the profile, not asked
            assert item in q.QUESTIONS[kind]
            for option in q.options(kind, item):
                assert option in ("yes", "no") or option in q.OPTIONS[item]

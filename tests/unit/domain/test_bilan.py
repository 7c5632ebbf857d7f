"""Mon bilan prévention: the bracket of a person, the questionnaire of each bracket (the 45-50 one
complete), checked draft answers, and the answers that call for discussion listed first."""

from __future__ import annotations

from datetime import date

import pytest

from domain.bilan import Draft, bracket, flagged, for_agenda_code, questionnaire, summary, visible
from domain.errors import ValidationError
from domain.reference import load_json

TODAY = date(2026, 12, 3)
BORN_48 = date(1978, 6, 1)

# The 43 items of the Mon espace santé 45-50 questionnaire, version 1, in order (reference S01).
MES_45_50 = [
    "SEXE",
    "TAILLE",
    "MASSE",
    "AIDANT",
    "ENTOURAGE",
    "ENFANTS",
    "ENFANTS_SEUL",
    "MALADIES",
    "MALADIES_AUTRES",
    "HOSPITALISATION",
    "ANALYSES",
    "ANTECEDENTS",
    "TRAITEMENT",
    "TOUX",
    "TOUX_GRASSE",
    "ESSOUFLEMENT",
    "VARIATION_POIDS",
    "QUOTIDIEN",
    "GONFLEMENTS",
    "RONFLEMENTS",
    "MENOPAUSE",
    "DENTISTE",
    "ACTIVITE_PHYSIQUE",
    "FRUITS_LEGUMES",
    "ALIMENTATION",
    "TRAVAIL",
    "VACCINS",
    "DEPISTAGES",
    "COL_UTERUS",
    "VIE_SEXUELLE",
    "ALCOOL",
    "CIGARETTES",
    "CIGARETTES_ARRET",
    "DROGUES",
    "TROUBLES",
    "PLAISIR",
    "APPARENCE",
    "SOUCIS",
    "SOMMEIL",
    "PANIQUE",
    "VIOLENCES",
    "PRIORITES_SANTE",
    "PRIORITES_SANTE_AUTRES",
]


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (date(2008, 12, 3), "18-25"),  # 18 today
        (date(2000, 12, 4), "18-25"),  # 25, 26 tomorrow
        (date(2000, 12, 3), None),  # 26 today
        (date(1981, 12, 3), "45-50"),
        (date(1975, 12, 4), "45-50"),
        (date(1975, 12, 3), None),
        (date(1966, 12, 3), "60-65"),
        (date(1956, 12, 3), "70-75"),
        (date(1950, 12, 3), None),  # 76
    ],
)
def test_brackets_run_from_the_first_birthday_to_the_day_before_the_end(birth, expected):
    assert bracket(birth, TODAY) == expected


def test_brackets_are_those_of_the_agenda_rules():
    rules = load_json("rules/prevention.json")["calendars"][0]["rules"]
    agenda = {rule["id"]: (rule["start"]["years"], rule["end"]["years"]) for rule in rules}
    for bracket_id in ("18-25", "45-50", "60-65", "70-75"):
        form = questionnaire(bracket_id)
        assert agenda[form.agenda_code] == (form.from_years, form.to_years)
        assert for_agenda_code(form.agenda_code) is form


def test_the_45_50_questionnaire_has_every_official_item_in_order_and_the_others_are_by_theme():
    form = questionnaire("45-50")
    assert [q.id for q in form.questions] == MES_45_50
    assert form.completeness == "complete"
    for other in ("18-25", "60-65", "70-75"):
        assert questionnaire(other).completeness == "by_theme"
        assert len(questionnaire(other).questions) >= 20


def test_an_unknown_bracket_or_agenda_code_is_refused():
    with pytest.raises(ValidationError):
        questionnaire("30-35")
    with pytest.raises(ValidationError):
        for_agenda_code("screen-breast")


def test_a_draft_may_hold_any_subset_of_answers_each_checked():
    Draft("45-50", TODAY, {"TOUX": "yes"}).check(TODAY)
    for answers in (
        {"TOUX": "often"},
        {"UNKNOWN": "yes"},
        {"ALCOOL": -1},
        {"ALCOOL": 2.5},
        {"TAILLE": 3.0},
        {"MALADIES": "cancer"},
        {"MALADIES": ["cancer", "flu"]},
        {"MALADIES_AUTRES": "x" * 1001},
        {"CONTRACEPTION": "yes"},  # not a 45-50 question
    ):
        with pytest.raises(ValidationError):
            Draft("45-50", TODAY, answers)
    with pytest.raises(ValidationError):
        Draft("45-50", date(2027, 1, 1)).check(TODAY)


def test_follow_up_and_sex_specific_questions_show_only_when_they_apply():
    form = questionnaire("45-50")
    shown_man = {q.id for q in visible(form, {"ENFANTS": "no"}, "M", 48)}
    assert not {"ENFANTS_SEUL", "MENOPAUSE", "COL_UTERUS", "DEPISTAGES", "MALADIES_AUTRES"} & shown_man
    shown_woman = {q.id for q in visible(form, {"ENFANTS": "yes", "MALADIES": ["other"]}, "F", 50)}
    assert {"ENFANTS_SEUL", "MENOPAUSE", "COL_UTERUS", "DEPISTAGES", "MALADIES_AUTRES"} <= shown_woman


def test_answers_calling_for_discussion_are_flagged_and_listed_first_in_questionnaire_order():
    draft = Draft(
        "45-50",
        TODAY,
        {
            "TAILLE": 1.75,
            "MASSE": 70.0,
            "ENTOURAGE": "no",
            "TOUX": "no",
            "RONFLEMENTS": "yes",
            "ALCOOL": 14,
            "CIGARETTES": "no",
            "SOMMEIL": ["sometimes_bad", "screens"],
            "PRIORITES_SANTE": ["sleep"],
        },
    )
    result = summary(draft, "M", BORN_48, TODAY)
    assert [item.question_id for item in result.discuss] == [
        "ENTOURAGE",
        "RONFLEMENTS",
        "ALCOOL",
        "SOMMEIL",
        "PRIORITES_SANTE",
    ]
    assert {item.question_id for item in result.others} == {"BMI", "TAILLE", "MASSE", "TOUX", "CIGARETTES"}
    sleep = next(item for item in result.discuss if item.question_id == "SOMMEIL")
    assert sleep.answers == (
        "Badly now and then",
        "My use of screens (phone, computer...) cuts into my sleep",
    )
    assert result.unanswered > 0


@pytest.mark.parametrize(("drinks", "discuss"), [(10, False), (11, True)])
def test_more_than_10_drinks_a_week_calls_for_discussion(drinks, discuss):
    items = flagged(Draft("45-50", TODAY, {"ALCOOL": drinks}), "F", BORN_48, TODAY)
    assert bool(items) is discuss


@pytest.mark.parametrize(
    ("bracket_id", "birth", "weight", "bmi", "discuss"),
    [
        ("45-50", BORN_48, 56.0, 18.3, True),  # underweight
        ("45-50", BORN_48, 57.0, 18.6, False),
        ("45-50", BORN_48, 76.4, 24.9, False),
        ("45-50", BORN_48, 76.6, 25.0, True),  # overweight from 25
        ("70-75", date(1953, 1, 1), 66.0, 21.6, True),  # below 22 from 70
        ("70-75", date(1953, 1, 1), 67.5, 22.0, False),
        ("70-75", date(1953, 1, 1), 90.0, 29.4, False),
    ],
)
def test_the_body_mass_index_is_computed_and_flagged_by_age(bracket_id, birth, weight, bmi, discuss):
    result = summary(Draft(bracket_id, TODAY, {"TAILLE": 1.75, "MASSE": weight}), "M", birth, TODAY)
    item = next(i for i in result.discuss + result.others if i.question_id == "BMI")
    assert (item.value, item.discuss) == (bmi, discuss)


def test_answers_to_hidden_questions_are_left_out_of_the_summary():
    draft = Draft("45-50", TODAY, {"ENFANTS": "no", "ENFANTS_SEUL": "yes", "MENOPAUSE": "yes"})
    result = summary(draft, "M", BORN_48, TODAY)
    assert {i.question_id for i in result.discuss + result.others} == {"ENFANTS"}


def test_a_filled_free_priority_calls_for_discussion_and_an_empty_one_does_not():
    answers = {"PRIORITES_SANTE": ["other"], "PRIORITES_SANTE_AUTRES": "back pain at work"}
    assert [i.question_id for i in flagged(Draft("60-65", TODAY, answers), "F", date(1963, 1, 1), TODAY)] == [
        "PRIORITES_SANTE",
        "PRIORITES_SANTE_AUTRES",
    ]
    answers["PRIORITES_SANTE_AUTRES"] = "  "
    assert [i.question_id for i in flagged(Draft("60-65", TODAY, answers), "F", date(1963, 1, 1), TODAY)] == [
        "PRIORITES_SANTE"
    ]


def test_older_brackets_flag_falls_memory_and_loneliness():
    draft = Draft(
        "70-75", TODAY, {"CHUTES": "yes", "MEMOIRE": "yes", "SEUL": "yes", "ICOPE": "yes", "APPETIT": "no"}
    )
    assert [i.question_id for i in flagged(draft, "M", date(1953, 1, 1), TODAY)] == [
        "SEUL",
        "MEMOIRE",
        "CHUTES",
    ]


def test_the_summary_needs_a_known_sex():
    with pytest.raises(ValidationError):
        summary(Draft("45-50", TODAY, {"TOUX": "yes"}), "X", BORN_48, TODAY)

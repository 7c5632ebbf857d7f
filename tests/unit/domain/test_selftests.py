"""Self-tests score as published: AUDIT-C (French thresholds), short Fagerström test, PHQ-2, each
threshold checked on both sides, and each result pointing to the helpline that applies."""

from __future__ import annotations

import pytest

from domain.errors import ValidationError
from domain.selftests import audit_c, cigarettes_points, fagerstrom, helpline, items, phq2

# --- AUDIT-C ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "sex", "level"),
    [
        ((1, 1, 0), "F", "low"),  # 2: below the women's threshold
        ((1, 1, 1), "F", "risk"),  # 3: risk for a woman
        ((1, 1, 1), "M", "low"),  # 3: still low for a man
        ((2, 1, 1), "M", "risk"),  # 4: risk for a man
        ((4, 4, 1), "F", "risk"),  # 9: the last score before dependence
        ((4, 4, 1), "M", "risk"),
        ((4, 4, 2), "F", "dependence"),  # 10: dependence, whatever the sex
        ((4, 4, 2), "M", "dependence"),
        ((4, 4, 4), "M", "dependence"),  # 12: the maximum
        ((0, 0, 0), "F", "low"),
    ],
)
def test_audit_c_levels_follow_the_french_thresholds(answers, sex, level):
    result = audit_c(answers, sex)
    assert result.score == sum(answers)
    assert result.level == level


def test_audit_c_at_risk_or_dependent_points_to_alcool_info_service_and_low_risk_to_no_line():
    assert audit_c((1, 1, 1), "F").helpline.number == "0 980 980 930"
    assert audit_c((4, 4, 2), "M").helpline.id == "alcool-info-service"
    assert audit_c((0, 0, 0), "M").helpline is None


@pytest.mark.parametrize(
    "answers", [(5, 0, 0), (0, -1, 0), (0, 0, 2.5), (True, 0, 0), (1, 1), (1, 1, 1, 1), "111", None]
)
def test_audit_c_refuses_answers_out_of_range_or_of_the_wrong_shape(answers):
    with pytest.raises(ValidationError):
        audit_c(answers, "F")


def test_audit_c_needs_a_known_sex():
    with pytest.raises(ValidationError):
        audit_c((1, 1, 1), "X")


def test_audit_c_items_keep_their_published_wording_and_scale():
    first, second, third = items("audit_c")
    assert first.published_fr == "Combien de fois vous arrive-t-il de consommer de l'alcool ?"
    assert [o.points for o in third.options] == [0, 1, 2, 3, 4]
    assert third.options[-1].published_fr == "Chaque jour ou presque"
    assert second.options[0].label == "1 or 2"


# --- short Fagerström test -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        ((0, 0), "low"),
        ((0, 1), "low"),
        ((1, 1), "moderate"),
        ((0, 3), "moderate"),
        ((3, 1), "high"),
        ((3, 3), "high"),
    ],
)
def test_fagerstrom_levels_are_0_to_1_low_2_to_3_moderate_4_to_6_high(answers, level):
    result = fagerstrom(answers)
    assert (result.score, result.level) == (sum(answers), level)


def test_every_fagerstrom_level_offers_tabac_info_service():
    for answers in ((0, 0), (1, 1), (3, 3)):
        assert fagerstrom(answers).helpline.number == "39 89"


@pytest.mark.parametrize("answers", [(4, 0), (0, 4), (-1, 0), (1,), (1, 1, 1)])
def test_fagerstrom_refuses_answers_out_of_range(answers):
    with pytest.raises(ValidationError):
        fagerstrom(answers)


@pytest.mark.parametrize(
    ("count", "points"), [(1, 0), (10, 0), (11, 1), (20, 1), (21, 2), (30, 2), (31, 3), (60, 3)]
)
def test_cigarettes_a_day_give_the_points_of_the_first_item(count, points):
    assert cigarettes_points(count) == points


def test_cigarettes_a_day_must_be_a_whole_number_from_one():
    for bad in (0, -3, 2.5, True):
        with pytest.raises(ValidationError):
            cigarettes_points(bad)


def test_the_time_to_the_first_cigarette_scores_in_reverse_order():
    assert [o.points for o in items("hsi")[1].options] == [3, 2, 1, 0]


# --- PHQ-2 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "level"),
    [((0, 0), "negative"), ((1, 1), "negative"), ((2, 1), "positive"), ((3, 3), "positive")],
)
def test_phq2_is_positive_from_3_points(answers, level):
    result = phq2(answers)
    assert (result.score, result.level) == (sum(answers), level)


def test_a_positive_phq2_mentions_the_3114_and_a_negative_one_no_line():
    assert phq2((2, 1)).helpline.number == "3114"
    assert phq2((1, 1)).helpline is None


@pytest.mark.parametrize("answers", [(4, 0), (0, -1), (1,), (1, 1, 1)])
def test_phq2_refuses_answers_out_of_range(answers):
    with pytest.raises(ValidationError):
        phq2(answers)


def test_helplines_carry_their_source_and_review_date():
    line = helpline("tabac-info-service")
    assert line.provenance.sources == ("S18",)
    assert line.provenance.review_by > line.provenance.reviewed_on

"""Pregnancy rules of issue 10: pertussis in pregnancy, the mother after the birth, the maternity
leave from the pregnancy's circumstances, the EPP, and the biology and screening follow-up.

Dates are counted by hand from the rules of assets/rules/pregnancy.json (written next to each).
LMP 1 January 2026: conception 15 January, month 4 from 15 April, term (41+0 SA) 15 October 2026.
"""

from __future__ import annotations

from datetime import date

from domain.agenda import recommended
from domain.agenda_details import DENTAL, detail
from domain.pregnancy import Circumstances, pregnancy_items
from domain.vaccine_doses import calendar_codes

D = date
LMP = D(2026, 1, 1)
MOTHER = D(1995, 1, 1)


def by_code(items) -> dict:
    return {item.code: item for item in items}


def window(item) -> tuple[date, date]:
    return item.window_start, item.window_end


# --- 4. a dTcaP at 20-36 SA is the pregnancy's pertussis vaccination ---------------------------------


def test_a_dtcap_at_20_weeks_marks_the_pregnancy_vaccination_done_not_the_25_year_booster():
    lmp = D(2025, 9, 1)
    given = D(2026, 1, 20)  # 141 days after the LMP: 20+1 SA
    done = calendar_codes([("dtcap", given)], MOTHER, [lmp])
    assert done == [("preg-pertussis", given)]
    items = by_code(recommended(MOTHER, "F", D(2026, 2, 1), pregnancy_lmp=lmp, done=done))
    assert items["preg-pertussis"].status == "done"
    assert items["preg-pertussis"].done_on == given
    assert items["vax-dtcap-25"].status == "catch_up"  # the booster is not counted as done


def test_a_dtcap_before_20_weeks_is_a_booster_not_the_pregnancy_vaccination():
    lmp = D(2025, 9, 1)
    given = D(2026, 1, 12)  # 133 days: 19+0 SA
    assert calendar_codes([("dtcap", given)], MOTHER, [lmp]) == [("vax-dtcap-25", given)]


def test_a_mark_from_an_earlier_pregnancy_does_not_count_for_this_one():
    items = by_code(pregnancy_items(LMP, D(2026, 6, 1), done={"preg-pertussis": D(2024, 3, 1)}))
    assert items["preg-pertussis"].status != "done"


# --- 5. after the birth the agenda keeps the mother's postnatal items ----------------------------------


def test_after_the_birth_the_agenda_keeps_the_postnatal_items_and_drops_the_missed_prenatal_ones():
    lmp, born = D(2025, 6, 1), D(2026, 3, 1)  # term 15 March 2026, born at 39+0 SA
    items = by_code(
        recommended(
            MOTHER,
            "F",
            D(2026, 3, 10),
            pregnancy_lmp=lmp,
            pregnancy_birth=born,
            circumstances=Circumstances(previous_children=0),
        )
    )
    assert window(items["preg-postnatal-exam"]) == (born, D(2026, 4, 26))  # within 8 weeks (56 days)
    assert window(items["preg-postnatal"]) == (D(2026, 3, 22), D(2026, 4, 26))  # 4th week (day 21) to day 55
    assert window(items["preg-postnatal-2"]) == (D(2026, 5, 3), D(2026, 6, 7))  # weeks 10-14, first child
    assert items["preg-dental"].window_end == D(2026, 9, 1)  # until 6 months after the birth
    # leave: 6 weeks before the term (1 February) + 16 weeks in all = 24 May; born early, total kept
    assert window(items["preg-leave"]) == (D(2026, 2, 1), D(2026, 5, 24))
    assert "preg-us-3" not in items and "preg-exam-7" not in items  # missed prenatal items are gone


def test_no_second_postnatal_interview_for_a_second_child():
    facts = Circumstances(previous_children=1)
    items = by_code(pregnancy_items(LMP, D(2026, 2, 1), circumstances=facts))
    assert "preg-postnatal-2" not in items


def test_without_pertussis_vaccination_in_pregnancy_the_mother_and_her_close_family_are_vaccinated():
    born = D(2026, 10, 10)
    items = by_code(pregnancy_items(LMP, D(2026, 10, 12), birth_date=born))
    assert window(items["preg-pertussis-postpartum"]) == (born, D(2026, 10, 18))  # before leaving: 8 days
    assert window(items["preg-cocooning"]) == (born, D(2027, 4, 10))
    # vaccinated 3 weeks before the birth: less than a month, so the same
    late = by_code(
        pregnancy_items(LMP, D(2026, 10, 12), birth_date=born, done={"preg-pertussis": D(2026, 9, 19)})
    )
    assert "preg-pertussis-postpartum" in late and "preg-cocooning" in late
    # vaccinated 2 months before: the newborn is protected
    on_time = by_code(
        pregnancy_items(LMP, D(2026, 10, 12), birth_date=born, done={"preg-pertussis": D(2026, 8, 10)})
    )
    assert "preg-pertussis-postpartum" not in on_time and "preg-cocooning" not in on_time


def test_the_missed_pertussis_items_wait_for_the_end_of_its_window_before_the_birth():
    assert "preg-cocooning" not in by_code(pregnancy_items(LMP, D(2026, 9, 16)))  # 36+6 SA
    assert "preg-cocooning" in by_code(pregnancy_items(LMP, D(2026, 9, 17)))  # 37+0 SA, not done


# --- 6. the maternity leave follows the rank of the child and a multiple pregnancy ------------------------


def test_the_leave_follows_the_circumstances_given_by_the_pregnancy_form():
    def leave(facts: Circumstances) -> tuple[date, date]:
        return window(by_code(pregnancy_items(LMP, D(2026, 2, 1), circumstances=facts))["preg-leave"])

    assert leave(Circumstances()) == (D(2026, 9, 3), D(2026, 12, 24))  # 6 + 10 weeks around 15 October
    assert leave(Circumstances(previous_children=2)) == (D(2026, 8, 20), D(2027, 2, 18))  # 3rd child: 8 + 18
    assert leave(Circumstances(babies=2)) == (D(2026, 7, 23), D(2027, 3, 18))  # twins: 12 + 22
    assert leave(Circumstances(babies=3)) == (D(2026, 4, 30), D(2027, 3, 18))  # triplets: 24 + 22


# --- 11. the early prenatal interview from the 1st trimester ---------------------------------------------


def test_the_early_prenatal_interview_can_be_done_in_the_first_trimester():
    items = by_code(pregnancy_items(LMP, D(2026, 2, 26)))  # 8 SA
    assert items["preg-epp"].status == "to_schedule"
    assert window(items["preg-epp"]) == (LMP, D(2026, 10, 15))


# --- 12. the pregnancy dental exam has its own explanation ------------------------------------------------


def test_the_pregnancy_dental_exam_is_not_explained_as_mt_dents():
    explained = detail("preg-dental", "dental")
    assert explained != DENTAL
    assert "M'T dents" not in explained.why and "pregnan" in explained.why


# --- missing programmes: biology and screening of the pregnancy -----------------------------------------


def test_a_woman_not_immune_to_toxoplasmosis_has_a_monthly_blood_test_from_month_4():
    facts = Circumstances(toxo_immune=False)
    items = by_code(pregnancy_items(LMP, D(2026, 2, 1), circumstances=facts))
    toxo = sorted(code for code in items if code.startswith("preg-toxo-"))
    assert toxo == [f"preg-toxo-{month}" for month in range(4, 10)]
    assert window(items["preg-toxo-4"]) == (D(2026, 4, 15), D(2026, 5, 15))
    assert not [c for c in by_code(pregnancy_items(LMP, D(2026, 2, 1))) if c.startswith("preg-toxo-")]


def test_a_rhesus_negative_woman_has_antibody_tests_and_the_anti_d_injection_at_28_weeks():
    items = by_code(pregnancy_items(LMP, D(2026, 2, 1), circumstances=Circumstances(rh_negative=True)))
    assert window(items["preg-rai-6"]) == (D(2026, 6, 15), D(2026, 7, 15))
    assert window(items["preg-rai-8"]) == (D(2026, 8, 15), D(2026, 9, 15))
    assert window(items["preg-rai-9"]) == (D(2026, 9, 15), D(2026, 10, 15))
    assert window(items["preg-anti-d"]) == (D(2026, 7, 9), D(2026, 7, 30))  # 27+0 (189 days) to 29+6 SA
    assert "preg-anti-d" not in by_code(pregnancy_items(LMP, D(2026, 2, 1)))


def test_diabetes_strep_b_down_syndrome_screening_prevention_check_up_and_post_term_monitoring():
    items = by_code(pregnancy_items(LMP, D(2026, 2, 1)))
    assert window(items["preg-gdm"]) == (D(2026, 6, 18), D(2026, 7, 23))  # 24+0 to 28+6 SA
    assert window(items["preg-gbs"]) == (D(2026, 8, 27), D(2026, 10, 1))  # 34+0 to 38+6 SA
    assert window(items["preg-t21"]) == (D(2026, 3, 19), D(2026, 4, 9))  # 11+0 to 13+6 SA
    assert window(items["preg-bilan-prevention"]) == (LMP, D(2026, 6, 15))  # before month 6
    assert window(items["preg-post-term"]) == (D(2026, 10, 15), D(2026, 10, 29))  # 41+0 to 42+6 SA
    born = by_code(pregnancy_items(LMP, D(2026, 10, 20), birth_date=D(2026, 10, 8)))
    assert "preg-post-term" not in born  # the birth came first

"""Advice cards of issue 10 (points 11 and 14): peanut without choking, folic acid's timing, the EPP."""

from datetime import date

from domain.advice import child_advice, pregnancy_advice

TODAY = date(2026, 3, 1)


def test_the_food_card_says_peanut_only_as_powder_or_paste_and_never_whole_nuts_before_5():
    card = next(c for c in child_advice(date(2025, 9, 1), TODAY, "en") if c.topic == "food")  # 6 months
    assert "powder" in card.text and "paste" in card.text
    assert "never whole peanuts or nuts before 5 years" in card.text
    french = next(c for c in child_advice(date(2025, 9, 1), TODAY, "fr") if c.topic == "food")
    assert "jamais de cacahuète ni de fruit à coque entiers avant 5 ans" in french.text


def test_folic_acid_is_from_about_4_weeks_before_conception_to_12_weeks():
    card = pregnancy_advice(date(2026, 2, 1), TODAY, "en")  # month 1
    assert "4 weeks before conception" in card.text and "12 weeks of amenorrhea" in card.text


def test_the_early_prenatal_interview_is_announced_from_the_declaration_not_the_4th_month():
    month_3 = pregnancy_advice(date(2025, 12, 1), TODAY, "en")  # 12+6 SA, month 3
    assert month_3.title == "Month 3" and "early prenatal interview" in month_3.text
    month_4 = pregnancy_advice(date(2025, 11, 10), TODAY, "fr")
    assert month_4.title == "4e mois"
    assert "L'entretien prénatal précoce est proposé à partir du 4e mois" not in month_4.text

"""The type 2 diabetes follow-up: what is due, from what the profile already did and today."""

from datetime import date

from domain.diabetes import LABELS, due_items, plan_items
from domain.models import Measurement

BIRTH = date(1960, 3, 1)


def by_code(today, **done):
    return {i.code: i for i in due_items(today, birth_date=BIRTH, **done)}


def test_the_plan_holds_the_has_follow_up():
    assert [i["code"] for i in plan_items()] == [
        "t2d-hba1c",
        "t2d-eye",
        "t2d-foot",
        "t2d-kidney",
        "t2d-albuminuria",
        "t2d-lipids",
        "t2d-ecg",
        "t2d-dental",
        "t2d-flu",
        "t2d-pneumo",
    ]
    assert set(LABELS) == {i["code"] for i in plan_items()}
    assert all(i["source"] and i["status"] for i in plan_items())


def test_with_nothing_done_everything_is_due_today_except_the_flu_vaccine_off_season():
    items = by_code(date(2026, 6, 15))
    assert {c: (i.status, i.due_on) for c, i in items.items() if c != "t2d-flu"} == {
        c: ("due", date(2026, 6, 15)) for c in LABELS if c != "t2d-flu"
    }
    assert (items["t2d-flu"].status, items["t2d-flu"].due_on) == ("upcoming", date(2026, 10, 14))


def test_hba1c_is_due_3_months_after_the_last_one():
    hba1c = [Measurement("hba1c", 7.1, date(2026, 5, 20)), Measurement("hba1c", 6.9, date(2026, 8, 31))]
    item = by_code(date(2026, 11, 29), measurements=hba1c)["t2d-hba1c"]
    assert (item.status, item.due_on, item.last_done) == ("upcoming", date(2026, 11, 30), date(2026, 8, 31))
    item = by_code(date(2026, 11, 30), measurements=hba1c)["t2d-hba1c"]
    assert item.status == "due" and item.days_late(date(2026, 12, 10)) == 10


def test_yearly_exams_are_done_by_a_measurement_or_an_agenda_mark():
    items = by_code(
        date(2026, 11, 30),
        measurements=[
            Measurement("uacr", 1.2, date(2026, 2, 1)),
            Measurement("ldl", 1.1, date(2025, 11, 30)),
        ],
        marks={"t2d-eye": date(2026, 4, 2), "t2d-dental": date(2025, 12, 1)},
    )
    assert (items["t2d-albuminuria"].status, items["t2d-albuminuria"].due_on) == (
        "upcoming",
        date(2027, 2, 1),
    )
    assert (items["t2d-lipids"].status, items["t2d-lipids"].due_on) == ("due", date(2026, 11, 30))
    assert (items["t2d-eye"].status, items["t2d-eye"].due_on) == ("upcoming", date(2027, 4, 2))
    assert items["t2d-dental"].status == "upcoming"
    assert items["t2d-kidney"].status == "due"  # an albumin ratio is not a creatinine


def test_the_flu_vaccine_is_due_each_campaign_until_given():
    assert (by_code(date(2026, 10, 14))["t2d-flu"].status, by_code(date(2026, 10, 14))["t2d-flu"].due_on) == (
        "due",
        date(2026, 10, 14),
    )
    in_january = by_code(date(2027, 1, 31))["t2d-flu"]
    assert (in_january.status, in_january.due_on) == ("due", date(2026, 10, 14))
    given = by_code(date(2026, 11, 30), vaccinations=[("flu", date(2026, 10, 20))])["t2d-flu"]
    assert (given.status, given.due_on) == ("upcoming", date(2027, 10, 14))
    last_season = by_code(date(2026, 11, 30), vaccinations=[("flu", date(2025, 11, 2))])["t2d-flu"]
    assert last_season.status == "due"


def test_one_adult_pneumococcal_dose_is_enough_and_infant_doses_do_not_count():
    infant = by_code(date(2026, 11, 30), vaccinations=[("pcv", date(1960, 5, 1))])["t2d-pneumo"]
    assert infant.status == "due"
    adult = by_code(date(2026, 11, 30), vaccinations=[("pcv", date(2024, 3, 1))])["t2d-pneumo"]
    assert (adult.status, adult.due_on, adult.last_done) == ("done", None, date(2024, 3, 1))


def test_items_due_come_first():
    items = due_items(
        date(2026, 11, 30), birth_date=BIRTH, measurements=[Measurement("hba1c", 7, date(2026, 11, 1))]
    )
    statuses = [i.status for i in items]
    assert statuses == sorted(statuses, key=["due", "upcoming", "done"].index)


def test_records_after_today_do_not_count():
    later = [Measurement("hba1c", 7.0, date(2026, 12, 15))]
    assert by_code(date(2026, 11, 30), measurements=later)["t2d-hba1c"].last_done is None

"""The agenda's callers for issue 10: the pregnancy's circumstances, the mother after the birth, the
baby's term at birth and the mother's RSV vaccine, brands and pregnancy doses read from the records.

TODAY is 30 November 2026 (tests/conftest.py); dates are counted by hand next to each assertion.
"""

from datetime import date

from domain.models import Pregnancy, Profile
from services import agenda, records
from services import pregnancy as follow_up
from services.fhir.mapping import patient, pregnancy_from, pregnancy_observation, profile_from

from .conftest import TODAY


def mother(session):
    return records.add_profile(
        session, TODAY, first_name="Alice", last_name="Morel", birth_date=date(1995, 1, 1), sex="F"
    )


def plan(session, profile) -> dict:
    return {item.code: item for item in agenda.plan(session, profile, TODAY)}


def test_the_leave_follows_the_twins_given_when_the_follow_up_starts(session):
    alice = mother(session)
    pregnancy = follow_up.start_pregnancy(session, alice, TODAY, {"babies": 2}, lmp=date(2026, 6, 1))
    assert pregnancy.babies == 2
    leave = plan(session, alice)["preg-leave"]
    # term 15 March 2027 (LMP + 287 days); twins: 12 weeks before (21 December), 22 weeks after (16 August)
    assert (leave.window_start, leave.window_end) == (date(2026, 12, 21), date(2027, 8, 16))
    follow_up.update_details(session, alice, pregnancy, TODAY, babies=1, previous_children=2)
    leave = plan(session, alice)["preg-leave"]
    # a 3rd child: 8 weeks before (18 January), 18 weeks after (19 July)
    assert (leave.window_start, leave.window_end) == (date(2027, 1, 18), date(2027, 7, 19))


def test_after_the_birth_the_mother_keeps_her_postnatal_items_and_the_baby_its_term(session):
    alice = mother(session)
    pregnancy = follow_up.start_pregnancy(session, alice, TODAY, lmp=date(2026, 2, 1))
    _closed, baby = follow_up.gave_birth(
        session, alice, pregnancy, TODAY, birth_date=date(2026, 9, 10), first_name="Zoé", sex="F"
    )
    assert baby.born_at_weeks == 31  # 1 February to 10 September: 221 days, 31+4 SA
    items = plan(session, alice)
    postnatal = items["preg-postnatal"]
    assert (postnatal.window_start, postnatal.window_end) == (date(2026, 10, 1), date(2026, 11, 5))
    assert items["preg-postnatal-2"].status == "to_schedule"  # 12 November to 16 December, first child
    assert items["preg-dental"].window_end == date(2027, 3, 10)  # 6 months after the birth
    assert "preg-exam-7" not in items  # a prenatal item missed by the birth is not asked any more


def test_a_baby_whose_mother_had_the_rsv_vaccine_in_pregnancy_is_not_asked_for_nirsevimab(session):
    alice = mother(session)
    pregnancy = follow_up.start_pregnancy(session, alice, TODAY, lmp=date(2026, 2, 10))
    # 5 October 2026 = LMP + 237 days, 33+6 SA, and 36 days before the birth
    records.record_dose(session, alice.id, TODAY, vaccine="rsv", on=date(2026, 10, 5), product="Abrysvo")
    _closed, baby = follow_up.gave_birth(
        session, alice, pregnancy, TODAY, birth_date=date(2026, 11, 10), first_name="Jules", sex="M"
    )
    assert "vax-nirsevimab" not in plan(session, baby)


def test_without_the_mother_s_vaccine_the_baby_born_in_the_rsv_season_gets_nirsevimab(session):
    alice = mother(session)
    pregnancy = follow_up.start_pregnancy(session, alice, TODAY, lmp=date(2026, 2, 10))
    _closed, baby = follow_up.gave_birth(
        session, alice, pregnancy, TODAY, birth_date=date(2026, 11, 10), first_name="Jules", sex="M"
    )
    item = plan(session, baby)["vax-nirsevimab"]
    assert (item.window_start, item.window_end) == (date(2026, 11, 10), date(2027, 2, 1))


def test_a_dtcap_recorded_in_pregnancy_marks_the_pregnancy_vaccination_done(session):
    alice = mother(session)
    follow_up.start_pregnancy(session, alice, TODAY, lmp=date(2026, 6, 1))
    records.record_dose(session, alice.id, TODAY, vaccine="dtcap", on=date(2026, 11, 1))  # 21+6 SA
    items = plan(session, alice)
    assert items["preg-pertussis"].done_on == date(2026, 11, 1)
    assert items["vax-dtcap-25"].status == "catch_up"


def test_a_rotateq_dose_recorded_plans_rotateq_s_third_dose(session):
    baby = records.add_profile(
        session,
        TODAY,
        first_name="Nina",
        last_name="Morel",
        birth_date=date(2026, 9, 1),
        sex="F",
        role="child",
    )
    assert "vax-rota-3" not in plan(session, baby)
    records.record_dose(session, baby.id, TODAY, vaccine="rota", on=date(2026, 11, 1), product="RotaTeq")
    assert "vax-rota-3" in plan(session, baby)


def test_the_new_fields_go_to_fhir_and_back():
    pregnancy = Pregnancy(date(2026, 6, 1), babies=2, previous_children=1, toxo_immune=False)
    back = pregnancy_from(pregnancy_observation("p1", pregnancy))
    assert (back.babies, back.previous_children, back.toxo_immune, back.rh_negative) == (2, 1, False, None)
    baby = Profile("Zoé", "Morel", date(2026, 9, 10), "F", role="child", born_at_weeks=31)
    assert profile_from(patient(baby)).born_at_weeks == 31

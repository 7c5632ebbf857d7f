"""The flu and COVID-19 campaign in a profile's agenda and reminders on 3 December 2026, a season the data
does not date yet: people of 65 through the calendar's own flu items, pregnant women and people whose
medical history names a chronic condition of the recommendation through the campaign item, at its usual
dates and marked provisional; a healthy adult gets nothing."""

from datetime import date

import pytest

from domain.medical import MedicalHistory
from domain.models import Measurement
from services import agenda, prevention, records, reminders
from services.pregnancy import start_pregnancy

DAY = date(2026, 12, 3)
BORN_45 = date(1981, 6, 1)


def someone(session, first_name, born, sex):
    return records.add_profile(
        session, DAY, first_name=first_name, last_name="Martin", birth_date=born, sex=sex, role="holder"
    )


def flu_items(session, profile, day=DAY):
    return [i for i in agenda.plan(session, profile, day) if i.code.startswith("campaign-flu-covid")]


def reminded(session, profile):
    defaults = reminders.global_settings(session)
    return {r.subject for r in reminders.profile_reminders(session, profile, DAY, defaults)}


def test_a_45_year_old_with_diabetes_gets_the_campaign_item_and_its_reminder_a_healthy_one_does_not(session):
    paul = someone(session, "Paul", BORN_45, "M")
    luc = someone(session, "Luc", BORN_45, "M")
    records.add_record(session, paul.id, MedicalHistory("Diabète de type 2", date(2020, 3, 1)), DAY)
    [item] = flu_items(session, paul)
    assert (item.code, item.status, item.window_start) == (
        "campaign-flu-covid-2026",
        "to_schedule",
        date(2026, 10, 15),
    )
    assert "announced each year" in item.note
    assert "campaign-flu-covid-2026" in reminded(session, paul)
    assert [c.provisional for c in prevention.campaigns_now(session, paul, DAY)] == [True]
    assert flu_items(session, luc) == [] and prevention.campaigns_now(session, luc, DAY) == ()
    assert "campaign-flu-covid-2026" not in reminded(session, luc)


@pytest.mark.parametrize(
    ("written", "family"),
    [
        ("Asthme", "respiratory"),
        ("BPCO", "respiratory"),
        ("Insuffisance cardiaque", "heart"),
        ("Insuffisance rénale chronique", "kidney"),
        ("Immunodépression (traitement immunosuppresseur)", "immunodepression"),
        ("Obésité morbide", "obesity"),
    ],
)
def test_each_family_of_chronic_conditions_in_the_medical_history_invites_to_the_campaign(
    session, written, family
):
    paul = someone(session, "Paul", BORN_45, "M")
    records.add_record(session, paul.id, MedicalHistory(written, date(2020, 3, 1)), DAY)
    assert prevention.risk_conditions(session, paul, DAY) == {family}
    assert prevention.person(session, paul, DAY).at_risk
    assert [i.code for i in flu_items(session, paul)] == ["campaign-flu-covid-2026"]


def test_a_bmi_of_40_from_the_latest_weight_and_height_invites_to_the_campaign(session):
    paul = someone(session, "Paul", BORN_45, "M")
    records.add_record(session, paul.id, Measurement("height", 175.0, date(2026, 1, 10)), DAY)
    records.add_record(session, paul.id, Measurement("weight", 110.0, date(2026, 1, 10)), DAY)
    assert flu_items(session, paul) == []
    records.add_record(session, paul.id, Measurement("weight", 122.5, date(2026, 11, 2)), DAY)
    assert prevention.risk_conditions(session, paul, DAY) == {"obesity"}
    assert [i.code for i in flu_items(session, paul)] == ["campaign-flu-covid-2026"]


def test_a_pregnant_woman_is_invited_to_the_campaign(session):
    lea = someone(session, "Léa", date(1995, 1, 1), "F")
    start_pregnancy(session, lea, DAY, lmp=date(2026, 9, 1))
    campaigns = prevention.campaigns_now(session, lea, DAY)
    assert [(c.series, c.provisional) for c in campaigns] == [("flu-covid", True)]


def test_people_of_65_keep_the_calendars_flu_items_and_no_doubled_campaign_item(session):
    jean = someone(session, "Jean", date(1950, 1, 1), "M")
    plan = agenda.plan(session, jean, DAY)
    assert any(i.code.startswith("vax-flu") and i.window_start <= DAY < i.window_end for i in plan)
    assert flu_items(session, jean) == []
    assert [c.series for c in prevention.campaigns_now(session, jean, DAY)] == ["flu-covid"]


def test_on_30_september_the_usual_window_is_to_come_for_someone_at_risk(session):
    paul = someone(session, "Paul", BORN_45, "M")
    records.add_record(session, paul.id, MedicalHistory("Asthme", date(2000, 3, 1)), date(2026, 9, 30))
    [item] = flu_items(session, paul, date(2026, 9, 30))
    assert (item.status, item.window_start) == ("upcoming", date(2026, 10, 15))

"""The codec (records <-> JSON bytes, by kind) and the log of reminders delivered."""

import json
from datetime import UTC, date, datetime

import pytest

from domain.bp_series import BloodPressure
from domain.glucose_day import GlucoseDay
from domain.medical import Allergy, BloodGroup, FamilyHistory, Hospitalisation, MedicalHistory, Treatment
from domain.messages import Correspondent, Message
from domain.models import (
    AgendaMark,
    Appointment,
    ChildExam,
    Document,
    Immunization,
    Measurement,
    Pregnancy,
    Profile,
    ReminderSetting,
)
from domain.prevention_records import AdviceDismissal, BilanRecord, HabitsRecord, IcopeRecord, SelfTestRecord
from domain.questionnaires_risk import copd
from domain.sharing import Block, CaregiverGrant, Share
from domain.summary import EmergencyContact
from storage import codec
from storage.deliveries import Delivery
from storage.uow import UnitOfWork

ONE_OF_EACH = [
    Profile("Alice", "Martin", date(1990, 5, 17), "F", national_id="2900575123456", born_at_weeks=39),
    Document("Bilan", "11502-2", date(2026, 3, 1), author="Labo", masked=True, size=12, attachment_id="a1"),
    Measurement("height", 76.5, date(2026, 1, 2), measured_lying=True),
    Immunization("hexa", date(2026, 2, 3), product="Vaxelis", expiry=date(2027, 6, 30), gtin="0123"),
    Appointment(datetime(2026, 12, 3, 14, 30), professional="Dr A", item_code="vax-flu"),
    Pregnancy(date(2026, 2, 20), closed_on=date(2026, 11, 20), outcome="birth", babies=2, toxo_immune=False),
    ChildExam("child-exam-09", date(2026, 5, 5), professional="Dr B"),
    AgendaMark("dental-adult", date(2026, 4, 4), note="ok"),
    ReminderSetting("vax-flu", (7, 30)),
    Allergy("Pollen", date(2020, 4, 1), severity="mild"),
    Treatment("Doliprane", date(2026, 1, 1), until=date(2026, 1, 5)),
    MedicalHistory("Asthme", date(2010, 1, 1)),
    Hospitalisation("CHU", date(2015, 3, 3), until=None),
    FamilyHistory("Père", "Diabète", date(2020, 1, 1)),
    BloodGroup("AB", "-", date(2000, 1, 1), lab="EFS"),
    HabitsRecord("adult", date(2026, 3, 1), {"tobacco": "former", "stopped_smoking": "2025-01-01"}),
    SelfTestRecord("audit_c", date(2026, 3, 1), (1, 2, 0)),
    BilanRecord("45-50", date(2026, 3, 1), {"MALADIES": ["cancer"], "MASSE": 71.5}),
    IcopeRecord(
        date(2026, 3, 1),
        {
            "words_recalled": 3,
            "oriented": True,
            "chair_rise_seconds": 12.5,
            "weight_loss": False,
            "appetite_loss": False,
            "vision_problem": True,
            "hearing_failed": False,
            "feeling_down": False,
            "little_interest": False,
        },
        filled_by="caregiver",
    ),
    AdviceDismissal("salt", date(2026, 3, 1)),
    Share(
        "p1",
        "Pour le Dr Martin",
        datetime(2026, 3, 1, 9, tzinfo=UTC),
        datetime(2026, 3, 8, 9, tzinfo=UTC),
        document_ids=("d1", "d2"),
        summary=True,
        uploaded="https://fhir.example.org/Binary/x",
    ),
    Block("p1", "professional", "Dr Durand", date(2026, 1, 1), "http://rpps.fr", "10001234567"),
    CaregiverGrant("p1", "Paul", "CHILD", "person", date(2026, 1, 1), date(2027, 1, 1), sections=("agenda",)),
    EmergencyContact("Marc", "06 12 34 56 78", "conjoint"),
    Message("p1", "out", "Practitioner/dr-a", datetime(2026, 5, 4, 9, 30, tzinfo=UTC), "Bonjour", ("d1",)),
    Correspondent("Dr A", "Practitioner/dr-a", role="Généraliste", address="a@ch-x.mssante.fr"),
    BloodPressure(142, 91, date(2026, 3, 2), moment="morning", rank=2, series_id="s1", heart_rate=70),
    GlucoseDay(date(2026, 3, 2), (("07:15:00", 104.0, "libreview"), ("12:30:00", 151.0, "meter"))),
    copd({"cough": True, "smoker": True}, date(2026, 3, 2)),
]


def test_every_kind_has_one_class_and_each_class_one_kind():
    assert sorted(codec.KINDS) == sorted(codec.kind_of(record) for record in ONE_OF_EACH)
    assert len(set(codec.KIND_OF)) == len(codec.KINDS)


@pytest.mark.parametrize("record", ONE_OF_EACH, ids=lambda r: type(r).__name__)
def test_each_record_comes_back_equal_from_its_bytes(record):
    kind = codec.kind_of(record)
    assert codec.decode(kind, codec.encode(record)) == record


def test_dates_travel_as_iso_text_and_tuples_as_lists():
    encoded = json.loads(codec.encode(ReminderSetting("vax-flu", (30, 7))))
    assert encoded["days_before"] == [30, 7]
    appointment = json.loads(codec.encode(ONE_OF_EACH[4]))
    assert appointment["at"] == "2026-12-03T14:30:00"


def test_a_field_written_by_a_newer_carnet_is_left_aside_and_a_missing_one_takes_its_default():
    data = {"substance": "Pollen", "on": "2020-04-01", "id": "a1", "coming_later": 1}
    assert codec.from_dict("allergy", data) == Allergy("Pollen", date(2020, 4, 1), id="a1")


def test_the_month_of_a_record_is_its_date_not_its_day():
    assert codec.month_of(ONE_OF_EACH[2]) == "2026-01" and codec.month_of(ONE_OF_EACH[8]) == ""


# -- reminders delivered -------------------------------------------------------------------------------------
def delivery(profile_id, key, hour, text="A health appointment is to be scheduled."):
    return Delivery(key, profile_id, datetime(2026, 11, 30, hour), "Carnet", text, "in_app")


def test_deliveries_come_back_newest_first_with_their_keys(vault):
    alice = Profile("Alice", "Martin", date(1990, 5, 17), "F")
    with UnitOfWork(vault) as uow:
        uow.profiles.add(alice)
        first = uow.deliveries.add(delivery(alice.id, "vax-flu|2026-12-01|30", 8))
        second = uow.deliveries.add(delivery(alice.id, "appointment|a1|2026-12-02|1", 9))
        uow.commit()
    with UnitOfWork(vault) as uow:
        assert [d.id for d in uow.deliveries.read([alice.id])] == [second.id, first.id]
        assert uow.deliveries.keys([alice.id]) == {first.key, second.key}
        assert uow.deliveries.read(["someone-else"]) == []


def test_what_a_reminder_said_is_sealed_and_goes_with_its_profile(vault):
    alice = Profile("Alice", "Martin", date(1990, 5, 17), "F")
    with UnitOfWork(vault) as uow:
        uow.profiles.add(alice)
        uow.deliveries.add(delivery(alice.id, "vax-flu|2026-12-01|30", 8, text="Vaccin grippe pour Alice"))
        uow.commit()
    blobs = b"".join(r[0] for r in vault.db.execute("SELECT blob FROM reminder_deliveries"))
    assert b"grippe" not in blobs and b"vax-flu" not in blobs
    with UnitOfWork(vault) as uow:
        uow.profiles.delete(alice.id)
        uow.commit()
    with UnitOfWork(vault) as uow:
        assert uow.deliveries.read([alice.id]) == []

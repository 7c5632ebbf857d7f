"""Every write path leaves its entry in the access history (README: "every change is logged").

``WRITES`` walks each use case that changes a profile or a record, on the demo family, and checks that the
newest entry of the chain says what it did; ``test_no_write_use_case_is_left_out_of_the_walk`` finds the
use cases by their names, so that a new one cannot be added without being walked here.
"""

import importlib
import inspect
import re
from datetime import UTC, date, datetime

import pytest

from domain.errors import ValidationError
from domain.habits import AdultHabits
from domain.messages import Message
from services import (
    access_log,
    appointments,
    child_exams,
    demo,
    documents,
    growth_charts,
    prevention,
    prevention_pdf,
    records,
    reminders,
)
from services import medical_profile as mp
from services import pregnancy as follow_up
from services.fhir import bundle as fhir_bundle
from services.messaging import store
from services.sync import trash
from storage.trash import TrashEntry

from .conftest import TODAY
from .test_documents import pdf_with, png
from .test_prevention import ICOPE_NEGATIVE


def person(family, first_name):
    return next(p for p in family if p.first_name == first_name)


def newest(session, profile_id):
    return access_log.entries(session, profile_id, limit=1)[0]


def chain_length(session):
    return access_log.verify(session).checked


# -- each write, as a screen or a command does it: (session, family) -> profile whose history tells it -----
def add_profile(session, family):
    return records.add_profile(
        session, TODAY, first_name="Jules", last_name="Durand", birth_date=date(2020, 1, 2), sex="M"
    )


def update_profile(session, family):
    return records.update_profile(session, family[0], TODAY, last_name="Martin")


def add_measurement(session, family):
    records.add_measurement(session, family[0].id, TODAY, kind="weight", value=61.0, on=TODAY)
    return family[0]


def add_growth_measurement(session, family):
    growth_charts.add_growth_measurement(session, person(family, "Léo"), TODAY, "weight", 10.2, TODAY)
    return person(family, "Léo")


def update_growth_measurement(session, family):
    leo = person(family, "Léo")
    entry = growth_charts.growth_entries(session, leo, "weight")[0]
    growth_charts.update_growth_measurement(session, leo, TODAY, entry, entry.value + 0.1, entry.on, None)
    return leo


def delete_growth_measurement(session, family):
    leo = person(family, "Léo")
    growth_charts.delete_growth_measurement(
        session, leo, growth_charts.growth_entries(session, leo, "weight")[0]
    )
    return leo


def record_dose(session, family):
    records.record_dose(session, family[0].id, TODAY, vaccine="flu", on=TODAY)
    return family[0]


def add_entry(session, family):
    mp.add_entry(session, family[0].id, "allergy", TODAY, substance="Pollen", on=TODAY)
    return family[0]


def update_entry(session, family):
    entry = mp.add_entry(session, family[0].id, "treatment", TODAY, medicine="Doliprane", on=TODAY)
    mp.update_entry(session, family[0].id, entry, TODAY, dosage="1 g")
    return family[0]


def delete_entry(session, family):
    mp.delete_entry(session, family[0].id, records.list_records(session, family[0].id, "measurement")[0])
    return family[0]


def add_document(session, family):
    documents.add_document(
        session, family[0].id, pdf_with("Bilan"), today=TODAY, title="Bilan", type_code="11502-2", on=TODAY
    )
    return family[0]


def add_images(session, family):
    documents.add_images(
        session, family[0].id, [png()], today=TODAY, title="Photo", type_code="57833-6", on=TODAY
    )
    return family[0]


def set_masked(session, family):
    doc = documents.list_documents(session, family[0].id)[0]
    documents.set_masked(session, family[0].id, doc, True)
    return family[0]


def delete_document(session, family):
    documents.delete_document(session, family[0].id, documents.list_documents(session, family[0].id)[0])
    return family[0]


def restore_document(session, family):
    doc = documents.list_documents(session, family[0].id)[0]
    documents.restore_document(session, family[0].id, documents.delete_document(session, family[0].id, doc))
    return family[0]


def start_pregnancy(session, family):
    follow_up.start_pregnancy(session, family[0], TODAY, lmp=date(2026, 9, 1))
    return family[0]


def update_details(session, family):
    pregnancy = follow_up.start_pregnancy(session, family[0], TODAY, lmp=date(2026, 9, 1))
    follow_up.update_details(session, family[0], pregnancy, TODAY, babies=2)
    return family[0]


def end_without_birth(session, family):
    pregnancy = follow_up.start_pregnancy(session, family[0], TODAY, lmp=date(2026, 9, 1))
    follow_up.end_without_birth(
        session, family[0], pregnancy, TODAY, on=date(2026, 11, 2), outcome="miscarriage"
    )
    return family[0]


def mark_already_done(session, family):
    pregnancy = follow_up.start_pregnancy(session, family[0], TODAY, lmp=date(2026, 6, 1))
    follow_up.mark_already_done(session, family[0], follow_up.already_past(pregnancy, TODAY)[:1], TODAY)
    return family[0]


def gave_birth(session, family):
    pregnancy = follow_up.start_pregnancy(session, family[0], TODAY, lmp=date(2026, 3, 1))
    _closed, child = follow_up.gave_birth(
        session, family[0], pregnancy, TODAY, birth_date=date(2026, 11, 20), first_name="Rose", sex="F"
    )
    return child


def mark_exam_done(session, family):
    leo = person(family, "Léo")
    code = next(r.item.code for r in child_exams.exam_rows(session, leo, TODAY) if r.record is None)
    child_exams.mark_exam_done(session, leo, TODAY, code, TODAY)
    return leo


def add_certificate(session, family):
    leo = person(family, "Léo")
    child_exams.add_certificate(session, leo, TODAY, "cert-8d", leo.birth_date, "Dr B", "", lambda t: t)
    return leo


def add_appointment(session, family):
    appointments.add_appointment(session, family[0].id, at=datetime(2026, 12, 3, 10), professional="Dr A")
    return family[0]


def update_appointment(session, family):
    made = appointments.add_appointment(
        session, family[0].id, at=datetime(2026, 12, 3, 10), professional="Dr A"
    )
    appointments.update_appointment(session, family[0].id, made, place="Lyon")
    return family[0]


def delete_appointment(session, family):
    made = appointments.add_appointment(
        session, family[0].id, at=datetime(2026, 12, 3, 10), professional="Dr A"
    )
    appointments.delete_appointment(session, family[0].id, made.id)
    return family[0]


def mark_done(session, family):
    appointments.mark_done(session, family[0].id, "dental-adult", TODAY, TODAY)
    return family[0]


def set_item_reminders(session, family):
    reminders.set_item_reminders(session, family[0].id, "vax-flu", "7")
    return family[0]


def import_bundle(session, family):
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "resource": {
                    "resourceType": "Observation",
                    "id": "imported-weight",
                    "status": "final",
                    "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7"}]},
                    "subject": {"reference": f"Patient/{family[0].id}"},
                    "effectiveDateTime": "2026-11-01",
                    "valueQuantity": {
                        "value": 60.5,
                        "unit": "kg",
                        "system": "http://unitsofmeasure.org",
                        "code": "kg",
                    },
                }
            }
        ],
    }
    fhir_bundle.import_bundle(session, bundle, TODAY)
    return family[0]


def restore_from_trash(session, family):
    weight = records.list_records(session, family[0].id, "measurement")[0]
    with session.uow() as uow:  # what a pull does with a record deleted on another device
        uow.trash.put(TrashEntry(weight, family[0].id, TODAY))
        uow.records.delete(family[0].id, weight.id)
        uow.commit()
    trash.restore(session, family[0].id, weight.id)
    return family[0]


def save_habits(session, family):
    """Told twice: the second time updates the same record (editable any time)."""
    camille = person(family, "Camille")
    prevention.save_habits(session, camille, AdultHabits(TODAY, salt_added=True), TODAY)
    prevention.save_habits(session, camille, AdultHabits(TODAY, salt_added=False), TODAY)
    assert len(records.list_records(session, camille.id, "habits")) == 1
    return camille


def take_selftest(session, family):
    prevention.take_selftest(session, family[0], "phq2", (0, 1), TODAY)
    return family[0]


def save_bilan(session, family):
    holder = records.add_profile(
        session, TODAY, first_name="Paul", last_name="Durand", birth_date=date(1978, 5, 1), sex="M"
    )
    prevention.save_bilan(session, holder, "45-50", {"CIGARETTES": "yes"}, TODAY)
    return holder


def record_icope(session, family):
    helped = records.add_profile(
        session,
        TODAY,
        first_name="Rose",
        last_name="Durand",
        birth_date=date(1950, 5, 1),
        sex="F",
        role="helped",
    )
    answers = dict(ICOPE_NEGATIVE, words_recalled=2)
    prevention.record_icope(session, helped, answers, TODAY, filled_by="caregiver")
    return helped


def dismiss_advice(session, family):
    prevention.dismiss(session, family[0], "salt", TODAY)
    return family[0]


def attach_bilan(session, family):
    holder = save_bilan(session, family)
    prevention_pdf.attach_bilan(session, holder, "45-50", TODAY, str)
    return holder


DR = "Practitioner/dr-martin"


def send_message(session, family):
    store.send_message(session, family[0].id, DR, "Bonjour docteur", datetime(2026, 6, 1, 9, 0, tzinfo=UTC))
    return family[0]


def mark_read(session, family):
    """A message as the sync stores it ("receive"), then opened here."""
    message = Message(
        family[0].id, "in", DR, datetime(2026, 6, 1, 9, 0, tzinfo=UTC), text="Résultats normaux"
    )
    with session.uow(from_server=True) as uow:
        records.store(uow, family[0].id, message, "sync", "receive")
        uow.commit()
    assert newest(session, family[0].id).action == "receive"
    store.mark_read(session, family[0].id, [message.id])
    return family[0]


def add_correspondent(session, family):
    store.add_correspondent(session, family[0].id, TODAY, name="Dr Anne Martin", reference=DR)
    return family[0]


def set_blocked(session, family):
    add_correspondent(session, family)
    store.set_blocked(session, family[0].id, DR, True, TODAY)
    return family[0]


WRITES = {
    # use case: (the walk, the action and kind its newest entry says)
    "records.add_profile": (add_profile, "add", "profile"),
    "records.update_profile": (update_profile, "update", "profile"),
    "records.add_measurement": (add_measurement, "add", "measurement"),
    "records.record_dose": (record_dose, "add", "immunization"),
    "growth_charts.add_growth_measurement": (add_growth_measurement, "add", "measurement"),
    "growth_charts.update_growth_measurement": (update_growth_measurement, "update", "measurement"),
    "growth_charts.delete_growth_measurement": (delete_growth_measurement, "delete", "measurement"),
    "medical_profile.add_entry": (add_entry, "add", "allergy"),
    "medical_profile.update_entry": (update_entry, "update", "treatment"),
    "medical_profile.delete_entry": (delete_entry, "delete", "measurement"),
    "documents.add_document": (add_document, "add", "document"),
    "documents.add_images": (add_images, "add", "document"),
    "documents.set_masked": (set_masked, "mask", "document"),
    "documents.delete_document": (delete_document, "delete", "document"),
    "documents.restore_document": (restore_document, "restore", "document"),
    "pregnancy.start_pregnancy": (start_pregnancy, "add", "pregnancy"),
    "pregnancy.update_details": (update_details, "update", "pregnancy"),
    "pregnancy.gave_birth": (gave_birth, "add", "agenda_mark_or_profile"),
    "pregnancy.end_without_birth": (end_without_birth, "update", "pregnancy"),
    "pregnancy.mark_already_done": (mark_already_done, "add", "agenda_mark_or_profile"),
    "child_exams.mark_exam_done": (mark_exam_done, "add", "child_exam"),
    "child_exams.add_certificate": (add_certificate, "add", "document"),
    "appointments.add_appointment": (add_appointment, "add", "appointment"),
    "appointments.update_appointment": (update_appointment, "update", "appointment"),
    "appointments.delete_appointment": (delete_appointment, "delete", "appointment"),
    "appointments.mark_done": (mark_done, "add", "agenda_mark"),
    "reminders.set_item_reminders": (set_item_reminders, "add", "reminder_setting"),
    "fhir.bundle.import_bundle": (import_bundle, "add", "measurement"),
    "sync.trash.restore": (restore_from_trash, "restore", "measurement"),
    "prevention.save_habits": (save_habits, "update", "habits"),
    "prevention.take_selftest": (take_selftest, "add", "selftest_result"),
    "prevention.save_bilan": (save_bilan, "add", "bilan_draft"),
    "prevention.record_icope": (record_icope, "add", "icope_result"),
    "prevention.dismiss": (dismiss_advice, "add", "advice_dismissal"),
    "prevention_pdf.attach_bilan": (attach_bilan, "add", "document"),
    "messaging.store.send_message": (send_message, "send", "message"),
    "messaging.store.mark_read": (mark_read, "read", "message"),
    "messaging.store.add_correspondent": (add_correspondent, "add", "correspondent"),
    "messaging.store.set_blocked": (set_blocked, "update", "correspondent"),
}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_every_write_use_case_logs_what_it_did(session, family, name):
    walk, action, kind = WRITES[name]
    before = chain_length(session)
    profile = walk(session, family)
    entry = newest(session, profile.id)
    assert chain_length(session) > before and entry.action == action
    assert entry.kind == kind or (
        kind == "agenda_mark_or_profile" and entry.kind in ("profile", "agenda_mark")
    )


def test_deleting_a_profile_or_the_demo_family_is_the_last_link_of_the_chain(session, family):
    """The entry is sealed with the key the deletion destroys: the chain counts it, no one reads it."""
    before = chain_length(session)
    records.delete_profile(session, person(family, "Inès").id)
    assert (
        chain_length(session) == before + 1 and access_log.entries(session, person(family, "Inès").id) == []
    )
    demo.remove_demo_family(session)
    assert chain_length(session) == before + 3 and access_log.verify(session).ok


def test_creating_the_demo_family_logs_each_profile_and_record(session):
    family = demo.create_demo_family(session, TODAY)
    stored = sum(
        len(records.list_records(session, p.id, k))
        for p in family
        for k in ("measurement", "immunization", "document", "child_exam", "agenda_mark")
    )
    assert chain_length(session) == len(family) + stored


def test_a_weight_before_the_birth_is_refused_from_every_screen(session, family):
    leo = person(family, "Léo")
    before = date(2025, 1, 1)
    with pytest.raises(ValidationError, match="before the birth"):
        records.add_measurement(session, leo.id, TODAY, kind="weight", value=3.0, on=before)
    with pytest.raises(ValidationError, match="before the birth"):
        growth_charts.add_growth_measurement(session, leo, TODAY, "weight", 3.0, before)


# Use cases that write but change no profile or record: settings.json, the sync's own bookkeeping, the
# Corbeille's purge, whole files (a backup), the viewer's copies, and the log itself.
NOT_RECORDS = {
    "reminders.set_window_days",
    "reminders.set_appointment_days",
    "reminders.set_privacy",
    "backup.set_weekly_folder",
    "backup.restore",
    "backup.restore_with_recovery",
    "documents.purge_copies",
    "access_log.log_access",
    "sync.round.configure",
    "sync.round.retry_not_synced",
    "sync.round.resolve_conflict",  # the server's version is written by the pull's apply (logged "sync")
    "sync.trash.keep_profile",
    "sync.trash.purge_trash",
    "sync.trash.mark_deleted_elsewhere",
    "sync.trash.delete_profile_here",  # records.delete_profile
    "records.add_record",  # the door of the named use cases above
    "records.delete_record",
    "records.delete_profile",  # walked by the test of the last link
    "demo.create_demo_family",
    "demo.remove_demo_family",
    "fhir.bundle.store_bundle",  # the second half of import_bundle
}
MODULES = [
    "prevention",
    "prevention_pdf",
    "records",
    "medical_profile",
    "documents",
    "pregnancy",
    "child_exams",
    "appointments",
    "reminders",
    "growth_charts",
    "demo",
    "backup",
    "access_log",
    "fhir.bundle",
    "sync.round",
    "sync.trash",
    "messaging.store",
]
WRITE_NAME = re.compile(
    r"^(add|update|delete|record|mark|set|start|gave|restore|import|store|create|remove|keep|resolve|retry|purge|configure|log)_"
)


def test_no_write_use_case_is_left_out_of_the_walk():
    found = set()
    for name in MODULES:
        module = importlib.import_module(f"services.{name}")
        for function_name, function in inspect.getmembers(module, inspect.isfunction):
            takes_a_session = next(iter(inspect.signature(function).parameters), "") == "session"
            if function.__module__ == module.__name__ and WRITE_NAME.match(function_name) and takes_a_session:
                found.add(f"{name}.{function_name}")
    found.add("sync.trash.restore")  # named like a noun
    assert found - set(WRITES) - NOT_RECORDS == set()

"""The prevention records travel as standard FHIR R4 Observations a doctor's server can read (survey,
social-history; LOINC and SNOMED CT where they exist), valid both ways, read back exactly; the Basic
resources an earlier version pushed are still read; drafts and app state stay Basic."""

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.bp_series import BloodPressure
from domain.errors import ValidationError
from domain.habits import AdultHabits, ChildHabits
from domain.models import Measurement, Pregnancy
from domain.prevention_records import AdviceDismissal, BilanRecord, HabitsRecord, IcopeRecord, SelfTestRecord
from domain.questionnaires_risk import copd, epof, findrisc
from services import records
from services.fhir import bundle as fhir_bundle
from services.fhir import prevention_mapping as pm
from services.fhir import records as fhir_records
from services.fhir.mapping import LOINC, OBS_CATEGORY
from services.fhir.validation import invalid_reason
from services.session import Session
from services.sync import round as sync
from storage import codec

from .conftest import TODAY
from .fake_fhir import FakeFhir

PASSPHRASE = "phrase de passe du test"
URL = "https://fhir.example.org/fhir"
DAY = date(2026, 11, 2)
ICOPE_ANSWERS = {
    "words_recalled": 2,
    "oriented": True,
    "chair_rise_seconds": 14.5,
    "weight_loss": False,
    "appetite_loss": True,
    "vision_problem": False,
    "hearing_failed": False,
    "feeling_down": False,
    "little_interest": False,
}
FINDRISC = {
    "activity": "no",
    "vegetables": "daily",
    "bp_medicine": "yes",
    "high_glucose": "no",
    "family": "no",
}
ADULT_HABITS = AdultHabits(  # every adult question answered
    DAY,
    fruit_veg="daily",
    fatty="weekly",
    sugary="monthly",
    salt_added=True,
    active_regularly=False,
    active_days="1-2",
    sitting="both",
    tobacco="former",
    started_smoking=date(1990, 1, 1),
    stopped_smoking=date(2020, 5, 1),
    vaping="occasional",
    sleep_quality="sometimes_bad",
    sleep_hours=7.5,
    screen_before_sleep="weekly",
    screen_hours=2,
    audit_c=(1, 1, 0),
    drinks_per_week=3,
)
# (record, resource category, its first code) for every mapped kind, the edge cases included
MAPPED = [
    (SelfTestRecord("audit_c", DAY, (1, 2, 0)), "survey", (LOINC, "75626-2")),
    (SelfTestRecord("audit_c", DAY, (4, 4, 4)), "survey", (LOINC, "75626-2")),
    (SelfTestRecord("phq2", DAY, (2, 1)), "survey", (LOINC, "55758-7")),
    (SelfTestRecord("hsi", DAY, (0, 3)), "survey", (pm.SELFTEST, "hsi")),
    (IcopeRecord(DAY, ICOPE_ANSWERS, "caregiver"), "survey", (pm.ICOPE, "step1")),
    (IcopeRecord(DAY, ICOPE_ANSWERS | {"chair_rise_seconds": None}), "survey", (pm.ICOPE, "step1")),
    (IcopeRecord(DAY, ICOPE_ANSWERS | {"chair_rise_seconds": 12}), "survey", (pm.ICOPE, "step1")),
    (HabitsRecord.of(ADULT_HABITS), "social-history", (LOINC, "72166-2")),
    (HabitsRecord.of(AdultHabits(DAY)), "social-history", (LOINC, "72166-2")),
    (
        HabitsRecord.of(AdultHabits(DAY, tobacco="daily", cigarettes_per_day=12, sleep_hours=7)),
        "social-history",
        (LOINC, "72166-2"),
    ),
    (
        HabitsRecord.of(ChildHabits(DAY, screen_minutes=30, sleep_hours=11, active_minutes=180)),
        "social-history",
        (pm.HABITS, "child"),
    ),
    (copd({"cough": True, "smoker": True}, DAY), "survey", (pm.RISK, "copd")),
    (epof({"swelling": True}, DAY), "survey", (pm.RISK, "epof")),
    (findrisc(FINDRISC, sex="F", age=52, bmi=27.0, waist=85.0, on=DAY), "survey", (pm.RISK, "findrisc")),
]


def code_of(resource):
    coding = resource["code"]["coding"][0]
    return coding["system"], coding["code"]


def category_of(resource):
    return resource["category"][0]["coding"][0]["code"]


def stored(record):
    """The record's stored JSON, keys in order: equal only with the same values of the same types."""
    return json.dumps(json.loads(codec.encode(record)), sort_keys=True)


def through_json(resource):
    return json.loads(json.dumps(resource))


@pytest.mark.parametrize(("record", "category", "code"), MAPPED)
def test_each_record_is_a_valid_observation_of_its_category_and_reads_back_exactly(record, category, code):
    resource = fhir_records.record_resource("p1", record)
    assert invalid_reason(resource) == ""
    assert resource["resourceType"] == "Observation" and resource["id"] == record.id
    assert category_of(resource) == category and code_of(resource) == code
    assert resource["category"][0]["coding"][0]["system"] == OBS_CATEGORY
    back = fhir_records.record_from(through_json(resource))
    assert back == record
    assert stored(back) == stored(record)  # 12 stays 12 and 7.5 stays 7.5
    assert fhir_records.record_resource("p1", back) == resource


def observations_of_every_kind():
    samples = [fhir_records.record_resource("p1", record) for record, _c, _code in MAPPED]
    samples.append(fhir_records.record_resource("p1", Measurement("weight", 80, DAY)))
    samples.append(fhir_records.record_resource("p1", BloodPressure(128, 82, DAY)))
    samples.append(fhir_records.record_resource("p1", Pregnancy(date(2026, 6, 1))))
    return samples


def test_each_observation_is_claimed_by_exactly_one_record_kind():
    for resource in observations_of_every_kind():
        claiming = [
            m.kind
            for m in fhir_records.MAPPINGS
            if m.resource_type == "Observation" and m.matches(through_json(resource))
        ]
        assert len(claiming) == 1, (code_of(resource), claiming)
        assert codec.kind_of(fhir_records.record_from(resource)) == claiming[0]


def test_a_self_test_carries_its_score_its_level_and_its_answers_under_their_loinc_item_codes():
    resource = fhir_records.record_resource("p1", SelfTestRecord("phq2", DAY, (2, 1)))
    assert resource["valueInteger"] == 3 and resource["effectiveDateTime"] == "2026-11-02"
    levels = {(c["system"], c["code"]) for c in resource["interpretation"][0]["coding"]}
    assert levels == {(pm.LEVEL, "positive"), (pm.INTERPRETATION, "POS")}
    items = [(code_of(c), c["valueInteger"]) for c in resource["component"]]
    assert items == [((LOINC, "44250-9"), 2), ((LOINC, "44255-8"), 1)]
    audit = fhir_records.record_resource("p1", SelfTestRecord("audit_c", DAY, (4, 4, 4)))
    assert [code_of(c)[1] for c in audit["component"]] == ["68518-0", "68519-8", "68520-6"]


def test_an_audit_c_score_of_3_gives_no_level_since_it_depends_on_the_sex_the_record_does_not_hold():
    three = fhir_records.record_resource("p1", SelfTestRecord("audit_c", DAY, (1, 2, 0)))
    four = fhir_records.record_resource("p1", SelfTestRecord("audit_c", DAY, (2, 2, 0)))
    assert three["valueInteger"] == 3 and "interpretation" not in three
    assert four["interpretation"][0]["coding"][0]["code"] == "risk"


def test_the_smoking_status_is_the_snomed_ct_value_of_the_ips_value_set():
    expected = {"daily": "449868002", "occasional": "428041000124106", "former": "8517006", "no": "266919005"}
    for tobacco, snomed in expected.items():
        record = HabitsRecord.of(AdultHabits(DAY, tobacco=tobacco))
        resource = fhir_records.record_resource("p1", record)
        assert resource["valueCodeableConcept"]["coding"][0] == {
            "system": pm.SNOMED,
            "code": snomed,
            "display": pm.SMOKING_SNOMED[tobacco][1],
        }
        assert "component" not in resource
    unanswered = fhir_records.record_resource("p1", HabitsRecord.of(AdultHabits(DAY)))
    assert unanswered["dataAbsentReason"]["coding"][0]["code"] == "unknown"


def test_a_smoking_status_from_another_app_is_read_as_habits_and_an_unknown_status_left_unanswered():
    resource = fhir_records.record_resource("p1", HabitsRecord.of(AdultHabits(DAY, tobacco="daily")))
    resource["valueCodeableConcept"] = {"coding": [{"system": pm.SNOMED, "code": "77176002"}]}
    assert fhir_records.record_from(resource).answers == {}


def test_each_icope_domain_reads_positive_or_negative_and_the_answers_follow():
    resource = fhir_records.record_resource(
        "p1", IcopeRecord(DAY, ICOPE_ANSWERS | {"chair_rise_seconds": None})
    )
    domains = {
        code_of(c)[1]: c["valueCodeableConcept"]["coding"][0]["code"]
        for c in resource["component"]
        if code_of(c)[1].startswith("domain-")
    }
    assert domains == {
        "domain-cognition": "POS",
        "domain-mobility": "POS",
        "domain-nutrition": "POS",
        "domain-vision": "NEG",
        "domain-hearing": "NEG",
        "domain-mood": "NEG",
    }
    assert resource["valueInteger"] == 3
    chair = next(c for c in resource["component"] if code_of(c)[1] == "chair_rise_seconds")
    assert chair["dataAbsentReason"]["coding"][0]["code"] == "not-performed"


def test_findrisc_carries_its_snomed_ct_code_its_points_and_its_risk_band():
    result = findrisc(FINDRISC, sex="F", age=52, bmi=27.0, waist=85.0, on=DAY)
    resource = fhir_records.record_resource("p1", result)
    assert {"system": pm.SNOMED, "code": "763117005", "display": "Finnish Diabetes Risk Score"} in resource[
        "code"
    ]["coding"]
    assert resource["valueInteger"] == result.score
    assert resource["interpretation"][0]["coding"][0]["system"] == pm.LEVEL


@pytest.mark.parametrize(
    "record", [BilanRecord("45-50", DAY, {}), AdviceDismissal("tobacco-quit", DAY)], ids=["bilan", "advice"]
)
def test_a_bilan_draft_and_a_dismissed_advice_card_stay_basic_resources(record):
    resource = fhir_records.record_resource("p1", record)
    assert resource["resourceType"] == "Basic" and invalid_reason(resource) == ""
    assert fhir_records.record_from(through_json(resource)) == record


def basic_of_earlier_version(profile_id, record):
    """A record as the version before this mapping pushed it: a Basic carrying the sealed-codec record."""
    return {
        "resourceType": "Basic",
        "id": record.id,
        "code": {"coding": [{"system": fhir_records.KIND_SYSTEM, "code": codec.kind_of(record)}]},
        "subject": {"reference": f"Patient/{profile_id}"},
        "extension": [{"url": fhir_records.RECORD_EXT, "valueString": codec.encode(record).decode()}],
    }


@pytest.mark.parametrize(("record", "category", "code"), MAPPED)
def test_a_basic_resource_pushed_by_an_earlier_version_is_still_read(record, category, code):
    assert fhir_records.record_from(through_json(basic_of_earlier_version("p1", record))) == record


# -- property: any answers the domain accepts come back as they were --------------------------------------
points = st.integers(min_value=0, max_value=4)


@settings(max_examples=60, deadline=None)
@given(
    test=st.sampled_from(["audit_c", "phq2", "hsi"]),
    answers=st.tuples(points, points, points),
    day=st.dates(date(1990, 1, 1), TODAY),
)
def test_any_self_test_round_trips(test, answers, day):
    count = 3 if test == "audit_c" else 2
    answers = answers[:count] if test == "audit_c" else tuple(min(a, 3) for a in answers[:count])
    record = SelfTestRecord(test, day, answers)
    resource = fhir_records.record_resource("p1", record)
    assert invalid_reason(resource) == "" and fhir_records.record_from(through_json(resource)) == record


@settings(max_examples=60, deadline=None)
@given(
    words=st.integers(0, 3),
    seconds=st.none() | st.integers(1, 60) | st.floats(0.1, 60, allow_nan=False),
    flags=st.lists(st.booleans(), min_size=7, max_size=7),
    caregiver=st.booleans(),
)
def test_any_icope_screening_round_trips(words, seconds, flags, caregiver):
    keys = ("oriented", "weight_loss", "appetite_loss", "vision_problem", "hearing_failed", "feeling_down")
    answers = {"words_recalled": words, "chair_rise_seconds": seconds, "little_interest": flags[6]}
    answers |= dict(zip(keys, flags, strict=False))
    record = IcopeRecord(DAY, answers, "caregiver" if caregiver else "self")
    resource = fhir_records.record_resource("p1", record)
    assert invalid_reason(resource) == ""
    back = fhir_records.record_from(through_json(resource))
    assert back == record and stored(back) == stored(record)


def answers_of(form):
    """Any answers a habits form accepts, one strategy per question (tobacco details kept coherent)."""
    from domain.habits import questions

    def strategy(question):
        if question.type == "single":
            return st.sampled_from([a.id for a in question.answers])
        if question.type == "yes_no":
            return st.booleans()
        if question.type == "instrument":
            return st.tuples(points, points, points)
        whole = st.integers(int(question.low), int(question.high))
        if question.step is None:
            return whole
        return whole | st.integers(int(question.low) * 2, int(question.high) * 2).map(lambda n: n / 2)

    plain = {q.id: st.none() | strategy(q) for q in questions(form) if q.type != "date"}
    return st.fixed_dictionaries(plain)


@settings(max_examples=80, deadline=None)
@given(answers=answers_of("adult"), since=st.dates(date(1970, 1, 1), date(2000, 1, 1)))
def test_any_adult_habits_round_trip(answers, since):
    if answers["tobacco"] != "daily":
        answers["cigarettes_per_day"] = None
    if answers["tobacco"] in ("daily", "occasional", "former"):
        answers["started_smoking"] = since
    if answers["tobacco"] == "former":
        answers["stopped_smoking"] = date(2010, 6, 1)
    record = HabitsRecord.of(AdultHabits(DAY, **answers))
    resource = fhir_records.record_resource("p1", record)
    assert invalid_reason(resource) == ""
    back = fhir_records.record_from(through_json(resource))
    assert back == record and stored(back) == stored(record)


@settings(max_examples=40, deadline=None)
@given(answers=answers_of("child"))
def test_any_child_habits_round_trip(answers):
    record = HabitsRecord.of(ChildHabits(DAY, **answers))
    resource = fhir_records.record_resource("p1", record)
    assert invalid_reason(resource) == ""
    back = fhir_records.record_from(through_json(resource))
    assert back == record and stored(back) == stored(record)


# -- through the vault: Bundle export/import and the sync ----------------------------------------------------
@pytest.fixture
def senior(session):
    return records.add_profile(
        session, TODAY, first_name="Bernard", last_name="Petit", birth_date=date(1958, 4, 17), sex="M"
    )


def every_prevention_record(session, senior):
    found = [record for record, _c, _code in MAPPED if not isinstance(record, HabitsRecord)]
    found += [HabitsRecord.of(ADULT_HABITS), BilanRecord("70-75", DAY, {}), AdviceDismissal("card", DAY)]
    for record in found:
        records.add_record(session, senior.id, record, TODAY)
    return found


def all_records(session, profile_id):
    kinds = (
        "habits",
        "selftest_result",
        "icope_result",
        "risk_questionnaire",
        "bilan_draft",
        "advice_dismissal",
    )
    return sorted(
        (r for kind in kinds for r in records.list_records(session, profile_id, kind)), key=lambda r: r.id
    )


def test_the_bundle_export_carries_them_as_observations_and_an_import_gives_them_back(
    session, senior, tmp_path
):
    added = every_prevention_record(session, senior)
    exported = fhir_bundle.export_bundle(session)
    types = sorted(e["resource"]["resourceType"] for e in exported["entry"])
    assert types == ["Basic", "Basic"] + ["Observation"] * (len(added) - 2) + ["Patient"]
    other = Session(tmp_path / "other")
    other.create(PASSPHRASE)
    fhir_bundle.import_bundle(other, through_json(exported), TODAY)
    assert all_records(other, senior.id) == sorted(added, key=lambda r: r.id)
    assert fhir_bundle.export_bundle(other) == exported


def test_a_bundle_of_the_earlier_version_with_basic_resources_still_imports(session, senior, tmp_path):
    added = every_prevention_record(session, senior)
    exported = fhir_bundle.export_bundle(session)
    for entry in exported["entry"]:
        if entry["resource"]["resourceType"] == "Observation":
            record = fhir_records.record_from(entry["resource"])
            entry["resource"] = basic_of_earlier_version(senior.id, record)
    other = Session(tmp_path / "other")
    other.create(PASSPHRASE)
    fhir_bundle.import_bundle(other, through_json(exported), TODAY)
    assert all_records(other, senior.id) == sorted(added, key=lambda r: r.id)


def test_the_sync_carries_them_to_another_device_as_observations(session, senior, tmp_path):
    server = FakeFhir()
    added = every_prevention_record(session, senior)
    assert sync.sync_now(session, URL, "t", transport=server.transport(), backoff=0).rejected == 0
    served = [key for key, r in server.current.items() if r and key[0] != "Patient"]
    assert sorted(t for t, _id in served) == ["Basic", "Basic"] + ["Observation"] * (len(added) - 2)
    other = Session(tmp_path / "other")
    other.create(PASSPHRASE)
    assert sync.sync_now(other, URL, "t", transport=server.transport(), backoff=0).quarantined == 0
    assert all_records(other, senior.id) == sorted(added, key=lambda r: r.id)


def test_basic_resources_an_earlier_version_pushed_are_still_pulled(session, senior, tmp_path):
    server = FakeFhir()
    from services.fhir.mapping import patient

    server.put(patient(senior))
    added = [
        SelfTestRecord("phq2", DAY, (1, 1)),
        HabitsRecord.of(ADULT_HABITS),
        IcopeRecord(DAY, ICOPE_ANSWERS),
    ]
    for record in added:
        server.put(basic_of_earlier_version(senior.id, record))
    other = Session(tmp_path / "other")
    other.create(PASSPHRASE)
    assert sync.sync_now(other, URL, "t", transport=server.transport(), backoff=0).quarantined == 0
    assert all_records(other, senior.id) == sorted(added, key=lambda r: r.id)


def test_a_record_for_a_patient_only_the_vault_holds_is_checked_against_its_birth_date(session, senior):
    young = records.add_profile(
        session, TODAY, first_name="Julie", last_name="Petit", birth_date=date(1990, 2, 3), sex="F"
    )
    screening = fhir_records.record_resource(young.id, IcopeRecord(DAY, ICOPE_ANSWERS))
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": screening}]}
    with pytest.raises(ValidationError, match="60 and over"):
        fhir_bundle.import_bundle(session, bundle, TODAY)
    assert records.list_records(session, young.id, "icope_result") == []
    bundle["entry"][0]["resource"] = fhir_records.record_resource(senior.id, IcopeRecord(DAY, ICOPE_ANSWERS))
    assert fhir_bundle.import_bundle(session, bundle, TODAY)["records"] == 1


def test_the_patient_summary_lists_no_survey_or_social_history_observation(session, senior):
    from datetime import UTC, datetime

    from services.sharing.data import summary_data
    from services.sharing.summary import summary_bundle

    every_prevention_record(session, senior)
    records.add_record(session, senior.id, Measurement("weight", 80, DAY), TODAY)
    bundle = summary_bundle(
        summary_data(session, senior.id, TODAY), TODAY, datetime(2026, 11, 30, tzinfo=UTC)
    )
    observations = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"]
    assert [category_of(o) for o in observations] == ["vital-signs"]

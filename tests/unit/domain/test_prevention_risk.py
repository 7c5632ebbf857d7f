"""The flu and COVID-19 campaign's "at risk" group is read in what a medical history says: each family of
chronic conditions of the flu recommendation, in the words people write, and obesity from a BMI of 40."""

from __future__ import annotations

from datetime import date

import pytest

from domain.prevention_risk import conditions_in, families, risk_conditions, source

BORN = date(1981, 6, 1)  # 45 on 3 December 2026
TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("written", "family"),
    [
        ("Diabète de type 2", "diabetes"),
        ("Diabète type 1 depuis l'enfance", "diabetes"),
        ("Type 2 diabetes", "diabetes"),
        ("Asthme", "respiratory"),
        ("BPCO stade 2", "respiratory"),
        ("Mucoviscidose", "respiratory"),
        ("Insuffisance cardiaque", "heart"),
        ("Infarctus du myocarde en 2019", "heart"),
        ("AVC", "heart"),
        ("Valvulopathie aortique", "heart"),
        ("Insuffisance rénale chronique", "kidney"),
        ("Dialyse", "kidney"),
        ("Immunodépression", "immunodepression"),
        ("VIH", "immunodepression"),
        ("Greffe de rein", "immunodepression"),
        ("Greffe du cœur", "immunodepression"),
        ("Cirrhose", "liver"),
        ("Myasthénie", "neuromuscular"),
        ("Drépanocytose", "sickle_cell"),
        ("Obésité morbide", "obesity"),
        ("IMC 42", "obesity"),
    ],
)
def test_each_family_of_the_flu_recommendation_is_read_in_the_words_people_write(written, family):
    assert conditions_in([written]) == {family}


@pytest.mark.parametrize(
    "written",
    [
        "Diabète gestationnel en 2020",
        "Prédiabète",
        "Diabète insipide",
        "Appendicite",
        "Coronarographie normale",
        "Fracture du poignet",
        "IMC de 35",
        "did not smoke",
    ],
)
def test_what_is_not_on_the_list_does_not_count(written):
    assert conditions_in([written]) == frozenset()


def test_every_family_has_a_label_and_the_list_cites_its_sources():
    assert {f.id for f in families()} >= {
        "diabetes",
        "respiratory",
        "heart",
        "kidney",
        "immunodepression",
        "obesity",
    }
    assert all(f.label and f.patterns for f in families())
    assert source().sources and source().status != "UNVERIFIED"


def test_obesity_counts_from_a_bmi_of_40_exactly_in_an_adult():
    assert risk_conditions([], BORN, TODAY, weight_kg=122.5, height_cm=175) == {"obesity"}  # 40.0
    assert risk_conditions([], BORN, TODAY, weight_kg=122.4, height_cm=175) == frozenset()
    assert risk_conditions([], date(2010, 1, 1), TODAY, weight_kg=130, height_cm=175) == frozenset()  # 16
    assert risk_conditions([], BORN, TODAY, weight_kg=130, height_cm=None) == frozenset()


def test_a_healthy_adult_with_no_history_has_no_risk_condition():
    assert risk_conditions([], BORN, TODAY, weight_kg=75, height_cm=178) == frozenset()

"""Units read on reports become the unit Carnet stores; the checks are the reference's own pairs."""

import pytest

from domain.errors import ValidationError
from domain.units import canonical_unit, from_canonical, to_canonical, units_for


@pytest.mark.parametrize(
    ("value", "unit"),
    [(7.0, "mmol/L"), (126, "mg/dL"), (1.26, "g/L"), (7.0, "mmol/l"), (126, "mg/dl"), (1.26, "g/l")],
)
def test_the_diabetes_threshold_reads_the_same_in_every_glucose_unit(value, unit):
    assert to_canonical("fasting_glucose", value, unit) == pytest.approx(1.26, abs=0.005)


@pytest.mark.parametrize(
    ("mmol", "g_per_l"),
    [(3.9, 0.70), (6.1, 1.10), (11.1, 2.00)],
)
def test_glucose_check_values_of_the_reference(mmol, g_per_l):
    assert to_canonical("glucose", mmol, "mmol/L") == pytest.approx(g_per_l, abs=0.005)


@pytest.mark.parametrize(
    ("mmol", "g_per_l"),
    [(4.9, 1.90), (4.1, 1.60), (3.4, 1.30), (2.6, 1.00), (1.8, 0.70), (5.17, 2.00)],
)
def test_cholesterol_check_values_of_the_reference_hold_both_ways(mmol, g_per_l):
    # The reference prints the mmol/L side rounded (1,60 g/L = 4,1 mmol/L).
    for kind in ("ldl", "hdl", "total_cholesterol"):
        assert from_canonical(kind, g_per_l, "mmol/L") == pytest.approx(mmol, abs=0.05)
        assert to_canonical(kind, mmol, "mmol/L") == pytest.approx(g_per_l, abs=0.02)


def test_triglycerides_use_their_own_factor():
    assert to_canonical("triglycerides", 1.7, "mmol/L") == pytest.approx(1.50, abs=0.01)


def test_creatinine_converts_both_ways_between_micromoles_and_milligrams():
    assert to_canonical("creatinine", 81, "µmol/L") == pytest.approx(9.16, abs=0.01)
    assert to_canonical("creatinine", 88.4, "umol/l") == pytest.approx(10.0, abs=0.01)
    assert to_canonical("creatinine", 0.92, "mg/dL") == pytest.approx(9.2)
    assert from_canonical("creatinine", 10.0, "µmol/L") == pytest.approx(88.4, abs=0.05)
    assert from_canonical("creatinine", 9.2, "mg/L") == 9.2


@pytest.mark.parametrize(("ifcc", "percent"), [(48, 6.5), (53, 7.0), (43, 6.1)])
def test_hba1c_in_mmol_per_mol_becomes_percent(ifcc, percent):
    assert to_canonical("hba1c", ifcc, "mmol/mol") == pytest.approx(percent, abs=0.05)


def test_urine_albumin_ratio_in_mg_per_g_becomes_mg_per_mmol():
    assert to_canonical("uacr", 45, "mg/g") == pytest.approx(5.1, abs=0.05)
    assert to_canonical("uacr", 2.1, "mg/mmol") == 2.1


@pytest.mark.parametrize(
    "spelling", ["mL/min/1,73 m²", "ml/min/1.73m2", "mL/min/1.73 m²", "mL/min/{1.73_m2}"]
)
def test_every_spelling_of_the_egfr_unit_is_recognised(spelling):
    assert to_canonical("egfr", 98, spelling) == 98


def test_micro_sign_greek_mu_and_u_are_the_same_unit():
    assert canonical_unit("creatinine", "μmol/L") == canonical_unit("creatinine", "umol/L") == "µmol/L"


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValidationError) as error:
        to_canonical("fasting_glucose", 5.4, "mmol/mol")
    assert "g/L, mmol/L, mg/dL" in str(error.value)


def test_an_unknown_kind_and_a_non_number_are_refused():
    with pytest.raises(ValidationError):
        to_canonical("cholesterol", 2.0, "g/L")
    with pytest.raises(ValidationError):
        to_canonical("ldl", float("nan"), "g/L")


def test_forms_offer_the_stored_unit_first_then_the_ones_reports_print():
    assert units_for("fasting_glucose") == ("g/L", "mmol/L", "mg/dL")
    assert units_for("creatinine") == ("mg/L", "µmol/L", "mg/dL")
    assert units_for("hba1c") == ("%", "mmol/mol")
    assert units_for("waist") == ("cm",)
    assert units_for("systolic") == ("mmHg",)


def test_a_measure_without_conversion_keeps_its_value():
    assert to_canonical("waist", 95, "cm") == 95
    assert to_canonical("systolic", 140, "mm[Hg]") == 140

"""Reading the GS1 DataMatrix of a vaccine box, typed in brackets or as a scanner gives it.

03400936284722 is a GTIN-14 whose check digit was computed by hand: the 13 digits before it, from
the right, weighted 3,1,3,1... sum to 78, and 80 - 78 = 2.
"""

from datetime import date

import pytest

from domain.errors import ValidationError
from domain.gs1 import GS, Gs1Fields, check_gtin, expiry_date, parse_gs1

GTIN = "03400936284722"


def test_the_bracketed_element_string_gives_the_four_fields():
    fields = parse_gs1(f"(01){GTIN}(17)270331(10)AB123(21)SN0001")
    assert fields == Gs1Fields(gtin=GTIN, expiry=date(2027, 3, 31), lot="AB123", serial="SN0001")


def test_the_raw_scanner_form_with_fnc1_separators_gives_the_same_fields():
    raw = f"]d201{GTIN}17270331" + "10AB123" + GS + "21SN0001"
    assert parse_gs1(raw) == Gs1Fields(gtin=GTIN, expiry=date(2027, 3, 31), lot="AB123", serial="SN0001")


def test_a_variable_field_may_come_before_a_fixed_one_after_a_separator():
    raw = f"10LOT-7{GS}17280229" + f"01{GTIN}"
    assert parse_gs1(raw) == Gs1Fields(gtin=GTIN, expiry=date(2028, 2, 29), lot="LOT-7")


def test_the_fields_may_come_in_any_order_and_some_may_be_missing():
    assert parse_gs1("(10)X9 (17)261200") == Gs1Fields(expiry=date(2026, 12, 31), lot="X9")


def test_an_empty_text_gives_empty_fields():
    assert parse_gs1("  ") == Gs1Fields()


def test_day_00_of_the_expiry_means_the_last_day_of_the_month():
    assert expiry_date("280200") == date(2028, 2, 29)
    assert expiry_date("270200") == date(2027, 2, 28)


@pytest.mark.parametrize("text", ["271331", "27033", "2703AA", "270230"])
def test_an_expiry_that_is_not_a_date_is_refused(text):
    with pytest.raises(ValidationError):
        expiry_date(text)


def test_a_gtin_with_a_wrong_check_digit_is_refused():
    with pytest.raises(ValidationError, match="check digit"):
        parse_gs1("(01)03400936284723(10)AB1")
    assert check_gtin(GTIN) == GTIN


@pytest.mark.parametrize(
    "text",
    [
        "(01)123(10)AB",  # GTIN too short
        "(99)ABC",  # an AI a medicine box does not carry
        "99ABC",  # the same, raw
        "(10)AB(10)CD",  # the same field twice
        "(10)" + "A" * 21,  # lot longer than GS1 allows
        "(10)",  # empty lot
        "(01)" + GTIN + "junk(10)AB" + ")",  # not an element string
    ],
)
def test_malformed_codes_raise_a_clear_error(text):
    with pytest.raises(ValidationError):
        parse_gs1(text)

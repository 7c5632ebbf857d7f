"""A refusal reads as the user's language writes: dates as 31/12/2025 (never ISO), decimal commas in
French, and the typed text in typographic quotes, never Python's repr quotes."""

from datetime import date

import pytest

from domain.errors import ValidationError
from domain.models import parse_day, parse_decimal
from services.i18n import translator


def test_a_date_parameter_is_written_as_the_language_writes_dates():
    error = ValidationError("The date {day} is in the future.", day=date(2027, 1, 4))
    assert error.render(translator("fr")) == "La date 04/01/2027 est dans le futur."
    assert error.render(translator("en")) == "The date 01/04/2027 is in the future."


def test_a_decimal_parameter_has_a_decimal_comma_in_french():
    error = ValidationError(
        "{value} {unit} is outside the plausible range ({low} to {high} {unit}).",
        value=102.5,
        unit="kg",
        low=0.3,
        high=300.0,
    )
    assert error.render(translator("fr")).startswith("102,5 kg") and "0,3 à 300 kg" in error.render(
        translator("fr")
    )


def test_a_wrong_date_is_quoted_as_people_quote_not_as_python_does():
    with pytest.raises(ValidationError) as caught:
        parse_day("31/02/2026")
    assert caught.value.render(translator("fr")) == (
        "« 31/02/2026 » n'est pas une date valide : écrivez-la au format JJ/MM/AAAA."
    )


def test_an_empty_date_or_number_asks_for_one():
    with pytest.raises(ValidationError) as no_day:
        parse_day(" ")
    with pytest.raises(ValidationError) as no_number:
        parse_decimal("")
    assert no_day.value.render(translator("fr")) == "Saisissez une date au format JJ/MM/AAAA."
    assert no_number.value.render(translator("fr")) == "Saisissez un nombre."


def test_english_order_reads_the_month_first():
    assert parse_day("11/02/2026", month_first=True) == date(2026, 11, 2)
    assert parse_day("11/02/2026") == date(2026, 2, 11)


def test_a_quoted_value_has_the_languages_quotes_never_the_programmers():
    """Issue 13: « 25:00 » in French, “25:00” in English; never '25:00' nor '' for an empty field."""
    from domain.errors import ValidationError
    from services.i18n import translator

    typed = ValidationError("Unknown sex {sex!r}: choose F or M.", sex="")
    assert typed.render(translator("fr")) == "Sexe inconnu «  » : choisissez F ou M."
    assert typed.render(translator("en")) == "Unknown sex “”: choose F or M."
    assert "'" not in str(ValidationError("Unknown sex {sex!r}: choose F or M.", sex="X"))

"""A refusal writes its dates as the user's language does (31/12/2025 in French, 12/31/2025 in English),
never as ISO (issue 13). tests/conftest.py checks it for every refusal any test meets; this file checks
the rendering itself, the date refusals of the domain, and every refusal of the code that no test meets."""

import ast
from datetime import date
from pathlib import Path

import pytest

from domain import agenda, bp_series, sharing
from domain.errors import CarnetError, ValidationError
from domain.habits import AdultHabits
from domain.models import AgendaMark, ChildExam, Immunization, check_not_in_future
from services.i18n import translator

ROOT = Path(__file__).resolve().parents[2]
LAST_DAY = date(2025, 12, 31)
TOO_OLD = date(1899, 12, 31)


def refusal(action) -> CarnetError:
    with pytest.raises(CarnetError) as caught:
        action()
    return caught.value


def test_a_refusal_with_a_date_writes_it_day_first_in_french_and_month_first_in_english():
    error = refusal(
        lambda: check_not_in_future(LAST_DAY, date(2025, 1, 1), "The date {day} is in the future.")
    )
    assert error.render(translator("fr")) == "La date 31/12/2025 est dans le futur."
    assert error.render(translator("en")) == "The date 12/31/2025 is in the future."
    assert str(error) == "The date 12/31/2025 is in the future."  # untranslated (a log): not ISO either


@pytest.mark.parametrize(
    "action",
    [
        lambda: Immunization("hexa", TOO_OLD),
        lambda: ChildExam("child-exam-1", TOO_OLD),
        lambda: AgendaMark("dental-6", TOO_OLD),
        lambda: bp_series.BloodPressure(120, 80, TOO_OLD),
        lambda: agenda.recommended(date(2030, 12, 31), "F", LAST_DAY),
        lambda: agenda.recommended(date(1990, 1, 1), "F", date(2026, 1, 1), pregnancy_lmp=date(2026, 12, 31)),
        lambda: AdultHabits(date(2031, 12, 31)).check(date(1990, 1, 1), LAST_DAY),
        lambda: AdultHabits(LAST_DAY, tobacco="former", stopped_smoking=date(1989, 12, 31)).check(
            date(1990, 1, 1), LAST_DAY
        ),
        lambda: sharing.Block("p", sharing.BLOCK_KINDS[0], "Dr A", date(2031, 12, 31)).check(LAST_DAY),
    ],
)
def test_the_date_refusals_of_the_domain_write_the_date_as_french_does(action):
    french = refusal(action).render(translator("fr"))
    assert "/12/" in french and "-12-" not in french


DATE_WORDS = ("day", "date", "on", "lmp", "until", "since", "start", "end", "birth", "when", "at")
ERROR_NAMES = ("Unsyncable", "Quarantined")
# Refusals still handing a date over as text: none is left, so any new one fails here.
LEFT: set[str] = set()


def dates_as_text(path: Path) -> list[str]:
    """The keyword arguments of the errors raised in a module that turn a date into text before the
    error can write it in the user's language: ``x.isoformat()``, ``x.strftime(...)``, ``str(day)``,
    an f-string of a date."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not _is_error(node.func):
            continue
        for keyword in node.keywords:
            if any(_date_to_text(inner) for inner in ast.walk(keyword.value)):
                found.append(f"{path.relative_to(ROOT)}: {keyword.arg}={ast.unparse(keyword.value)}")
    return found


def _is_error(func: ast.expr) -> bool:
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return name.endswith("Error") or name in ERROR_NAMES


def _date_to_text(node: ast.AST) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in ("isoformat", "strftime")
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str":
        return any(_names_a_date(arg) for arg in node.args)
    if isinstance(node, ast.FormattedValue):
        return _names_a_date(node.value)
    return False


def _names_a_date(node: ast.expr) -> bool:
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return any(word in name.lower().split("_") for word in DATE_WORDS)


def test_no_refusal_in_the_code_hands_a_date_over_as_text():
    modules = [ROOT / "main.py"]
    for folder in ("domain", "storage", "services", "views", "components", "cli"):
        modules += sorted((ROOT / folder).rglob("*.py"))
    assert {found for path in modules for found in dates_as_text(path)} == LEFT


def test_the_check_of_the_code_sees_a_date_turned_into_text(tmp_path):
    sample = ROOT / "domain" / "_sample_for_test.py"  # read only by ast, never imported
    try:
        sample.write_text(
            'raise ValidationError("On {day}.", day=on.isoformat())\n'
            'raise Unsyncable(reason=f"from {start_day}")\n'
            'raise ValidationError("At {day}.", day=str(day))\n'
            'raise ValidationError("On {day}.", day=on, n=str(count))\n',
            encoding="utf-8",
        )
        assert dates_as_text(sample) == [
            "domain/_sample_for_test.py: day=on.isoformat()",
            "domain/_sample_for_test.py: reason=f'from {start_day}'",
            "domain/_sample_for_test.py: day=str(day)",
        ]
    finally:
        sample.unlink()


def test_a_validation_error_keeps_its_date_a_date():
    assert ValidationError("On {day}.", day=LAST_DAY).params["day"] == LAST_DAY

"""What a form's save receives: its values, read as the user's language writes them, each refusal
tagged with the field it is about so that the form shows it there (views/context.py: ViewContext.form).

Dates are typed as the language writes them (31/12/2025 in French, 12/31/2025 in English: the catalog's
"%m/%d/%Y"); numbers with a decimal comma or point.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date

from domain.errors import N_, CarnetError, ValidationError
from domain.models import parse_day, parse_decimal

Translate = Callable[[str], str]


def day_pattern(_: Translate) -> str:
    return _("%m/%d/%Y")


def month_first(_: Translate) -> bool:
    return day_pattern(_).startswith("%m")


def date_hint(_: Translate) -> str:
    """The order to type a date in: "JJ/MM/AAAA" in French, "MM/DD/YYYY" in English."""
    return _("MM/DD/YYYY") if month_first(_) else _("DD/MM/YYYY")


def date_label(label: str, _: Translate) -> str:
    """A date field's label with the order to type it in: "Date (JJ/MM/AAAA)", "Date (MM/DD/YYYY)"."""
    return _("{label} ({format})").format(label=label, format=date_hint(_))


def day_input(day: date | None, _: Translate) -> str:
    """A date as a form shows it, in the order the user types it back."""
    return day.strftime(day_pattern(_)) if day else ""


@contextmanager
def on_field(key: str = "", *, dated: str = "", messages: Mapping[str, str] | None = None) -> Iterator[None]:
    """Tags a refusal raised inside with the field it is about (unless it already names one): the field
    ``messages`` gives for its message id, else ``dated`` for a refusal about a day (a ``day``
    parameter: in the future, before the birth...), else ``key``; untagged, the form shows it on its
    own error line."""
    try:
        yield
    except CarnetError as exc:
        if not getattr(exc, "field", ""):
            by_day = dated if "day" in exc.params else ""
            exc.field = (messages or {}).get(exc.msgid) or by_day or key  # type: ignore[attr-defined]
        raise


class FormValues(dict[str, str]):
    """The typed texts of a form, by key; ``day`` and ``number`` read one, tagged with its field."""

    def __init__(self, values: dict[str, str], _: Translate) -> None:
        super().__init__(values)
        self._ = _

    def day(self, key: str) -> date:
        with on_field(key):
            return parse_day(self[key], month_first(self._))

    def optional_day(self, key: str) -> date | None:
        return self.day(key) if self.get(key, "").strip() else None

    def number(self, key: str) -> float:
        with on_field(key):
            return parse_decimal(self[key])

    def optional_number(self, key: str) -> float | None:
        return self.number(key) if self.get(key, "").strip() else None

    def choice(self, key: str) -> str:
        """A drop-down's answer, which must be given (a questionnaire's)."""
        if not self.get(key, ""):
            with on_field(key):
                raise ValidationError(N_("Choose an answer."))
        return self[key]

    def errors(self, kinds: dict[str, str]) -> dict[str, str]:
        """Every field of ``kinds`` ("date", "optional date", "number", "optional number", "choice")
        that cannot be read, with why."""
        readers: dict[str, Callable[[str], object]] = {
            "date": self.day,
            "optional date": self.optional_day,
            "number": self.number,
            "optional number": self.optional_number,
            "choice": self.choice,
        }
        found: dict[str, str] = {}
        for key, kind in kinds.items():
            try:
                readers[kind](key)
            except CarnetError as exc:
                found[key] = exc.render(self._)
        return found

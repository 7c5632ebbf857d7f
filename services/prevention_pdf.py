"""The prevention PDFs (fpdf2): the one-page Mon bilan prévention summary to bring to the
professional, and the ICOPE screenings over time, to share.

The bilan page puts first the answers that call for discussion, then the habits, the vaccinations and
screenings due, and the other answers in small print while the page has room (one page: the rest is
counted, not dropped silently). Texts go through the caller's translator: the PDF is in the app's
language. The summary can be attached to the profile's documents (services/documents).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from domain import icope
from domain.bilan import Item, Summary, questionnaire
from domain.errors import N_
from domain.habits import Question, questions
from domain.models import Document, Profile
from domain.plan import AgendaItem
from domain.prevention_records import HabitsRecord, IcopeRecord
from services import agenda, documents, prevention
from services.session import Session

Translate = Callable[[str], str]
SUMMARY_TYPE = "60591-5"  # Patient summary (the DMP document types, domain/models.py)
PAGE_BOTTOM = 270  # mm: below this the one page is full (A4 is 297 mm, 15 mm margin, a footer line)
DOMAIN_NAMES = {
    "cognition": N_("Memory"),
    "mobility": N_("Mobility"),
    "nutrition": N_("Nutrition"),
    "vision": N_("Vision"),
    "hearing": N_("Hearing"),
    "mood": N_("Mood"),
}
_SUBSTITUTES = str.maketrans({"œ": "oe", "Œ": "OE", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "...",
                              "–": "-", "—": "-", "\u202f": " "})  # fmt: skip


def text(value: str) -> str:
    """The built-in PDF fonts cover Latin-1: the few French signs outside it are written plainly."""
    return value.translate(_SUBSTITUTES).encode("latin-1", "replace").decode("latin-1")


def _pdf(title: str) -> Any:
    from fpdf import FPDF  # imported on use: it costs 0.4 s of start-up otherwise

    pdf = FPDF(format="A4")
    pdf.set_creator("Carnet")
    pdf.set_title(text(title))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, text(title), new_x="LMARGIN", new_y="NEXT")
    return pdf


def _heading(pdf: Any, title: str) -> None:
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 6, text(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)


def _lines(pdf: Any, lines: list[str], empty: str) -> int:
    """Writes the lines while the page has room; returns how many did not fit."""
    for index, line in enumerate(lines or [empty]):
        if pdf.get_y() > PAGE_BOTTOM:
            return len(lines) - index
        pdf.multi_cell(0, 4.5, text(line), new_x="LMARGIN", new_y="NEXT")
    return 0


def number(value: float, language: str) -> str:
    """A number as the language writes it (the decimal comma in French)."""
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=language))


def answer_text(item: Item, _: Translate, language: str = "en") -> str:
    if item.answers:
        shown = ", ".join(_(a) for a in item.answers)
    elif isinstance(item.value, int | float):
        shown = number(item.value, language)
    else:
        shown = str(item.value)
    return f"{_(item.question)} {shown}"


def habit_lines(record: HabitsRecord | None, _: Translate, day: str, language: str = "en") -> list[str]:
    """Each answered habit as 'question: answer' (in the form's order)."""
    if record is None:
        return []
    found = []
    for question in questions(record.form):
        value = record.answers.get(question.id)
        if value is not None:
            found.append(f"{_(question.question)} {habit_value(question, value, _, day, language)}")
    return found


def habit_value(question: Question, value: Any, _: Translate, day: str, language: str = "en") -> str:
    labels = {a.id: a.label for a in question.answers}
    if question.type == "yes_no":
        return _("Yes") if value else _("No")
    if question.type == "single":
        return _(labels.get(value, str(value)))
    if question.type == "date":
        return date.fromisoformat(value).strftime(day) if isinstance(value, str) else str(value)
    if question.type == "instrument":
        return str(sum(value))
    return number(value, language) if isinstance(value, int | float) else str(value)


def due_items(plan: Iterable[AgendaItem], today: date, kinds: tuple[str, ...]) -> list[AgendaItem]:
    return [i for i in plan if i.kind in kinds and agenda.section_of(i, today) == "to_plan"]


def bilan_pdf(
    profile: Profile,
    found: Summary,
    habits: list[str],
    vaccinations: list[AgendaItem],
    screenings: list[AgendaItem],
    today: date,
    _: Translate,
    language: str = "en",
) -> bytes:
    day = _("%m/%d/%Y")
    pdf = _pdf(_("Mon bilan prévention ({bracket} years)").format(bracket=found.bracket))
    pdf.set_font("Helvetica", size=10)
    who = _("{name}, born on {day}").format(name=profile.display_name, day=profile.birth_date.strftime(day))
    pdf.multi_cell(0, 6, text(who), new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, _("To talk about with the professional"))
    left = _lines(
        pdf, [answer_text(i, _, language) for i in found.discuss], _("No answer calls for discussion.")
    )
    _heading(pdf, _("Habits"))
    left += _lines(pdf, habits, _("No habit recorded."))
    _heading(pdf, _("Vaccinations due"))
    left += _lines(pdf, [_(i.label) for i in vaccinations], _("No vaccination due."))
    _heading(pdf, _("Screenings due"))
    left += _lines(pdf, [_(i.label) for i in screenings], _("No screening due."))
    if found.others:
        _heading(pdf, _("Other answers"))
        left += _lines(pdf, [answer_text(i, _, language) for i in found.others], "")
    pdf.set_y(PAGE_BOTTOM + 6)
    pdf.set_font("Helvetica", "I", 8)
    footer = _("Made by Carnet on {day} from your answers; it is not a diagnosis.").format(
        day=today.strftime(day)
    )
    if left:
        footer += " " + _("{count} more lines in Carnet.").format(count=left)
    pdf.multi_cell(0, 4, text(footer), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def bilan_summary_pdf(
    session: Session, profile: Profile, bracket_id: str, today: date, _: Translate, language: str = "en"
) -> bytes:
    """The one-page summary of the profile's answers to the bracket's questionnaire."""
    questionnaire(bracket_id)  # an unknown bracket is refused before anything is read
    found = prevention.bilan_summary(session, profile, bracket_id, today)
    plan = agenda.plan(session, profile, today)
    habits = habit_lines(prevention.habits_record(session, profile, today), _, _("%m/%d/%Y"), language)
    return bilan_pdf(
        profile,
        found,
        habits,
        due_items(plan, today, ("vaccination",)),
        due_items(plan, today, ("screening",)),
        today,
        _,
        language,
    )


def attach_bilan(
    session: Session, profile: Profile, bracket_id: str, today: date, _: Translate, language: str = "en"
) -> Document:
    """The summary, added to the profile's documents (searchable, logged, synchronised)."""
    data = bilan_summary_pdf(session, profile, bracket_id, today, _, language)
    title = _("Mon bilan prévention ({bracket} years)").format(bracket=bracket_id)
    return documents.add_document(
        session, profile.id, data, today=today, title=title, type_code=SUMMARY_TYPE, on=today
    )


def icope_pdf(profile: Profile, history: list[IcopeRecord], today: date, _: Translate) -> bytes:
    """The screenings in a table (one line each, the positive domains marked), then the next steps of
    the latest one."""
    day = _("%m/%d/%Y")
    pdf = _pdf(_("ICOPE screenings"))
    pdf.set_font("Helvetica", size=10)
    who = _("{name}, born on {day}").format(name=profile.display_name, day=profile.birth_date.strftime(day))
    pdf.multi_cell(0, 6, text(who), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", size=9)
    with pdf.table(text_align="LEFT", line_height=5) as table:
        header = table.row()
        for name in (_("Date"), *(_(DOMAIN_NAMES[d]) for d in icope.DOMAINS), _("Filled in by")):
            header.cell(text(name))
        for record in history[-20:]:
            positive = record.positive()
            row = table.row()
            row.cell(record.on.strftime(day))
            for domain in icope.DOMAINS:
                row.cell(text(_("To check") if domain in positive else _("OK")))
            row.cell(text(_("A caregiver") if record.filled_by == "caregiver" else _("The person")))
    if history:
        steps = icope.next_steps(history[-1].positive())
        _heading(pdf, _(icope.summary(history[-1].positive())))
        for step in steps:
            pdf.multi_cell(
                0, 4.5, text(f"{_(step.title)}: {_(step.next_step)}"), new_x="LMARGIN", new_y="NEXT"
            )
    pdf.ln(3)
    pdf.set_font("Helvetica", "I", 8)
    footer = _("Made by Carnet on {day}; a screening, not a diagnosis.").format(day=today.strftime(day))
    pdf.multi_cell(0, 4, text(footer), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def icope_history_pdf(session: Session, profile: Profile, today: date, _: Translate) -> bytes:
    return icope_pdf(profile, prevention.icope_history(session, profile.id), today, _)

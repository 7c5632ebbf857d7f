"""The Prévention questionnaires as dialogs: habits, the three self-tests, Mon bilan prévention and ICOPE.

The questions come from the domain's data; this module only turns them into ``components.question_form``
questions and turns the typed answers back into the domain's values. Every refusal is shown under the
question it concerns (all the unanswered or unreadable ones at once), the form kept open; never in a snack
bar behind it (issue 13, point 3).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from components.question_form import Question, QuestionForm
from domain import bilan, habits, selftests
from domain.errors import N_, ValidationError
from domain.models import Profile, completed_months, parse_day, parse_decimal
from domain.prevention_rules import asset, holds
from services import prevention, prevention_pdf
from views.context import ViewContext
from views.forms import Translate, date_hint, day_input, month_first, on_field
from views.prevention.refusals import tagged, unreadable

YES_NO_KEYS = {"yes": True, "no": False}
Save = Callable[[dict[str, Any]], Any]
Check = Callable[[dict[str, Any]], dict[str, str]]  # the answers -> the wrong ones, with why
READ_AS = {"number": "optional number", "date": "optional date"}  # a domain question's type -> views/forms.py


def _yes_no(ctx: ViewContext) -> dict[str, str]:
    return {"yes": ctx._("Yes"), "no": ctx._("No")}


def _number(text: str, whole: bool) -> float | int:
    value = parse_decimal(text)
    return int(value) if whole and value.is_integer() else value


def _show(
    form: QuestionForm,
    ctx: ViewContext,
    save: Save,
    done: str,
    check: Check,
    extra: Save | None = None,
    after: Callable[[], Any] | None = None,
) -> QuestionForm:
    """Shows the form. A confirm first marks every unreadable or missing answer at once (``check``), then
    runs ``save`` through ctx.submit: a refusal of the rules goes under its question, the form stays open
    and the first wrong question gets the focus; never a snack bar behind the form."""

    def run(action: Save, values: dict[str, Any], message: str) -> None:
        wrong = check(values)
        if wrong:
            ctx.state.touch()  # a refusal is activity too, for the auto-lock
            form.show_errors(wrong)
            return
        ctx.submit(lambda: tagged(action, values, ctx._), message, after, form=form)

    form.on_confirm = lambda values: run(save, values, done)
    if extra is not None:
        form.on_extra = lambda values: run(extra, values, ctx._("Draft saved."))
    form.on_cancel = ctx.host.close_dialog
    ctx.host.show_dialog(form)
    return form


# -- habits --------------------------------------------------------------------------------------------
def habit_questions(ctx: ViewContext, profile: Profile, given: Mapping[str, Any]) -> list[Question]:
    _, today = ctx._, ctx.state.today()
    form = habits.form_for(profile.birth_date, today)
    age = completed_months(profile.birth_date, today) if form == habits.CHILD else None
    shown = []
    for q in habits.questions(form, age):
        if q.type == "instrument" or not _asked(q.show_if, given):
            continue  # AUDIT-C is a self-test of its own; follow-up questions follow their answer
        if q.type in ("single", "yes_no"):
            options = _yes_no(ctx) if q.type == "yes_no" else {a.id: _(a.label) for a in q.answers}
            shown.append(Question(q.id, _(q.question), "choice", options, hint=_(q.hint) if q.hint else ""))
        else:
            hint = date_hint(_) if q.type == "date" else (_(q.hint) if q.hint else "")
            shown.append(Question(q.id, _(q.question), "text", hint=hint))
    return shown


def habit_values(profile: Profile, values: Mapping[str, Any], form: str, _: Translate) -> dict[str, Any]:
    """The typed answers as the habits record's values (follow-up questions without their answer dropped);
    a date typed in the language's order (``_``: 12/31/2025 in English)."""
    known = {q.id: q for q in habits.questions(form)}
    parsed: dict[str, Any] = {}
    for key, text in values.items():
        q = known[key]
        if text in ("", None):
            continue
        if q.type == "yes_no":
            parsed[key] = YES_NO_KEYS[text]
        elif q.type == "number":
            with on_field(key):
                parsed[key] = _number(text, q.step is None)
        elif q.type == "date":
            with on_field(key):
                parsed[key] = parse_day(text, month_first(_))
        else:
            parsed[key] = text
    return {k: v for k, v in parsed.items() if _asked(known[k].show_if, parsed)}


def _asked(show_if: Mapping[str, Any] | None, answers: Mapping[str, Any]) -> bool:
    """A follow-up question is asked only when the answer it follows says so."""
    return show_if is None or holds(show_if, answers)


def _shown_values(
    record: Any, language: str, _: Translate, dates: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """A record's answers as the form shows them (yes/no keys, dates and decimals as the language writes
    them)."""
    if record is None:
        return {}
    found: dict[str, Any] = {}
    for key, value in record.answers.items():
        if isinstance(value, bool):
            found[key] = "yes" if value else "no"
        elif key in dates and isinstance(value, str):
            found[key] = day_input(date.fromisoformat(value), _)
        elif isinstance(value, float | int):
            found[key] = prevention_pdf.number(value, language)
        else:
            found[key] = value
    return found


def open_habits(ctx: ViewContext, profile: Profile) -> QuestionForm:
    _, state = ctx._, ctx.state
    today = state.today()
    form_id = habits.form_for(profile.birth_date, today)
    dates = frozenset(q.id for q in habits.questions(form_id) if q.type == "date")
    start = _shown_values(prevention.habits_record(state.session, profile, today), state.language, _, dates)
    heading = _("Lifestyle habits") if form_id == habits.ADULT else _("Your child's habits")
    intro = _("Every answer is optional and can be changed at any time.")
    raw = {k: v for k, v in start.items()}
    typed = {k: (YES_NO_KEYS.get(v, v) if isinstance(v, str) else v) for k, v in raw.items()}
    questions = [
        Question(q.key, q.text, q.kind, q.options, start.get(q.key, ""), q.hint)
        for q in habit_questions(ctx, profile, typed)
    ]
    form = QuestionForm(
        heading=heading,
        intro=intro,
        questions=questions,
        confirm_text=_("Save"),
        cancel_text=_("Cancel"),
        identifier="habits",
    )

    def changed(key: str) -> None:
        current = {k: (YES_NO_KEYS.get(v, v) if isinstance(v, str) else v) for k, v in form.values().items()}
        form.draw(habit_questions(ctx, profile, current))

    form.on_change = changed

    def save(values: dict[str, Any]) -> None:
        answers = habit_values(profile, values, form_id, _)
        cls = habits.AdultHabits if form_id == habits.ADULT else habits.ChildHabits
        prevention.save_habits(state.session, profile, cls(today, **answers), today)

    kinds = {q.id: READ_AS[q.type] for q in habits.questions(form_id) if q.type in READ_AS}
    return _show(form, ctx, save, _("Habits saved."), lambda values: unreadable(values, kinds, _))


# -- self-tests ----------------------------------------------------------------------------------------
TEST_TITLES = {t["id"]: t["title"] for t in asset("selftests")["tests"]}


def open_selftest(ctx: ViewContext, profile: Profile, test: str, shown: Callable[[Any], Any]) -> QuestionForm:
    """A self-test in its published wording; ``shown(result)`` then says the result and its helpline."""
    _, state = ctx._, ctx.state
    raw = next(t for t in asset("selftests")["tests"] if t["id"] == test)
    questions = [
        Question(item.id, _(item.question), "choice", {str(o.points): _(o.label) for o in item.options})
        for item in selftests.items(test)
    ]
    told = prevention.habits_record(state.session, profile, state.today())
    cigarettes = told.answers.get("cigarettes_per_day") if told is not None else None
    if test == "hsi" and isinstance(cigarettes, int) and cigarettes >= 1:  # already told in the habits
        first = questions[0]
        questions[0] = first._replace(value=str(selftests.cigarettes_points(cigarettes)))
    form = QuestionForm(
        heading=_(TEST_TITLES[test]),
        intro=_(intro) if (intro := raw.get("intro", "")) else "",
        questions=questions,
        confirm_text=_("See the result"),
        cancel_text=_("Cancel"),
        identifier=f"test-{test}",
    )

    results: list[Any] = []

    def save(values: dict[str, Any]) -> None:
        answers = tuple(int(values[q.key]) for q in questions)
        results.append(prevention.take_selftest(state.session, profile, test, answers, state.today()))

    def after() -> None:
        state.notify()  # the screen shows the new result, then the result's own dialog opens over it
        shown(results[-1])

    every = dict.fromkeys((q.key for q in questions), "choice")  # each one answered, to score the test
    return _show(form, ctx, save, "", lambda values: unreadable(values, every, _), after=after)


# -- Mon bilan prévention ------------------------------------------------------------------------------
def bilan_questions(
    ctx: ViewContext, profile: Profile, bracket: str, given: Mapping[str, Any]
) -> list[Question]:
    _, today = ctx._, ctx.state.today()
    age = completed_months(profile.birth_date, today) // 12
    found = []
    for q in bilan.visible(bilan.questionnaire(bracket), given, profile.sex, age):
        text = _(q.question) + (f" ({_(q.unit)})" if q.unit else "")
        options = {a.id: _(a.label) for a in q.answers}
        kind = {"single": "choice", "multi": "multi"}.get(q.type, "text")
        found.append(Question(q.id, text, kind, options))
    return found


def bilan_values(bracket: str, values: Mapping[str, Any]) -> dict[str, Any]:
    known = {q.id: q for q in bilan.questionnaire(bracket).questions}
    parsed: dict[str, Any] = {}
    for key, value in values.items():
        q = known[key]
        if value in ("", None, []):
            continue
        if q.type == "number":
            with on_field(key):
                parsed[key] = _number(value, q.step is None)
        else:
            parsed[key] = value
    return parsed


def open_bilan(ctx: ViewContext, profile: Profile, bracket: str) -> QuestionForm:
    _, state = ctx._, ctx.state
    today = state.today()
    record = prevention.bilan_record(state.session, profile.id, bracket)
    given = dict(record.answers) if record else {}
    shown = _shown_values(record, state.language, _)
    questions = [
        Question(q.key, q.text, q.kind, q.options, shown.get(q.key, ""))
        for q in bilan_questions(ctx, profile, bracket, given)
    ]
    form = QuestionForm(
        heading=_("Mon bilan prévention ({bracket} years)").format(bracket=bracket),
        intro=_("Your answers are saved as a draft: come back to them at any time before the appointment."),
        questions=questions,
        confirm_text=_("Finish"),
        extra_text=_("Save as draft"),
        cancel_text=_("Cancel"),
        identifier="bilan",
    )

    def changed(key: str) -> None:
        form.draw(bilan_questions(ctx, profile, bracket, form.values()))

    form.on_change = changed

    def save(finished: bool) -> Save:
        return lambda values: prevention.save_bilan(
            state.session, profile, bracket, bilan_values(bracket, values), today, finished
        )

    kinds = {q.id: READ_AS[q.type] for q in bilan.questionnaire(bracket).questions if q.type in READ_AS}
    check: Check = lambda values: unreadable(values, kinds, _)  # noqa: E731
    return _show(form, ctx, save(True), _("Questionnaire saved."), check, extra=save(False))


# -- ICOPE ---------------------------------------------------------------------------------------------
def icope_questions(ctx: ViewContext) -> tuple[str, list[Question]]:
    _ = ctx._
    items = asset("icope")["items"]
    said = next(i.get("text", "") for i in items if i["id"] == "words_given")
    intro = _(said)
    questions = [
        Question(
            "filled_by",
            _("Who fills the screening in?"),
            "choice",
            {"self": _("The person"), "caregiver": _("A caregiver, for the person helped")},
            "self",
        )
    ]
    for item in items:
        if item["id"] == "words_given":
            continue
        hint, text = item.get("hint", ""), item.get("question", "")
        hint, text = (_(hint) if hint else ""), (_(text) if text else "")
        if item["type"] == "yes_no":
            questions.append(Question(item["id"], text, "choice", _yes_no(ctx)))
        elif item["id"] == "words_recalled":
            questions.append(Question(item["id"], text, "choice", {str(n): str(n) for n in range(4)}))
        else:
            questions.append(Question(item["id"], text, "text", hint=hint))
    return intro, questions


def icope_values(values: Mapping[str, Any]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for key, value in values.items():
        if key == "filled_by":
            continue
        if key == "chair_rise_seconds":
            with on_field(key):
                answers[key] = parse_decimal(value) if value else None
        elif key == "words_recalled":
            answers[key] = int(value) if value else None
        elif value in YES_NO_KEYS:
            answers[key] = YES_NO_KEYS[value]
        else:
            _unanswered(key)
    if answers.get("words_recalled") is None:
        _unanswered("words_recalled")
    return answers


def _unanswered(key: str) -> None:
    with on_field(key):
        raise ValidationError(N_("Choose an answer."))


def open_icope(ctx: ViewContext, profile: Profile) -> QuestionForm:
    _, state = ctx._, ctx.state
    intro, questions = icope_questions(ctx)
    default = "caregiver" if profile.role == "helped" else "self"
    questions[0] = Question(questions[0].key, questions[0].text, "choice", questions[0].options, default)
    form = QuestionForm(
        heading=_("ICOPE self-assessment"),
        intro=intro,
        questions=questions,
        confirm_text=_("See the result"),
        cancel_text=_("Cancel"),
        identifier="icope",
    )

    def save(values: dict[str, Any]) -> None:
        prevention.record_icope(
            state.session,
            profile,
            icope_values(values),
            state.today(),
            filled_by=values["filled_by"] or "self",
        )

    kinds = {q.key: "optional number" if q.kind == "text" else "choice" for q in questions}
    return _show(form, ctx, save, _("Screening saved."), lambda values: unreadable(values, kinds, _))

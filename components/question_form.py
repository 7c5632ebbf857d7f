"""A questionnaire in a dialog: each question's full text above its answer control, for questions too
long for a field label (habits, self-tests, Mon bilan prévention, ICOPE).

A ``Question`` is one of: "choice" (a drop-down of ``options``, value -> label), "multi" (check boxes,
the value is the list of ticked keys), "text" (a text field; numbers and dates are typed as text and
parsed by the caller). ``values()`` gives {key: str | list[str]}. ``show_errors({key: message})`` puts
each refusal under its question (all at once, the others cleared), one that names no question on the
form's own line, and moves the focus to the first wrong question: the same contract as FormDialog, so
``ViewContext.submit`` shows a refusal here. ``on_change(key)`` lets the caller redraw follow-up questions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import field
from typing import Any, NamedTuple

import flet as ft

from components.form_errors import ERROR_LINES, error_line


class Question(NamedTuple):
    """Not a dataclass: Flet walks the dataclasses a control holds as if they were its own values."""

    key: str
    text: str
    kind: str = "choice"  # choice / multi / text
    options: dict[str, str] = {}  # noqa: RUF012 - never mutated: a NamedTuple's default is shared
    value: Any = ""
    hint: str = ""


@ft.control
class QuestionForm(ft.AlertDialog):
    heading: str = ""
    intro: str = ""
    questions: list[Question] = field(default_factory=list)
    confirm_text: str = "Save"
    cancel_text: str = "Cancel"
    extra_text: str = ""  # a second way to confirm (e.g. "Save as draft"): on_extra
    identifier: str = "questions"
    on_confirm: Callable[[dict[str, Any]], Any] | None = None
    on_extra: Callable[[dict[str, Any]], Any] | None = None
    on_cancel: Callable[[], Any] | None = None
    on_change: Callable[[str], Any] | None = None

    def init(self) -> None:
        self.modal = True
        self.title = ft.Text(self.heading)
        self.inputs: dict[str, Any] = {}
        self.notes: dict[str, ft.Text] = {}  # a check-box question's refusal, under its boxes
        self.focused = ""  # the question the last refusal moved the focus to
        self.error = error_line(self.identifier)
        self.content = ft.Column(
            tight=True,
            scroll=ft.ScrollMode.AUTO,
            width=560,
            spacing=6,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )
        self.draw(self.questions)
        self.actions = [self._button(self.cancel_text, "cancel", self.cancel, filled=False)]
        if self.extra_text:
            self.actions.append(self._button(self.extra_text, "extra", self.extra, filled=False))
        self.actions.append(self._button(self.confirm_text, "confirm", self.confirm, filled=True))

    def _button(self, text: str, name: str, act: Callable[[], Any], filled: bool) -> ft.Control:
        button = (ft.FilledButton if filled else ft.TextButton)(text, on_click=lambda e: act())
        return ft.Semantics(content=button, label=text, button=True, identifier=f"{self.identifier}-{name}")

    def draw(self, questions: list[Question]) -> None:
        """(Re)draws the questions, keeping the answers already given to those still shown."""
        given = self.values() if self.inputs else {}
        self.questions, self.inputs, self.notes = questions, {}, {}
        rows: list[ft.Control] = [ft.Text(self.intro, italic=True)] if self.intro else []
        rows.append(self.error)  # a refusal that names no question is said here, at the top
        for question in questions:
            value = given.get(question.key, question.value)
            rows.append(ft.Text(question.text, weight=ft.FontWeight.W_500))
            if question.hint:  # under the question, wrapping (a field's helper line is cut short)
                rows.append(ft.Text(question.hint, size=12, italic=True))
            rows.append(self._control(question, value))
        assert isinstance(self.content, ft.Column)
        self.content.controls = rows

    def _control(self, question: Question, value: Any) -> ft.Control:
        ident = f"{self.identifier}-{question.key}"
        changed = lambda e, key=question.key: self.on_change and self.on_change(key)  # noqa: E731
        if question.kind == "multi":
            boxes: list[ft.Control] = [
                ft.Checkbox(label=label, value=key in (value or []), data=key, on_change=changed)
                for key, label in question.options.items()
            ]
            self.inputs[question.key] = boxes
            note = self.notes[question.key] = ft.Text("", color=ft.Colors.ERROR, size=12, visible=False)
            group = ft.Column([*boxes, note], spacing=0)
            return ft.Semantics(content=group, label=question.text, identifier=ident)
        if question.kind == "choice":
            control: ft.Dropdown | ft.TextField = ft.Dropdown(
                value=value or None,
                options=[ft.DropdownOption(key=k, text=t) for k, t in question.options.items()],
                expand=True,  # the whole width of the row it sits in
                on_select=changed,
            )
        else:  # typed text redraws nothing: only a choice can bring a follow-up question
            control = ft.TextField(value=str(value or ""), expand=True)
        self.inputs[question.key] = control
        return ft.Semantics(content=ft.Row([control]), label=question.text, identifier=ident)

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, control in self.inputs.items():
            if isinstance(control, list):
                found[key] = [box.data for box in control if isinstance(box, ft.Checkbox) and box.value]
            else:
                found[key] = str(control.value or "")
        return found

    def show_errors(self, errors: Mapping[str, str], general: str = "") -> str | None:
        """Each message under its question (the others cleared), one for no question shown here on the
        form's own line; the focus goes to the first wrong question, in the order they are asked."""
        for key, control in self.inputs.items():
            message = errors.get(key)
            if isinstance(control, ft.Dropdown):
                control.error_text = message
            elif isinstance(control, ft.TextField):
                control.error, control.error_max_lines = message, ERROR_LINES
            else:
                note = self.notes[key]
                note.value, note.visible = message or "", bool(message)
        elsewhere = [message for key, message in errors.items() if key not in self.inputs]
        said = " ".join([*elsewhere, general]).strip()
        text = self.error.content
        assert isinstance(text, ft.Text)
        text.value, self.error.visible = said, bool(said)
        self.focused = next((key for key in self.inputs if key in errors), "")
        control = self.inputs.get(self.focused)
        if isinstance(control, ft.Dropdown | ft.TextField):  # a check box cannot take the focus in Flet 1.0
            with suppress(RuntimeError):  # a form built without a page (the tests): nothing to focus
                control.page.run_task(control.focus)
        return self.focused or None

    def confirm(self) -> None:
        if self.on_confirm:
            self.on_confirm(self.values())

    def extra(self) -> None:
        if self.on_extra:
            self.on_extra(self.values())

    def cancel(self) -> None:
        if self.on_cancel:
            self.on_cancel()

"""The Prévention questionnaires show every refusal under its question: the unanswered ones all at once,
an unreadable answer, a rule of the domain said in words (no question code, no ISO date); the dialog stays
open, the first wrong question gets the focus, and no snack bar is opened behind it. Client-less."""

from datetime import date

import flet as ft

from components.question_form import Question, QuestionForm
from services import prevention, records

from .test_prevention_screen import ICOPE_KEYS, add_person, open_prevention
from .tree import press


def test_a_self_test_marks_every_unanswered_question_at_once_and_stays_open(unlocked):
    shell, state, host = unlocked
    open_prevention(state, language="fr")
    press(shell.body, "test-open-phq2")
    form = host.dialogs[-1]
    form.inputs["P2"].value = "1"
    form.confirm()
    assert form.inputs["P1"].error_text == "Choisissez une réponse." and form.inputs["P2"].error_text is None
    assert host.dialogs == [form] and host.toasts == [] and form.focused == "P1"
    form.inputs["P2"].value = None
    form.confirm()
    assert [form.inputs[k].error_text for k in ("P1", "P2")] == ["Choisissez une réponse."] * 2
    assert host.toasts == []


def test_icope_marks_each_question_left_unanswered_and_saves_nothing(unlocked):
    shell, state, host = unlocked
    add_person(state, "Rose", date(1959, 2, 1))
    open_prevention(state, "Rose")
    press(shell.body, "icope-start")
    form = host.dialogs[-1]
    form.inputs["oriented"].value = "yes"
    form.inputs["chair_rise_seconds"].value = "vite"
    form.confirm()
    unanswered = [k for k in (*ICOPE_KEYS, "words_recalled") if k != "oriented"]
    assert all(form.inputs[k].error_text == "Choose an answer." for k in unanswered)
    assert form.inputs["oriented"].error_text is None
    assert form.inputs["chair_rise_seconds"].error == "“vite” is not a number."
    assert form.focused == "words_recalled" and host.dialogs == [form] and host.toasts == []
    assert prevention.icope_history(state.session, state.current.id) == []


def test_an_icope_rule_refusal_goes_under_its_question(unlocked):
    shell, state, host = unlocked
    add_person(state, "Rose", date(1959, 2, 1))
    open_prevention(state, "Rose")
    press(shell.body, "icope-start")
    form = host.dialogs[-1]
    for key in ICOPE_KEYS:
        form.inputs[key].value = "no"
    form.inputs["words_recalled"].value = "3"
    form.inputs["chair_rise_seconds"].value = "0"
    form.confirm()
    assert form.inputs["chair_rise_seconds"].error.startswith("The chair rise time is a number of seconds")
    assert form.focused == "chair_rise_seconds" and host.dialogs == [form] and host.toasts == []


def test_a_habit_out_of_range_is_said_under_its_question_without_its_code(unlocked):
    shell, state, host = unlocked
    open_prevention(state, language="fr")
    press(shell.body, "habits-open")
    form = host.dialogs[-1]
    form.inputs["tobacco"].value = "daily"
    form.on_change("tobacco")
    form.inputs["cigarettes_per_day"].value = "500"
    form.inputs["sleep_hours"].value = "sept"
    form.confirm()  # the unreadable one first, alone: nothing is checked against the rules yet
    assert form.inputs["sleep_hours"].error == "« sept » n'est pas un nombre."
    assert form.inputs["cigarettes_per_day"].error is None and host.toasts == []
    form.inputs["sleep_hours"].value = "7,5"
    form.confirm()
    error = form.inputs["cigarettes_per_day"].error
    assert error == "Saisissez un nombre de 1 à 99." and form.inputs["sleep_hours"].error is None
    assert form.focused == "cigarettes_per_day" and host.dialogs == [form] and host.toasts == []
    assert records.list_records(state.session, state.current.id, "habits") == []


def test_a_habit_date_in_the_future_is_said_under_that_date_as_french_writes_it(unlocked):
    shell, state, host = unlocked
    open_prevention(state, language="fr")
    press(shell.body, "habits-open")
    form = host.dialogs[-1]
    form.inputs["tobacco"].value = "former"
    form.on_change("tobacco")
    form.inputs["started_smoking"].value = "01/09/2001"
    form.inputs["stopped_smoking"].value = "15/01/2030"
    form.confirm()
    assert "15/01/2030" in form.inputs["stopped_smoking"].error and "2030-01-15" not in str(
        form.inputs["stopped_smoking"].error
    )
    assert form.inputs["started_smoking"].error is None
    assert form.focused == "stopped_smoking" and host.dialogs == [form] and host.toasts == []


def test_a_bilan_draft_with_an_unreadable_weight_is_refused_on_that_question(unlocked):
    shell, state, host = unlocked
    add_person(state, "Marc", date(1978, 5, 1), "M", role="holder")
    open_prevention(state, "Marc")
    press(shell.body, "bilan-open")
    form = host.dialogs[-1]
    form.inputs["MASSE"].value = "quatre-vingts"
    form.inputs["TAILLE"].value = "9"
    form.extra()
    assert form.inputs["MASSE"].error == "“quatre-vingts” is not a number."
    assert host.dialogs == [form] and host.toasts == [] and form.focused == "MASSE"
    form.inputs["MASSE"].value = "82"
    form.extra()  # the height in metres: 9 m is refused by the questionnaire's rule, under the height
    assert form.inputs["TAILLE"].error == "Type a number from 0.5 to 2.5."
    assert form.inputs["MASSE"].error is None
    assert host.dialogs == [form] and host.toasts == []


def test_a_check_box_question_shows_its_refusal_under_its_boxes_and_a_general_one_at_the_top():
    form = QuestionForm(
        questions=[
            Question("when", "When?", "text"),
            Question("what", "What?", "multi", {"a": "A", "b": "B"}),
        ]
    )
    assert form.show_errors({"what": "Choose at least one."}, "Not saved.") == "what"
    note = form.notes["what"]
    assert note.visible and note.value == "Choose at least one." and note.color == ft.Colors.ERROR
    assert form.error.visible and form.error.content.value == "Not saved."
    form.show_errors({})
    assert not note.visible and not form.error.visible and form.focused == ""

"""Grossesse, the ways a follow-up starts late or ends: what was already done, a birth before 22 SA, and
the end of a follow-up without a birth (its folder kept or deleted). Client-less (tests/ui/tree.py)."""

from datetime import date

from components.confirm_dialog import ConfirmDialog
from services import agenda, records
from services import pregnancy as follow_up
from services.pdf import simple_pdf
from views.documents import add as dossier_add

from .tree import identifiers, press, semantics


def open_pregnancy(state, language="en"):
    state.set_language(language)
    state.go("/pregnancy")


def late_items(shell):
    return [i for i in identifiers(shell, "preg-item-") if ": late," in semantics(shell, i).content.content]


def start_through_the_form(shell, state, host, lmp_text):
    semantics(shell, "preg-start").content.on_click(None)
    form = host.dialogs[-1]
    form.inputs["on"].value = lmp_text
    form.confirm()
    return host.dialogs[-1] if host.dialogs else None


def test_a_follow_up_started_at_26_sa_asks_what_was_already_done_instead_of_showing_it_late(unlocked):
    shell, state, host = unlocked  # today 30/11/2026: an LMP on 01/06/2026 is 26+0 SA
    open_pregnancy(state)
    question = start_through_the_form(shell, state, host, "06/01/2026")
    boxes = question.data
    assert "preg-us-1" in boxes and "preg-anaesthesia" not in boxes  # passed ones only, not the coming
    assert late_items(shell)  # until answered, what passed is late
    for box in boxes.values():
        box.value = True
    press(question, "preg-already-save")
    assert host.dialogs == [] and late_items(shell) == []
    mother = state.current
    statuses = {i.code: i.status for i in agenda.plan(state.session, mother, state.today())}
    assert statuses["preg-us-1"] == "done"


def test_what_is_not_ticked_stays_to_catch_up(unlocked):
    shell, state, host = unlocked
    open_pregnancy(state)
    question = start_through_the_form(shell, state, host, "06/01/2026")
    question.data["preg-us-1"].value = True
    press(question, "preg-already-save")
    late = late_items(shell)
    assert "preg-item-preg-us-1" not in late and late  # the others stay, to catch up


def test_a_follow_up_started_early_asks_nothing(unlocked):
    shell, state, host = unlocked
    open_pregnancy(state)
    start_through_the_form(shell, state, host, "11/01/2026")  # 4+2 SA: nothing has passed yet
    assert host.dialogs == [] and "Pregnancy follow-up started." in host.toasts


def test_a_birth_before_22_sa_asks_to_confirm_the_date_before_anything_is_saved(unlocked):
    shell, state, host = unlocked
    mother = state.current
    follow_up.start_pregnancy(state.session, mother, state.today(), lmp=date(2026, 7, 10))  # 20+3 SA
    open_pregnancy(state)
    semantics(shell, "preg-birth").content.on_click(None)
    form = host.dialogs[-1]
    form.inputs["first_name"].value = "Jeanne"
    form.confirm()
    question = host.dialogs[-1]
    assert isinstance(question, ConfirmDialog) and "20+3 SA, before 22 SA" in question.message
    question.cancel()  # "Check the date": back to the form, nothing saved
    assert host.dialogs == [form] and len(records.list_profiles(state.session)) == 3
    form.confirm()
    host.dialogs[-1].confirm()  # "Yes, the date is right"
    assert host.dialogs == [] and state.current.first_name == "Jeanne"
    assert state.current.born_at_weeks is None  # no corrected age before 22 SA


def test_a_birth_from_22_sa_asks_nothing_more(unlocked):
    shell, state, host = unlocked
    follow_up.start_pregnancy(state.session, state.current, state.today(), lmp=date(2026, 6, 20))  # 23+2
    open_pregnancy(state)
    semantics(shell, "preg-birth").content.on_click(None)
    host.dialogs[-1].inputs["first_name"].value = "Jeanne"
    host.dialogs[-1].confirm()
    assert host.dialogs == [] and state.current.born_at_weeks == 23


def _with_a_document(shell, state, host):
    pregnancy = follow_up.start_pregnancy(state.session, state.current, state.today(), lmp=date(2026, 9, 1))
    echo = [("echo.pdf", simple_pdf("Echo", ["T1"]))]
    form = dossier_add.show_add_form(shell.ctx, echo, folder=pregnancy.id)
    form.confirm()
    return pregnancy


def test_a_follow_up_ends_without_a_birth_keeping_its_folder(unlocked):
    shell, state, host = unlocked
    mother = state.current
    pregnancy = _with_a_document(shell, state, host)
    open_pregnancy(state, "fr")
    semantics(shell, "preg-end").content.on_click(None)
    form = host.dialogs[-1]
    assert form.heading == "Arrêter ce suivi" and form.intro.startswith("Nous sommes désolés")
    assert form.choices["outcome"]["termination"] == "Interruption de grossesse (IVG ou IMG)"
    form.inputs["outcome"].value = "miscarriage"
    form.inputs["on"].value = "28/11/2026"
    form.confirm()
    [closed] = records.list_records(state.session, mother.id, "pregnancy")
    assert (closed.closed_on, closed.outcome) == (date(2026, 11, 28), "miscarriage")
    assert [d.title for d in follow_up.documents(state.session, mother.id, pregnancy)] == ["echo"]
    assert not any(i.code.startswith("preg-") for i in agenda.plan(state.session, mother, state.today()))
    assert "preg-start" in identifiers(shell, "preg-start")  # a new follow-up can start
    assert f"preg-past-{pregnancy.id}" in identifiers(shell, "preg-past-")


def test_a_follow_up_ends_without_a_birth_deleting_its_folder(unlocked):
    shell, state, host = unlocked
    mother = state.current
    pregnancy = _with_a_document(shell, state, host)
    open_pregnancy(state)
    semantics(shell, "preg-end").content.on_click(None)
    form = host.dialogs[-1]
    form.inputs["outcome"].value = "termination"
    form.inputs["documents"].value = "delete"
    form.confirm()
    assert host.dialogs == [] and follow_up.documents(state.session, mother.id, pregnancy) == []
    assert records.list_records(state.session, mother.id, "pregnancy")[0].outcome == "termination"


def test_an_end_before_the_last_period_is_refused_on_the_date_field(unlocked):
    shell, state, host = unlocked
    follow_up.start_pregnancy(state.session, state.current, state.today(), lmp=date(2026, 9, 1))
    open_pregnancy(state)
    semantics(shell, "preg-end").content.on_click(None)
    form = host.dialogs[-1]
    assert "documents" not in form.inputs  # an empty folder: nothing to choose
    form.inputs["on"].value = "08/01/2026"
    form.confirm()
    assert host.dialogs == [form] and form.focused == "on"
    assert form.inputs["on"].error == "A pregnancy cannot end before it starts."

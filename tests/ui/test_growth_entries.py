"""Growth entries (issue 13, point 6): an implausible value is asked about before it is saved, and the
entries of the growth tab can be corrected and deleted."""

from datetime import date

from services import records
from services.growth_charts import implausible_entry

from .tree import identifiers, press, semantics, texts


def open_growth(state, language="en"):
    state.set_language(language)
    child = next(p for p in state.profiles if p.first_name == "Léo")
    state.switch(child.id)
    state.choose("enfant.tab", "growth")
    state.go("/child")
    return child


def weights(state, child):
    return sorted(
        (m.on, m.value)
        for m in records.list_records(state.session, child.id, "measurement")
        if m.kind == "weight"
    )


def type_weight(shell, value, day="11/29/2026"):
    semantics(shell, "growth-value").content.value = value
    semantics(shell, "growth-date").content.value = day
    press(shell.body, "growth-add")


def test_102_kg_at_13_months_is_flagged_and_10_2_kg_is_not():
    leo_birth = date(2025, 10, 1)
    from domain.models import Profile

    leo = Profile(first_name="Léo", last_name="Martin", birth_date=leo_birth, sex="M", role="child")
    assert implausible_entry(leo, "weight", 102.0, date(2026, 11, 29))
    assert not implausible_entry(leo, "weight", 10.2, date(2026, 11, 29))
    assert implausible_entry(leo, "height", 7.6, date(2026, 11, 29), True)  # 76 cm typed 7,6


def test_an_implausible_weight_is_asked_about_in_french_before_anything_is_saved(unlocked):
    shell, state, host = unlocked
    child = open_growth(state, "fr")
    before = weights(state, child)
    type_weight(shell, "102", "29/11/2026")
    question = host.dialogs[-1]
    assert question.message == "Vérifiez la saisie : 102 kg à 13 mois ?"
    question.on_cancel()
    assert weights(state, child) == before and host.dialogs == []


def test_an_implausible_weight_confirmed_is_saved(unlocked):
    shell, state, host = unlocked
    child = open_growth(state)
    type_weight(shell, "102")
    assert host.dialogs[-1].message == "Check the entry: 102 kg at 13 months?"
    host.dialogs[-1].on_confirm()
    assert (date(2026, 11, 29), 102.0) in weights(state, child) and host.dialogs == []


def test_a_plausible_weight_is_saved_without_a_question(unlocked):
    shell, state, host = unlocked
    child = open_growth(state)
    type_weight(shell, "10,2")
    assert host.dialogs == [] and (date(2026, 11, 29), 10.2) in weights(state, child)


def test_an_entry_is_corrected_from_the_growth_tab(unlocked):
    shell, state, host = unlocked
    child = open_growth(state)
    type_weight(shell, "10,2")
    entry = next(
        m for m in records.list_records(state.session, child.id, "measurement") if m.on == date(2026, 11, 29)
    )
    assert "11/29/2026 : 10.2 kg" in texts(shell.body)
    press(shell.body, f"growth-edit-{entry.id}")
    form = host.dialogs[-1]
    assert form.inputs["value"].value == "10.2"
    form.inputs["value"].value = "102"
    form.confirm()
    assert host.dialogs[-1].message == "Check the entry: 102 kg at 13 months?"
    host.dialogs[-1].on_cancel()  # back to the form, nothing changed
    assert host.dialogs == [form] and (date(2026, 11, 29), 10.2) in weights(state, child)
    form.inputs["value"].value = "10,4"
    form.confirm()
    assert host.dialogs == [] and (date(2026, 11, 29), 10.4) in weights(state, child)
    assert (date(2026, 11, 29), 10.2) not in weights(state, child)


def test_an_entry_is_deleted_from_the_growth_tab_after_a_question(unlocked):
    shell, state, host = unlocked
    child = open_growth(state)
    type_weight(shell, "10,2")
    entry = next(
        m for m in records.list_records(state.session, child.id, "measurement") if m.on == date(2026, 11, 29)
    )
    press(shell.body, f"growth-delete-{entry.id}")
    assert host.dialogs[-1].message == "Delete the measurement of 11/29/2026 (10.2 kg)?"
    host.dialogs[-1].on_confirm()
    assert (date(2026, 11, 29), 10.2) not in weights(state, child)
    assert f"growth-edit-{entry.id}" not in identifiers(shell, "growth-edit-")
    assert "growth-point-2026-11-29" not in identifiers(shell, "growth-point-")

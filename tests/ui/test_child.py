"""The child health booklet screen, driven without a Flet client: tabs, chart points, forms."""

from datetime import date

import pypdf

from services import records

from .tree import identifiers, semantics


def open_child(state, name="Léo", tab="growth"):
    state.set_language("en")
    child = next(p for p in state.profiles if p.first_name == name)
    state.switch(child.id)
    state.choose("enfant.tab", tab)
    state.go("/child")
    return child


def test_the_growth_tab_plots_every_weight_of_the_child(unlocked):
    shell, state, host = unlocked
    child = open_child(state)
    weights = [m for m in records.list_records(state.session, child.id, "measurement") if m.kind == "weight"]
    assert sorted(identifiers(shell, "growth-point-")) == sorted(
        f"growth-point-{m.on.isoformat()}" for m in weights
    )
    assert identifiers(shell, "growth-chart") == ["growth-chart"]


def test_adding_a_weight_in_place_adds_its_point(unlocked):
    shell, state, host = unlocked
    open_child(state)
    semantics(shell, "growth-value").content.value = "10,2"
    semantics(shell, "growth-date").content.value = "11/25/2026"
    semantics(shell, "growth-add").content.on_click(None)
    assert host.toasts[-1] == "Measurement added."
    assert "growth-point-2026-11-25" in identifiers(shell, "growth-point-")


def test_the_term_at_birth_typed_in_the_growth_tab_corrects_the_age_of_a_preterm_baby(unlocked):
    shell, state, host = unlocked
    child = open_child(state)
    assert "growth-born-weeks" in identifiers(shell, "growth-born-weeks")
    semantics(shell, "growth-born-weeks").content.value = "33"
    semantics(shell, "growth-born-weeks-save").content.on_click(None)
    assert records.get_profile(state.session, child.id).born_at_weeks == 33
    assert any("Born at 33 weeks" in text for text in shell.texts())  # Léo is under 2: corrected
    semantics(shell, "growth-born-weeks").content.value = "trente"
    semantics(shell, "growth-born-weeks-save").content.on_click(None)
    assert records.get_profile(state.session, child.id).born_at_weeks == 33  # refused, unchanged
    assert "trente" in semantics(shell, "growth-born-weeks").content.error  # under the field
    assert host.toasts == ["Saved."]  # the first save only: no snack bar for the refusal


def test_a_bad_value_shows_a_message_and_adds_nothing(unlocked):
    shell, state, host = unlocked
    open_child(state)
    before = identifiers(shell, "growth-point-")
    semantics(shell, "growth-value").content.value = "dix"
    semantics(shell, "growth-add").content.on_click(None)
    assert "not a number" in semantics(shell, "growth-value").content.error and host.toasts == []
    assert identifiers(shell, "growth-point-") == before


def test_the_view_and_measure_chips_switch_the_chart(unlocked):
    shell, state, host = unlocked
    open_child(state, "Inès")
    assert state.choices.get("enfant.view") is None
    semantics(shell, "growth-measure-head_circumference").content.on_select(None)
    assert identifiers(shell, "growth-view-") == ["growth-view-0-2", "growth-view-0-5"]
    semantics(shell, "growth-measure-bmi").content.on_select(None)
    semantics(shell, "growth-view-5-19").content.on_select(None)
    # Inès was weighed and measured at 3, 5, 6 and 7 years (+20 days): 5 years + 20 days is still day
    # 1846 of the WHO standards (0-5 view), so the 5-19 view has the two later ones.
    assert len(identifiers(shell, "growth-point-")) == 2
    assert identifiers(shell, "growth-add") == []  # BMI is computed, not typed


def test_the_vaccination_tab_records_a_dose_with_its_gs1_code_and_exports_the_pdf(unlocked):
    shell, state, host = unlocked
    child = open_child(state, tab="vaccinations")
    semantics(shell, "vaccination-add").content.on_click(None)
    form = host.dialogs[-1]
    form.inputs["vaccine"].value = "ror"
    form.inputs["on"].value = "11/20/2026"
    form.inputs["product"].value = "Priorix"
    form.inputs["gs1"].value = "(01)03400936284722(17)280131(10)PRX77(21)S1"
    form.confirm()
    dose = next(
        d for d in records.list_records(state.session, child.id, "immunization") if d.on == date(2026, 11, 20)
    )
    assert (dose.lot, dose.gtin, dose.expiry, dose.serial) == (
        "PRX77",
        "03400936284722",
        date(2028, 1, 31),
        "S1",
    )
    assert host.dialogs == []
    semantics(shell, "vaccination-export").content.on_click(None)
    path = host.toasts[-1].split(": ", 1)[1]
    text = "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    assert "PRX77" in text and "Léo Durand" in text


def test_the_exam_tab_marks_an_exam_done_with_its_professional(unlocked):
    shell, state, host = unlocked
    child = open_child(state, tab="exams")
    done_buttons = identifiers(shell, "exam-done-")
    assert len(identifiers(shell, "exam-child-exam-")) == 20
    semantics(shell, done_buttons[0]).content.on_click(None)
    form = host.dialogs[-1]
    form.inputs["on"].value = "11/10/2026"
    form.inputs["professional"].value = "Dr Marc Bernard"
    form.confirm()
    exams = records.list_records(state.session, child.id, "child_exam")
    assert (done_buttons[0].removeprefix("exam-done-"), date(2026, 11, 10), "Dr Marc Bernard") in [
        (e.code, e.on, e.professional) for e in exams
    ]
    assert done_buttons[0] not in identifiers(shell, "exam-done-")


def test_the_nine_month_certificate_of_the_demo_is_found_and_the_others_can_be_recorded(unlocked):
    shell, state, host = unlocked
    open_child(state, tab="exams")
    assert identifiers(shell, "cert-cert-") == ["cert-cert-9m"]
    assert identifiers(shell, "cert-add-") == ["cert-add-cert-8d", "cert-add-cert-24m"]


def test_the_advice_tab_shows_sourced_cards_for_the_age(unlocked):
    shell, state, host = unlocked
    open_child(state, tab="advice")
    assert identifiers(shell, "advice-") == [
        "advice-sleep-routine",
        "advice-screens-under-3",
        "advice-food-family",
        "advice-dental-first-teeth",
    ]
    assert any("Source: " in t for t in shell.texts())

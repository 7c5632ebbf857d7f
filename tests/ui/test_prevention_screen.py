"""The Prévention screen without a Flet client: reached from Accueil, habits with follow-up questions and
refusals on their field, advice hidden for good, self-tests with their helpline, the bilan saved as a draft
then summarised and filed, ICOPE filled by a caregiver, and a child's habits asked of the parent."""

from datetime import date

from services import documents, prevention, records

from .tree import has_node, identifiers, node, press, semantics, texts

ICOPE_KEYS = (
    "oriented",
    "weight_loss",
    "appetite_loss",
    "vision_problem",
    "hearing_failed",
    "feeling_down",
    "little_interest",
)


def open_prevention(state, first_name=None, language="en"):
    state.set_language(language)
    if first_name:
        state.switch(next(p.id for p in state.profiles if p.first_name == first_name))
    state.go("/prevention")


def add_person(state, first_name, born, sex="F", role="helped"):
    records.add_profile(
        state.session,
        state.today(),
        first_name=first_name,
        last_name="Durand",
        birth_date=born,
        sex=sex,
        role=role,
    )
    state.reload()


def test_accueil_opens_prevention_in_one_tap(unlocked):
    shell, state, host = unlocked
    state.set_language("fr")
    press(shell.body, "home-prevention")
    assert state.route == "/prevention" and "Prévention" in texts(shell.body)


def test_what_the_agenda_items_open_comes_before_the_advice(unlocked):
    shell, state, host = unlocked
    add_person(state, "Rose", date(1959, 2, 1))
    open_prevention(state, "Rose")  # 67: the 70-75 bilan is not yet, ICOPE and the flu campaign are
    assert identifiers(shell, "prevention-") == [
        "prevention-icope",
        "prevention-campaigns",  # 30 November 2026: the usual flu/COVID-19 window, provisional
        "prevention-habits",
        "prevention-tests",
    ]
    assert identifiers(shell, "advice-")[0] == "advice-icope-invite"
    add_person(state, "Marc", date(1978, 5, 1), "M", role="holder")
    open_prevention(state, "Marc")
    assert identifiers(shell, "prevention-")[0] == "prevention-bilan"


def test_habits_ask_the_follow_up_question_and_refuse_a_wrong_number_on_its_field(unlocked):
    shell, state, host = unlocked
    open_prevention(state)
    press(shell.body, "habits-open")
    form = host.dialogs[-1]
    assert "cigarettes_per_day" not in form.inputs and "audit_c" not in form.inputs
    form.inputs["tobacco"].value = "daily"
    form.on_change("tobacco")
    form.inputs["cigarettes_per_day"].value = "douze"
    form.confirm()
    assert form.inputs["cigarettes_per_day"].error == "“douze” is not a number." and host.dialogs == [form]
    assert records.list_records(state.session, state.current.id, "habits") == []
    form.inputs["cigarettes_per_day"].value = "12"
    form.confirm()
    assert host.dialogs == [] and host.toasts[-1] == "Habits saved."
    assert "advice-tobacco-quit" in identifiers(shell, "advice-")
    assert identifiers(shell, "campaign-") == ["campaign-mois-sans-tabac"]  # 1 October - 30 November
    assert any("How many cigarettes" in t and "12" in t for t in texts(shell.body))
    press(shell.body, "test-open-hsi")
    first = next(iter(host.dialogs[-1].inputs.values()))
    assert first.value == "1"  # 11 to 20 cigarettes a day: the first answer, from the habits


def test_a_hidden_advice_card_stays_hidden(unlocked):
    shell, state, host = unlocked
    open_prevention(state)
    first = identifiers(shell, "advice-")[0]  # advice-<id>, then its advice-dismiss-<id>
    card_id = first.removeprefix("advice-")
    press(shell.body, f"advice-dismiss-{card_id}")
    assert host.toasts[-1] == "Advice hidden." and f"advice-{card_id}" not in identifiers(shell, "advice-")
    state.go("/")
    state.go("/prevention")
    assert f"advice-{card_id}" not in identifiers(shell, "advice-")


def test_a_low_mood_test_says_so_gently_with_the_3114(unlocked):
    shell, state, host = unlocked
    open_prevention(state)
    press(shell.body, "test-open-phq2")
    form = host.dialogs[-1]
    form.confirm()
    assert form.inputs["P1"].error_text == "Choose an answer." and host.toasts == []
    for control in form.inputs.values():
        control.value = "2"
    form.confirm()
    result = host.dialogs[-1]
    assert result.title.value == "Your mood has been low lately"
    assert has_node(result, "helpline-3114")
    assert "score 4" in semantics(shell, "test-result-phq2").label


def test_the_bilan_is_kept_as_a_draft_then_summarised_and_filed(unlocked):
    shell, state, host = unlocked
    add_person(state, "Marc", date(1978, 5, 1), "M", role="holder")
    open_prevention(state, "Marc")
    assert semantics(shell, "bilan-status").label == "Not started."
    press(shell.body, "bilan-open")
    form = host.dialogs[-1]
    form.inputs["TOUX"].value = "yes"
    form.inputs["MASSE"].value = "82,5"
    form.extra()
    assert host.toasts[-1] == "Draft saved." and semantics(shell, "bilan-status").label.startswith("Draft: 2")
    press(shell.body, "bilan-pdf")
    [made] = list(state.export_dir.glob("bilan-prevention-Marc-*.pdf"))
    assert made.read_bytes().startswith(b"%PDF")
    press(shell.body, "bilan-attach")
    marc = state.current
    assert [d.type_code for d in documents.list_documents(state.session, marc.id)] == ["60591-5"]


def test_a_caregiver_fills_icope_in_and_sees_the_next_steps_then_the_chart(unlocked):
    shell, state, host = unlocked
    add_person(state, "Rose", date(1959, 2, 1))
    open_prevention(state, "Rose")
    press(shell.body, "icope-start")
    form = host.dialogs[-1]
    assert form.inputs["filled_by"].value == "caregiver"  # a person helped: the caregiver fills it in
    for key in ICOPE_KEYS:
        form.inputs[key].value = "no"
    form.inputs["oriented"].value = "yes"
    form.inputs["words_recalled"].value = "3"
    form.inputs["chair_rise_seconds"].value = ""  # the 5 rises could not be done
    form.confirm()
    assert host.toasts[-1] == "Screening saved."
    assert identifiers(shell, "icope-step-") == ["icope-step-mobility"]
    rose = state.current
    prevention.record_icope(
        state.session, rose, dict(prevention.icope_history(state.session, rose.id)[0].answers), state.today()
    )
    state.notify()
    assert has_node(shell.body, "measurement-chart")
    press(shell.body, "icope-pdf")
    assert list(state.export_dir.glob("icope-Rose-*.pdf"))


def test_icope_refuses_a_chair_time_that_is_not_a_number_on_its_field(unlocked):
    shell, state, host = unlocked
    add_person(state, "Rose", date(1959, 2, 1))
    open_prevention(state, "Rose")
    press(shell.body, "icope-start")
    form = host.dialogs[-1]
    for key in ICOPE_KEYS:
        form.inputs[key].value = "no"
    form.inputs["words_recalled"].value = "3"
    form.inputs["chair_rise_seconds"].value = "vite"
    form.confirm()
    assert form.inputs["chair_rise_seconds"].error == "“vite” is not a number."
    assert prevention.icope_history(state.session, state.current.id) == []


def test_a_child_s_habits_are_asked_of_the_parent_for_the_age(unlocked):
    shell, state, host = unlocked
    open_prevention(state, "Léo")  # 14 months
    assert not has_node(shell.body, "prevention-tests") and not has_node(shell.body, "prevention-icope")
    press(shell.body, "habits-open")
    form = host.dialogs[-1]
    assert form.heading == "Your child's habits"
    assert list(form.inputs) == ["screen_minutes", "screens_at_meals_or_bed", "sleep_hours", "active_minutes"]
    form.inputs["screen_minutes"].value = "60"
    form.confirm()
    assert identifiers(shell, "advice-")[0] == "advice-child-screens-under-3"
    assert node(shell.body, "prevention-habits")


def test_the_habits_form_opens_with_what_was_told_in_the_languages_writing(unlocked):
    shell, state, host = unlocked
    from domain.habits import AdultHabits

    told = AdultHabits(state.today(), tobacco="former", stopped_smoking=date(2020, 3, 1), sleep_hours=6.5)
    prevention.save_habits(state.session, state.current, told, state.today())
    open_prevention(state, language="fr")
    press(shell.body, "habits-open")
    form = host.dialogs[-1]
    shown = form.values()
    assert (shown["tobacco"], shown["stopped_smoking"], shown["sleep_hours"]) == (
        "former",
        "01/03/2020",
        "6,5",
    )
    assert "cigarettes_per_day" not in shown  # asked of daily smokers only
    form.confirm()
    [kept] = records.list_records(state.session, state.current.id, "habits")
    assert kept.habits() == told

"""The pregnancy screen without a Flet client: starting a follow-up, the timeline, and "J'ai accouché"."""

from datetime import date

from services import records

from .tree import identifiers, semantics


def open_pregnancy(state):
    state.set_language("en")
    state.go("/pregnancy")


def test_starting_from_the_last_period_shows_sa_month_and_the_timeline(unlocked):
    shell, state, host = unlocked  # today is 30/11/2026; Camille is the holder
    open_pregnancy(state)
    semantics(shell, "preg-start").content.on_click(None)
    form = host.dialogs[-1]
    form.inputs["known"].value = "lmp"
    form.inputs["on"].value = "06/01/2026"  # English order: month first
    form.confirm()
    assert semantics(shell, "preg-summary").label == (
        "26+0 SA - month 6 of pregnancy - expected term 03/15/2027"  # 182 days; term = LMP + 287 d
    )
    assert "preg-item-preg-anaesthesia" in identifiers(shell, "preg-item-")
    assert identifiers(shell, "preg-month-")[0] == "preg-month-1"


def test_i_gave_birth_closes_the_pregnancy_and_opens_the_babys_booklet(unlocked):
    shell, state, host = unlocked
    mother = state.current
    from services.pregnancy import start_pregnancy

    pregnancy = start_pregnancy(state.session, mother, state.today(), lmp=date(2026, 2, 20))
    open_pregnancy(state)
    semantics(shell, "preg-birth").content.on_click(None)
    form = host.dialogs[-1]
    assert form.inputs["last_name"].value == "Durand"  # pre-filled from the mother
    form.inputs["birth_date"].value = "11/27/2026"
    form.inputs["first_name"].value = "Jeanne"
    form.inputs["sex"].value = "F"
    form.confirm()
    assert host.dialogs == []
    baby = state.current
    assert (baby.first_name, baby.last_name, baby.birth_date, baby.sex, baby.role) == (
        "Jeanne",
        "Durand",
        date(2026, 11, 27),
        "F",
        "child",
    )
    assert state.route == "/child"
    assert "Health booklet of Jeanne" in shell.texts()
    [closed] = records.list_records(state.session, mother.id, "pregnancy")
    assert (closed.id, closed.closed_on, closed.outcome) == (pregnancy.id, date(2026, 11, 27), "birth")


def test_a_birth_before_the_pregnancy_began_is_refused_and_nothing_changes(unlocked):
    shell, state, host = unlocked
    mother = state.current
    from services.pregnancy import start_pregnancy

    start_pregnancy(state.session, mother, state.today(), lmp=date(2026, 2, 20))
    open_pregnancy(state)
    profiles_before = len(state.profiles)
    semantics(shell, "preg-birth").content.on_click(None)
    form = host.dialogs[-1]
    form.inputs["birth_date"].value = "01/01/2026"
    form.inputs["first_name"].value = "Jeanne"
    form.confirm()
    assert form.inputs["birth_date"].error == (
        "The birth date 01/01/2026 does not fit the date of the last period 02/20/2026."
    )
    assert host.dialogs == [form] and form.focused == "birth_date"
    assert len(records.list_profiles(state.session)) == profiles_before
    assert records.list_records(state.session, mother.id, "pregnancy")[0].closed_on is None


def test_a_document_added_from_the_pregnancy_goes_into_its_folder(unlocked):
    from services.pdf import simple_pdf
    from views.documents import add as dossier_add

    shell, state, host = unlocked
    from services.pregnancy import start_pregnancy

    pregnancy = start_pregnancy(state.session, state.current, state.today(), lmp=date(2026, 6, 1))
    open_pregnancy(state)
    assert f"preg-add-document-{pregnancy.id}" in identifiers(shell, "preg-add-document-")
    data = simple_pdf("Echographie T2", ["Biometrie foetale normale."])
    form = dossier_add.show_add_form(shell.ctx, [("echo-t2.pdf", data)], folder=pregnancy.id)
    assert form.inputs["folder"].value == pregnancy.id
    assert "Pregnancy (last period on 06/01/2026)" in [o.text for o in form.inputs["folder"].options]
    form.inputs["type_code"].value = "18748-4"
    form.confirm()
    assert host.dialogs == []
    assert "echo-t2 - Imaging report (11/30/2026)" in shell.texts()


def test_an_item_of_the_timeline_marked_done_shows_done_there_and_in_the_agenda(unlocked):
    from services import agenda
    from services.pregnancy import start_pregnancy
    from views.agenda import detail

    shell, state, host = unlocked
    mother = state.current
    start_pregnancy(state.session, mother, state.today(), lmp=date(2026, 6, 1))
    open_pregnancy(state)
    item = semantics(shell, "preg-item-preg-us-1")
    assert ": late," in item.content.content
    item.content.on_click(None)  # the agenda's detail of that item
    done_dialog = detail.ask_done(
        shell.ctx,
        mother,
        next(i for i in agenda.plan(state.session, mother, state.today()) if i.code == "preg-us-1"),
    )
    done_dialog.actions[1].content.content.on_click(None)
    assert "Marked done." in host.toasts
    assert ": done," in semantics(shell, "preg-item-preg-us-1").content.content
    codes = {i.code: i.status for i in agenda.plan(state.session, mother, state.today())}
    assert codes["preg-us-1"] == "done"


def test_the_start_form_asks_babies_children_toxoplasmosis_and_rhesus(unlocked):
    shell, state, host = unlocked
    open_pregnancy(state)
    semantics(shell, "preg-start").content.on_click(None)
    form = host.dialogs[-1]
    assert list(form.inputs) == ["known", "on", "babies", "previous_children", "toxo_immune", "rh_negative"]
    form.inputs["on"].value = "06/01/2026"  # English order: month first
    form.inputs["babies"].value = "2"
    form.inputs["previous_children"].value = "1"
    form.inputs["toxo_immune"].value = "no"
    form.confirm()
    [pregnancy] = records.list_records(state.session, state.current.id, "pregnancy")
    assert (pregnancy.babies, pregnancy.previous_children, pregnancy.toxo_immune, pregnancy.rh_negative) == (
        2,
        1,
        False,
        None,
    )
    assert "preg-item-preg-toxo-4" in identifiers(shell, "preg-item-")  # not immune: monthly test


def test_the_details_can_be_changed_during_the_follow_up(unlocked):
    shell, state, host = unlocked
    from services.pregnancy import start_pregnancy

    start_pregnancy(state.session, state.current, state.today(), lmp=date(2026, 6, 1))
    open_pregnancy(state)
    semantics(shell, "preg-details").content.on_click(None)
    form = host.dialogs[-1]
    assert form.inputs["rh_negative"].value == "unknown"
    form.inputs["rh_negative"].value = "yes"
    form.confirm()
    assert host.dialogs == []
    [pregnancy] = records.list_records(state.session, state.current.id, "pregnancy")
    assert pregnancy.rh_negative is True
    assert "preg-item-preg-anti-d" in identifiers(shell, "preg-item-")

"""The app shell, built and driven without a Flet client."""

from pathlib import Path

import flet as ft

from domain.models import Profile
from views.context import ViewContext
from views.routes import ROUTES
from views.shell import Shell

from .conftest import PASSPHRASE, TODAY
from .tree import semantics, walk

INTERACTIVE = (
    ft.IconButton,
    ft.FilledButton,
    ft.TextButton,
    ft.OutlinedButton,
    ft.Chip,
    ft.TextField,
    ft.Dropdown,
    ft.Switch,
)


def chip_named(shell, name):
    return next(c for c in shell.switcher.chips if c.content.label.value == name)


def test_the_first_run_offers_four_ways_to_start(app):
    shell, state, host = app
    assert state.first_run
    labels = [c.label for c, _ in walk(shell.body) if isinstance(c, ft.Semantics)]
    for way in (
        "Créer mon carnet",
        "Découvrir la famille de démonstration",
        "Restaurer une sauvegarde",
        "Me connecter à mon serveur",
    ):
        assert way in labels


def test_creating_the_vault_opens_the_home_of_the_demo_holder(unlocked):
    shell, state, host = unlocked
    assert state.current.first_name == "Camille"
    assert "Camille Durand" in shell.texts()
    assert any("démonstration" in text for text in shell.texts())


def test_one_tap_on_the_switcher_shows_the_child(unlocked):
    shell, state, host = unlocked
    chip_named(shell, "Léo").content.on_select(None)
    assert state.current.first_name == "Léo"
    assert "Léo Durand" in shell.texts()
    assert "Camille Durand" not in shell.texts()
    labels = [d.label for d in shell.navigation.destinations]
    assert labels == ["Accueil", "Dossier", "Agenda", "Profil médical", "Enfant"]


def test_the_holder_has_a_pregnancy_tab_and_no_child_tab(unlocked):
    shell, state, host = unlocked
    labels = [d.label for d in shell.navigation.destinations]
    assert "Grossesse" in labels and "Enfant" not in labels


def test_the_navigation_bar_changes_the_screen(unlocked):
    shell, state, host = unlocked
    shell.navigation.selected_index = 1
    shell.navigation.on_change(type("E", (), {"control": shell.navigation})())
    assert state.route == "/documents"
    assert "Bilan sanguin annuel" in shell.texts()


def test_a_wrong_passphrase_shows_a_french_message_on_the_field_and_stays_locked(unlocked):
    shell, state, host = unlocked
    state.lock()
    semantics(shell, "passphrase").content.value = "mauvaise phrase"
    semantics(shell, "unlock").content.on_click(None)
    assert state.locked
    field = semantics(shell, "passphrase").content  # the screen is drawn again, the error under the field
    assert "phrase de passe" in field.error.lower() and field.value in ("", None)
    assert host.toasts == []
    field.value = PASSPHRASE
    semantics(shell, "unlock").content.on_click(None)
    assert not state.locked and shell.switcher is not None


def test_adding_a_profile_through_the_form_selects_it(unlocked):
    shell, state, host = unlocked
    state.go("/profiles")
    add = next(c for c, _ in walk(shell.body) if isinstance(c, ft.FilledButton))
    add.on_click(None)
    form = host.dialogs[-1]
    form.first_name.value, form.last_name.value = "Zoé", "Durand"
    form.birth_date.value, form.sex.value, form.role.value = "03/02/2024", "F", "child"
    form.save()
    assert state.current.first_name == "Zoé"
    assert host.dialogs == []
    assert "Zoé" in [c.content.label.value for c in shell.switcher.chips]


def test_a_birth_date_in_the_future_is_refused_with_a_clear_message_and_stores_nothing(unlocked):
    shell, state, host = unlocked
    before = len(state.profiles)
    from views.profiles import open_form

    form = open_form(shell.ctx)
    form.first_name.value, form.birth_date.value, form.sex.value = "Noé", "01/01/2030", "M"
    form.save()
    assert form.birth_date.error == "La date de naissance 01/01/2030 est dans le futur."
    assert len(state.profiles) == before and host.dialogs == [form] and host.toasts == []


def test_deleting_a_profile_asks_first_and_cancel_keeps_it(unlocked):
    shell, state, host = unlocked
    from views.profiles import confirm_delete

    ines = next(p for p in state.profiles if p.first_name == "Inès")
    dialog = confirm_delete(shell.ctx, ines)
    dialog.cancel()
    assert any(p.id == ines.id for p in state.profiles)
    confirm_delete(shell.ctx, ines).confirm()
    assert not any(p.id == ines.id for p in state.profiles)


def test_english_is_available(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    assert [d.label for d in shell.navigation.destinations][:2] == ["Home", "Records"]


def test_the_vault_locks_itself_after_the_inactivity_delay(unlocked, clock):
    shell, state, host = unlocked
    state.set_autolock(5)
    clock.seconds += 4 * 60
    assert not state.idle_expired()
    clock.seconds += 61
    assert state.idle_expired()


def merged(control, parents):
    """Whether a MergeSemantics above ``control`` makes its subtree one accessibility node."""
    while control is not None and not isinstance(control, ft.MergeSemantics):
        control = parents.get(id(control))
    return control is not None


def test_every_interactive_control_is_one_named_node_for_screen_readers(unlocked):
    """A button inside a Semantics wrapper is one node only when a MergeSemantics holds both (else a
    screen reader hears it twice); its name is its own text, or the wrapper's label (an icon button)."""
    shell, state, host = unlocked
    for profile in list(state.profiles):
        state.switch(profile.id)
        for route in [r.path for r in ROUTES if r.applies_to(state.current, state.today())]:
            state.go(route)
            parents = {id(c): p for root in (shell.body, shell.appbar) for c, p in walk(root)}
            for root in (shell.body, shell.appbar):
                for control, parent in walk(root):
                    if not isinstance(control, INTERACTIVE):
                        continue
                    assert isinstance(parent, ft.Semantics), (route, control)
                    if isinstance(control, ft.TextField | ft.Dropdown):
                        assert parent.label, (route, control)
                        continue
                    own = getattr(control, "content", None)
                    named = parent.label or isinstance(own, str) or isinstance(control, ft.Chip | ft.Switch)
                    assert named and merged(parent, parents), (route, control)
                    assert not (parent.label and own == parent.label), (route, control)


def test_removing_the_demo_family_leaves_an_empty_vault_ready_for_real_profiles(unlocked):
    shell, state, host = unlocked
    from views.home import confirm_remove_demo

    confirm_remove_demo(shell.ctx)
    host.dialogs[-1].confirm()
    assert state.profiles == [] and state.current is None


def test_a_shell_built_on_an_unlocked_state_shows_the_current_profile(unlocked):
    _, state, host = unlocked
    leo = next(p for p in state.profiles if p.first_name == "Léo")
    state.switch(leo.id)
    fresh = Shell(ViewContext(state, host))
    assert isinstance(state.current, Profile) and "Léo Durand" in fresh.texts()
    assert state.today() == TODAY


def test_an_adult_exports_a_vaccination_summary_from_home_outside_the_vault_folder(unlocked):
    import pypdf

    shell, state, host = unlocked
    button = semantics(shell, "home-vaccination-export")
    button.content.on_click(None)
    path = Path(host.toasts[-1].split(": ", 1)[1])
    assert path.parent == state.export_dir and state.session.data_dir not in path.parents
    text = "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    assert "Camille Durand" in text and "V8812" in text


def test_home_shows_the_documents_a_professional_added_this_month_as_new(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    new = [t for t in shell.texts() if "added by a professional" in t]
    # the demo's prescription (12 days ago) and blood test (40 days ago): only the first is new
    assert len(new) == 1 and new[0].startswith("Ordonnance - Dr Hélène Lefèvre")


def test_every_screen_of_every_profile_passes_the_checks_flet_runs_before_sending_it(unlocked):
    """What the Flet client would refuse (a navigation bar with no selected tab...) fails here."""
    shell, state, host = unlocked
    for profile in list(state.profiles):
        state.switch(profile.id)
        for route in [r.path for r in ROUTES if r.applies_to(state.current, state.today())]:
            state.go(route)
            for root in (shell.appbar, shell.navigation, shell.body):
                if root is None:
                    continue
                for control, _ in walk(root):
                    control._before_update_safe()
            assert state.route == route
            assert (shell.navigation is None) == (route in {r.path for r in ROUTES if not r.tab})


def test_settings_have_a_back_arrow_to_home(unlocked):
    shell, state, host = unlocked
    state.go("/settings")
    shell.appbar.leading.content.content.on_click(None)
    assert state.route == "/" and shell.navigation.selected_index == 0

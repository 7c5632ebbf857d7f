"""Accueil says what to do next (issue 13): « À faire » first, a family line, each item opening its detail
or its own screen; documents open their preview; the top bar offers every other screen; the reminders
centre opens what a reminder is about."""

import dataclasses

import flet as ft

from components.demo_banner import BACKGROUND, FOREGROUND, DemoBanner
from views import routes
from views.routes import ROUTES, Route

from .tree import has_node, identifiers, node, press, semantics, texts, walk


def switch_to(state, name):
    state.switch(next(p.id for p in state.profiles if p.first_name == name))


def test_the_todo_block_comes_first_and_names_the_hpv_test_to_book(unlocked):
    shell, state, host = unlocked
    blocks = [c for c, _ in walk(shell.body) if isinstance(c, ft.Card | ft.Container) and c is not shell.body]
    first = next(c for c in blocks if isinstance(c, ft.Card))
    assert "À faire" in texts(first)
    todo = node(shell.body, "home-todo")
    shown = " ".join(texts(todo))
    assert "test HPV" in shown and "À planifier" in shown


def test_a_tap_on_an_item_opens_its_agenda_detail(unlocked):
    shell, state, host = unlocked
    item = next(i for i in identifiers(shell, "todo-screen-"))
    press(shell.body, item)
    assert host.dialogs and has_node(host.dialogs[-1], "mark-done")


def test_an_item_that_a_screen_handles_opens_that_screen(unlocked, monkeypatch):
    shell, state, host = unlocked
    monkeypatch.setitem(routes.ITEM_ROUTES, "screen-cervix", "/medical")
    state.notify()
    press(shell.body, identifiers(shell, "todo-screen-")[0])
    assert state.route == "/medical" and host.dialogs == []


def test_the_longest_prefix_of_item_routes_wins(monkeypatch):
    monkeypatch.setattr(routes, "ITEM_ROUTES", {"vax-": "/agenda", "vax-flu": "/prevention"})
    assert routes.item_route("vax-flu-2026") == "/prevention"
    assert routes.item_route("vax-hexa-1") == "/agenda" and routes.item_route("child-exam-01") is None


def test_the_agenda_detail_offers_open_when_a_screen_handles_the_item(unlocked, monkeypatch):
    shell, state, host = unlocked
    monkeypatch.setitem(routes.ITEM_ROUTES, "screen-cervix", "/medical")
    press(shell.body, identifiers(shell, "todo-screen-")[0])  # Accueil goes to the screen: open the detail
    from services import agenda
    from views.agenda import detail

    item = next(
        i for i in agenda.plan(state.session, state.current, state.today()) if i.code.startswith("screen-c")
    )
    dialog = detail.open_detail(shell.ctx, state.current, item)
    state.go("/")
    press(dialog, "open-item")
    assert state.route == "/medical"


def test_another_member_with_something_to_book_gets_a_family_line_that_switches_to_them(unlocked):
    shell, state, host = unlocked
    switch_to(state, "Léo")
    buttons = [c.content for c, _ in walk(node(shell.body, "home-todo")) if isinstance(c, ft.TextButton)]
    line = next(t for t in buttons if t.startswith("Camille"))
    assert line == "Camille : 1 dépistage à planifier"
    press(shell.body, identifiers(shell, "todo-family-")[0])
    assert state.current.first_name == "Camille"


def test_with_nothing_to_book_home_says_so_and_names_what_comes_next(unlocked):
    shell, state, host = unlocked
    switch_to(state, "Inès")
    shown = texts(node(shell.body, "home-todo"))
    assert "Rien à planifier pour le moment." in shown
    assert any(t.startswith("Prochainement : ") for t in shown)


def test_a_recent_document_opens_its_preview(unlocked):
    shell, state, host = unlocked
    press(shell.body, identifiers(shell, "home-doc-")[0])
    assert host.dialogs and has_node(host.dialogs[-1], "preview-close")


def test_the_top_bar_menu_offers_every_other_screen_that_applies(unlocked, monkeypatch):
    shell, state, host = unlocked
    extra = Route("/extra", "views.home", ft.Icons.STAR, "Extra", applies_to=routes.is_child, tab=False)
    monkeypatch.setattr(routes, "ROUTES", [*ROUTES, extra])
    state.notify()
    offered = [i.content.identifier for i in shell.menu.items]
    assert offered[:2] == ["nav-profiles", "nav-settings"] and "nav-extra" not in offered
    assert {"nav-prevention", "nav-risk", "nav-messages", "nav-sharing"} <= set(offered)  # Camille, adult
    switch_to(state, "Léo")
    offered = [i.content.identifier for i in shell.menu.items]
    assert offered[-1] == "nav-extra" and "nav-risk" not in offered
    shell.go_menu("/extra")
    assert state.route == "/extra" and shell.navigation is None and shell.appbar.leading is not None
    shell.go_menu("/settings")
    assert state.route == "/settings"


def test_a_screen_that_does_not_apply_to_the_profile_is_home():
    import datetime

    extra = Route("/extra", "views.home", ft.Icons.STAR, "Extra", applies_to=routes.is_child, tab=False)
    adult = dataclasses.replace(_profile(), role="holder")
    original = routes.ROUTES
    routes.ROUTES = [*original, extra]
    try:
        assert routes.resolve("/extra", adult, datetime.date(2026, 11, 30)) == routes.HOME
    finally:
        routes.ROUTES = original


def _profile():
    import datetime

    from domain.models import Profile

    return Profile("Zoé", "Martin", datetime.date(2020, 1, 1), "F", role="child")


def test_a_reminder_in_the_centre_opens_its_item(unlocked):
    from datetime import datetime

    from services.notifications import ChainNotifier, InAppCentre
    from services.scheduler import ReminderScheduler

    from .conftest import TODAY

    shell, state, host = unlocked
    centre = InAppCentre()
    scheduler = ReminderScheduler(
        state.session,
        ChainNotifier([], centre),
        lambda: state._,
        clock=lambda: datetime.combine(TODAY, datetime.min.time()),
    )
    shown = scheduler.run_once()
    assert shown and all(
        d.body.startswith(("Prenez", "À planifier")) for d in shown if d.key.startswith("window")
    )
    semantics(shell, "nav-notifications").content.on_click(None)
    press(host.dialogs[-1], "notification-0")
    assert state.route == "/agenda" and has_node(host.dialogs[-1], "close-detail")


def test_the_demo_banner_stacks_its_text_over_its_action_in_its_own_contrasted_colours():
    banner = DemoBanner(text="Ce sont des données de démonstration.", action_text="Supprimer", on_remove=None)
    column = banner.content
    assert isinstance(column, ft.Column)  # text, then the button under it: the text keeps the full width
    text_row, action_row = column.controls
    assert any(isinstance(c, ft.Text) for c in text_row.controls)
    assert not any(isinstance(c, ft.Text) for c in action_row.controls)
    assert contrast(FOREGROUND, BACKGROUND) >= 4.5


HEX = {ft.Colors.BLACK: "#000000", ft.Colors.AMBER_100: "#FFECB3"}  # Material's values


def contrast(foreground, background):
    """WCAG 2 contrast ratio of two colours."""

    def luminance(colour):
        rgb = [int(HEX[colour][i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_profile_switcher_of_a_large_family_scrolls_with_a_visible_bar():
    from components.profile_switcher import ProfileSwitcher

    names = {f"id{n}": f"Enfant {n}" for n in range(12)}
    switcher = ProfileSwitcher(labels=names, current_id="id0")
    row = switcher.controls[0].content.content
    assert row.scroll == ft.ScrollMode.ALWAYS and len(switcher.chips) == 12
    assert [c.content.label.value for c in switcher.chips] == list(names.values())


def test_home_shows_the_latest_blood_pressure_as_one_pair_never_as_two_single_values(unlocked):
    from datetime import date

    from domain.models import Measurement
    from services import records, risk

    shell, state, host = unlocked
    state.set_language("en")
    me = state.current
    for kind, value in (("systolic", 150), ("diastolic", 95)):  # an older pair of single measures
        records.add_record(state.session, me.id, Measurement(kind, value, date(2026, 10, 1)), state.today())
    risk.add_blood_pressure(
        state.session, me.id, state.today(), systolic=128, diastolic=82, on=date(2026, 11, 20)
    )
    state.notify()
    shown = shell.texts()
    assert "Blood pressure: 128/82 mmHg (11/20/2026)" in shown
    assert not [t for t in shown if t.startswith(("Systolic pressure", "Diastolic pressure"))]

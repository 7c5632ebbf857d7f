"""The tab bar without a client: each destination said by its label alone, with no tooltip."""


def test_the_tab_bar_shows_no_tooltip_that_would_take_the_first_escape(unlocked):
    """A tooltip left under the pointer by a tap on a tab is what Flutter's Escape hides first: the
    Dossier's filters sheet, opened just after, did not close on Escape (test_browser_phone_forms)."""
    shell, state, host = unlocked
    destinations = shell.navigation.destinations
    assert [d.label for d in destinations][:2] == ["Accueil", "Dossier"]
    assert all(d.tooltip == "" for d in destinations)  # "" turns Flutter's default (the label) off

"""The eye button of a passphrase field has a name a screen reader says ("Afficher la phrase de passe"),
which turns into "Masquer la phrase de passe" once the passphrase shows (issue 13); built without a client."""

import flet as ft

from components.passphrase_fields import TOKEN_REVEAL, PassphrasePair, secret_field
from services.i18n import translator

from .tree import semantics


def eye(field: ft.TextField) -> tuple[ft.Semantics, ft.IconButton]:
    """The reveal button of a field and the one accessibility node that names it."""
    merged = field.suffix_icon
    assert isinstance(merged, ft.MergeSemantics) and isinstance(merged.content, ft.Semantics)
    button = merged.content.content
    assert isinstance(button, ft.IconButton)
    return merged.content, button


def test_the_eye_button_is_named_and_shows_then_hides_the_passphrase():
    field = secret_field("Phrase de passe", translate=translator("fr"))
    said, button = eye(field)
    assert field.password and not field.can_reveal_password  # Flet's own, nameless, button is not drawn
    assert said.label == "Afficher la phrase de passe" and said.button
    button.on_click(None)
    assert not field.password and said.label == "Masquer la phrase de passe"
    assert button.icon == ft.Icons.VISIBILITY_OFF
    button.on_click(None)
    assert field.password and said.label == "Afficher la phrase de passe"


def test_english_names_it_show_passphrase_and_a_token_field_names_the_token():
    assert eye(secret_field("Passphrase", translate=translator("en")))[0].label == "Show passphrase"
    token = secret_field("Jeton", translate=translator("fr"), reveal=TOKEN_REVEAL)
    assert eye(token)[0].label == "Afficher le jeton d'accès"


def test_both_fields_of_a_new_passphrase_have_their_own_eye_button():
    pair = PassphrasePair("Nouvelle", "Encore", "new", translate=translator("fr"))
    first, second = eye(pair.first), eye(pair.second)
    first[1].on_click(None)
    assert not pair.first.password and pair.second.password  # each field reveals only itself
    assert second[0].label == "Afficher la phrase de passe"


def test_the_lock_screen_passphrase_field_has_the_named_eye_button(unlocked):
    shell, state, _ = unlocked
    state.lock()
    field = semantics(shell, "passphrase").content
    assert eye(field)[0].label == "Afficher la phrase de passe"

"""A season the data does not date yet (30 November 2026): the Prévention screen and the agenda detail of
the flu and COVID-19 campaign item say that these are the usual dates and that the exact ones are
announced each year, instead of showing an end date as if it were official."""

from datetime import date

import flet as ft

from domain.habits import AdultHabits
from domain.medical import MedicalHistory
from services import prevention, records

from .tree import semantics, texts, walk

HINT_FR = "Habituellement de mi-octobre à fin janvier"


def diabetic_adult(state):
    paul = records.add_profile(
        state.session,
        state.today(),
        first_name="Paul",
        last_name="Durand",
        birth_date=date(1981, 6, 1),
        sex="M",
        role="helped",
    )
    records.add_record(
        state.session, paul.id, MedicalHistory("Diabète de type 2", date(2020, 3, 1)), state.today()
    )
    state.reload()
    state.switch(paul.id)
    return paul


def test_the_prevention_screen_shows_the_usual_dates_as_provisional(unlocked):
    shell, state, host = unlocked
    state.set_language("fr")
    diabetic_adult(state)
    state.go("/prevention")
    dates = semantics(shell, "dates-of-campaign-flu-covid").content.value
    assert dates.startswith(HINT_FR) and "pharmacien" in dates
    assert not any(t.startswith("Jusqu'au") for t in texts(semantics(shell, "prevention-campaigns")))


def test_the_agenda_detail_of_the_campaign_item_shows_the_same_hint(unlocked):
    shell, state, host = unlocked
    state.set_language("fr")
    paul = diabetic_adult(state)
    state.go("/agenda")
    semantics(shell, f"item-campaign-flu-covid-2026-{paul.id[:8]}").content.on_click(None)
    shown = [c.value for c, _ in walk(host.dialogs[-1].content) if isinstance(c, ft.Text)]
    assert any(t.startswith(HINT_FR) for t in shown)


def test_a_campaign_with_its_own_dates_keeps_its_end_date(unlocked):
    shell, state, host = unlocked
    state.set_language("fr")
    paul = diabetic_adult(state)
    prevention.save_habits(state.session, paul, AdultHabits(state.today(), tobacco="daily"), state.today())
    state.go("/prevention")
    assert semantics(shell, "dates-of-campaign-mois-sans-tabac").content.value == "Jusqu'au 30/11/2026"

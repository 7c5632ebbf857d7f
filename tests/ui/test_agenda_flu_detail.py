"""The agenda detail's "When" line of a flu item: a season the campaigns' data does not date yet is shown
as its usual days and months, with its season and that the exact dates are announced each autumn, never
as this year's official dates; a dated season keeps its days. Client-less, in French and in English."""

from datetime import date

from services import agenda, records
from views.agenda import detail

from .tree import texts


def rose(state):
    """A woman of 67 on 30 November 2026: the calendar's flu item of each season is hers."""
    profile = records.add_profile(
        state.session,
        state.today(),
        first_name="Rose",
        last_name="Durand",
        birth_date=date(1959, 2, 1),
        sex="F",
        role="helped",
    )
    state.reload()
    return profile


def when_line(shell, state, profile, code):
    item = next(i for i in agenda.plan(state.session, profile, state.today()) if i.code == code)
    shown = texts(detail.open_detail(shell.ctx, profile, item))
    return shown[shown.index(shell.ctx._("When")) + 1]


def test_a_season_not_dated_yet_says_its_usual_dates_in_french(unlocked):
    shell, state, host = unlocked
    state.set_language("fr")
    when = when_line(shell, state, rose(state), "vax-flu-2026")
    assert when == (
        "Habituellement du 15/10 au 31/01 (saison 2026-2027) ; "
        "les dates exactes sont annoncées chaque automne"
    )
    assert "2027" not in when.split("(")[0]  # no official-looking full date


def test_a_season_not_dated_yet_says_its_usual_dates_in_english(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    when = when_line(shell, state, rose(state), "vax-flu-2026")
    assert when == "Usually from 10/15 to 01/31 (season 2026-2027); the exact dates are announced each autumn"


def test_the_dated_2025_season_keeps_its_days_with_the_extension(unlocked):
    shell, state, host = unlocked
    state.set_language("fr")
    assert when_line(shell, state, rose(state), "vax-flu-2025") == "Du 14/10/2025 au 28/02/2026"


def test_the_agenda_list_writes_a_season_not_dated_yet_as_its_usual_days_too(unlocked):
    """The line under the item in the agenda list, not only its detail: never 15/10/2026 to 31/01/2027."""
    from views.agenda.tiles import item_tile

    shell, state, host = unlocked
    state.set_language("fr")
    profile = rose(state)
    item = next(i for i in agenda.plan(state.session, profile, state.today()) if i.code == "vax-flu-2026")
    shown = texts(item_tile(shell.ctx, profile, item, family=False))
    assert "Habituellement du 15/10 au 31/01 (dates à venir)" in shown
    assert not any("31/01/2027" in line for line in shown)

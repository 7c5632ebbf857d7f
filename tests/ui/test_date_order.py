"""Forms outside views/forms.py's dialogs read and show dates in the language's order too (issue 13:
"English mode uses English date order in forms"): the profile form, the caregiver's consent and the
habits questionnaire; a refusal lands on the field it is about. Client-less."""

from datetime import date

from domain.habits import AdultHabits
from services import prevention, records
from services.sharing import access
from views.profiles import open_form
from views.sharing.caregivers import open_grant_form

from .tree import node, press


def test_the_profile_form_reads_an_english_birth_date_month_first(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    form = open_form(shell.ctx)
    assert form.birth_date.label == "Birth date (MM/DD/YYYY)" and form.birth_date.hint_text == "MM/DD/YYYY"
    form.first_name.value, form.last_name.value, form.sex.value = "Léa", "Martin", "F"
    form.birth_date.value = "12/31/2025"
    form.save()
    assert host.dialogs == []
    [lea] = [p for p in records.list_profiles(state.session) if p.first_name == "Léa"]
    assert lea.birth_date == date(2025, 12, 31)
    assert open_form(shell.ctx, lea).birth_date.value == "12/31/2025"


def test_the_profile_form_in_french_says_jj_mm_aaaa_and_reads_day_first(unlocked):
    shell, state, host = unlocked
    form = open_form(shell.ctx)
    assert form.birth_date.label == "Date de naissance (JJ/MM/AAAA)"
    form.first_name.value, form.last_name.value, form.sex.value = "Léa", "Martin", "F"
    form.birth_date.value = "12/31/2025"  # no 31st month in French
    form.save()
    assert form.birth_date.error and host.dialogs == [form]


def caregiver_form(shell, state):
    dialog = open_grant_form(shell.ctx, state.current)
    node(dialog, "caregiver-name").content.value = "Paul Durand"
    return dialog


def field(dialog, key):
    return node(dialog, f"caregiver-{key}").content


def test_a_caregivers_consent_is_typed_month_first_in_english(unlocked):
    shell, state, host = unlocked
    state.set_language("en")
    dialog = caregiver_form(shell, state)
    assert field(dialog, "consented").label == "Date of consent (MM/DD/YYYY)"
    assert field(dialog, "consented").value == "11/30/2026"
    field(dialog, "expires").value = "12/31/2027"
    press(dialog, "caregiver-confirm")
    [grant] = access.list_grants(state.session, state.current_id)
    assert (grant.consented_on, grant.expires_on) == (date(2026, 11, 30), date(2027, 12, 31))


def test_an_expiry_before_the_consent_is_said_under_the_expiry_not_the_name(unlocked):
    shell, state, host = unlocked  # French
    dialog = caregiver_form(shell, state)
    assert field(dialog, "expires").label == "Jusqu'au (JJ/MM/AAAA)"
    field(dialog, "expires").value = "31/12/2025"
    press(dialog, "caregiver-confirm")
    assert field(dialog, "expires").error and field(dialog, "name").error is None
    assert host.dialogs[-1] is dialog and access.list_grants(state.session, state.current_id) == []


def test_an_unreadable_consent_date_is_said_under_it(unlocked):
    shell, state, host = unlocked
    dialog = caregiver_form(shell, state)
    field(dialog, "consented").value = "11/30/2026"  # month first, in French
    press(dialog, "caregiver-confirm")
    assert field(dialog, "consented").error.startswith("« 11/30/2026 » n'est pas une date valide")
    assert host.dialogs[-1] is dialog and access.list_grants(state.session, state.current_id) == []


def test_the_habits_dates_are_shown_and_read_month_first_in_english(unlocked):
    shell, state, host = unlocked
    told = AdultHabits(state.today(), tobacco="former", stopped_smoking=date(2020, 3, 1))
    prevention.save_habits(state.session, state.current, told, state.today())
    state.set_language("en")
    state.go("/prevention")
    press(shell.body, "habits-open")
    form = host.dialogs[-1]
    assert form.values()["stopped_smoking"] == "03/01/2020"
    form.confirm()
    [kept] = records.list_records(state.session, state.current.id, "habits")
    assert kept.habits().stopped_smoking == date(2020, 3, 1)

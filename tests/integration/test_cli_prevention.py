"""The ``prevention`` command as a user runs it on a demo vault: the advice with its sources, what is due
and the campaigns under way, in French or as JSON; a bilan summary PDF; refusals in one line."""

import json
from datetime import date

from pypdf import PdfReader

from domain.medical import MedicalHistory
from services import prevention, records
from services.session import open_session

from .test_cli import PASSPHRASE, carnet, snapshot


def demo(tmp_path):
    carnet("demo", "--data-dir", str(tmp_path))
    return tmp_path


def test_the_overview_lists_the_advice_with_its_source_in_french(tmp_path):
    shown = carnet("prevention", "--data-dir", str(demo(tmp_path)), "--profile", "camille")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == "Prévention pour Camille Durand"
    assert {"Conseils pour vous", "À faire maintenant", "Campagnes en cours"} <= set(lines)
    advice = lines[lines.index("Conseils pour vous") + 1]
    assert advice.startswith("- ") and "(Source : " in advice


def test_the_json_names_the_campaigns_the_vault_computes_for_someone_at_risk(tmp_path):
    folder = demo(tmp_path)
    session = open_session(folder, PASSPHRASE)
    try:
        camille = next(p for p in records.list_profiles(session) if p.first_name == "Camille")
        records.add_record(session, camille.id, MedicalHistory("Asthme", date(2001, 1, 1)), date.today())
        expected = [c.id for c in prevention.campaigns_now(session, camille, date.today())]
    finally:
        session.lock()
    shown = carnet("prevention", "--data-dir", str(folder), "--profile", camille.id, "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["profile"] == {"id": camille.id, "name": "Camille Durand"}
    assert [c["id"] for c in data["campaigns"]] == expected
    assert all(c["hint"] for c in data["campaigns"] if c["provisional"])
    assert all(card["title"] and card["source"] for card in data["advice"])


def test_the_bilan_summary_pdf_is_written_for_a_profile_in_its_bracket(tmp_path):
    folder = demo(tmp_path / "v")
    session = open_session(folder, PASSPHRASE)
    try:
        today = date.today()
        paul = records.add_profile(
            session,
            today,
            first_name="Paul",
            last_name="Durand",
            birth_date=date(today.year - 46, 1, 1),
            sex="M",
        )
        prevention.save_bilan(session, paul, "45-50", {"CIGARETTES": "yes"}, today)
    finally:
        session.lock()
    out = tmp_path / "bilan.pdf"
    made = carnet("prevention", "--data-dir", str(folder), "--profile", "Paul", "--bilan-pdf", str(out))
    assert made.returncode == 0, made.stderr
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Mon bilan prévention (45-50 ans)" in text and "Paul Durand" in text
    assert out.stat().st_mode & 0o077 == 0


def test_an_unknown_profile_or_a_profile_out_of_bracket_is_refused_in_one_line_and_nothing_changes(tmp_path):
    folder = demo(tmp_path / "v")
    before = snapshot(folder)
    unknown = carnet("prevention", "--data-dir", str(folder), "--profile", "Personne")
    assert unknown.returncode == 2 and unknown.stdout == ""
    assert unknown.stderr.strip() == "carnet: Aucun profil ne s'appelle Personne ni n'a cet identifiant."
    out = tmp_path / "bilan.pdf"
    young = carnet("prevention", "--data-dir", str(folder), "--profile", "Camille", "--bilan-pdf", str(out))
    assert young.returncode == 2 and len(young.stderr.strip().splitlines()) == 1 and not out.exists()
    assert snapshot(folder) == before

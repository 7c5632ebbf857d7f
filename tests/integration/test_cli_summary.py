"""``summary``: a profile's patient summary as FHIR (IPS document Bundle) or PDF, from the command line."""

import json

from pypdf import PdfReader

from services.sharing.summary import check_bundle

from .test_cli import carnet, snapshot


def test_the_fhir_summary_is_a_valid_ips_document_of_the_profile(tmp_path):
    ids = carnet("demo", "--data-dir", str(tmp_path)).stdout.split()
    result = carnet("summary", "--data-dir", str(tmp_path), "--profile", ids[0], "--format", "fhir")
    assert result.returncode == 0, result.stderr
    bundle = json.loads(result.stdout)
    check_bundle(bundle)  # R4B, raises otherwise
    composition = bundle["entry"][0]["resource"]
    assert bundle["type"] == "document" and composition["type"]["coding"][0]["code"] == "60591-5"
    codes = [s["code"]["coding"][0]["code"] for s in composition["section"]]
    assert codes[:3] == ["48765-2", "10160-0", "11450-4"]
    assert composition["subject"]["reference"].startswith("urn:uuid:")


def test_the_pdf_summary_is_written_to_the_file_and_names_the_person(tmp_path):
    vault, out = tmp_path / "v", tmp_path / "synthese.pdf"
    ids = carnet("demo", "--data-dir", str(vault)).stdout.split()
    result = carnet(
        "summary", "--data-dir", str(vault), "--profile", ids[0], "--format", "pdf", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_mode & 0o777 == 0o600  # health data: its owner only
    reader = PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages)
    assert 1 <= len(reader.pages) <= 2 and "Groupe sanguin" in text and "Allergies" in text


def test_an_unknown_profile_is_refused_in_one_french_line_and_nothing_changes(tmp_path):
    carnet("demo", "--data-dir", str(tmp_path))
    before = snapshot(tmp_path)
    result = carnet(
        "summary", "--data-dir", str(tmp_path), "--profile", "nobody", "--out", str(tmp_path.parent / "x")
    )
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("carnet: ")
    assert snapshot(tmp_path) == before and not (tmp_path.parent / "x").exists()

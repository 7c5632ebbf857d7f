"""add-document and search as a user runs them: real processes, real files."""

from services.pdf import simple_pdf

from .test_cli import carnet


def test_a_document_added_from_the_command_line_is_found_by_a_word_inside_it(tmp_path):
    data_dir = tmp_path / "vault"
    holder = carnet("demo", "--data-dir", str(data_dir)).stdout.split()[0]
    report = tmp_path / "echo.pdf"
    report.write_bytes(simple_pdf("Echographie abdominale", ["Vésicule alithiasique, foie homogène."]))
    added = carnet(
        "add-document",
        "--data-dir",
        str(data_dir),
        "--profile",
        holder,
        "--type",
        "18748-4",
        "--title",
        "Echo abdo",
        "--date",
        "02/03/2026",
        str(report),
    )
    assert added.returncode == 0, added.stderr
    found = carnet("search", "--data-dir", str(data_dir), "--profile", holder, "alithiasique")
    assert found.returncode == 0, found.stderr
    assert found.stdout.splitlines() == [f"2026-03-02\t18748-4\tEcho abdo\t\t{added.stdout.strip()}"]


def test_an_executable_renamed_pdf_is_refused_with_one_line_and_status_2(tmp_path):
    data_dir = tmp_path / "vault"
    holder = carnet("demo", "--data-dir", str(data_dir)).stdout.split()[0]
    fake = tmp_path / "facture.pdf"
    fake.write_bytes(b"MZ\x90\x00" + bytes(2000))
    refused = carnet(
        "add-document",
        "--data-dir",
        str(data_dir),
        "--profile",
        holder,
        "--type",
        "18748-4",
        "--title",
        "Facture",
        str(fake),
        lang="en",
    )
    assert refused.returncode == 2
    assert refused.stderr.strip() == "carnet: Only PDF, JPEG and PNG files can be added."
    assert carnet("search", "--data-dir", str(data_dir), "--profile", holder, "facture").stdout == ""


def test_a_date_in_the_future_is_refused_written_as_each_language_writes_dates(tmp_path):
    data_dir = tmp_path / "vault"
    holder = carnet("demo", "--data-dir", str(data_dir)).stdout.split()[0]
    report = tmp_path / "echo.pdf"
    report.write_bytes(simple_pdf("Echographie", ["Normale."]))
    args = ("add-document", "--data-dir", str(data_dir), "--profile", holder, "--type", "18748-4")
    french = carnet(*args, "--title", "Echo", "--date", "31/12/2099", str(report))
    english = carnet(*args, "--title", "Echo", "--date", "2099-12-31", str(report), lang="en")
    assert (french.returncode, english.returncode) == (2, 2)
    assert french.stderr.strip() == "carnet: La date du document 31/12/2099 est dans le futur."
    assert english.stderr.strip() == "carnet: The document date 12/31/2099 is in the future."

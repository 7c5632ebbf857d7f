"""Hostile files: bombs, pipes, devices, names with newlines. Each is refused clearly, changes nothing, and
costs bounded memory and time (the child process of services/documents/sandbox.py has its own limits)."""

import errno
import json
import os
import subprocess
import sys
import textwrap
import threading
from datetime import date
from pathlib import Path

import pytest

from domain.errors import ValidationError
from domain.models import Document, new_id
from services import documents
from services.documents import files as document_files
from services.documents import sandbox
from services.fhir import bundle as fhir_bundle
from services.files import printable, read_regular_file
from tests.conftest import TODAY
from tests.hostile_files import pdf_bomb, png_bomb

ROOT = Path(__file__).resolve().parents[3]
FIELDS = {"title": "Compte rendu", "type_code": "11488-4", "on": date(2026, 3, 1)}


@pytest.fixture(scope="module")
def bomb():
    return pdf_bomb(1 << 30)  # 4.5 MB that inflate to 1 GiB


def stored(session, profile_id, data, mime):
    """A document stored as an older version or a sync could have left it, without today's checks."""
    document = Document(**FIELDS, mime=mime, size=len(data), attachment_id=new_id())
    with session.uow() as uow:
        uow.attachments.put(profile_id, document.attachment_id, data)
        uow.records.add(profile_id, document)
        uow.commit()
    return document


def document_count(session):
    with session.uow() as uow:
        return sum(uow.records.count(p.id, "document") for p in uow.profiles.list())


# -- PDF bomb -------------------------------------------------------------------------------------------
def test_a_pdf_bomb_is_refused_when_added(session, family, bomb):
    before = document_count(session)
    with pytest.raises(ValidationError, match="too large or too complex"):
        documents.add_document(session, family[0].id, bomb, today=TODAY, **FIELDS)
    assert document_count(session) == before


def test_the_preview_of_a_stored_pdf_bomb_is_refused_not_drawn(session, family, bomb):
    document = stored(session, family[0].id, bomb, "application/pdf")
    shown = documents.preview(session, family[0].id, document)
    assert shown.unavailable and shown.image == b""


def test_drawing_a_pdf_bomb_keeps_the_app_small_and_gives_no_image(tmp_path, bomb):
    (tmp_path / "bomb.pdf").write_bytes(bomb)
    # VmHWM, not ru_maxrss: on Linux a process keeps its parent's peak (pytest's) across fork and exec.
    script = textwrap.dedent(f"""
        import json, sys
        sys.path.insert(0, {str(ROOT)!r})
        from services import documents
        png = documents.first_page_png(open({str(tmp_path / "bomb.pdf")!r}, "rb").read())
        status = open("/proc/self/status").read().splitlines()
        peak = int(next(line.split()[1] for line in status if line.startswith("VmHWM:"))) * 1024
        print(json.dumps([len(png), peak]))
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    png, app_peak = json.loads(run.stdout)
    assert app_peak < 300 * 2**20  # drawn in-process (before), the page took 2.2 GB
    assert png == 0  # the child was stopped at its cap (see test_sandbox.py for the cap itself)


def test_without_a_child_process_a_pdf_bomb_is_refused_by_the_in_process_caps(monkeypatch, bomb):
    monkeypatch.setattr(sandbox, "available", lambda: False)
    with pytest.raises(ValidationError, match="too large or too complex"):
        document_files.examine(bomb)
    assert document_files.render_preview("application/pdf", bomb).unavailable


def test_without_a_child_process_a_real_pdf_keeps_its_text_but_is_not_drawn(monkeypatch):
    from services.pdf import simple_pdf

    monkeypatch.setattr(sandbox, "available", lambda: False)
    pdf = simple_pdf("Bilan", ["Hémoglobine normale"])
    assert "normale" in document_files.render_preview("application/pdf", pdf).text
    assert document_files.examine(pdf)[1].startswith("bilan")


def test_when_the_system_refuses_a_child_process_the_in_process_caps_apply(monkeypatch):
    from services.pdf import simple_pdf

    def no_process(*args, **kwargs):
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(sandbox, "run", no_process)
    shown = document_files.render_preview("application/pdf", simple_pdf("Bilan", ["Ferritine basse"]))
    assert "Ferritine" in shown.text and shown.image == b"" and not shown.unavailable


# -- PNG bomb -------------------------------------------------------------------------------------------
def test_a_png_bomb_is_refused_when_added_alone_or_merged(session, family):
    before = document_count(session)
    with pytest.raises(ValidationError, match="too large"):
        documents.add_document(session, family[0].id, png_bomb(), today=TODAY, **FIELDS)
    small = png_bomb(4, 4)
    with pytest.raises(ValidationError, match="too large"):
        documents.add_images(session, family[0].id, [small, png_bomb()], today=TODAY, **FIELDS)
    assert document_count(session) == before


def test_the_preview_of_a_stored_png_bomb_is_refused_not_handed_to_the_screen(session, family):
    document = stored(session, family[0].id, png_bomb(), "image/png")
    shown = documents.preview(session, family[0].id, document)
    assert shown.unavailable and shown.image == b""


def test_an_image_that_pillow_cannot_read_is_refused_clearly():
    with pytest.raises(ValidationError, match="damaged"):
        document_files.check_file(b"\x89PNG\r\n\x1a\n" + bytes(100) + b"IEND\xaeB`\x82")


# -- files that are not regular files ---------------------------------------------------------------------
def test_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "scan.pdf"
    os.mkfifo(fifo)
    outcome: list[BaseException | bytes] = []

    def read() -> None:
        try:
            outcome.append(documents.read_file(fifo))
        except BaseException as exc:  # noqa: BLE001 - the test inspects it
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=30)
    if reader.is_alive():  # the old code waits in open(): a writer that closes at once releases it
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=30)
        pytest.fail("reading a FIFO waited for a writer")
    assert isinstance(outcome[0], ValidationError) and "not a regular file" in outcome[0].msgid


@pytest.mark.parametrize("target", ["/dev/null", "folder"])
def test_a_symlink_is_followed_only_to_a_regular_file(tmp_path, target):
    (tmp_path / "folder").mkdir()
    (tmp_path / "real.pdf").write_bytes(b"%PDF-1.4 real")
    link = tmp_path / "link.pdf"
    link.symlink_to(tmp_path / target if target == "folder" else target)
    with pytest.raises(ValidationError, match="not a regular file"):
        documents.read_file(link)
    good = tmp_path / "good.pdf"
    good.symlink_to(tmp_path / "real.pdf")
    assert documents.read_file(good) == b"%PDF-1.4 real"


def test_a_file_whose_size_says_zero_is_still_read_no_further_than_the_limit(monkeypatch):
    status = Path("/proc/self/status")  # a regular file whose st_size is 0 though it holds ~1 KB
    assert status.stat().st_size == 0
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 100)
    with pytest.raises(ValidationError, match="larger than"):
        documents.read_file(status)
    assert len(read_regular_file(status, 4096)) > 100


# -- text printed about a file ------------------------------------------------------------------------------
def test_control_characters_are_escaped_and_french_spaces_kept():
    name = "compte\nrendu\t\x1b[31m\u202eélevé\u00a0: fin"
    assert printable(name) == "compte\\nrendu\\t\\x1b[31m\\u202eélevé\u00a0: fin"


# -- the JSON of an import ---------------------------------------------------------------------------------
def test_a_json_file_nested_deeper_than_python_recurses_is_refused_clearly(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(ValidationError, match="nested too deeply"):
        fhir_bundle.read_bundle_file(deep)


def test_a_bundle_file_larger_than_the_cap_is_refused_without_reading_it_all(tmp_path, monkeypatch):
    monkeypatch.setattr(fhir_bundle, "MAX_BUNDLE_BYTES", 1000)
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"resourceType": "Bundle", "entry": [], "pad": "x" * 2000}), encoding="utf-8")
    with pytest.raises(ValidationError, match="larger than"):
        fhir_bundle.read_bundle_file(big)

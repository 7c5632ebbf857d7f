"""A document's bytes, checked and read with bounded memory and time: the same checks for a file added by
hand, merged from photos or brought by an import, and the preview of a stored one.

Type from the first bytes, 20 MB, truncation, image size (Pillow's decompression-bomb guard) are checked
in-process: they read headers only. Parsing a PDF (its text) and drawing its first page run in a child
process with a memory cap and a timeout (sandbox.py); where there is none, in-process with pypdf's
decompression caps and fewer pages, and without drawing.
"""

from __future__ import annotations

import base64
import io
import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from domain.errors import ValidationError
from services.documents import pdf_worker, sandbox, search

log = logging.getLogger("carnet")
PDF = "application/pdf"
# The first bytes of each accepted file type: the type is read from the content, not the name.
SIGNATURES = {b"%PDF-": PDF, b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_TEXT_PAGES = 200  # a 10 MB scan of 500 pages would take seconds to parse; its first pages say enough
MAX_TEXT_CHARS = 2_000_000  # ~300 pages of dense text: the index keeps its distinct words anyway
IN_PROCESS_PAGES = 20  # without a child process, less work on the app's own thread
# Generous for a real 20 MB PDF (the 9.7 MB bench file takes ~0.3 s): only a hostile file reaches them.
CHECK_SECONDS = 30
PREVIEW_SECONDS = 15
PREVIEW_WIDTH = 900
PREVIEW_CHARS = 20_000  # the text under the first page
Answer = dict[str, Any] | None


def sniff_mime(data: bytes) -> str:
    """The document's type from its first bytes; refuses anything else, whatever its file name."""
    if not data:
        raise ValidationError("The file is empty.")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ValidationError("The file is larger than {mb} MB.", mb=MAX_DOCUMENT_BYTES // (1024 * 1024))
    for signature, mime in SIGNATURES.items():
        if data.startswith(signature):
            return mime
    raise ValidationError("Only PDF, JPEG and PNG files can be added.")


@dataclass(frozen=True, slots=True)
class Preview:
    mime: str
    image: bytes = b""  # an image document as is; a PDF: its first page drawn as PNG (pypdfium2)
    text: str = ""  # a PDF: the text of its first page, also the fallback where it cannot be drawn
    unavailable: bool = False  # too large or too complex to be shown safely: open it elsewhere


def check_file(data: bytes) -> str:
    """The MIME type of a file whose headers are acceptable; a clear ValidationError for anything else.
    A PDF's content is checked by ``examine``, which parses it."""
    if data and not data.strip(b" \t\r\n\x00"):
        raise ValidationError("The file is empty.")
    mime = sniff_mime(data)
    if mime == PDF and b"%%EOF" not in data[-1024:]:
        raise ValidationError("The PDF file is incomplete (truncated); add the whole file.")
    if mime == "image/jpeg" and b"\xff\xd9" not in data[-64:]:
        raise ValidationError("The JPEG image is incomplete (truncated); add the whole file.")
    if mime == "image/png" and b"IEND" not in data[-64:]:
        raise ValidationError("The PNG image is incomplete (truncated); add the whole file.")
    if mime != PDF:
        check_image(data)
    return mime


def check_image(data: bytes) -> None:
    """Refuses an image whose header announces more pixels than Pillow's decompression-bomb guard allows
    (~89 million: a 50 KB PNG can announce 20,000 x 20,000); only the header is read."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.size  # noqa: B018 - opening reads the header; the guard runs there
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            "The image is too large (more than {limit} million pixels).",
            limit=(Image.MAX_IMAGE_PIXELS or 0) // 1_000_000,
        ) from exc
    except (OSError, ValueError, SyntaxError) as exc:  # Pillow's "cannot identify", bad chunks
        raise ValidationError("The image is damaged and cannot be opened.") from exc


def examine(data: bytes) -> tuple[str, str]:
    """The MIME type and the words of the text (search.prepare) of an acceptable document."""
    mime = check_file(data)
    return mime, search.prepare(pdf_text(data)) if mime == PDF else ""


def pdf_text(data: bytes, pages: int = MAX_TEXT_PAGES) -> str:
    """The text of the first ``pages`` pages; a clear ValidationError for a damaged, empty or hostile PDF."""
    answer = _bounded(
        "text",
        [str(pages), str(MAX_TEXT_CHARS)],
        data,
        CHECK_SECONDS,
        lambda: _in_process(data, min(pages, IN_PROCESS_PAGES), MAX_TEXT_CHARS),
    )
    if answer is None or answer.get("error") == "limit":
        raise ValidationError("The PDF file is too large or too complex to be read safely.")
    if answer.get("error") == "no-page":
        raise ValidationError("The PDF file has no page.")
    if answer.get("error") or not isinstance(answer.get("text"), str):
        raise ValidationError("The PDF file is damaged and cannot be opened.")
    return str(answer["text"])


def _bounded(
    task: str, args: list[str], data: bytes, seconds: float, in_process: Callable[[], Answer]
) -> Answer:
    """The worker's answer from a child process, or from ``in_process`` where none can be started."""
    if sandbox.available():
        try:
            return sandbox.run(sandbox.WORKER, task, args, data, seconds=seconds)
        except OSError as exc:  # no process could be started (limits of the system): the in-process caps
            log.info("no child process for a document (%s); read in-process", exc.strerror)
    return in_process()


def _in_process(data: bytes, pages: int, max_chars: int) -> Answer:
    """The text with pypdf's decompression caps only; PDFium's memory cannot be capped here: no drawing."""
    import pypdf

    try:
        with pypdf.apply_configuration(jbig2dec_binary=None):
            return pdf_worker.text_of(data, pages, max_chars)
    except pdf_worker.Refused as refused:
        return {"error": refused.code}
    except (MemoryError, RecursionError):
        return None


def render_preview(mime: str, data: bytes) -> Preview:
    """What the screen shows: an image as is (if its size is safe), a PDF's first page drawn and its text.
    Never raises for the content: a document that cannot be shown safely is ``unavailable``."""
    if mime != PDF:
        try:
            check_image(data)
        except ValidationError:
            return Preview(mime, unavailable=True)
        return Preview(mime, image=data)
    answer = _bounded(
        "preview",
        [str(PREVIEW_WIDTH), str(PREVIEW_CHARS)],
        data,
        PREVIEW_SECONDS,
        lambda: _in_process(data, 1, PREVIEW_CHARS),
    )
    if answer is None or answer.get("error"):
        return Preview(mime, unavailable=True)
    png = base64.b64decode(str(answer.get("png", "")))
    return Preview(mime, image=png, text=str(answer.get("text", "")).strip())


def first_page_png(data: bytes, width: int = PREVIEW_WIDTH) -> bytes:
    """The first page of a PDF drawn as PNG, in memory only; b"" where it cannot be drawn safely."""
    answer = _bounded("preview", [str(width), "1"], data, PREVIEW_SECONDS, lambda: None)
    return base64.b64decode(str(answer.get("png", ""))) if answer else b""


def images_to_pdf(images: list[bytes]) -> bytes:
    """Several photos (the pages of a paper document) merged into one PDF, one page each."""
    if not images:
        raise ValidationError("Choose at least one image.")
    for data in images:
        if check_file(data) == PDF:
            raise ValidationError("Only JPEG and PNG images can be merged into one PDF.")
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creator("Carnet")
    try:
        for data in images:
            pdf.add_page()
            pdf.image(io.BytesIO(data), x=10, y=10, w=190, keep_aspect_ratio=True, h=277)
        return bytes(pdf.output())
    except Exception as exc:  # noqa: BLE001 - any decoder error on a user's photo is a refusal, not a crash
        log.info("an image could not be merged: %s", type(exc).__name__)
        raise ValidationError("The image is damaged and cannot be opened.") from exc

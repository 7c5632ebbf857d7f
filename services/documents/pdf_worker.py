"""PDF work on untrusted bytes: its text (pypdf) and its first page drawn as PNG (PDFium).

sandbox.py runs this file as a child process (``python -I pdf_worker.py TASK ...`` with the PDF on
standard input, one JSON answer on standard output) that first limits its own address space and CPU time,
so that a PDF bomb (a few MB that inflate to GBs) ends the child, not the app. Where no child process can
be started (iOS, Android), the same functions run in-process with pypdf's own decompression caps and
fewer pages, and nothing is drawn: PDFium's memory cannot be bounded inside the app's process.

It imports nothing from Carnet on purpose: the child starts in ~0.1 s and sees no vault, key or setting.

    pdf_worker.py text MEMORY SECONDS PAGES MAX_CHARS    -> {"pages": n, "text": "..."}
    pdf_worker.py preview MEMORY SECONDS WIDTH MAX_CHARS -> {"png": "<base64>", "text": "..."}
    either may answer {"error": "damaged" | "no-page" | "limit"} instead.
"""

from __future__ import annotations

import base64
import io
import json
import sys
from typing import Any

MAX_HEIGHT_RATIO = 4  # a page drawn at most 4 times as tall as wide: a 1 x 100000 pt page is not drawn


class Refused(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _reader(data: bytes) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) == 0:
            raise Refused("no-page")
    except LimitReachedError as exc:
        raise Refused("limit") from exc
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise Refused("damaged") from exc
    return reader


def text_of(data: bytes, pages: int, max_chars: int) -> dict[str, Any]:
    """The page count and the text of the first ``pages`` pages, cut at ``max_chars`` characters.
    A stream that inflates beyond pypdf's caps refuses the file ("limit"): no real document needs it."""
    from pypdf.errors import LimitReachedError

    reader = _reader(data)
    parts, size = [], 0
    for page in reader.pages[:pages]:
        try:
            page.get_contents()  # pypdf's extract_text hides a decompression bomb as "no text": not this
            text = page.extract_text() or ""
        except (LimitReachedError, MemoryError) as exc:
            raise Refused("limit") from exc
        except Exception:  # noqa: BLE001 - one odd page (fonts, images) must not refuse the document
            text = ""
        parts.append(text[: max_chars - size])
        size += len(parts[-1])
        if size >= max_chars:
            break
    return {"pages": len(reader.pages), "text": "\n".join(parts)}


def preview_of(data: bytes, width: int, max_chars: int) -> dict[str, Any]:
    """The first page drawn as PNG ("" where PDFium cannot draw it) and its text."""
    try:
        text = text_of(data, 1, max_chars)["text"]
    except Refused:
        text = ""
    return {"png": base64.b64encode(_first_page_png(data, width)).decode(), "text": text}


def _first_page_png(data: bytes, width: int) -> bytes:
    try:
        import pypdfium2
    except ImportError:  # some mobile builds have no PDFium: the text is shown instead
        return b""
    try:
        pdf = pypdfium2.PdfDocument(data)
        try:
            page = pdf[0]
            page_width, page_height = page.get_size()
            if page_width <= 0 or page_height <= 0:
                return b""
            scale = min(width / page_width, width * MAX_HEIGHT_RATIO / page_height)
            image = page.render(scale=scale).to_pil()
        finally:
            pdf.close()
    except Exception:  # noqa: BLE001 - PDFium's own errors: fall back to the text
        return b""
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _limit_self(memory: int, seconds: int) -> None:
    """Caps this process before it reads anything; where the OS cannot, the parent's timeout remains."""
    try:
        import resource
    except ImportError:  # Windows
        return
    for limit, soft in ((resource.RLIMIT_AS, memory), (resource.RLIMIT_CPU, seconds)):
        try:
            hard = resource.getrlimit(limit)[1]
            capped = soft if hard == resource.RLIM_INFINITY else min(soft, hard)
            resource.setrlimit(limit, (capped, hard if limit == resource.RLIMIT_CPU else capped))
        except (ValueError, OSError):  # macOS refuses some limits: the parent's timeout still holds
            pass


def main(argv: list[str]) -> int:
    task, memory, seconds, size, max_chars = argv[0], *(int(a) for a in argv[1:5])
    _limit_self(memory, seconds)
    import pypdf

    pypdf.overwrite_configuration(jbig2dec_binary=None)  # no grandchild process outside our limits
    data = sys.stdin.buffer.read()
    try:
        answer = text_of(data, size, max_chars) if task == "text" else preview_of(data, size, max_chars)
    except Refused as refused:
        answer = {"error": refused.code}
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Dossier benchmark: prints figures, asserts nothing.

    python bench/dossier.py [--documents 10000]

- 10,000 generated documents in one profile: realistic titles, authors, types, dates over ten years and
  sizes (the ``size`` field, 40 KB to 4 MB), each with a sealed page of report text (80 to 200 words from a
  medical vocabulary of 2,000 words). To keep the bench's disk use small, every document's sealed bytes
  are one small real PDF; the text that search reads is each document's own.
Once the vault is made, the measures run in a fresh process (its peak memory is the app's work alone):
- unlock with the passphrase (Argon2id) -> first search answered (<= 0.5 s): in the first session after
  the documents came (the index built from them, and its sealed snapshot written), then in a later one
- first page of the list (newest 50), median / max of 20 (target <= 30 ms)
- 100 searches (one word, a prefix, two words, a type name, an author): p50 / p95 (targets 50 / 150 ms)
- adding a 10 MB PDF through services.documents (checks, text extraction, sealing, log) (target <= 1 s)
- peak RSS of that process (target <= 150 MB)
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import random_document  # noqa: E402
from domain.models import Profile  # noqa: E402
from services import documents  # noqa: E402
from services.documents import search  # noqa: E402
from services.pdf import simple_pdf  # noqa: E402
from services.session import Session  # noqa: E402
from storage.keys import MemoryKeyHolder  # noqa: E402

PASSPHRASE = "bench passphrase"
MEDICAL = [
    "hémoglobine",
    "ferritine",
    "glycémie",
    "cholestérol",
    "triglycérides",
    "créatinine",
    "leucocytes",
    "plaquettes",
    "tension",
    "souffle",
    "fracture",
    "entorse",
    "ménisque",
    "poumon",
    "thorax",
    "foie",
    "vésicule",
    "rein",
    "thyroïde",
    "vitamine",
    "carence",
    "allergie",
    "asthme",
    "diabète",
    "insuline",
    "paracétamol",
    "amoxicilline",
    "ibuprofène",
    "posologie",
    "comprimé",
    "conclusion",
    "normal",
]


def vocabulary(rng: random.Random, size: int = 2000) -> list[str]:
    syllables = [
        "ra",
        "mi",
        "to",
        "ca",
        "lo",
        "ne",
        "pha",
        "gie",
        "tro",
        "cy",
        "xa",
        "bu",
        "dé",
        "ché",
        "lin",
    ]
    words = set(MEDICAL)
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def fill(session: Session, profile_id: str, n: int, rng: random.Random, words: list[str]) -> None:
    pdf = simple_pdf("Document", ["Généré pour le banc d'essai."])
    with session.uow() as uow:
        batch = []
        for i in range(n):
            doc = random_document(rng, i, max_size=4_000_000, origins=("me", "me", "professional", "service"))
            text = search.prepare(" ".join(rng.choice(words) for _ in range(rng.randint(80, 200))))
            uow.attachments.put(profile_id, doc.attachment_id, pdf)
            uow.attachments.put(profile_id, doc.attachment_id + documents.TEXT_SUFFIX, text.encode())
            batch.append(doc)
        uow.records.add_many(profile_id, batch)
        uow.commit()


def ten_mb_pdf(rng: random.Random) -> bytes:
    """A scan-like PDF of about 10 MB: noisy (incompressible) page images and a page of text."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Compte rendu d'hospitalisation. Conclusion : evolution favorable. " * 20)
    for _ in range(4):
        image = Image.frombytes("RGB", (900, 900), rng.randbytes(900 * 900 * 3))
        out = io.BytesIO()
        image.save(out, format="PNG", compress_level=1)
        pdf.add_page()
        pdf.image(out, x=10, y=10, w=190)
    return bytes(pdf.output())


def queries(rng: random.Random, words: list[str]) -> list[str]:
    made = []
    for i in range(100):
        word = rng.choice(words)
        made.append(
            [
                word,
                word[:4],
                f"{word} {rng.choice(MEDICAL)}",
                "ordonnance",
                "cerballiance",
                "radiographie thorax",
                "laboratory report",
            ][i % 7]
        )
    return made


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def first_search(session: Session, profile_id: str, which: str) -> None:
    t0 = time.perf_counter()
    session.unlock(PASSPHRASE)  # Argon2id, as the lock screen does
    unlocked = time.perf_counter() - t0
    t1 = time.perf_counter()
    found = documents.search_documents(session, profile_id, "ordonnance")
    answered = time.perf_counter() - t0
    print(
        f"{which}: unlock with the passphrase -> first search answered {answered:.2f} s, of which unlock "
        f"{unlocked:.2f} s, index and search {time.perf_counter() - t1:.2f} s ({len(found)} found)"
    )


def measure(data_dir: Path, big_pdf: Path, profile_id: str, rng: random.Random, words: list[str]) -> None:
    """The app's work, in a process of its own (its peak memory is the app's, not the setup's)."""
    session = Session(data_dir, MemoryKeyHolder())
    first_search(session, profile_id, "a later session (target <= 0.5 s)")
    pages = []
    for _ in range(20):
        t0 = time.perf_counter()
        page = documents.list_documents(session, profile_id, limit=50)
        pages.append(time.perf_counter() - t0)
    print(
        f"first page of the list (newest {len(page)}): median {ms(statistics.median(pages))}, "
        f"max {ms(max(pages))} (target <= 30 ms)"
    )
    times, hits = [], 0
    for query in queries(rng, words):
        t0 = time.perf_counter()
        hits += len(documents.search_documents(session, profile_id, query))
        times.append(time.perf_counter() - t0)
    times.sort()
    print(
        f"100 searches: p50 {ms(times[49])}, p95 {ms(times[94])}, max {ms(times[-1])} "
        f"({hits} results in all) (targets p50 <= 50 ms, p95 <= 150 ms)"
    )
    t0 = time.perf_counter()
    filtered = documents.list_documents(session, profile_id, year=2020, sort="type")
    print(f"filtered list (year 2020, by type, {len(filtered)} documents): {ms(time.perf_counter() - t0)}")
    big = big_pdf.read_bytes()
    t0 = time.perf_counter()
    documents.add_document(
        session,
        profile_id,
        big,
        today=date(2026, 11, 30),
        title="Hospitalisation 2026",
        type_code="11490-0",
        on=date(2026, 3, 1),
    )
    print(f"adding a {len(big) / 1e6:.1f} MB PDF: {ms(time.perf_counter() - t0)} (target <= 1 s)")
    session.lock()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the process that did all this: {peak:.0f} MB (target <= 150 MB)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--measure", nargs=3, metavar=("DATA_DIR", "PDF", "PROFILE"), help=argparse.SUPPRESS)
    parser.add_argument("--first", nargs=2, metavar=("DATA_DIR", "PROFILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    rng = random.Random(11)
    words = vocabulary(rng)
    if args.first:  # the session after 10,000 documents came at once: no snapshot of the index yet
        first_search(Session(Path(args.first[0]), MemoryKeyHolder()), args.first[1], "the first session")
        print(f"  its peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        return
    if args.measure:
        measure(Path(args.measure[0]), Path(args.measure[1]), args.measure[2], random.Random(12), words)
        return
    with tempfile.TemporaryDirectory() as tmp:
        session = Session(Path(tmp) / "data", MemoryKeyHolder())
        session.create(PASSPHRASE)
        profile = Profile("Bench", "Durand", date(1980, 1, 1), "F")
        with session.uow() as uow:
            uow.profiles.add(profile)
            uow.commit()
        t0 = time.perf_counter()
        fill(session, profile.id, args.documents, rng, words)
        print(f"generated {args.documents} documents in {time.perf_counter() - t0:.1f} s")
        session.lock()
        big = Path(tmp) / "hospitalisation.pdf"
        big.write_bytes(ten_mb_pdf(rng))
        data = str(Path(tmp) / "data")
        subprocess.run([sys.executable, __file__, "--first", data, profile.id], check=True)
        subprocess.run([sys.executable, __file__, "--measure", data, str(big), profile.id], check=True)


if __name__ == "__main__":
    main()

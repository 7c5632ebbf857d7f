"""Generated documents shared by the benchmarks: realistic French titles, authors, dates and sizes."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from domain.models import DOCUMENT_TYPES, Document, new_id

TITLES = [
    "Bilan sanguin",
    "Radiographie thoracique",
    "Ordonnance",
    "Compte rendu de consultation",
    "IRM du genou",
    "Échographie abdominale",
    "Lettre de liaison",
    "Certificat médical",
    "Scanner cérébral",
    "Bilan lipidique",
    "Consultation cardiologie",
    "Compte rendu opératoire",
]
AUTHORS = [
    "Dr Martin, généraliste",
    "Laboratoire Cerballiance",
    "CHU de Lyon",
    "Centre d'imagerie Saint-Pierre",
    "Dr Nguyen, cardiologue",
    "Clinique du Parc",
    "Dr Lefèvre, pédiatre",
    "Hôpital Édouard-Herriot",
]
CODES = list(DOCUMENT_TYPES)
START = date(2016, 1, 1)  # ten years of documents


def random_document(
    rng: random.Random, number: int, *, max_size: int = 2_000_000, origins: Sequence[str] = ("me",)
) -> Document:
    return Document(
        f"{rng.choice(TITLES)} {number}",
        rng.choice(CODES),
        START + timedelta(days=rng.randrange(3650)),
        author=rng.choice(AUTHORS),
        added_by=rng.choice(origins),
        size=rng.randrange(40_000, max_size),
        attachment_id=new_id(),
    )

"""Storage benchmark: prints figures, asserts nothing.

    python bench/storage.py [--records 10000]

- insert N document records encrypted (the vault, with its outbox and order index) vs the same rows
  through plain sqlite-utils, in one transaction each, best of five (interleaved, garbage collected
  before each): ratio encrypted/plain (target <= 1.3); the same insert without outbox entries (a pull's)
  gives the outbox's share
- open the vault (passphrase with Argon2id, median of three; device key) and list the newest 50 of N
  (target <= 30 ms; unlock with the passphrase <= 1 s)
- Python start-up to the first page built, in a fresh process (target <= 1.5 s)
- peak RSS of this process and of the start-up process (target <= 200 MB)
"""

from __future__ import annotations

import argparse
import gc
import json
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

from sqlite_utils import Database  # noqa: E402

from bench.corpus import random_document  # noqa: E402
from domain.models import Document, Profile  # noqa: E402
from storage import codec  # noqa: E402
from storage.keys import MemoryKeyHolder  # noqa: E402
from storage.uow import UnitOfWork  # noqa: E402
from storage.vault import Vault  # noqa: E402

PASSPHRASE = "bench passphrase"


def documents(n: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    return [random_document(rng, i) for i in range(n)]


def insert_plain(folder: Path, docs: list[Document]) -> float:
    db = Database(folder / "plain.db")
    db.execute("PRAGMA journal_mode = WAL")
    gc.collect()
    started = time.perf_counter()
    rows = [
        {
            "id": d.id,
            "profile_id": "p",
            "kind": "document",
            "month": codec.month_of(d),
            "version": 1,
            "deleted": 0,
            "blob": codec.encode(d),
        }
        for d in docs
    ]
    with db.atomic():
        db["records"].insert_all(rows, pk="id", batch_size=1000)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def new_vault(folder: Path) -> tuple[Vault, Profile]:
    vault = Vault(folder, MemoryKeyHolder())
    vault.create(PASSPHRASE)
    profile = Profile("Bench", "Mark", date(1980, 1, 1), "F")
    with UnitOfWork(vault) as uow:
        uow.profiles.add(profile)
        uow.commit()
    return vault, profile


def insert_encrypted(vault: Vault, profile: Profile, docs: list[Document], outbox: bool = True) -> float:
    gc.collect()
    started = time.perf_counter()
    with UnitOfWork(vault, from_server=not outbox) as uow:
        uow.records.add_many(profile.id, docs)
        uow.commit()
    return time.perf_counter() - started


def first_page(vault: Vault, profile_id: str, runs: int = 20) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with UnitOfWork(vault) as uow:
            page = uow.records.list(profile_id, "document", limit=50)
        times.append(time.perf_counter() - started)
        assert len(page) == 50
    return times


def startup(folder: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of a fresh Python that unlocks the vault and builds the first page."""
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "first_page.py"), str(folder), PASSPHRASE],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return time.perf_counter() - started, float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000)
    n = parser.parse_args().records
    docs = documents(n)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plain_runs, encrypted_runs, pulled_runs = [], [], []
        for i in range(5):  # interleaved, best of five each: the 2 cores are shared with other work
            (folder / f"plain{i}").mkdir()
            plain_runs.append(insert_plain(folder / f"plain{i}", docs))
            pulled, pulled_profile = new_vault(folder / f"pulled{i}")
            pulled_runs.append(insert_encrypted(pulled, pulled_profile, docs, outbox=False))
            pulled.lock()
            vault, profile = new_vault(folder / f"vault{i}")
            encrypted_runs.append(insert_encrypted(vault, profile, docs))
            vault.lock()
        plain, encrypted, without_outbox = min(plain_runs), min(encrypted_runs), min(pulled_runs)
        unlocks = []
        for _ in range(3):
            started = time.perf_counter()
            vault.unlock(PASSPHRASE)
            unlocks.append(time.perf_counter() - started)
            vault.lock()
        unlock_passphrase = statistics.median(unlocks)
        started = time.perf_counter()
        vault.unlock()
        unlock_device = time.perf_counter() - started
        pages = first_page(vault, profile.id)
        vault.lock()
        boot_seconds, boot_rss = startup(vault.data_dir)
    figures = {
        "records": n,
        "insert_plain_s": round(plain, 3),
        "insert_encrypted_s": round(encrypted, 3),
        "ratio_encrypted_over_plain": round(encrypted / plain, 2),
        "ratio_median_of_runs": round(statistics.median(encrypted_runs) / statistics.median(plain_runs), 2),
        "insert_encrypted_without_outbox_s": round(without_outbox, 3),
        "outbox_share_s": round(encrypted - without_outbox, 3),
        "unlock_with_passphrase_ms": round(unlock_passphrase * 1000, 1),
        "unlock_with_device_key_ms": round(unlock_device * 1000, 1),
        "first_page_50_of_n_ms_median": round(statistics.median(pages) * 1000, 1),
        "first_page_50_of_n_ms_max": round(max(pages) * 1000, 1),
        "startup_to_first_page_s": round(boot_seconds, 2),
        "startup_peak_rss_mb": round(boot_rss, 1),
        "bench_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()

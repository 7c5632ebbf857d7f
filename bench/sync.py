"""Sync benchmark against a local sekmet-fhir server: prints figures, asserts nothing.

    python bench/sync.py [--resources 5000] [--server URL]   (its token in CARNET_SYNC_TOKEN)

- first pull of N resources (1 Patient + N-1 Observations) into an empty vault (target <= 20 s)
- a round with nothing new: requests and time, median of 5 (targets <= 2 requests, <= 100 ms)
- pushing 1,000 changes made offline: requests (target <= 20)
Without --server, a fresh sekmet-fhir is started on a free loopback port and stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.models import Measurement, Profile  # noqa: E402
from services.session import Session  # noqa: E402
from services.sync import round as sync  # noqa: E402
from storage import crypto  # noqa: E402
from storage.keys import MemoryKeyHolder  # noqa: E402
from tests.integration.sekmet_server import TOKEN, FhirServer  # noqa: E402

PASSPHRASE = "bench passphrase"
START = date(2020, 1, 1)


def device(folder: Path) -> Session:
    session = Session(folder, MemoryKeyHolder())
    session.create(PASSPHRASE)
    return session


def add_measurements(session: Session, profile_id: str, count: int, first_day: int) -> None:
    days = [START + timedelta(days=first_day + i) for i in range(count)]
    items = [Measurement(kind="heart_rate", value=50 + i % 60, on=day) for i, day in enumerate(days)]
    with session.uow() as uow:
        uow.records.add_many(profile_id, items)
        uow.commit()


def timed_round(session: Session, *args: str | None) -> tuple[sync.SyncReport, float]:
    started = time.perf_counter()
    report = sync.sync_now(session, *args)
    return report, time.perf_counter() - started


def run(server: str, token: str, resources: int, folder: Path) -> None:
    crypto.ARGON2_MEMORY_KIB, crypto.ARGON2_ITERATIONS = crypto.MIN_ARGON2_MEMORY_KIB, 1  # not measured here
    phone = device(folder / "phone")
    holder = Profile("Camille", "Bench", date(1990, 7, 13), "F")
    with phone.uow() as uow:
        uow.profiles.add(holder)
        uow.commit()
    add_measurements(phone, holder.id, resources - 1, 0)
    seeded, seconds = timed_round(phone, server, token)
    print(f"seed: pushed {seeded.pushed} changes in {seeded.requests} requests, {seconds:.1f} s")

    laptop = device(folder / "laptop")
    first, seconds = timed_round(laptop, server, token)
    print(f"first pull of {first.pulled} resources: {seconds:.2f} s, {first.requests} requests (<= 20 s)")

    noop = [timed_round(laptop) for _ in range(5)]
    requests = max(r.requests for r, _ in noop)
    median = statistics.median(s for _, s in noop) * 1000
    print(f"round with nothing new: {requests} request(s), median {median:.0f} ms (targets <= 2, <= 100 ms)")

    add_measurements(laptop, holder.id, 1000, resources)
    pushed, seconds = timed_round(laptop)
    print(
        f"push of 1,000 offline changes: {pushed.pushed} pushed in {pushed.requests} requests "
        f"(history read included), {seconds:.2f} s (target <= 20 requests)"
    )
    for session in (phone, laptop):
        session.lock()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--resources", type=int, default=5000)
    parser.add_argument("--server")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.server:  # the token from the environment: on the command line, ps would show it
            run(args.server, os.environ.get("CARNET_SYNC_TOKEN", ""), args.resources, Path(tmp))
            return
        local = FhirServer(Path(tmp) / "sekmet")
        local.start()
        try:
            run(local.url, TOKEN, args.resources, Path(tmp))
        finally:
            local.stop()


if __name__ == "__main__":
    main()

"""Backup benchmark: prints figures, asserts nothing.

    python bench/backup.py [--records 10000] [--megabytes 500]

A vault of N document records and M MB of attachments (20 files); then, each in a fresh process so
that its peak memory is its own: the backup (a file of the whole vault) and the restore into a new
folder. Throughput = size of vault.db / elapsed seconds (targets: >= 100 MB/s each way, peak RSS
<= 150 MB). A plain copy of vault.db (cp) is timed in the same run as the baseline of the disk.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import random_document  # noqa: E402
from domain.models import Document, Profile  # noqa: E402
from storage.keys import MemoryKeyHolder  # noqa: E402
from storage.uow import UnitOfWork  # noqa: E402
from storage.vault import Vault  # noqa: E402

PASSPHRASE = "bench passphrase for the backup"
FILES = 20
CHILD = textwrap.dedent(
    """
    import json, sys, time
    from datetime import datetime
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from storage import backup
    from storage.vault import Vault
    action, data_dir, file, passphrase = sys.argv[2:6]
    started = time.perf_counter()
    if action == "backup":
        vault = Vault(data_dir)
        vault.unlock(passphrase)
        unlocked = time.perf_counter()
        backup.write_file(Path(file), lambda out: backup.write_backup(vault, out))
        vault.lock()
    else:
        unlocked = started
        backup.restore_backup(Path(file), Path(data_dir), passphrase)
    done = time.perf_counter()
    # VmHWM, not ru_maxrss: the latter keeps the bench's own peak from before the exec of this child
    status = Path("/proc/self/status").read_text()
    rss = int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM:"))) / 1024
    print(json.dumps({"seconds": done - unlocked, "unlock": unlocked - started, "rss_mb": rss}))
    """
)


def build(folder: Path, records: int, megabytes: int) -> Path:
    vault = Vault(folder, MemoryKeyHolder())
    vault.create(PASSPHRASE, remember_on_device=False)
    profile = Profile("Bench", "Mark", date(1980, 1, 1), "F")
    rng = random.Random(3)
    with UnitOfWork(vault) as uow:
        uow.profiles.add(profile)
        uow.records.add_many(profile.id, [random_document(rng, i) for i in range(records)])
        uow.commit()
    size = megabytes * 1024 * 1024 // FILES
    for i in range(FILES):  # one file per unit of work: memory stays at one file
        data = os.urandom(size)
        with UnitOfWork(vault) as uow:
            doc = Document(
                title=f"scan {i}",
                type_code="11488-4",
                on=date(2026, 1, 1),
                mime="application/pdf",
                size=size,
                attachment_id=f"bench-{i}",
            )
            uow.attachments.put(profile.id, doc.attachment_id, data)
            uow.records.add(profile.id, doc)
            uow.commit()
    vault.lock()
    return folder / "vault.db"


def child(action: str, data_dir: Path, file: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), action, str(data_dir), str(file), PASSPHRASE],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--megabytes", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        folder = Path(tmp)
        db = build(folder / "vault", args.records, args.megabytes)
        mb = db.stat().st_size / 1024 / 1024
        started = time.perf_counter()
        shutil.copyfile(db, folder / "plain-copy.db")
        copy_seconds = time.perf_counter() - started
        (folder / "plain-copy.db").unlink()
        saved = child("backup", folder / "vault", folder / "copy.carnet")
        restored = child("restore", folder / "restored", folder / "copy.carnet")
        figures = {
            "records": args.records,
            "vault_db_mb": round(mb, 1),
            "backup_file_mb": round((folder / "copy.carnet").stat().st_size / 1024 / 1024, 1),
            "plain_copy_mb_per_s": round(mb / copy_seconds),
            "backup_mb_per_s": round(mb / saved["seconds"]),
            "backup_peak_rss_mb": round(saved["rss_mb"]),
            "restore_mb_per_s": round(mb / restored["seconds"]),
            "restore_peak_rss_mb": round(restored["rss_mb"]),
            "unlock_before_backup_s": round(saved["unlock"], 2),
        }
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()

"""Bounded work on untrusted files: a child Python process with an address-space limit and a timeout.

Parsing and drawing a PDF is done by libraries (pypdf, PDFium) whose memory and time depend on what the
file asks for: a 2 MB PDF can inflate to 2 GB. Run in a child process (pdf_worker.py) that caps
its own address space and CPU time, such a file ends the child, never the app; the parent also kills the
child's whole process group after ``seconds``. The child gets the PDF on standard input and an environment
without the passphrase or tokens. Where no child can be started (iOS, Android, a frozen build without a
Python executable), ``available()`` is False and the callers use pdf_worker's in-process caps instead.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger("carnet")
WORKER = Path(__file__).with_name("pdf_worker.py")
# 768 MiB of address space: a 600 dpi A4 scan drawn by PDFium needs ~250 MB, the interpreter ~70 MB;
# the 2 GB that a PDF bomb inflates to does not fit.
MEMORY_LIMIT = 768 * 1024 * 1024
MOBILE = ("ios", "android", "emscripten", "wasi")
# What the child may see of the environment: enough to run, nothing secret (CARNET_PASSPHRASE...).
ENV_KEPT = ("PATH", "SYSTEMROOT", "TMPDIR", "TEMP", "TMP", "LANG", "LC_ALL")


def available() -> bool:
    """True where a Python child process can run the worker (desktop, server, tests)."""
    if sys.platform in MOBILE or getattr(sys, "frozen", False) or not WORKER.is_file():
        return False
    executable = Path(sys.executable or "")
    return executable.is_file() and executable.name.lower().startswith("python")


def run(
    script: Path, task: str, args: list[str], data: bytes, *, seconds: float, memory: int = MEMORY_LIMIT
) -> dict[str, Any] | None:
    """The JSON answer of ``python -I script task memory seconds *args`` fed ``data``; None when the child
    was stopped (too much memory or time), crashed, or answered something else than a JSON object."""
    command = [sys.executable, "-I", str(script), task, str(memory), str(max(1, int(seconds))), *args]
    env = {name: os.environ[name] for name in ENV_KEPT if name in os.environ}
    child = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # PDFium's warnings may quote the file: not for the logs
        env=env,
        start_new_session=True,  # its own process group, killed whole (with any grandchild)
    )
    try:
        out, _err = child.communicate(data, timeout=seconds)
    except subprocess.TimeoutExpired:
        _kill(child)
        log.info("a document took more than %s s to read; it was stopped", seconds)
        return None
    if child.returncode != 0:
        log.info("reading a document stopped (status %s: too much memory or a crash)", child.returncode)
        return None
    try:
        answer = json.loads(out)
    except ValueError:
        return None
    return answer if isinstance(answer, dict) else None


def _kill(child: subprocess.Popen[bytes]) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(child.pid, signal.SIGKILL)
        else:
            child.kill()
    except ProcessLookupError:
        pass
    child.communicate()

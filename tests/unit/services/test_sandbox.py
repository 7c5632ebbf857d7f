"""The child process that reads untrusted files: capped in memory and time, blind to secrets."""

import textwrap

from services.documents import sandbox

PRELUDE = """
import json, os, subprocess, sys
sys.path.insert(0, {root!r})
from services.documents.pdf_worker import _limit_self
_limit_self(int(sys.argv[2]), int(sys.argv[3]))
data = sys.stdin.buffer.read()
"""


def script(tmp_path, body):
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[3])
    path = tmp_path / "task.py"
    path.write_text(PRELUDE.format(root=root) + textwrap.dedent(body), encoding="utf-8")
    return path


def test_the_answer_of_a_child_comes_back_as_json(tmp_path):
    task = script(tmp_path, 'print(json.dumps({"got": len(data), "task": sys.argv[1]}))')
    assert sandbox.run(task, "count", [], b"12345", seconds=30) == {"got": 5, "task": "count"}


def test_a_child_that_runs_too_long_is_stopped_with_everything_it_started(tmp_path):
    # The grandchild keeps the output pipe open: killing the child alone would wait 30 s for it.
    task = script(
        tmp_path,
        """
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
        import time; time.sleep(30)
    """,
    )
    assert sandbox.run(task, "slow", [], b"", seconds=1) is None


def test_a_child_that_asks_for_too_much_memory_is_stopped(tmp_path):
    task = script(
        tmp_path,
        """
        block = bytearray(2 * 1024 ** 3)
        print(json.dumps({"allocated": len(block)}))
    """,
    )
    assert sandbox.run(task, "greedy", [], b"", seconds=30, memory=512 * 1024**2) is None


def test_the_child_sees_no_passphrase_nor_token(tmp_path, monkeypatch):
    monkeypatch.setenv("CARNET_PASSPHRASE", "une phrase secrète")
    monkeypatch.setenv("CARNET_TOKEN", "jeton")
    task = script(tmp_path, "print(json.dumps({'names': sorted(os.environ)}))")
    names = sandbox.run(task, "env", [], b"", seconds=30)["names"]
    assert not [name for name in names if name.startswith("CARNET")]


def test_a_child_that_answers_garbage_counts_as_stopped(tmp_path):
    task = script(tmp_path, "print('not json')")
    assert sandbox.run(task, "garbage", [], b"", seconds=30) is None

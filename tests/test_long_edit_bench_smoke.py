"""The long-article edit benchmark runs end to end on a short article and prints its table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_long_edit_bench_runs_on_a_short_article() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "bench" / "long_edit_bench.py"),
            "--words",
            "3000",
            "--history",
            "70",
            "--edits",
            "6",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr  # 1: a target missed on a busy machine
    table = done.stdout
    assert "| figure | measured | target | ok |" in table
    for figure in ("apply_patch, median ms", "undo, p95 ms", "repeated article + annotation"):
        assert figure in table
    assert (done.returncode == 0) == ("MISSED" not in table)

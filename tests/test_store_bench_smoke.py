"""The store benchmark runs end to end at tiny sizes and prints its table (it is not timed here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_store_bench_runs_at_tiny_sizes(tmp_path: Path) -> None:
    figures = tmp_path / "figures.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "bench" / "store_bench.py"),
            "--sizes",
            "20,200",
            "--edits",
            "16",
            "--json",
            str(figures),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr  # 1: a target missed on a busy machine
    table = done.stdout
    assert "| figure | 20 | 200 | target | ok |" in table
    for figure in ("save one edit, median ms", "app: open to article list, s", "peak memory"):
        assert figure in table

    data = json.loads(figures.read_text(encoding="utf-8"))
    assert data["200"]["rows"] == 200 and data["20"]["rows"] == 20
    assert 0 < data["200"]["filter_person_rows"] < 200
    assert (done.returncode == 0) == ("MISSED" not in table)

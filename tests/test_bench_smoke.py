"""Every benchmark under tests/bench runs end to end at a small size and prints its table.

Timings are judged by the benches only: exit 0 (every target met) and 1 (one missed on a busy
machine) both pass here; 2 (the bench broke) does not.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHES = ROOT / "tests" / "bench"

sys.path.insert(0, str(BENCHES))
from long_article import build  # noqa: E402


def run_bench(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run one bench script with ``args``; fail the test when it broke (exit 2)."""
    done = subprocess.run(
        [sys.executable, str(BENCHES / script), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    assert (done.returncode == 0) == ("MISSED" not in done.stdout)
    return done


def test_long_article_is_real_text_with_consistent_annotation() -> None:
    built = build(words=3_000, entities=300)
    annotation = built.annotation
    assert annotation is not None
    assert annotation.problems() == []
    assert len(built.text.split()) >= 3_000
    assert built.entities == 300 == len(annotation.entities())
    assert "cosmodrome" in built.text
    for person in annotation.people:
        names = {annotation.span_text(m) for m in person.mentions}
        assert person.name in names
    assert all(annotation.span_text(e.trigger) for e in annotation.events)
    names = {p.name for p in annotation.people}
    assert "Kim Jong Un" not in names  # names are varied on every repetition


def test_app_bench_prints_every_figure(tmp_path: Path) -> None:
    figures = tmp_path / "figures.json"
    done = run_bench(
        "app_bench.py",
        *("--words", "1000", "--entities", "100", "--runs", "1", "--keys", "3"),
        *("--json", str(figures)),
    )
    rows = json.loads(figures.read_text())["rows"]
    what = [row["what"] for row in rows]
    assert any(w.startswith("start-up") for w in what)
    assert any(w.startswith("open the long article") for w in what)
    for key in ("cursor move", "select", "label", "undo", "people panel"):
        assert any(key in w for w in what), key
    assert any(w.startswith("memory") for w in what)
    assert "| what" in done.stdout
    spacy_row = next(row for row in rows if row["what"].startswith("spaCy"))
    assert spacy_row["value"] == "no"


def test_store_bench_prints_every_figure(tmp_path: Path) -> None:
    figures = tmp_path / "figures.json"
    done = run_bench("store_bench.py", *("--sizes", "20", "--edits", "8", "--json", str(figures)))
    assert "| figure | 20 | target | ok |" in done.stdout
    for figure in ("save one edit, median ms", "app: open to article list, s", "peak memory"):
        assert figure in done.stdout
    data = json.loads(figures.read_text(encoding="utf-8"))
    assert data["20"]["rows"] == 20
    assert 0 < data["20"]["filter_person_rows"] < 20


def test_long_edit_bench_prints_every_figure() -> None:
    done = run_bench("long_edit_bench.py", *("--words", "3000", "--history", "70", "--edits", "6"))
    assert "| figure | measured | target | ok |" in done.stdout
    for figure in ("apply_patch, median ms", "undo, p95 ms", "repeated article + annotation"):
        assert figure in done.stdout


def test_import_bench_prints_the_peak_memory() -> None:
    done = run_bench("import_bench.py", "--quick")
    assert "| figure | measured | target | ok |" in done.stdout
    assert (
        "| import: peak memory, MiB |" in done.stdout and "| input: articles | 30 |" in done.stdout
    )


def test_annotate_bench_prints_every_size_and_part() -> None:
    done = run_bench(
        "annotate_bench.py",
        *("--words", "300,600", "--corpus-words", "600", "--store-articles", "20", "--no-dask"),
    )
    assert "| words | chars | people | seconds | s / 1,000 words | spaCy |" in done.stdout
    for part in ("entity_repair", "people", "roles", "events", "convert"):
        assert part in done.stdout
    assert "s / 1,000 words at" in done.stdout
    for run in ("raw nlp.pipe", "annotui annotate", "annotui annotate --workers 2"):
        assert f"| {run}" in done.stdout
    assert "--scheduler" not in done.stdout  # asked for no cluster (tests/test_dask_annotate.py)
    assert "| prepared by workers |" in done.stdout
    assert "bulk write prepared by workers:" in done.stdout


def test_model_wait_bench_prints_both_ways() -> None:
    done = run_bench("model_wait_bench.py", "--words", "100")
    assert "model in a thread" in done.stdout
    assert "model in its process" in done.stdout

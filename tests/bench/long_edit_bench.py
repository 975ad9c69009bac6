"""The store's share of an edit on a long article: apply, undo, redo, and reading it back.

Run ``.venv/bin/python tests/bench/long_edit_bench.py`` (``--help`` for the options). It builds
the 50,000-word article of tests/bench/long_article.py (6,600 spans, 828 people, 1,566 events)
into a fresh store through the bulk import, gives it a history of ``--history`` edits, then
times ``--edits`` rounds of: ``Store.apply_patch`` (relabel an entity: a place, an
organisation or a person's mention, so some edits change people), ``Store.undo`` and
``Store.redo``; each is durable (fsynced) when it returns. Then, with a fresh ``Store`` each
time, the first ``Store.article`` + ``Store.annotation`` (the file not parsed yet: with the
journal as the edits left it, and after it is folded into the article file), and repeated calls
on an unchanged file. It prints a table and exits 1 when a target is missed, 2 when the
benchmark itself fails.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from annotate.edits import EditError, relabel_span  # noqa: E402
from annotate.model import Annotation, Provenance  # noqa: E402
from store import Store  # noqa: E402
from tests.bench.long_article import build  # noqa: E402

BY = Provenance(source="human", annotator="bench", state="accepted")
LABELS = ("GPE", "ORG", "LOC", "NORP")
EDIT_MEDIAN_MS = 6.0
EDIT_P95_MS = 20.0
COLD_MS = 150.0
"""The app's whole open target; the store's first read is a part of it."""
WARM_MS = 1.0


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _relabel(current: Annotation, rng: random.Random) -> object:
    """Return a relabel patch of a random live entity (a person's mention one time in four)."""
    while True:
        spans = [s for s in current.live_spans("entity") if s.label in (*LABELS, "PERSON")]
        span = rng.choice(spans)
        label = rng.choice([lab for lab in LABELS if lab != span.label])
        try:
            return relabel_span(current, span.id, label, by=BY)
        except EditError:
            continue


def _timed(call: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def run(words: int, history: int, edits: int, folder: Path) -> dict[str, list[float]]:
    """Build the store in ``folder`` and return the timings (ms) by figure."""
    article = build(words=words)
    assert article.annotation is not None
    rng = random.Random(7)
    times: dict[str, list[float]] = {
        k: [] for k in ("apply", "undo", "redo", "cold", "cold_folded", "warm")
    }
    with Store(folder) as store:
        aid = store.import_articles([{"text": article.text, "annotation": article.annotation}])[0]
        current = store.annotation(aid)
        assert current is not None
        for _ in range(history):
            current = store.apply_patch(aid, _relabel(current, rng), annotator="bench")  # type: ignore[arg-type]
        for _ in range(edits):
            patch = _relabel(current, rng)
            ms, current = _timed(lambda: store.apply_patch(aid, patch, annotator="bench"))  # type: ignore[arg-type]  # noqa: B023
            times["apply"].append(ms)
            ms, _ = _timed(lambda: store.undo(aid, annotator="bench"))
            times["undo"].append(ms)
            ms, redone = _timed(lambda: store.redo(aid, annotator="bench"))
            times["redo"].append(ms)
            assert isinstance(redone, tuple) and redone[0] == current
        store._journaled.clear()  # leave the journal as the edits left it (as a killed app would)
    for kind in ("cold", "cold_folded"):
        for _ in range(5):
            with Store(folder) as fresh:
                ms, _ = _timed(lambda: (fresh.article(aid), fresh.annotation(aid)))
                times[kind].append(ms)
                if kind == "cold":
                    assert fresh.annotation(aid) == current
                    for _ in range(50):
                        ms, _ = _timed(lambda: (fresh.article(aid), fresh.annotation(aid)))
                        times["warm"].append(ms)
        if kind == "cold":
            with Store(folder) as folding:
                folding.set_status(aid, "in_progress")  # one write, folded in when closed
    return times


def table(times: dict[str, list[float]], words: int, history: int) -> tuple[str, bool]:
    """Return the table and whether every target is met."""
    rows: list[tuple[str, float, str, bool]] = []
    for name, figure in (("apply", "apply_patch"), ("undo", "undo"), ("redo", "redo")):
        median, p95 = statistics.median(times[name]), _p95(times[name])
        rows.append(
            (f"{figure}, median ms", median, f"< {EDIT_MEDIAN_MS:g}", median < EDIT_MEDIAN_MS)
        )
        rows.append((f"{figure}, p95 ms", p95, f"< {EDIT_P95_MS:g}", p95 < EDIT_P95_MS))
    for name, figure in (
        ("cold", "first article + annotation (journal of recent edits), ms"),
        ("cold_folded", "first article + annotation (journal folded in), ms"),
    ):
        median = statistics.median(times[name])
        rows.append((figure, median, f"< {COLD_MS:g} (app open, total)", median < COLD_MS))
    warm = statistics.median(times["warm"])
    rows.append(
        ("repeated article + annotation, median ms", warm, f"< {WARM_MS:g}", warm < WARM_MS)
    )
    lines = [
        f"Long article: {words:,} words, history of {history} edits before timing",
        "",
        "| figure | measured | target | ok |",
        "|---|---|---|---|",
    ]
    for figure, value, target, ok in rows:
        lines.append(f"| {figure} | {value:.2f} | {target} | {'yes' if ok else 'MISSED'} |")
    return "\n".join(lines), all(ok for *_, ok in rows)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the table; 0 when every target is met, 1 when one is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000, help="length of the article")
    parser.add_argument("--history", type=int, default=200, help="edits made before timing")
    parser.add_argument("--edits", type=int, default=100, help="apply/undo/redo rounds timed")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="annotui-long-edit-"))
    try:
        times = run(args.words, args.history, args.edits, work / "store")
    except Exception as error:
        print(f"benchmark failed: {error!r}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text, ok = table(times, args.words, args.history)
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

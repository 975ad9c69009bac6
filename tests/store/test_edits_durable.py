"""Edits through the store survive other processes and kills, at a cost independent of its size.

- Two processes editing different spans of one article: every edit lands, none conflicts,
  and the history holds both annotators' entries.
- A process applying edits in a loop, SIGKILLed at random moments: the store opens,
  the annotation is the replay of its history, and every acknowledged edit is there.
- apply_patch timing at 10 and 1,000 articles (printed, not asserted).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from annotate.edits import Patch, add_span, delete_span, relabel_span
from annotate.model import Annotation, Provenance, Span
from store import Store
from tests.store.store_helpers import kills

ROOT = Path(__file__).resolve().parents[2]
WORDS = 60
TEXT = " ".join(f"word{i:02d}" for i in range(WORDS)) + "."
ROUNDS = 30


def by(name: str) -> Provenance:
    """Provenance of an edit by ``name``."""
    return Provenance(source="human", annotator=name, state="accepted")


def word(i: int) -> tuple[int, int]:
    """Offsets of word ``i`` of :data:`TEXT`."""
    start = TEXT.index(f"word{i:02d}")
    return start, start + 6


def span_at(annotation: Annotation, i: int) -> Span | None:
    """The span on word ``i``, if any."""
    start, end = word(i)
    return next((s for s in annotation.spans if (s.start, s.end) == (start, end)), None)


def next_edit(annotation: Annotation, i: int, name: str) -> Patch:
    """The edit of word ``i``: add an ORG span, else relabel ORG → LOC, else delete it."""
    span = span_at(annotation, i)
    if span is None:
        return add_span(annotation, *word(i), "ORG", by=by(name))
    if span.label == "ORG":
        return relabel_span(annotation, span.id, "LOC", by=by(name))
    return delete_span(annotation, span.id, by=by(name))


# -- two writers ---------------------------------------------------------------------------


def _writer(folder: str, aid: str, worker: int, start: Barrier) -> None:
    """Edit this worker's words (those with ``i % 2 == worker``), re-reading before each edit.

    Each word gets ORG, then LOC, and every third one is deleted at the end. Any
    :class:`EditError` (a conflict among them) fails the worker.
    """
    store = Store(folder)
    name = f"writer{worker}"
    mine = [i for i in range(WORDS) if i % 2 == worker][:ROUNDS]
    plan = [(i, 0) for i in mine] + [(i, 1) for i in mine] + [(i, 2) for i in mine[::3]]
    start.wait()
    for i, _step in plan:
        current = store.annotation(aid) or Annotation(text=TEXT)
        store.apply_patch(aid, next_edit(current, i, name), annotator=name)


def test_two_processes_edit_one_article(store_path: Path) -> None:
    with Store(store_path) as store:
        aid = store.add_article(TEXT)
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    workers = [
        context.Process(target=_writer, args=(str(store_path), aid, n, start)) for n in (0, 1)
    ]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=180)
    assert [p.exitcode for p in workers] == [0, 0], "no edit conflicted or failed"

    with Store(store_path) as store:
        annotation = store.annotation(aid)
        assert annotation is not None
        for worker in (0, 1):
            mine = [i for i in range(WORDS) if i % 2 == worker][:ROUNDS]
            deleted = set(mine[::3])
            for i in mine:
                span = span_at(annotation, i)
                if i in deleted:
                    assert span is None, f"word {i} was deleted"
                else:
                    assert span is not None and span.label == "LOC", f"word {i} is LOC"
                    assert span.provenance.annotator == f"writer{worker}"
        history = store.history(aid)
        per_writer = 2 * ROUNDS + len(range(0, ROUNDS, 3))
        assert len(history) == 2 * per_writer
        assert {e.annotator for e in history} == {"writer0", "writer1"}
        assert [e.seq for e in history] == list(range(1, len(history) + 1))
        assert store.replayed(aid) == annotation
        assert store.summary(aid).status == "in_progress"


# -- killed at random moments -------------------------------------------------------------------

_CHILD = """
import sys
from tests.store.test_edits_durable import crash_child
crash_child(sys.argv[1], sys.argv[2], int(sys.argv[3]))
"""


def crash_child(folder: str, aid: str, first: int) -> None:
    """Apply edits in a loop; after each returns, print "seq<TAB>description" (the ack)."""
    store = Store(folder)
    for k in range(first, first + 100_000):
        current = store.annotation(aid) or Annotation(text=TEXT)
        patch = next_edit(current, (k * 7) % WORDS, "crasher")
        store.apply_patch(aid, patch, annotator="crasher")
        seq = store.history(aid)[-1].seq
        sys.stdout.write(f"{seq}\t{patch.description}\n")
        sys.stdout.flush()


def test_killed_writer_loses_at_most_the_edit_in_flight(store_path: Path) -> None:
    with Store(store_path) as store:
        aid = store.add_article(TEXT)
    rng = random.Random(20240501)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    acked: dict[int, str] = {}
    trials = kills(6)
    for run in range(trials):
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(store_path), aid, str(run * 1000)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        assert child.stdout is not None
        lines = [child.stdout.readline()]  # it is editing now
        time.sleep(rng.uniform(0.02, 0.4))
        child.send_signal(signal.SIGKILL)
        lines += child.stdout.readlines()
        assert child.wait() == -signal.SIGKILL
        for line in lines:
            if line.endswith("\n"):
                seq, description = line.rstrip("\n").split("\t")
                acked[int(seq)] = description

        with Store(store_path) as store:
            history = store.history(aid)
            annotation = store.annotation(aid)
            assert annotation is not None
            assert store.replayed(aid) == annotation, "annotation and history agree"
            seqs = [e.seq for e in history]
            assert seqs == list(range(1, len(history) + 1)), "no entry lost or duplicated"
            assert not any(e.undone for e in history)
            described = {e.seq: e.description for e in history}
            for seq, description in acked.items():
                assert described.get(seq) == description, f"acknowledged edit {seq} is stored"
            assert len(history) <= len(acked) + run + 1, "at most one unacknowledged per kill"
    assert len(acked) > trials, "the child got edits done between kills"

    with Store(store_path) as store:  # the index lags by at most the edit in flight
        current = store.annotation(aid)
        assert current is not None
        after = store.apply_patch(aid, next_edit(current, 0, "ann"), annotator="ann")
        assert store.summary(aid).status == "in_progress"
        assert store.replayed(aid) == after


# -- cost ---------------------------------------------------------------------------------------

EDITS = 20


def _median_apply_ms(folder: Path, size: int) -> float:
    with Store(folder) as store:
        texts = [f"{TEXT} Story {i} of {size}." for i in range(size)]
        ids = store.add_articles(texts)
        target = ids[size // 2]
        current = Annotation(text=texts[size // 2])
        times = []
        for k in range(EDITS):
            patch = next_edit(current, k % 10, "ann")
            started = time.perf_counter()
            current = store.apply_patch(target, patch, annotator="ann")
            times.append((time.perf_counter() - started) * 1000)
        assert store.annotation(target) == current
        assert len(store.history(target)) == EDITS
    return statistics.median(times)


def test_apply_patch_cost_by_store_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    small = _median_apply_ms(tmp_path / "small", 10)
    large = _median_apply_ms(tmp_path / "large", 1000)
    with capsys.disabled():
        print(f"\napply_patch median: {small:.2f} ms at 10 articles, {large:.2f} ms at 1,000")

"""Two processes on one store lose none of each other's writes."""

from __future__ import annotations

import multiprocessing
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from store import Store
from tests.store.store_helpers import small_annotation

ROUNDS = 25
SHARED = "Alice Smith met Bob Jones in Paris. Both processes edit this one."
STATUSES = ("new", "in_progress", "reviewed")


def _own_text(worker: int, i: int) -> str:
    return f"Alice Smith met Bob Jones in Paris. Worker {worker}, article {i}."


def _work(folder: str, worker: int, start: Barrier) -> None:
    """Add and annotate this worker's articles; edit the shared article's status too.

    Worker 0 also saves the shared article's annotation, worker 1 only its status, so
    a write that did not re-read the file would drop the other worker's change.
    """
    start.wait()
    store = Store(folder)  # both create the new store at once
    shared = store.add_article(SHARED)
    for i in range(ROUNDS):
        text = _own_text(worker, i)
        aid = store.add_article(text)
        store.save_annotation(aid, small_annotation(text, people=1 + i % 2, events=i % 3))
        store.set_status(aid, STATUSES[i % 3])
        if worker == 0:
            store.save_annotation(shared, small_annotation(SHARED, people=i % 3, events=i % 4))
        store.set_status(shared, STATUSES[(i + worker) % 3])
    if worker == 0:
        store.save_annotation(shared, small_annotation(SHARED, people=2, events=5))


def test_two_processes_lose_nothing(store_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    workers = [context.Process(target=_work, args=(str(store_path), n, start)) for n in (0, 1)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    assert [p.exitcode for p in workers] == [0, 0]

    with Store(store_path) as store:
        summaries = {s.id: s for s in store.summaries()}
        assert len(store) == len(summaries) == 1 + 2 * ROUNDS, "every added article is indexed"
        for worker in (0, 1):
            for i in range(ROUNDS):
                text = _own_text(worker, i)
                aid = store.add_article(text)
                assert store.annotation(aid) == small_annotation(
                    text, people=1 + i % 2, events=i % 3
                )
                assert store.article(aid).status == STATUSES[i % 3]
                summary = summaries[aid]
                assert (summary.n_people, summary.n_events) == (1 + i % 2, i % 3)
                assert summary.status == STATUSES[i % 3]
        shared = store.add_article(SHARED)
        assert store.annotation(shared) == small_annotation(SHARED, people=2, events=5)
        status = store.article(shared).status
        assert summaries[shared].status == status
        assert (summaries[shared].n_people, summaries[shared].n_events) == (2, 5)


EDITS = 40
WORDS = " ".join(f"word{i}" for i in range(2 * EDITS)) + " end."


def _label(i: int) -> str:
    return "PERSON" if i % 4 == 0 else "GPE"


def _edit_same_article(folder: str, worker: int, shared: str, own: str, start: Barrier) -> None:
    """Add a span over every other word of the shared article (``worker`` picks even or odd
    words) and of its own article, each edit made on this process's last copy, as the app
    makes it: the other process's edits land in between."""
    from annotate.edits import add_span
    from annotate.model import Provenance

    by = Provenance(source="human", annotator=f"w{worker}", state="accepted")
    store = Store(folder)
    starts = [WORDS.index(f"word{i} ") for i in range(2 * EDITS)]
    copies = {aid: store.annotation(aid) for aid in (shared, own)}
    start.wait()
    for n in range(EDITS):
        i = 2 * n + worker
        begin = starts[i]
        end = WORDS.index(" ", begin)
        for aid in (shared, own):
            copy = copies[aid]
            assert copy is not None
            patch = add_span(copy, begin, end, _label(i), by=by)
            copies[aid] = store.apply_patch(aid, patch, annotator=f"w{worker}")


def test_two_processes_editing_one_article_lose_nothing(store_path: Path) -> None:
    from annotate.model import Annotation

    with Store(store_path) as store:
        shared = store.add_article(WORDS)
        own = store.add_articles([f"{WORDS} Own {n}." for n in (0, 1)])
        for aid in (shared, *own):
            store.save_annotation(aid, Annotation(text=store.article(aid).text))
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    workers = [
        context.Process(target=_edit_same_article, args=(str(store_path), n, shared, own[n], start))
        for n in (0, 1)
    ]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    assert [p.exitcode for p in workers] == [0, 0]

    with Store(store_path) as store:
        annotation = store.annotation(shared)
        assert annotation is not None
        covered = sorted(annotation.span_text(span.id) for span in annotation.spans)
        assert covered == sorted(f"word{i}" for i in range(2 * EDITS)), "every edit of both"
        assert {span.label for span in annotation.spans if span.text_in(WORDS) == "word8"} == {
            "PERSON"
        }
        history = store.history(shared)
        assert len(history) == 2 * EDITS
        assert sorted(h.annotator for h in history) == ["w0"] * EDITS + ["w1"] * EDITS
        assert store.replayed(shared) == annotation
        people = len([i for i in range(2 * EDITS) if _label(i) == "PERSON"])
        assert store.summary(shared).n_people == people, "the index saw the last write"
        for n, aid in enumerate(own):
            mine = store.annotation(aid)
            assert mine is not None
            assert sorted(mine.span_text(s.id) for s in mine.spans) == sorted(
                f"word{2 * k + n}" for k in range(EDITS)
            )


def test_a_store_written_by_another_process_while_we_look_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race two creators ran into: ours found no ``store.json``, then the other process
    wrote it before ours listed the folder; that folder is a store, not a foreign one."""
    path = tmp_path / "store"
    Store(path).close()  # the other process's store, complete
    real = Store._meta_version
    calls = {"n": 0}

    def not_yet(self: Store) -> int | None:
        calls["n"] += 1
        return None if calls["n"] == 1 else real(self)  # our first look came too early

    monkeypatch.setattr(Store, "_meta_version", not_yet)
    with Store(path) as store:
        assert len(store) == 0

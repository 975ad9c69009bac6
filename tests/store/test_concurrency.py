"""Two processes on one store lose none of each other's writes."""

from __future__ import annotations

import multiprocessing
from multiprocessing.synchronize import Barrier
from pathlib import Path

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

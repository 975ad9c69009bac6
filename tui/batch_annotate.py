"""Annotate a store's articles without the app: the body of ``annotui annotate``.

The articles go through the pipeline a batch at a time (``nlp.pipe``, through
:meth:`annotate.pipeline.Annotator.annotate_many`), in this process or in worker processes
(``--workers``) or on a Dask cluster (``--scheduler``, :mod:`tui.dask_annotate`), and the
results are stored as they come back with :meth:`store.Store.reannotate_many` (in bulk, at
most a second after they came), which keeps every human decision. A stop asked for (Ctrl-C) is
honoured between batches, so what was stored stays stored and the next run does the rest:
an article that has a model annotation is not chosen again.

Nothing here imports Textual; spaCy is loaded only when the first batch runs.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import TYPE_CHECKING, Any, Protocol

from annotate.model import Annotation
from store.prepared import PreparedAnnotation

if TYPE_CHECKING:
    from store import Store
    from tui.dask_annotate import Cluster

BATCH_ARTICLES = 16
"""Articles per batch in one process: a stop waits for at most one batch, and progress moves
often."""
WORKER_BATCH_ARTICLES = 4
"""Articles per batch handed to a worker process: small, since two per worker are handed out
ahead and a stop waits for those (no slower than larger batches, measured at 100,000 words)."""
BATCH_CHARS = 100_000
"""A batch ends before it holds more characters than this (a long article is alone)."""

FAILED_BEFORE = "the model failed on it before (name it, or use --all, to try again)"
HAS_MODEL = "it has a model annotation (name it, or use --all, to annotate it again)"


class ArticleAnnotator(Protocol):
    """What annotates texts: :class:`annotate.pipeline.Annotator`, or a stand-in in tests."""

    model_name: str

    def annotate_many(self, texts: Iterable[str]) -> Iterator[Annotation]: ...


class ClusterError(Exception):
    """The Dask cluster cannot be used (a bad address, no scheduler there) or went away."""


@dataclass
class Choice:
    """The articles a run will annotate, and those it leaves out with the reason."""

    todo: list[str]
    """Ids to annotate, in store order."""
    left_out: dict[str, list[str]] = field(default_factory=dict)
    """Ids left out, by reason."""


@dataclass
class RunReport:
    """What a run did: the summary printed at its end (``--json`` prints :meth:`to_dict`)."""

    model: str
    chosen: int
    annotated: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    """Ids the model failed on, with the reason (marked failed in the store)."""
    left_out: dict[str, list[str]] = field(default_factory=dict)
    stopped: bool = False
    """True when a stop was asked for before every chosen article was done."""
    seconds: float = 0.0

    @property
    def done(self) -> int:
        """Articles finished, annotated or failed."""
        return len(self.annotated) + len(self.failed)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON data."""
        return {
            "model": self.model,
            "chosen": self.chosen,
            "annotated": self.annotated,
            "failed": self.failed,
            "left_out": self.left_out,
            "stopped": self.stopped,
            "seconds": round(self.seconds, 3),
        }

    def lines(self) -> list[str]:
        """The summary for a person: what was annotated, what failed, what was left out."""
        rate = f" ({self.done / self.seconds:.1f}/s)" if self.seconds > 0 and self.done else ""
        lines = [
            f"annotated {len(self.annotated)} of {self.chosen} article(s) with {self.model} "
            f"in {self.seconds:.1f} s{rate}"
        ]
        for aid, reason in self.failed.items():
            lines.append(f"failed: {aid}: {reason}")
        for reason, ids in self.left_out.items():
            shown = ", ".join(ids[:5]) + (", …" if len(ids) > 5 else "")
            lines.append(f"left out {len(ids)}: {reason}: {shown}")
        if self.stopped:
            lines.append("stopped; run the same command again to annotate the rest")
        return lines


def choose(store: Store, named: Sequence[str] = (), *, rerun: bool = False) -> Choice:
    """Pick the articles to annotate: those ``named`` (all of them), every article with
    ``rerun``, else each article that has no model annotation and on which the model has not
    failed before. Only articles whose summary shows an annotation are read."""
    if named:
        return Choice(todo=list(dict.fromkeys(named)))
    choice = Choice(todo=[])
    for summary in store.summaries():
        if rerun:
            choice.todo.append(summary.id)
        elif summary.failed is not None:
            choice.left_out.setdefault(FAILED_BEFORE, []).append(summary.id)
        elif summary.updated is None or not _has_model(store.annotation(summary.id)):
            choice.todo.append(summary.id)
        else:
            choice.left_out.setdefault(HAS_MODEL, []).append(summary.id)
    return choice


def _has_model(annotation: Annotation | None) -> bool:
    return annotation is not None and annotation.model is not None


def batches(
    store: Store, ids: Sequence[str], most: int | None = None
) -> Iterator[list[tuple[str, str]]]:
    """``(id, text)`` of the articles, at most ``most`` (:data:`BATCH_ARTICLES`) at a time."""
    most = most or BATCH_ARTICLES
    batch: list[tuple[str, str]] = []
    size = 0
    for aid in ids:
        text = store.article(aid).text
        if batch and (len(batch) == most or size + len(text) > BATCH_CHARS):
            yield batch
            batch, size = [], 0
        batch.append((aid, text))
        size += len(text)
    if batch:
        yield batch


Result = tuple[str, "Annotation | PreparedAnnotation | None", str | None]
"""One article's outcome: id, annotation (None when the model failed) and the reason. A
worker sends the annotation prepared for the store (:mod:`store.prepared`)."""


def annotate_batch(annotator: ArticleAnnotator, batch: list[tuple[str, str]]) -> list[Result]:
    """Annotate one batch with ``nlp.pipe``; when the model raises, annotate its articles one
    by one so only those it fails on are failed."""
    try:
        found = list(annotator.annotate_many(text for _, text in batch))
    except Exception:  # the model may raise anything: each article is retried alone
        return [_one(annotator, aid, text) for aid, text in batch]
    return [(aid, annotation, None) for (aid, _), annotation in zip(batch, found, strict=True)]


def prepared_batch(annotator: ArticleAnnotator, batch: list[tuple[str, str]]) -> list[Result]:
    """:func:`annotate_batch`, each annotation encoded for the store where it was made (a
    worker); one the store would refuse is the article's failure."""
    prepared: list[Result] = []
    for aid, annotation, reason in annotate_batch(annotator, batch):
        if isinstance(annotation, Annotation):
            try:
                prepared.append((aid, PreparedAnnotation.of(annotation), None))
            except ValueError as error:
                prepared.append((aid, None, str(error)))
        else:
            prepared.append((aid, annotation, reason))
    return prepared


def _one(annotator: ArticleAnnotator, aid: str, text: str) -> Result:
    try:
        return aid, next(iter(annotator.annotate_many([text]))), None
    except Exception as error:  # reported, and kept as the article's reason
        return aid, None, f"{type(error).__name__}: {error}".splitlines()[0]


Progress = Callable[[int, int, int], None]
"""``progress(done, total, workers)``: called as results come in."""

FLUSH_ARTICLES = 256
"""Results kept before they are written to the store in one bulk write."""
FLUSH_SECONDS = 1.0
"""Longest time a result waits to be written (a kill loses at most this much work)."""


def run(
    store: Store,
    choice: Choice,
    annotator: ArticleAnnotator,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
    stop: Callable[[], bool] | None = None,
) -> RunReport:
    """Annotate ``choice.todo`` and store the results as they come; see the module's docstring.

    ``progress(done, total, workers)`` is called after each batch; ``stop()`` is asked before
    each. With ``workers`` above 1 the batches go to that many processes, and with
    ``scheduler`` (an address, or ``local:N``) to a Dask cluster
    (:mod:`tui.dask_annotate`); each worker loads the pipeline named by
    ``annotator.model_name``. Results are written in bulk (:meth:`store.Store.reannotate_many`)
    every :data:`FLUSH_ARTICLES` articles or :data:`FLUSH_SECONDS`, and whatever came in is
    written before this returns or raises.
    """
    report = RunReport(
        model=annotator.model_name, chosen=len(choice.todo), left_out=dict(choice.left_out)
    )
    started = time.perf_counter()
    asked = stop or (lambda: False)
    count: Callable[[], int] = lambda: workers  # noqa: E731 - the number shown in the progress
    cluster: Cluster | None = None
    if scheduler is not None and choice.todo:
        from tui import dask_annotate

        cluster = dask_annotate.Cluster(scheduler, annotator.model_name)
        count = cluster.worker_count
        results: Iterator[list[Result]] = cluster.results(store, choice.todo, asked)
    elif workers > 1:
        results = _in_workers(annotator.model_name, store, choice.todo, workers, asked)
    else:
        results = (
            annotate_batch(annotator, b) for b in until_stopped(batches(store, choice.todo), asked)
        )
    writer = _Writer(store, report)
    try:
        for outcome in results:
            writer.add(outcome)
            if progress is not None:
                progress(writer.received, report.chosen, count())
    finally:
        try:
            writer.flush()
        finally:
            if cluster is not None:
                cluster.close()
    report.stopped = report.done < report.chosen
    report.seconds = time.perf_counter() - started
    return report


class _Writer:
    """Writes results to the store in bulk, at most :data:`FLUSH_SECONDS` after they came."""

    def __init__(self, store: Store, report: RunReport) -> None:
        self._store = store
        self._report = report
        self._waiting: list[tuple[str, Annotation | PreparedAnnotation]] = []
        self._since = time.perf_counter()
        self.received = 0
        """Articles whose result came (written or waiting to be)."""

    def add(self, outcome: list[Result]) -> None:
        """Take one batch's results; failures are marked at once, annotations kept a while."""
        self.received += len(outcome)
        for aid, annotation, reason in outcome:
            if annotation is None:
                self._store.mark_annotation_failed(
                    aid, reason or "failed", model=self._report.model
                )
                self._report.failed[aid] = reason or "failed"
            else:
                self._waiting.append((aid, annotation))
        waited = time.perf_counter() - self._since
        if len(self._waiting) >= FLUSH_ARTICLES or waited >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Write every result kept (durable when this returns)."""
        if self._waiting:
            self._store.reannotate_many(self._waiting)
            self._report.annotated += [aid for aid, _ in self._waiting]
            self._waiting = []
        self._since = time.perf_counter()


def until_stopped(items: Iterator[Any], stop: Callable[[], bool]) -> Iterator[Any]:
    """``items`` until ``stop()`` says to stop (asked before each)."""
    for item in items:
        if stop():
            return
        yield item


# -- worker processes -----------------------------------------------------------------

_WORKER: dict[str, ArticleAnnotator] = {}


def _start_worker(model_name: str) -> None:
    """Load the pipeline once per worker; Ctrl-C is the parent's to handle (it stops
    between batches), so the worker ignores it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from annotate.pipeline import Annotator

    annotator = Annotator(model_name)
    annotator.nlp  # noqa: B018 - load now, not inside the first batch
    _WORKER["annotator"] = annotator


def _worker_batch(batch: list[tuple[str, str]]) -> list[Result]:
    return prepared_batch(_WORKER["annotator"], batch)


def _in_workers(
    model_name: str, store: Store, ids: Sequence[str], workers: int, stop: Callable[[], bool]
) -> Iterator[list[Result]]:
    """Results of the batches run in ``workers`` processes, as each batch ends. At most two
    batches per worker are handed out ahead; on a stop, those not yet begun are cancelled and
    those begun are finished and stored."""
    context = get_context("forkserver" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(model_name,),
    ) as pool:
        waiting: set[Future[list[Result]]] = set()
        todo = until_stopped(batches(store, ids, WORKER_BATCH_ARTICLES), stop)
        for batch in todo:
            waiting.add(pool.submit(_worker_batch, batch))
            if len(waiting) < 2 * workers:
                continue
            ended, waiting = wait(waiting, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in ended)
        if stop():  # batches not yet begun are dropped; the next run does them
            for future in waiting:
                future.cancel()
        while waiting:
            ended, waiting = wait(waiting, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in ended if not future.cancelled())

"""Annotate on a Dask cluster: the body of ``annotui annotate --scheduler``.

Dask (``pip install 'annotui[dask]'``) is imported here only, and only when a run asks for a
cluster. :class:`Cluster` connects to a running scheduler (``tcp://host:8786``) or starts a
``LocalCluster`` of N worker processes (``local:N``), and registers :class:`PipelinePlugin`,
which loads the spaCy pipeline once in each worker (a worker that joins later loads it when
it starts). :meth:`Cluster.results` sends the articles in batches, at most two per worker
thread ahead, and yields each batch's results as it ends; the caller
(:func:`tui.batch_annotate.run`) writes them to the store.

When a worker dies its batches go to the others (Dask runs them again from their inputs); a
batch that has killed :data:`ALLOWED_FAILURES` workers is given up, and its articles are
marked failed with the reason, as an article the model raises on is. When the scheduler goes
away the run stops with :class:`ClusterLost`: every result that came before it is stored,
and the next run does the rest. A stop asked for (Ctrl-C) cancels the batches not finished.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from distributed import Client, Future, LocalCluster, WorkerPlugin, as_completed, get_worker
from distributed.scheduler import KilledWorker

from tui.batch_annotate import (
    BATCH_ARTICLES,
    ClusterError,
    Result,
    batches,
    prepared_batch,
    until_stopped,
)
from tui.safe_text import clip

if TYPE_CHECKING:
    from annotate.pipeline import Annotator
    from store import Store

PLUGIN_NAME = "annotui-pipeline"
LOCAL = "local:"
"""``--scheduler local:N`` starts N worker processes on this machine."""
AHEAD = 2
"""Batches handed out per worker thread: one running, one waiting."""
ALLOWED_FAILURES = 3
"""Workers a batch may take down before its articles are marked failed (Dask's own
``distributed.scheduler.allowed-failures``)."""
CONNECT_SECONDS = 30
ASK_SECONDS = 1.0
"""How long the number of workers told by the scheduler is used before it is asked again."""
POLL_SECONDS = 0.05
"""How often a run waiting for results asks whether to stop."""


class ClusterLost(ClusterError):
    """The scheduler went away during the run."""


def local_workers(scheduler: str) -> int | None:
    """N of ``local:N``; None for the address of a running scheduler."""
    if not scheduler.startswith(LOCAL):
        return None
    count = scheduler.removeprefix(LOCAL)
    if not count.isdigit() or int(count) < 1:
        raise ClusterError(f"--scheduler {scheduler!r}: give local:N with N a number from 1 up")
    return int(count)


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline once in each worker: ``setup`` is called when the plugin is
    registered, and in every worker that joins after."""

    name = PLUGIN_NAME
    idempotent = True

    def __init__(self, model_name: str, *, local: bool = False) -> None:
        self.model_name = model_name
        self.local = local
        """Workers of a ``local:N`` cluster: Ctrl-C is the run's to handle, not theirs."""
        self.annotator: Annotator | None = None

    def setup(self, worker: Any) -> None:
        """Load the pipeline now, not inside the first batch."""
        from annotate.pipeline import Annotator

        if self.local:  # the terminal sends Ctrl-C to the whole process group
            with contextlib.suppress(ValueError):  # only the main thread may set it
                signal.signal(signal.SIGINT, signal.SIG_IGN)

        annotator = Annotator(self.model_name)
        annotator.nlp  # noqa: B018 - load it
        self.annotator = annotator

    def teardown(self, worker: Any) -> None:
        """Nothing to release: the worker's process ends."""


def annotate_on_worker(batch: list[tuple[str, str]]) -> list[Result]:
    """Run on a worker: annotate one batch with the pipeline its plugin loaded."""
    plugin = get_worker().plugins[PLUGIN_NAME]
    return prepared_batch(plugin.annotator, batch)


class Cluster:
    """A connection to a Dask cluster (started here for ``local:N``) that annotates."""

    def __init__(self, scheduler: str, model_name: str) -> None:
        self._local: LocalCluster | None = None
        self._levels = _quiet_dask_logs()
        self._workers: dict[str, int] = {}
        self._asked = -ASK_SECONDS  # a lost connection is reported once, by us
        count = local_workers(scheduler)
        try:
            if count is not None:
                self._local = LocalCluster(
                    n_workers=count,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self._local)
            else:
                self.client = Client(scheduler, timeout=CONNECT_SECONDS)
            plugin = PipelinePlugin(model_name, local=count is not None)
            self.client.register_plugin(plugin, name=PLUGIN_NAME)
        except (OSError, TimeoutError, ValueError) as error:
            self.close()
            raise ClusterError(f"cannot use the Dask scheduler at {scheduler}: {error}") from error

    def worker_count(self) -> int:
        """Workers connected now (asked of the scheduler at most once a second)."""
        return len(self._nthreads())

    def _threads(self) -> int:
        return max(1, sum(self._nthreads().values()))

    def _nthreads(self) -> dict[str, int]:
        """Threads of each worker, as the scheduler said at most :data:`ASK_SECONDS` ago."""
        now = time.monotonic()
        if now - self._asked >= ASK_SECONDS:
            try:
                self._workers = dict(self.client.nthreads())
            except Exception:  # a lost scheduler: the run reports it where results are read
                self._workers = {}
            self._asked = now
        return self._workers

    def results(
        self, store: Store, ids: Sequence[str], stop: Callable[[], bool]
    ) -> Iterator[list[Result]]:
        """Each batch's results as it ends; see the module's docstring."""
        todo = until_stopped(batches(store, ids, BATCH_ARTICLES), stop)
        running: dict[Future, list[tuple[str, str]]] = {}
        ready = as_completed()

        def hand_out() -> None:
            while len(running) < AHEAD * self._threads():
                batch = next(todo, None)
                if batch is None:
                    return
                future = self.client.submit(annotate_on_worker, batch, pure=False)
                running[future] = batch
                ready.add(future)

        hand_out()
        while running:
            if not ready.has_ready():
                if stop():  # what is not finished is dropped: the next run does it
                    for future in running:
                        future.cancel()
                    return
                self._check_connected()
                time.sleep(POLL_SECONDS)
                continue
            for future in ready.next_batch(block=False):
                outcome = self._outcome(future, running.pop(future))
                if outcome is not None:
                    yield outcome
            if not stop():
                hand_out()

    def _outcome(self, future: Future, batch: list[tuple[str, str]]) -> list[Result] | None:
        """A finished batch's results; its articles failed when it took down workers; None
        when it was cancelled. :class:`ClusterLost` when the scheduler is gone."""
        try:
            return future.result()
        except KilledWorker as error:
            reason = f"it took down {ALLOWED_FAILURES} Dask workers ({error})"
            return [(aid, None, reason) for aid, _ in batch]
        except Exception as error:
            if future.cancelled() and self.client.status == "running":
                return None
            raise _lost(error) from error
        finally:
            future.release()

    def _check_connected(self) -> None:
        """:class:`ClusterLost` when the client has lost the scheduler for good."""
        if self.client.status in ("closed", "closing", "failed"):
            raise _lost(RuntimeError(f"the client is {self.client.status}"))

    def close(self) -> None:
        """Disconnect; a cluster started here is shut down."""
        client: Client | None = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self._local is not None:
            self._local.close()
        for name, level in self._levels.items():
            logging.getLogger(name).setLevel(level)


def _lost(error: BaseException) -> ClusterLost:
    return ClusterLost(
        f"the Dask cluster went away ({clip(str(error), 160)}); what was annotated before is "
        "stored: run again for the rest"
    )


def _quiet_dask_logs() -> dict[str, int]:
    """Set Dask's loggers to CRITICAL (Dask sets levels on several of them); return the
    levels they had."""
    names = ["distributed"] + [
        name for name in logging.root.manager.loggerDict if name.startswith("distributed.")
    ]
    levels = {name: logging.getLogger(name).level for name in names}
    for name in names:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return levels

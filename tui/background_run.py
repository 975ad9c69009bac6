"""Long store work in a thread worker, with progress in the header and ``ctrl+x`` to stop.

The import and the export are each one :class:`BackgroundRun`: the work runs in a thread
on its own :class:`~store.Store` (the store's lock is shared by processes and threads, and
the app sees what it wrote the way it sees another process's writes), reports
``(done, total)`` at most every :data:`PROGRESS_EVERY` seconds as a
:class:`~tui.messages.RunProgress` message (coalesced: the app draws only the latest), and
asks a :class:`threading.Event` between two whole steps whether to stop. A run holds any
Textual app and the store, never the concrete app: what the app must do, it is told by message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from time import perf_counter
from typing import TYPE_CHECKING, Any

from textual.worker import Worker, WorkerState

from store import StoreError
from tui.messages import RunProgress
from tui.safe_text import printable

if TYPE_CHECKING:
    from textual.app import App

    from store import Store

PROGRESS_EVERY = 0.1
"""Seconds between two progress reports from the thread."""


class BackgroundRun:
    """One kind of long work: at most one run at a time."""

    group: str = ""
    """Worker group of the run."""
    title: str = ""
    """Title of its notifications."""

    def __init__(self, app: App[Any], store: Store) -> None:
        self.app = app
        self.store = store
        """The app's store (the run opens its own on the same path)."""
        self.running = False
        """True from the path chosen until the run ends."""
        self.progress: tuple[int, int] | None = None
        """(done, total) while it runs."""
        self._stop = threading.Event()

    def start_worker(
        self, work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any]
    ) -> None:
        """Run ``work(progress, stop)`` in a thread worker of :attr:`group`."""
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            if perf_counter() - last >= PROGRESS_EVERY or done == total:
                last = perf_counter()
                self.app.post_message(RunProgress(self.group, (done, total)))

        self.running, self.progress = True, None
        self._stop.clear()
        self.app.post_message(RunProgress(self.group, None))
        self.app.run_worker(
            lambda: work(progress, self._stop.is_set),
            name=self.group,
            group=self.group,
            thread=True,
            exit_on_error=False,
        )

    def stop(self) -> None:
        """Ask the run to stop between two whole steps."""
        self._stop.set()

    def busy(self) -> bool:
        """Say so, and return True, when a run is going already."""
        if self.running:
            self.app.notify(f"{self.title} is running (ctrl+x stops it).", title=self.title)
        return self.running

    def show(self, progress: tuple[int, int] | None) -> None:
        """Take a progress report (the app calls this on the main thread)."""
        if not self.running:
            return  # a report that arrived after the run ended
        self.progress = progress
        if progress is not None:
            self.shown(*progress)

    def shown(self, done: int, total: int) -> None:
        """Called on the main thread after each progress report."""

    def worker_changed(self, worker: Worker[Any], state: WorkerState) -> None:
        """Report the run's result or error once it has ended (the app redraws the header)."""
        if state == WorkerState.SUCCESS:
            self.finished(worker.result)
        elif state == WorkerState.ERROR:
            error = worker.error
            # a file's name in the message could hold a terminal escape sequence
            message = printable(str(error) if isinstance(error, StoreError) else repr(error))
            self.app.notify(message, title=f"{self.title} failed", severity="error", markup=False)
        elif state != WorkerState.CANCELLED:
            return
        self.running, self.progress = False, None

    def finished(self, result: Any) -> None:
        """Called on the main thread with what the work returned."""

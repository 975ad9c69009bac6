"""Long store work in a thread worker, with progress in the header and ``ctrl+x`` to stop.

The import and the export are each one :class:`BackgroundRun`: the work runs in a thread
on its own :class:`~store.Store` (the store's lock is shared by processes and threads, and
the app sees what it wrote the way it sees another process's writes), reports
``(done, total)`` at most every :data:`PROGRESS_EVERY` seconds, and asks a
:class:`threading.Event` between two whole steps whether to stop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from time import perf_counter
from typing import TYPE_CHECKING, Any

from textual.worker import Worker, WorkerState

from store import StoreError
from tui.safe_text import printable

if TYPE_CHECKING:
    from tui.app import AnnotuiApp

PROGRESS_EVERY = 0.1
"""Seconds between two progress reports from the thread."""


class BackgroundRun:
    """One kind of long work: at most one run at a time."""

    group: str = ""
    """Worker group of the run."""
    title: str = ""
    """Title of its notifications."""

    def __init__(self, app: AnnotuiApp) -> None:
        self.app = app
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
                self.app.call_from_thread(self._show, done, total)

        self.running, self.progress = True, None
        self._stop.clear()
        self.app.refresh_progress()
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

    def _show(self, done: int, total: int) -> None:
        self.progress = (done, total)
        self.app.refresh_progress()
        self.shown(done, total)

    def shown(self, done: int, total: int) -> None:
        """Called on the main thread after each progress report."""

    def worker_changed(self, worker: Worker[Any], state: WorkerState) -> None:
        """Report the run's result or error once it has ended."""
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
        self.app.refresh_progress()

    def finished(self, result: Any) -> None:
        """Called on the main thread with what the work returned."""

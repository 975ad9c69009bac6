"""Exporting from inside the app: ask for a file, write the annotated articles in a thread.

The export runs in a thread worker on its own read-only :class:`Store` (the app keeps editing
on its own), through :func:`store.exporting.export_articles`: the file is written beside its
name and renamed into place when complete. The header says ``exporting 120/300…``;
``ctrl+x`` stops, and then nothing is written.
"""

from __future__ import annotations

import threading
from time import perf_counter
from typing import TYPE_CHECKING, Any

from textual.worker import Worker, WorkerState

from store import Store, StoreError

if TYPE_CHECKING:
    from store.exporting import Exported
    from tui.app import AnnotuiApp

EXPORT_GROUP = "export"
"""Worker group of the export."""
PROGRESS_EVERY = 0.1
"""Seconds between two progress reports from the export thread."""
HINT = (
    "Every annotated article as extraction-contract JSON lines (rejected annotations left "
    "out); annotui export has more choices."
)
"""What the export writes, said above the input."""


class ExportRun:
    """The app's export: at most one at a time."""

    def __init__(self, app: AnnotuiApp) -> None:
        self.app = app
        self.running = False
        """True from the file chosen until the export ends."""
        self.progress: tuple[int, int] | None = None
        """(articles done, articles chosen) while writing."""
        self._stop = threading.Event()

    def ask(self) -> None:
        """Ask for the file to write, then export to it."""
        from tui.screens.path_dialog import PathDialog

        if self.running:
            self.app.notify("An export is running (ctrl+x stops it).", title="Export")
            return
        dialog = PathDialog("Export the corpus to", HINT, "corpus.jsonl", "export")
        self.app.push_screen(dialog, self.start)

    def start(self, path: str | None) -> None:
        """Write the export to ``path`` in a thread worker."""
        if not path or self.running:
            return
        self.running, self.progress = True, None
        self._stop.clear()
        self.app.refresh_progress()
        self.app.run_worker(
            lambda: self._export(path),
            name=f"export {path}",
            group=EXPORT_GROUP,
            thread=True,
            exit_on_error=False,
        )

    def stop(self) -> None:
        """Stop before the next article; the file is then not written."""
        self._stop.set()

    def _export(self, path: str) -> Exported:
        """Runs in the worker's thread."""
        from pathlib import Path

        from store.exporting import FORMATS, chosen_articles, export_articles

        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            if perf_counter() - last >= PROGRESS_EVERY:
                last = perf_counter()
                self.app.call_from_thread(self._show, done, total)

        with Store(self.app.store.path, readonly=True) as store:
            return export_articles(
                store,
                chosen_articles(store),
                Path(path),
                FORMATS["jsonl"],
                progress=progress,
                stop=self._stop.is_set,
            )

    def _show(self, done: int, total: int) -> None:
        self.progress = (done, total)
        self.app.refresh_progress()

    def worker_changed(self, worker: Worker[Any], state: WorkerState) -> None:
        """Say what was written, or why nothing was."""
        app = self.app
        if state == WorkerState.SUCCESS and worker.result is not None:
            done: Exported = worker.result
            if done.stopped:
                message = f"Stopped: {done.path} was not written."
            else:
                left = f" ({done.unannotated} not annotated yet)" if done.unannotated else ""
                message = f"Exported {done.written} articles to {done.path}{left}."
            app.notify(message, title="Export", markup=False)
        elif state == WorkerState.ERROR:
            error = worker.error
            message = str(error) if isinstance(error, StoreError) else repr(error)
            app.notify(message, title="Not exported", severity="error", markup=False)
        elif state != WorkerState.CANCELLED:
            return
        self.running, self.progress = False, None
        app.refresh_progress()

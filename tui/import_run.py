"""Importing articles from inside the app: ask for a path, read it, add the articles in steps.

The files are read and checked in a thread worker (no store access there); a bad file is
reported, naming it, and nothing is added. The articles are then added on the main thread
:data:`STEP` at a time, as many steps per timer tick as fit in :data:`TICK_BUDGET`, so the app
keeps drawing and answering keys; the header says ``importing 20/300…`` and the list grows as
they land. ``ctrl+x`` stops between two steps: what was added is whole, and importing the
same path again adds the rest. New articles without an annotation go to the model afterwards.
"""

from __future__ import annotations

from contextlib import suppress
from time import perf_counter
from typing import TYPE_CHECKING, Any

from textual.worker import Worker, WorkerState

from store import StoreError

if TYPE_CHECKING:
    from tui.app import AnnotuiApp

IMPORT_GROUP = "import"
"""Worker group of the file reading."""
STEP = 10
"""Articles added per step (some 20 ms): ``ctrl+x`` stops between two steps."""
TICK_BUDGET = 0.05
"""Seconds of steps per timer tick before keys and drawing get their turn."""
LIST_EVERY = 0.5
"""Seconds between two refreshes of the list while adding."""


class ImportRun:
    """The app's import: at most one at a time."""

    def __init__(self, app: AnnotuiApp) -> None:
        self.app = app
        self.running = False
        """True from the path chosen until the last step (or the stop)."""
        self.progress: tuple[int, int] | None = None
        """(added, to add) while adding."""
        self._fresh: list[dict[str, Any]] = []
        self._known = 0
        self._new: list[str] = []
        self._stop = False
        self._listed = 0.0

    def ask(self) -> None:
        """Ask for a file or folder, then import from it."""
        from tui.screens.path_dialog import PathDialog

        app = self.app
        if app.store.readonly:
            app.notify("The store is read-only.", title="Import", severity="warning")
        elif self.running:
            app.notify("An import is running (ctrl+x stops it).", title="Import")
        else:
            app.push_screen(PathDialog(), self.start)

    def start(self, path: str | None) -> None:
        """Read ``path`` in a thread worker; its result starts the adding."""
        from store.importing import read_articles

        if not path or self.running:
            return
        self.running, self._stop, self._new, self.progress = True, False, [], None
        self.app.refresh_progress()
        self.app.run_worker(
            lambda: read_articles([path]),
            name=f"read {path}",
            group=IMPORT_GROUP,
            thread=True,
            exit_on_error=False,
        )

    def worker_changed(self, worker: Worker[Any], state: WorkerState) -> None:
        """Start adding what was read, or say why it could not be read."""
        if state == WorkerState.SUCCESS:
            self._begin(worker.result or [])
        elif state in (WorkerState.ERROR, WorkerState.CANCELLED):
            if state == WorkerState.ERROR:
                error = worker.error
                message = str(error) if isinstance(error, StoreError) else repr(error)
                self.app.notify(message, title="Not imported", severity="error", markup=False)
            self._end()

    def stop(self) -> None:
        """Stop after the step being added (nothing is half-written)."""
        if self.running:
            self._stop = True
            self.app.workers.cancel_group(self.app, IMPORT_GROUP)

    def _begin(self, items: list[dict[str, Any]]) -> None:
        from store.importing import split_new

        self._fresh, known = split_new(self.app.store, items)
        self._known = len(known)
        self._listed = perf_counter()
        self._tick()

    def _tick(self) -> None:
        """Add steps for up to :data:`TICK_BUDGET`, show the progress, come back."""
        fresh, deadline = self._fresh, perf_counter() + TICK_BUDGET
        while not self._stop and len(self._new) < len(fresh) and perf_counter() < deadline:
            done = len(self._new)
            try:
                self._new += self.app.store.add_articles(fresh[done : done + STEP])
            except StoreError as error:
                self.app.notify(str(error), title="Import stopped", severity="error", markup=False)
                self._stop = True
        if self._stop or len(self._new) >= len(fresh):
            self._finish()
            return
        self.progress = (len(self._new), len(fresh))
        self.app.refresh_progress()
        if perf_counter() - self._listed >= LIST_EVERY:
            self._listed = perf_counter()
            self.app.poll_store()  # the new rows show now, not at the next poll
        self.app.set_timer(0.001, self._tick)

    def _finish(self) -> None:
        app, new, total = self.app, self._new, len(self._fresh)
        if new:
            app.poll_store()  # the last rows show now
            with suppress(StoreError):  # only a cache: the next open reads the shards
                app.store.save_index_cache()
        more = f", {self._known} already there" if self._known else ""
        if len(new) < total:
            message = f"Stopped: imported {len(new)} of {total}{more}. Import again for the rest."
        else:
            message = f"Imported {len(new)} article{'' if len(new) == 1 else 's'}{more}."
        app.notify(message, title="Import", markup=False)
        with suppress(StoreError):
            app.annotate_missing([app.store.summary(aid) for aid in new])
        self._end()

    def _end(self) -> None:
        self.running, self.progress, self._fresh = False, None, []
        self.app.refresh_progress()

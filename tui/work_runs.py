"""The app's long work: the model run, the import and the export, side by side.

Each is its own object (:class:`~tui.annotation_run.AnnotationRun`,
:class:`~tui.import_run.ImportRun`, :class:`~tui.export_run.ExportRun`); this one answers
what the app asks of them together: what to show in the header, whether "Stop" is offered,
how to stop them all, and which run a finished worker belonged to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.worker import Worker, WorkerState

from tui.annotation_run import AnnotationRun, RunHost
from tui.background_run import BackgroundRun
from tui.export_run import EXPORT_GROUP, ExportRun
from tui.import_run import IMPORT_GROUP, ImportRun
from tui.workers import ANNOTATE_GROUP

if TYPE_CHECKING:
    from textual.app import App

    from store import Store


class WorkRuns:
    """The model run, the import and the export of one app."""

    def __init__(self, app: App[Any], host: RunHost, store: Store) -> None:
        self.app = app
        self.annotation = AnnotationRun(host)
        """The queue of articles for the model, and the run going through it."""
        self.imports = ImportRun(app, store)
        self.exports = ExportRun(app, store)
        self._background: dict[str, BackgroundRun] = {
            IMPORT_GROUP: self.imports,
            EXPORT_GROUP: self.exports,
        }

    def progress(self) -> tuple[str, ...]:
        """The header's words for the work going on (``annotating 3/40…``, …)."""
        parts: list[str] = []
        if self.annotation.progress is not None:
            parts.append("annotating {}/{}…".format(*self.annotation.progress))
        if self.imports.progress is not None:
            parts.append("importing {}/{}…".format(*self.imports.progress))
        elif self.imports.running:
            parts.append("reading files…")
        if self.exports.running:
            done, total = self.exports.progress or (0, 0)
            parts.append(f"exporting {done}/{total}…" if total else "exporting…")
        return tuple(parts)

    def show(self, group: str, progress: tuple[int, int] | None) -> None:
        """Record what an import or export reported."""
        self._background[group].show(progress)

    @property
    def annotating(self) -> bool:
        """True while the model runs or an article waits for it."""
        return self.annotation.active

    @property
    def stoppable(self) -> bool:
        """True while something runs that ``ctrl+x`` stops."""
        return self.annotating or self.imports.running or self.exports.running

    def cancel_annotation(self) -> None:
        """Stop the model run: what it did not hand over yet is dropped (nothing of the
        article being annotated is written)."""
        if self.annotation.active:
            self.app.workers.cancel_group(self.app, ANNOTATE_GROUP)
            self.annotation.cancel()

    def stop_all(self) -> None:
        """Stop the model run, the import and the export."""
        self.cancel_annotation()
        self.imports.stop()
        self.exports.stop()

    def worker_changed(self, worker: Worker[Any], state: WorkerState) -> bool:
        """Tell the run a worker belongs to that it changed state; True when it was one of
        them (the header is then redrawn)."""
        if worker.group in self._background:
            self._background[worker.group].worker_changed(worker, state)
            return True
        if worker.group == ANNOTATE_GROUP and worker.is_finished:
            if state != WorkerState.CANCELLED:  # cancel_annotation has reset the run
                self.annotation.ended(worker.error if state == WorkerState.ERROR else None)
            return True
        return False
